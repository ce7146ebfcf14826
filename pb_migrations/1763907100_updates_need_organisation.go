package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Posting a status update needs an organisation. The rule let a caller post
// on a published project when `project.partners.id ?= @request.auth.organisation`;
// for an approved caller with no organisation (a coordinator) that compared
// "" with a project that has no partners, and matched: coordinators could post
// status updates on every published project without partners, marking it
// active and notifying its followers in the project's name.
const (
	updatesCreateBefore = `@request.auth.membership = "approved" && (project.organisation = @request.auth.organisation || ` +
		`(project.visibility = "published" && project.partners.id ?= @request.auth.organisation))`
	updatesCreateAfter = `@request.auth.membership = "approved" && @request.auth.organisation != "" && ` +
		`(project.organisation = @request.auth.organisation || ` +
		`(project.visibility = "published" && project.partners.id ?= @request.auth.organisation))`
)

func init() {
	m.Register(func(app core.App) error {
		return setUpdatesCreateRule(app, updatesCreateAfter)
	}, func(app core.App) error {
		return setUpdatesCreateRule(app, updatesCreateBefore)
	})
}

func setUpdatesCreateRule(app core.App, rule string) error {
	c, err := app.FindCollectionByNameOrId("updates")
	if err != nil {
		return fmt.Errorf("find updates: %w", err)
	}
	c.CreateRule = &rule
	return save(app, c)
}
