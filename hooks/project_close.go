package hooks

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// closeReasons say why a project closed in favour of another.
var closeReasons = map[string]string{
	"duplicate":        "it duplicated",
	"merged":           "it merged into",
	"startedElsewhere": "the work started elsewhere, in",
	"stopped":          "it stopped, and the work goes on in",
}

// CloseAsContinued closes a project as continued in another, for a reason,
// and invites its followers (they are not moved) to follow the other one.
func CloseAsContinued(app core.App, p, other *core.Record, reason, actor string, now time.Time) error {
	if _, ok := closeReasons[reason]; !ok {
		return fieldError("reason", "pipeline_invalid_reason", "Choose why the project is closing.")
	}
	if other.Id == p.Id {
		return fieldError("continuedIn", "pipeline_self_link", "Choose another project.")
	}
	return app.RunInTransaction(func(tx core.App) error {
		p.Set("continuedIn", other.Id)
		p.Set("closedReason", reason)
		p.Set("closedAt", Stamp(now))
		if err := tx.Save(p); err != nil {
			return err
		}
		recipients, err := followers(tx, p.Id)
		if err != nil {
			return err
		}
		var already []string
		if err := tx.DB().Select("user").From(ColInterests).Where(dbx.HashExp{"project": other.Id}).Column(&already); err != nil {
			return err
		}
		recipients = slices.DeleteFunc(recipients, func(u string) bool { return slices.Contains(already, u) })
		return notify(tx, Notice{Kind: KindContinuedIn, Project: other.Id, URL: projectPath(other),
			Title: fmt.Sprintf("%s continues in %s", p.GetString("title"), other.GetString("title")),
			Body:  fmt.Sprintf("You followed %s. It has closed because %s %s. Follow %s to keep hearing about the work.", p.GetString("title"), closeReasons[reason], other.GetString("title"), other.GetString("title"))},
			actor, recipients...)
	})
}

// closeRoute: POST /api/pipeline/projects/{id}/close {"continuedIn","reason"}
// by the project's owner, an officer of its organisation, or a coordinator.
func closeRoute(e *core.RequestEvent) error {
	var body struct {
		ContinuedIn string `json:"continuedIn"`
		Reason      string `json:"reason"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request could not be read.", err)
	}
	p, err := viewableRecord(e, ColProjects, e.Request.PathValue("id"), "No such project.")
	if err != nil {
		return err
	}
	c := callerOf(e)
	if !c.coordinator() && !c.memberOf(p.GetString("organisation")) {
		return e.ForbiddenError("Only the project's organisation or a coordinator can close it.", nil)
	}
	other, err := e.App.FindRecordById(ColProjects, body.ContinuedIn)
	if err != nil || other.GetString("visibility") != VisibilityPublished {
		return badRequest(e, fieldError("continuedIn", "pipeline_not_found", "Choose a published project it continues in."))
	}
	if err := CloseAsContinued(e.App, p, other, body.Reason, c.id(), time.Now()); err != nil {
		return badRequest(e, err)
	}
	return e.JSON(http.StatusOK, p)
}

// askForOutcome asks the owner to record what happened when a project goes
// live or retires: the moment the outcome is worth recording.
func askForOutcome(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		phase := e.Record.GetString("phase")
		if phase == e.Record.Original().GetString("phase") || (phase != "live" && phase != "retired") {
			return nil
		}
		verb := map[string]string{"live": "is live", "retired": "is retired"}[phase]
		return notify(tx, Notice{Kind: KindOutcomeWanted, Project: e.Record.Id, URL: projectPath(e.Record) + "/edit#f-outcomeWorked",
			Title: e.Record.GetString("title") + " " + verb + ": record what happened",
			Body:  "Tell other councils what worked, what did not, what they can reuse and any savings. It takes a few minutes and is the most useful thing a project leaves behind."},
			"", ownerOrAdmins(tx, e.Record)...)
	})
}
