package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// What coordination needs: featured projects, projects closed as
// continued elsewhere, structured outcomes, and a log of nudges and
// introductions.
func init() {
	m.Register(func(app core.App) error {
		projects, err := app.FindCollectionByNameOrId("projects")
		if err != nil {
			return fmt.Errorf("find projects: %w", err)
		}
		projects.Fields.Add(
			&core.BoolField{Name: "featured"},
			&core.SelectField{Name: "closedReason", MaxSelect: 1, Values: []string{"duplicate", "merged", "startedElsewhere", "stopped"}},
			&core.DateField{Name: "closedAt"},
			&core.TextField{Name: "outcomeWorked", Max: 5000},
			&core.TextField{Name: "outcomeDidNotWork", Max: 5000},
			&core.TextField{Name: "outcomeReusable", Max: 5000},
			&core.TextField{Name: "outcomeSavings", Max: 2000},
		)
		projects.AddIndex("idx_projects_featured", false, "featured", "featured = 1")
		if err := save(app, projects); err != nil {
			return err
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return fmt.Errorf("find users: %w", err)
		}
		interests, err := app.FindCollectionByNameOrId("interests")
		if err != nil {
			return fmt.Errorf("find interests: %w", err)
		}
		c := core.NewBaseCollection("nudges")
		c.Fields.Add(
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"nudge", "introduction"}},
			&core.RelationField{Name: "projects", CollectionId: projects.Id, MaxSelect: 50},
			&core.RelationField{Name: "interest", CollectionId: interests.Id, MaxSelect: 1},
			&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1},
			&core.RelationField{Name: "recipients", CollectionId: users.Id, MaxSelect: 200},
			&core.TextField{Name: "message", Required: true, Max: 5000},
		)
		c.Fields.Add(timestamps()...)
		c.AddIndex("idx_nudges_created", false, "created", "")
		coordinators := `@request.auth.role = "coordinator" && @request.auth.membership = "approved"`
		c.ListRule, c.ViewRule = types.Pointer(coordinators), types.Pointer(coordinators)
		c.CreateRule, c.UpdateRule, c.DeleteRule = nil, nil, nil
		return save(app, c)
	}, func(app core.App) error {
		if c, err := app.FindCollectionByNameOrId("nudges"); err == nil {
			if err := app.Delete(c); err != nil {
				return fmt.Errorf("drop nudges: %w", err)
			}
		}
		projects, err := app.FindCollectionByNameOrId("projects")
		if err != nil {
			return fmt.Errorf("find projects: %w", err)
		}
		for _, f := range []string{"featured", "closedReason", "closedAt", "outcomeWorked", "outcomeDidNotWork", "outcomeReusable", "outcomeSavings"} {
			projects.Fields.RemoveByName(f)
		}
		projects.RemoveIndex("idx_projects_featured")
		return save(app, projects)
	})
}
