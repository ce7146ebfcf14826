package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

func registerUpdates(app core.App) {
	app.OnRecordCreate(ColUpdates).BindFunc(recordStatusUpdate)
	app.OnRecordCreateRequest(ColUpdates).BindFunc(guardUpdateCreate)
	app.OnRecordUpdateRequest(ColUpdates).BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() {
			if err := guardFields(e.Record, "body"); err != nil {
				return badRequest(e.RequestEvent, err)
			}
		}
		return e.Next()
	})
}

// recordStatusUpdate stamps the phase a status update starts from and, in
// the same transaction, moves the project to its new phase and marks it
// active: reporting once keeps the project fresh.
func recordStatusUpdate(e *core.RecordEvent) error {
	project, err := e.App.FindRecordById(ColProjects, e.Record.GetString("project"))
	if err != nil {
		return fieldError("project", "pipeline_not_found", "Choose a project.")
	}
	from := project.GetString("phase")
	e.Record.Set("phaseFrom", from)
	if e.Record.GetString("phaseTo") == from {
		e.Record.Set("phaseTo", "")
	}
	if err := e.Next(); err != nil {
		return err
	}
	return touchProject(e.App, project, e.Record.GetString("phaseTo"), time.Now())
}

// touchProject records activity on a project at now and, when phase is
// set, moves it into that phase starting today.
func touchProject(app core.App, project *core.Record, phase string, now time.Time) error {
	stamp, err := types.ParseDateTime(now.UTC())
	if err != nil {
		return fmt.Errorf("activity timestamp: %w", err)
	}
	project.Set("lastActivityAt", stamp)
	project.Set("dormantSince", "")
	if phase != "" && phase != project.GetString("phase") {
		project.Set("phase", phase)
		project.Set("phaseStart", stamp)
		if end := project.GetDateTime("phaseEnd"); !end.IsZero() && end.Before(stamp) {
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
