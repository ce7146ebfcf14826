package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// projects_search_log names, in order, every project whose search row
// changed: created, deleted, or updated in a field the search index holds
// (through the API, a hook, the chase's SQL, or an organisation's rename).
// The search ranker in memory reads it before each search, so it holds
// exactly what the index holds, however the change was made; it prunes
// what it has read.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE TABLE IF NOT EXISTS projects_search_log (
				seq     INTEGER PRIMARY KEY AUTOINCREMENT,
				project TEXT NOT NULL
			);
			CREATE TRIGGER IF NOT EXISTS projects_search_log_insert AFTER INSERT ON projects BEGIN
				INSERT INTO projects_search_log(project) VALUES (new.id);
			END;
			CREATE TRIGGER IF NOT EXISTS projects_search_log_update AFTER UPDATE OF title, summary, description, tags,
					organisation, visibility, dormantSince, phase, seeking ON projects BEGIN
				INSERT INTO projects_search_log(project) VALUES (new.id);
			END;
			CREATE TRIGGER IF NOT EXISTS projects_search_log_delete AFTER DELETE ON projects BEGIN
				INSERT INTO projects_search_log(project) VALUES (old.id);
			END;`).Execute()
		if err != nil {
			return fmt.Errorf("create projects_search_log: %w", err)
		}
		return nil
	}, func(app core.App) error {
		_, err := app.DB().NewQuery(`
			DROP TRIGGER IF EXISTS projects_search_log_insert;
			DROP TRIGGER IF EXISTS projects_search_log_update;
			DROP TRIGGER IF EXISTS projects_search_log_delete;
			DROP TABLE IF EXISTS projects_search_log;`).Execute()
		return err
	})
}
