package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Saved searches, and the project fields that importing from a council's
// own tracker and telling saved searches about new projects need.
func init() {
	m.Register(func(app core.App) error {
		projects, err := app.FindCollectionByNameOrId("projects")
		if err != nil {
			return fmt.Errorf("find projects: %w", err)
		}
		projects.Fields.Add(
			&core.TextField{Name: "externalRef", Max: 100, Help: "The project's reference in its organisation's own tracker, which imports match on."},
			&core.DateField{Name: "publishedAt"},
			&core.DateField{Name: "savedSearchesCheckedAt"},
		)
		projects.AddIndex("idx_projects_organisation_externalRef", true, "organisation, externalRef", "externalRef != ''")
		projects.AddIndex("idx_projects_savedSearches", false, "publishedAt, savedSearchesCheckedAt", "")
		if err := save(app, projects); err != nil {
			return err
		}
		// Projects published before this migration count as published
		// (and as already checked against saved searches).
		if _, err := app.DB().NewQuery(`UPDATE projects SET publishedAt = created, savedSearchesCheckedAt = created
			WHERE visibility = 'published'`).Execute(); err != nil {
			return fmt.Errorf("backfill publishedAt: %w", err)
		}

		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return fmt.Errorf("find users: %w", err)
		}
		c := core.NewBaseCollection("savedSearches")
		c.Fields.Add(
			&core.RelationField{Name: "user", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "name", Required: true, Max: 100},
			&core.TextField{Name: "query", Max: 500},
			&core.JSONField{Name: "filters", MaxSize: 5000},
		)
		c.Fields.Add(timestamps()...)
		c.AddIndex("idx_savedSearches_user", false, "user", "")
		own := "user = @request.auth.id"
		c.ListRule, c.ViewRule, c.UpdateRule, c.DeleteRule = types.Pointer(own), types.Pointer(own), types.Pointer(own), types.Pointer(own)
		c.CreateRule = types.Pointer(`@request.auth.id != "" && @request.auth.collectionName = "users" && (@request.body.user:isset = false || @request.body.user = @request.auth.id)`)
		return save(app, c)
	}, func(app core.App) error {
		if c, err := app.FindCollectionByNameOrId("savedSearches"); err == nil {
			if err := app.Delete(c); err != nil {
				return fmt.Errorf("drop savedSearches: %w", err)
			}
		}
		projects, err := app.FindCollectionByNameOrId("projects")
		if err != nil {
			return fmt.Errorf("find projects: %w", err)
		}
		for _, f := range []string{"externalRef", "publishedAt", "savedSearchesCheckedAt"} {
			projects.Fields.RemoveByName(f)
		}
		projects.RemoveIndex("idx_projects_organisation_externalRef")
		projects.RemoveIndex("idx_projects_savedSearches")
		return save(app, projects)
	})
}
