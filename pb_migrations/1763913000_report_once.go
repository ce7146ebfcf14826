package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Report once (issue 19): a project's news comes from where its team
// already writes. Projects gain feedUrl (the team's weeknotes or blog feed)
// and repoUrl (a public GitHub or GitLab repository); updates gain source
// ("feed", "repo", or empty for one an officer wrote) and sourceUrl (the
// entry's own address).
//
// What reading them needs is the server's own, outside the record API:
// pipeline_feed_sources keeps each source's fetch state (validators for
// conditional requests, when it was last read and what it gave, the last
// error, consecutive failures, when the next attempt is due, whether the
// owner was told it keeps failing); pipeline_feed_entries keeps the keys
// (id or link) of every entry already seen, so that reading a feed again,
// or an edited entry, adds nothing.
func init() {
	m.Register(func(app core.App) error {
		projects, err := app.FindCollectionByNameOrId("projects")
		if err != nil {
			return fmt.Errorf("find projects: %w", err)
		}
		projects.Fields.Add(
			&core.URLField{Name: "feedUrl"},
			&core.URLField{Name: "repoUrl"},
		)
		projects.AddIndex("idx_projects_feedUrl", false, "feedUrl", "feedUrl != ''")
		projects.AddIndex("idx_projects_repoUrl", false, "repoUrl", "repoUrl != ''")
		if err := save(app, projects); err != nil {
			return err
		}
		updates, err := app.FindCollectionByNameOrId("updates")
		if err != nil {
			return fmt.Errorf("find updates: %w", err)
		}
		updates.Fields.Add(
			&core.SelectField{Name: "source", MaxSelect: 1, Values: []string{"feed", "repo"}},
			&core.TextField{Name: "sourceUrl", Max: 2000},
		)
		if err := save(app, updates); err != nil {
			return err
		}
		_, err = app.DB().NewQuery(`
			CREATE TABLE IF NOT EXISTS pipeline_feed_sources (
				project        TEXT NOT NULL,
				source         TEXT NOT NULL,
				url            TEXT NOT NULL DEFAULT '',
				validators     TEXT NOT NULL DEFAULT '{}',
				lastAttemptAt  TEXT NOT NULL DEFAULT '',
				lastReadAt     TEXT NOT NULL DEFAULT '',
				lastResult     TEXT NOT NULL DEFAULT '',
				lastError      TEXT NOT NULL DEFAULT '',
				failures       INTEGER NOT NULL DEFAULT 0,
				firstFailureAt TEXT NOT NULL DEFAULT '',
				nextAttemptAt  TEXT NOT NULL DEFAULT '',
				ownerTold      INTEGER NOT NULL DEFAULT 0,
				PRIMARY KEY (project, source)
			);
			CREATE INDEX IF NOT EXISTS idx_pipeline_feed_sources_next ON pipeline_feed_sources (nextAttemptAt);
			CREATE TABLE IF NOT EXISTS pipeline_feed_entries (
				project TEXT NOT NULL,
				key     TEXT NOT NULL,
				created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')),
				PRIMARY KEY (project, key)
			) WITHOUT ROWID;
			CREATE TRIGGER IF NOT EXISTS pipeline_feeds_gone AFTER DELETE ON projects BEGIN
				DELETE FROM pipeline_feed_sources WHERE project = old.id;
				DELETE FROM pipeline_feed_entries WHERE project = old.id;
			END;`).Execute()
		if err != nil {
			return fmt.Errorf("create the feed tables: %w", err)
		}
		return nil
	}, func(app core.App) error {
		_, err := app.DB().NewQuery(`DROP TRIGGER IF EXISTS pipeline_feeds_gone;
			DROP TABLE IF EXISTS pipeline_feed_entries; DROP TABLE IF EXISTS pipeline_feed_sources;`).Execute()
		if err != nil {
			return fmt.Errorf("drop the feed tables: %w", err)
		}
		for name, fields := range map[string][]string{"projects": {"feedUrl", "repoUrl"}, "updates": {"source", "sourceUrl"}} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return fmt.Errorf("find %s: %w", name, err)
			}
			for _, f := range fields {
				c.Fields.RemoveByName(f)
			}
			c.RemoveIndex("idx_projects_feedUrl")
			c.RemoveIndex("idx_projects_repoUrl")
			if err := save(app, c); err != nil {
				return err
			}
		}
		return nil
	})
}
