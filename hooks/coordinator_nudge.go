package hooks

import (
	"net/http"
	"strings"
	"time"

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
		return e.BadRequestError(upperFirst(err.Error())+".", nil)
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
		return e.BadRequestError(upperFirst(err.Error())+".", nil)
	}
	return e.JSON(http.StatusOK, map[string]any{"ok": true, "told": n})
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

// statsRoute answers the network's numbers.
func statsRoute(e *core.RequestEvent) error {
	s, err := Stats(e.App, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, s)
}

// queuesRoute answers the coordinator's queues.
func queuesRoute(e *core.RequestEvent) error {
	q, err := CoordinatorQueues(e.App, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, q)
}
