package hooks

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

func nudgeRoute(e *core.RequestEvent) error {
	var body struct {
		Project  string `json:"project"`
		Interest string `json:"interest"`
		Message  string `json:"message"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request could not be read.", err)
	}
	if strings.TrimSpace(body.Message) == "" {
		return badRequest(e, fieldError("message", "validation_required", "Write a message."))
	}
	n, err := Nudge(e.App, e.Auth, body.Project, body.Interest, strings.TrimSpace(body.Message))
	if err != nil {
		return actionRefusal(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"ok": true, "told": n})
}

func introduceRoute(e *core.RequestEvent) error {
	var body struct {
		Projects []string `json:"projects"`
		Message  string   `json:"message"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request could not be read.", err)
	}
	if strings.TrimSpace(body.Message) == "" {
		return badRequest(e, fieldError("message", "validation_required", "Write a message."))
	}
	n, err := Introduce(e.App, e.Auth, body.Projects, strings.TrimSpace(body.Message))
	if err != nil {
		return actionRefusal(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"ok": true, "told": n})
}

// actionRefusal answers a coordinator action's error: a field error as a
// refusal naming the field (see refuse), anything else as the server's.
func actionRefusal(e *core.RequestEvent, err error) error {
	var ve validation.Errors
	if errors.As(err, &ve) {
		for field, fe := range ve {
			return e.BadRequestError(upperFirst(fe.Error()), fieldError(field, errorCode(fe), upperFirst(fe.Error())))
		}
	}
	return e.InternalServerError("", err)
}

// errorCode is a field error's code.
func errorCode(err error) string {
	var ve validation.Error
	if errors.As(err, &ve) {
		return ve.Code()
	}
	return "pipeline_invalid"
}

// featureRoute: coordinators choose the projects the home page features.
func featureRoute(e *core.RequestEvent) error {
	var body struct {
		Featured bool `json:"featured"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request could not be read.", err)
	}
	p, err := e.App.FindRecordById(ColProjects, e.Request.PathValue("id"))
	if err != nil || (body.Featured && p.GetString("visibility") != VisibilityPublished) {
		return e.NotFoundError("No such published project.", nil)
	}
	p.Set("featured", body.Featured)
	if err := e.App.Save(p); err != nil {
		return e.BadRequestError("The project could not be saved.", err)
	}
	return e.JSON(http.StatusOK, p)
}

// logNudge records a nudge or an introduction.
func logNudge(app core.App, kind, author, interest, message string, projects, recipients []string) error {
	col, err := app.FindCollectionByNameOrId(ColNudges)
	if err != nil {
		return err
	}
	r := core.NewRecord(col)
	r.Set("kind", kind)
	r.Set("author", author)
	r.Set("interest", interest)
	r.Set("projects", projects)
	r.Set("recipients", recipients)
	r.Set("message", message)
	return app.Save(r)
}

// Nudge sends a coordinator's message about a project (to its owner and
// contact) or an interest (to the project's team), through the outbox,
// and logs it.
func Nudge(app core.App, coordinator *core.Record, projectId, interestId, message string) (int, error) {
	var p *core.Record
	var err error
	if interestId != "" {
		in, err := app.FindRecordById(ColInterests, interestId)
		if err != nil {
			return 0, fieldError("interest", "pipeline_not_found", "No such interest.")
		}
		projectId = in.GetString("project")
	}
	if p, err = app.FindRecordById(ColProjects, projectId); err != nil {
		return 0, fieldError("project", "pipeline_not_found", "No such project.")
	}
	recipients := ownerOrAdmins(app, p)
	recipients = append(recipients, projectContacts(app, p)...)
	recipients = slices.Compact(slices.DeleteFunc(recipients, func(s string) bool { return s == "" }))
	title := "A coordinator asks about " + p.GetString("title")
	if interestId != "" {
		title = "A coordinator asks you to answer interest in " + p.GetString("title")
	}
	err = app.RunInTransaction(func(tx core.App) error {
		if err := notify(tx, Notice{Kind: KindNudge, Project: p.Id, URL: projectPath(p), Urgent: true,
			Title: title, Body: message + "\n\n— " + coordinator.GetString("name") + ", coordinator"}, coordinator.Id, recipients...); err != nil {
			return err
		}
		return logNudge(tx, "nudge", coordinator.Id, interestId, message, []string{p.Id}, recipients)
	})
	return len(recipients), err
}

// Introduce emails the owners of similar projects to each other, through
// the outbox, with links to each other's projects, and logs it.
func Introduce(app core.App, coordinator *core.Record, projectIds []string, message string) (int, error) {
	seen := map[string]bool{}
	for _, id := range projectIds {
		if seen[id] {
			return 0, fieldError("projects", "pipeline_repeated", "Choose each project once.")
		}
		seen[id] = true
	}
	if len(projectIds) < 2 {
		return 0, fieldError("projects", "pipeline_too_few", "Choose at least two projects.")
	}
	var projects []*core.Record
	for _, id := range projectIds {
		p, err := app.FindRecordById(ColProjects, id)
		if err != nil || p.GetString("visibility") != VisibilityPublished {
			return 0, fieldError("projects", "pipeline_not_found", "No such published project.")
		}
		projects = append(projects, p)
	}
	told := 0
	var all []string
	err := app.RunInTransaction(func(tx core.App) error {
		for _, p := range projects {
			var others []string
			for _, o := range projects {
				if o.Id == p.Id {
					continue
				}
				org, _ := tx.FindRecordById(ColOrganisations, o.GetString("organisation"))
				name := ""
				if org != nil {
					name = org.GetString("name")
				}
				line := fmt.Sprintf("%s (%s): %s", o.GetString("title"), name, absoluteURL(tx, projectPath(o)))
				if c := o.GetString("contactName"); c != "" {
					line += fmt.Sprintf(". Contact: %s, %s", c, o.GetString("contactEmail"))
				}
				others = append(others, line)
			}
			recipients := ownerOrAdmins(tx, p)
			if err := notify(tx, Notice{Kind: KindIntroduction, Project: p.Id, URL: projectPath(p), Urgent: true,
				Title: "A coordinator introduces you to councils doing similar work",
				Body:  message + "\n\n" + strings.Join(others, "\n") + "\n\n— " + coordinator.GetString("name") + ", coordinator"},
				coordinator.Id, recipients...); err != nil {
				return err
			}
			told += len(recipients)
			all = append(all, recipients...)
		}
		return logNudge(tx, "introduction", coordinator.Id, "", message, projectIds, all)
	})
	return told, err
}
