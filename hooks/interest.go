package hooks

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
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
	if err := guardFields(e.Record, "project", "remoteProject", "kind", "message", "user", "organisation"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	e.Record.Set("user", c.id())
	e.Record.Set("organisation", c.organisation())
	if e.Record.GetString("remoteProject") != "" {
		if err := checkRemoteInterest(e.App, e.Record, c.organisation(), time.Now()); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		return e.Next()
	}
	project, err := e.App.FindRecordById(ColProjects, e.Record.GetString("project"))
	if err != nil {
		return badRequest(e.RequestEvent, fieldError("project", "pipeline_not_found", "Choose a project."))
	}
	if e.Record.GetString("kind") != InterestFollowing && project.GetString("organisation") == c.organisation() {
		return badRequest(e.RequestEvent, fieldError("kind", "pipeline_own_project",
			"This is your own organisation's project: you can follow it, but not express interest in it."))
	}
	previous, from, err := declinedBefore(e.App, c.id(), project.Id, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	if !from.IsZero() {
		return refuse(e.RequestEvent, "project", "pipeline_declined_recently", fmt.Sprintf(
			"Your interest in this project was declined. You can express a new interest in it from %s.", longDate(from)))
	}
	if previous != nil {
		e.Record.Set("previous", previous.Id)
	}
	return e.Next()
}

// checkRemoteInterest checks an officer's interest in another Pipeline's
// project: one project, which exists, not their own council's, beyond
// following, and not declined too recently.
func checkRemoteInterest(app core.App, in *core.Record, org string, now time.Time) error {
	if in.GetString("project") != "" {
		return fieldError("remoteProject", "pipeline_one_project", "Choose one project.")
	}
	remote, err := app.FindRecordById(ColRemoteProjects, in.GetString("remoteProject"))
	if err != nil {
		return fieldError("remoteProject", "pipeline_not_found", "Choose a project.")
	}
	if !remote.GetDateTime("goneAt").IsZero() {
		return fieldError("remoteProject", "pipeline_gone", "This project is no longer shared with this Pipeline.")
	}
	if org == "" {
		return fieldError("organisation", "pipeline_no_organisation", "Only an officer of an organisation can express interest in another Pipeline's project.")
	}
	if in.GetString("kind") == InterestFollowing {
		return fieldError("kind", "pipeline_remote_following",
			"This project is on another Pipeline: follow it there, or say how you are interested.")
	}
	if remote.GetString("organisation") == org {
		return fieldError("kind", "pipeline_own_project", "This is your own organisation's project, published on another Pipeline.")
	}
	until, err := remoteInterestDeclinedRecently(app, in.GetString("user"), remote.Id, now)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		return fieldError("remoteProject", "pipeline_declined_recently", fmt.Sprintf(
			"Your interest in this project was declined. You can express a new interest in it from %s.", longDate(until)))
	}
	return nil
}

// declinedBefore finds the officer's latest declined interest in the
// project. A new interest may follow it (previous) once it is
// Config.InterestRetry old; until then from is when it may.
func declinedBefore(app core.App, user, project string, now time.Time) (previous *core.Record, from time.Time, err error) {
	recs, err := app.FindRecordsByFilter(ColInterests, "user = {:u} && project = {:p} && state = {:s}", "-declinedAt,-updated", 1, 0,
		dbx.Params{"u": user, "p": project, "s": InterestDeclined})
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("find declined interest: %w", err)
	}
	if len(recs) == 0 {
		return nil, time.Time{}, nil
	}
	cfg, err := LoadConfig(app)
	if err != nil {
		return nil, time.Time{}, err
	}
	until := declinedAt(recs[0]).Add(cfg.InterestRetry)
	if now.Before(until) {
		return recs[0], until, nil
	}
	return recs[0], time.Time{}, nil
}

// declinedAt is when an interest was declined (for interests declined
// before it was recorded: when it last changed).
func declinedAt(in *core.Record) time.Time {
	if t := in.GetDateTime("declinedAt"); !t.IsZero() {
		return t.Time()
	}
	return in.GetDateTime("updated").Time()
}

// longDate writes a day as 2 March 2027.
func longDate(t time.Time) string {
	return t.UTC().Format("2 January 2006")
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
	if c.id() == orig.GetString("user") && from == InterestDeclined {
		// A declined interest stays declined: it is not reopened, edited or
		// withdrawn to be renewed by the one who was declined.
		cfg, cerr := LoadConfig(e.App)
		if cerr != nil {
			return e.InternalServerError("", cerr)
		}
		msg := fmt.Sprintf("This interest was declined. You can express a new interest in this project from %s.",
			longDate(declinedAt(orig).Add(cfg.InterestRetry)))
		field := "state"
		if changed := changedFields(e.Record); len(changed) > 0 && !slices.Contains(changed, "state") {
			field = changed[0]
		}
		return refuse(e.RequestEvent, field, "pipeline_declined", msg)
	}
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
		if err == nil && from != to && to == InterestDeclined {
			e.Record.Set("declinedAt", types.NowDateTime())
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
