package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A project's search rows are rebuilt only when something they hold
// changes. PocketBase writes every column on every save, so a trigger on
// "UPDATE OF title, …" fires on every save, and rebuilding the full-text
// rows (a new index segment at each commit) was most of the cost of a
// chase step, a confirmation or an adoption. The new trigger compares old
// and new values, and still rebuilds a project that has no search rows
// (RebuildSearch clears them all first). A renamed organisation now
// clears its projects' search rows before touching the projects, so they
// are rebuilt with the new name.
func searchUpdateTrigger(when string) string {
	return `
DROP TRIGGER IF EXISTS projects_fts_update;
CREATE TRIGGER projects_fts_update AFTER UPDATE OF title, summary, description, tags, organisation,
		visibility, dormantSince, phase, seeking ON projects ` + when + ` BEGIN
	DELETE FROM projects_fts WHERE rowid = (SELECT ftsRowid FROM projects_fts_rowids WHERE id = old.id);
	DELETE FROM projects_words WHERE rowid = (SELECT wordsRowid FROM projects_fts_rowids WHERE id = old.id);
	DELETE FROM projects_fts_rowids WHERE id = old.id;
	INSERT INTO projects_fts(id, title, summary, description, tags, organisation, facets)
		VALUES (new.id, new.title, new.summary, new.description, new.tags,
			(SELECT name || ' ' || shortName FROM organisations WHERE id = new.organisation),
			(SELECT 'v_' || new.visibility || ' d_' || CASE WHEN new.dormantSince = '' THEN 'no' ELSE 'yes' END ||
			' p_' || new.phase || ' o_' || new.organisation ||
			' n_' || COALESCE(o.nation, '') || ' r_' || replace(lower(COALESCE(o.region, '')), ' ', '_') ||
			COALESCE((SELECT group_concat(' s_' || value, '') FROM json_each(new.seeking)), '')
			FROM (SELECT 1) LEFT JOIN organisations o ON o.id = new.organisation));
	INSERT INTO projects_fts_rowids(id, ftsRowid, wordsRowid) VALUES (new.id, last_insert_rowid(), 0);
	INSERT INTO projects_words(text) VALUES (new.title || ' ' || new.summary || ' ' || new.tags || ' ' ||
		COALESCE((SELECT name || ' ' || shortName FROM organisations WHERE id = new.organisation), ''));
	UPDATE projects_fts_rowids SET wordsRowid = last_insert_rowid() WHERE id = new.id;
END;`
}

const reindexWhenChanged = `WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary
		OR old.description IS NOT new.description OR old.tags IS NOT new.tags
		OR old.organisation IS NOT new.organisation OR old.visibility IS NOT new.visibility
		OR old.dormantSince IS NOT new.dormantSince OR old.phase IS NOT new.phase
		OR old.seeking IS NOT new.seeking
		OR NOT EXISTS (SELECT 1 FROM projects_fts_rowids WHERE id = new.id)`

const organisationReindexUp = `
DROP TRIGGER IF EXISTS projects_fts_organisation;
CREATE TRIGGER projects_fts_organisation AFTER UPDATE OF name, shortName, nation, region ON organisations
	WHEN old.name IS NOT new.name OR old.shortName IS NOT new.shortName
		OR old.nation IS NOT new.nation OR old.region IS NOT new.region BEGIN
	DELETE FROM projects_fts WHERE rowid IN (SELECT r.ftsRowid FROM projects_fts_rowids r
		JOIN projects p ON p.id = r.id WHERE p.organisation = new.id);
	DELETE FROM projects_words WHERE rowid IN (SELECT r.wordsRowid FROM projects_fts_rowids r
		JOIN projects p ON p.id = r.id WHERE p.organisation = new.id);
	DELETE FROM projects_fts_rowids WHERE id IN (SELECT id FROM projects WHERE organisation = new.id);
	UPDATE projects SET organisation = organisation WHERE organisation = new.id;
END;`

const organisationReindexDown = `
DROP TRIGGER IF EXISTS projects_fts_organisation;
CREATE TRIGGER projects_fts_organisation AFTER UPDATE OF name, shortName, nation, region ON organisations BEGIN
	UPDATE projects SET organisation = organisation WHERE organisation = new.id;
END;`

func init() {
	m.Register(func(app core.App) error {
		if _, err := app.DB().NewQuery(searchUpdateTrigger(reindexWhenChanged) + organisationReindexUp).Execute(); err != nil {
			return fmt.Errorf("reindex projects only on change: %w", err)
		}
		return nil
	}, func(app core.App) error {
		if _, err := app.DB().NewQuery(searchUpdateTrigger("") + organisationReindexDown).Execute(); err != nil {
			return fmt.Errorf("restore the search triggers: %w", err)
		}
		return nil
	})
}
