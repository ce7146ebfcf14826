package hooks

import (
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// confirmRoute: an officer of the project's organisation says it is still
// accurate ("Yes, still accurate" in My Pipeline).
func confirmRoute(e *core.RequestEvent) error {
	if _, err := viewableRecord(e, ColProjects, e.Request.PathValue("id"), "No such project."); err != nil {
		return err // a project the caller cannot see answers as one that does not exist
	}
	p, err := confirmProject(e.App, e.Auth.Id, e.Request.PathValue("id"), time.Now())
	if err != nil {
		return e.ForbiddenError(upperFirst(err.Error())+".", nil)
	}
	return e.JSON(http.StatusOK, p)
}

// adoptRoute: any approved officer of the organisation takes over a dormant
// project, or one whose owner has gone, and becomes its owner. Adopting
// confirms it.
func adoptRoute(e *core.RequestEvent) error {
	p, err := viewableRecord(e, ColProjects, e.Request.PathValue("id"), "No such project.")
	if err != nil {
		return err
	}
	if !(caller{user: e.Auth}).memberOf(p.GetString("organisation")) {
		return e.ForbiddenError("Only officers of the project's organisation can adopt it.", nil)
	}
	if p.GetDateTime("dormantSince").IsZero() && p.GetString("owner") != "" {
		return e.BadRequestError("Only a dormant project, or one without an owner, can be adopted.", nil)
	}
	p.Set("owner", e.Auth.Id)
	p.Set("lastConfirmedAt", Stamp(time.Now()))
	if err := e.App.Save(p); err != nil {
		return e.BadRequestError("The project could not be adopted.", err)
	}
	return e.JSON(http.StatusOK, p)
}

// confirmProject marks a project still accurate at now, for an approved
// officer of its organisation; saving resets any chase and dormancy.
func confirmProject(app core.App, userId, projectId string, now time.Time) (*core.Record, error) {
	p, err := app.FindRecordById(ColProjects, projectId)
	if err != nil {
		return nil, errors.New("this project no longer exists")
	}
	u, err := app.FindRecordById(ColUsers, userId)
	if err != nil || !(caller{user: u}).memberOf(p.GetString("organisation")) {
		return nil, errors.New("only officers of the project's organisation can confirm it")
	}
	p.Set("lastConfirmedAt", Stamp(now))
	if err := app.Save(p); err != nil {
		return nil, err
	}
	return p, nil
}
