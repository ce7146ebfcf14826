package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Interests are found by project everywhere (the project page's summary,
// followers, the chase). Since 1763910100 the index on (project, user) is
// partial (state != 'declined'), and SQLite uses a partial index only for
// a query whose conditions imply its own, so those lookups read every
// interest: 0.6 s a project page at 300,000 interests. A plain index on
// (project, state) serves them again.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("interests")
		if err != nil {
			return fmt.Errorf("find interests: %w", err)
		}
		c.AddIndex("idx_interests_project_state", false, "project, state", "")
		return save(app, c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("interests")
		if err != nil {
			return fmt.Errorf("find interests: %w", err)
		}
		c.RemoveIndex("idx_interests_project_state")
		return save(app, c)
	})
}
