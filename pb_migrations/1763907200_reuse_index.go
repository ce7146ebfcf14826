package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A project page lists the projects that reuse it. Few projects reuse
// anything, so a partial index of those few lets that look-up skip the
// rest of the table (it read all of it: half a second at 100,000
// projects). Queries must repeat the index's condition to use it.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("projects")
		if err != nil {
			return fmt.Errorf("find projects: %w", err)
		}
		c.AddIndex("idx_projects_reusing", false, "id", "reuses != '[]' AND reuses != ''")
		return save(app, c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("projects")
		if err != nil {
			return fmt.Errorf("find projects: %w", err)
		}
		c.RemoveIndex("idx_projects_reusing")
		return save(app, c)
	})
}
