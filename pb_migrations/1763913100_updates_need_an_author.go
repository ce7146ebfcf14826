package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// An update's author could edit and delete it under the rule
// `author = @request.auth.id`. PocketBase compares a missing value as
// empty text, so for an update without an author (one read from a team's
// feed, or one a superuser posted) a visitor, whose @request.auth.id is
// empty, matched it: anyone could rewrite or delete it. The rules now
// need a signed-in author. An update read from a feed or a repository has
// no author; the officers of the project's own organisation may delete it
// (it is never read again: its entry is remembered), and nobody edits it,
// since it stands for what the team wrote elsewhere.
const (
	updatesEditBefore   = `author = @request.auth.id`
	updatesEditAfter    = `@request.auth.id != "" && author = @request.auth.id`
	updatesDeleteBefore = updatesEditBefore
	updatesDeleteAfter  = `@request.auth.id != "" && (author = @request.auth.id || (source != "" && ` +
		ruleApproved + ` && @request.auth.organisation != "" && project.organisation = @request.auth.organisation))`
)

func init() {
	m.Register(func(app core.App) error {
		return setUpdatesEditRules(app, updatesEditAfter, updatesDeleteAfter)
	}, func(app core.App) error {
		return setUpdatesEditRules(app, updatesEditBefore, updatesDeleteBefore)
	})
}

func setUpdatesEditRules(app core.App, update, del string) error {
	c, err := app.FindCollectionByNameOrId("updates")
	if err != nil {
		return fmt.Errorf("find updates: %w", err)
	}
	c.UpdateRule = &update
	c.DeleteRule = &del
	return save(app, c)
}
