package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Each project's similar projects are stored, so that a project page reads
// them rather than ranking 100,000 projects. projects_similar holds one row
// a project: its list (JSON: id, score, shared words) and whether it is due
// to be computed again. It is Pipeline's own derived data, like the search
// index, so it is a plain table rather than a collection; the job
// refresh_similar keeps it current.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE TABLE IF NOT EXISTS projects_similar (
				project    TEXT PRIMARY KEY NOT NULL,
				items      TEXT NOT NULL DEFAULT '[]',
				computedAt TEXT NOT NULL DEFAULT '',
				dirty      INTEGER NOT NULL DEFAULT 1
			);
			CREATE INDEX IF NOT EXISTS idx_projects_similar_dirty ON projects_similar (dirty) WHERE dirty = 1;
			CREATE TABLE IF NOT EXISTS projects_similar_state (
				key   TEXT PRIMARY KEY NOT NULL,
				value TEXT NOT NULL DEFAULT ''
			);
			INSERT OR IGNORE INTO projects_similar (project) SELECT id FROM projects;`).Execute()
		if err != nil {
			return fmt.Errorf("create projects_similar: %w", err)
		}
		return nil
	}, func(app core.App) error {
		_, err := app.DB().NewQuery(`DROP TABLE IF EXISTS projects_similar; DROP TABLE IF EXISTS projects_similar_state;`).Execute()
		return err
	})
}
