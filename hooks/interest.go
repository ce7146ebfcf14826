package hooks

import (
	"fmt"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// fillOrganisationFromUser sets a record's organisation to its user's.
func fillOrganisationFromUser(app core.App, r *core.Record) error {
	if r.GetString("organisation") != "" || r.GetString("user") == "" {
		return nil
	}
	u, err := app.FindRecordById(ColUsers, r.GetString("user"))
	if err != nil {
		return fieldError("user", "pipeline_not_found", "No such person.")
	}
	r.Set("organisation", u.GetString("organisation"))
	return nil
}

// guardInterestCreate: an officer expresses interest as themself, for
// their own organisation. Beyond following, interest is for other
// organisations' projects.
func guardInterestCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if c.superuser {
		return e.Next()
	}
	if err := guardFields(e.Record, "project", "kind", "message", "user", "organisation"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	e.Record.Set("user", c.id())
	e.Record.Set("organisation", c.organisation())
	project, err := e.App.FindRecordById(ColProjects, e.Record.GetString("project"))
	if err != nil {
		return badRequest(e.RequestEvent, fieldError("project", "pipeline_not_found", "Choose a project."))
	}
	if e.Record.GetString("kind") != InterestFollowing && project.GetString("organisation") == c.organisation() {
		return badRequest(e.RequestEvent, fieldError("kind", "pipeline_own_project",
			"This is your own organisation's project: you can follow it, but not express interest in it."))
	}
	return e.Next()
}

// guardInterestUpdate: the interested officer edits or withdraws their
// interest; the owning organisation answers it.
func guardInterestUpdate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if c.superuser {
		return e.Next()
	}
	orig := e.Record.Original()
	from, to := orig.GetString("state"), e.Record.GetString("state")
	var err error
	if c.id() == orig.GetString("user") {
		err = guardFields(e.Record, "kind", "message", "state")
		if err == nil && from != to && !(to == InterestWithdrawn || (from == InterestWithdrawn && to == InterestOpen)) {
			err = fieldError("state", "pipeline_invalid_transition", "You can withdraw your interest, or renew it once withdrawn.")
		}
	} else {
		err = guardFields(e.Record, "state")
		answers := []string{InterestAcknowledged, InterestCollaborating, InterestDeclined}
		if err == nil && from != to && (from == InterestWithdrawn || !slices.Contains(answers, to)) {
			err = fieldError("state", "pipeline_invalid_transition",
				fmt.Sprintf("Interest that is %s cannot be marked %s.", from, to))
		}
		if err == nil && from != to && orig.GetDateTime("respondedAt").IsZero() {
			e.Record.Set("respondedAt", types.NowDateTime())
		}
	}
	if err != nil {
		return badRequest(e.RequestEvent, err)
	}
	return e.Next()
}

// interestCreateDefaults opens a new interest and records the organisation
// of the officer who expressed it.
func interestCreateDefaults(e *core.RecordEvent) error {
	if e.Record.GetString("state") == "" {
		e.Record.Set("state", InterestOpen)
	}
	if err := fillOrganisationFromUser(e.App, e.Record); err != nil {
		return err
	}
	return e.Next()
}
