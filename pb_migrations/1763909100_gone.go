package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// pipeline_gone remembers the slugs of deleted published projects and of
// deleted organisations, so that their old addresses answer 410 Gone
// rather than 404. A deleted draft is not remembered: its address was
// never public, and answering 410 would say it had existed.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE TABLE IF NOT EXISTS pipeline_gone (
				kind      TEXT NOT NULL,
				slug      TEXT NOT NULL,
				deletedAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')),
				PRIMARY KEY (kind, slug)
			);
			CREATE TRIGGER IF NOT EXISTS pipeline_gone_project AFTER DELETE ON projects
				WHEN old.visibility = 'published' BEGIN
				INSERT OR REPLACE INTO pipeline_gone(kind, slug) VALUES ('project', old.slug);
			END;
			CREATE TRIGGER IF NOT EXISTS pipeline_gone_project_back AFTER INSERT ON projects BEGIN
				DELETE FROM pipeline_gone WHERE kind = 'project' AND slug = new.slug;
			END;
			CREATE TRIGGER IF NOT EXISTS pipeline_gone_organisation AFTER DELETE ON organisations BEGIN
				INSERT OR REPLACE INTO pipeline_gone(kind, slug) VALUES ('organisation', old.slug);
			END;
			CREATE TRIGGER IF NOT EXISTS pipeline_gone_organisation_back AFTER INSERT ON organisations BEGIN
				DELETE FROM pipeline_gone WHERE kind = 'organisation' AND slug = new.slug;
			END;`).Execute()
		if err != nil {
			return fmt.Errorf("create pipeline_gone: %w", err)
		}
		return nil
	}, func(app core.App) error {
		_, err := app.DB().NewQuery(`
			DROP TRIGGER IF EXISTS pipeline_gone_project;
			DROP TRIGGER IF EXISTS pipeline_gone_project_back;
			DROP TRIGGER IF EXISTS pipeline_gone_organisation;
			DROP TRIGGER IF EXISTS pipeline_gone_organisation_back;
			DROP TABLE IF EXISTS pipeline_gone;`).Execute()
		return err
	})
}
