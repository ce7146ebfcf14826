package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// recordStatusUpdate stamps the phase a status update starts from and, in
// the same transaction, moves the project to its new phase, marks it
// active (reporting once keeps the project fresh) and tells its followers.
// An update read from a feed or a repository is activity when its entry
// was published (its created date), never later than now.
func recordStatusUpdate(e *core.RecordEvent) error {
	project, err := e.App.FindRecordById(ColProjects, e.Record.GetString("project"))
	if err != nil {
		return fieldError("project", "pipeline_not_found", "Choose a project.")
	}
	from := e.Record.GetString("phaseFrom")
	if from == "" {
		from = project.GetString("phase")
		e.Record.Set("phaseFrom", from)
	}
	if e.Record.GetString("phaseTo") == from {
		e.Record.Set("phaseTo", "")
	}
	at := time.Now()
	if e.Record.GetString("source") != "" {
		// A feed's update is dated as its entry, which the read has
		// already kept at or before its own now.
		if c := e.Record.GetDateTime("created"); !c.IsZero() {
			at = c.Time()
		}
	}
	return inTransaction(e, func(tx core.App) error {
		if err := touchProject(tx, project, e.Record.GetString("phaseTo"), at); err != nil {
			return err
		}
		return notifyUpdate(tx, project, e.Record)
	})
}

func notifyUpdate(app core.App, project, update *core.Record) error {
	title := "Update on " + project.GetString("title")
	if to := update.GetString("phaseTo"); to != "" {
		title = fmt.Sprintf("%s moved from %s to %s", project.GetString("title"), update.GetString("phaseFrom"), to)
	}
	recipients, err := followers(app, project.Id)
	if err != nil {
		return err
	}
	body := update.GetString("body")
	if link := update.GetString("sourceUrl"); link != "" {
		body += "\n\nRead the rest: " + link
	}
	return notify(app, Notice{
		Kind: KindProjectUpdate, Project: project.Id, Title: title,
		Body: body, URL: projectPath(project),
	}, update.GetString("author"), recipients...)
}

// touchProject records activity on a project at now (unless it was active
// later) and, when phase is set, moves it into that phase starting today.
func touchProject(app core.App, project *core.Record, phase string, now time.Time) error {
	at := Stamp(now)
	if at.After(project.GetDateTime("lastActivityAt")) {
		project.Set("lastActivityAt", at)
	} else if phase == "" {
		return nil // an older entry read from a feed: nothing changes
	}
	if phase != "" && phase != project.GetString("phase") {
		project.Set("phase", phase)
		project.Set("phaseStart", at)
		if end := project.GetDateTime("phaseEnd"); !end.IsZero() && end.Before(at) {
			project.Set("phaseEnd", "")
		}
	}
	if err := app.Save(project); err != nil {
		return fmt.Errorf("mark project %s active: %w", project.Id, err)
	}
	return nil
}

// guardUpdateCreate: the caller is the author; only the owning
// organisation moves a project's phase (partners may report progress).
func guardUpdateCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if c.superuser {
		return e.Next()
	}
	if err := guardFields(e.Record, "project", "body", "phaseTo", "author"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	if a := e.Record.GetString("author"); a != "" && a != c.id() {
		return badRequest(e.RequestEvent, fieldError("author", "pipeline_forbidden_field", "You can only post updates as yourself."))
	}
	e.Record.Set("author", c.id())
	if e.Record.GetString("phaseTo") != "" {
		project, err := e.App.FindRecordById(ColProjects, e.Record.GetString("project"))
		if err != nil || !c.memberOf(project.GetString("organisation")) {
			return badRequest(e.RequestEvent, fieldError("phaseTo", "pipeline_forbidden_field",
				"Only the project's own organisation can change its phase."))
		}
	}
	return e.Next()
}

// recordPhaseChange logs a phase changed by editing the project as a status
// update, so the timeline and followers hear of it like any other.
func recordPhaseChange(app core.App, project *core.Record, author, from, to string) error {
	col, err := app.FindCachedCollectionByNameOrId(ColUpdates)
	if err != nil {
		return fmt.Errorf("find updates: %w", err)
	}
	u := core.NewRecord(col)
	u.Set("project", project.Id)
	u.Set("author", author)
	u.Set("phaseFrom", from)
	u.Set("phaseTo", to)
	u.Set("body", fmt.Sprintf("Moved from %s to %s.", from, to))
	if err := app.Save(u); err != nil {
		return fmt.Errorf("log phase change of %s: %w", project.Id, err)
	}
	return nil
}

// guardUpdateEdit lets the author change only an update's body.
func guardUpdateEdit(e *core.RecordRequestEvent) error {
	if !e.HasSuperuserAuth() {
		if err := guardFields(e.Record, "body"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
	}
	return e.Next()
}
