package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Full-text search over projects, kept in step with the records by
// triggers (so every save path, API or Go, is covered):
//
//   - projects_fts: title, summary, description, tags and the
//     organisation's names, stemmed (porter) and accent-folded, for ranked
//     search and similar projects, plus "facets": tokens for the filters
//     (v_published, d_no, p_alpha, o_<organisation id>, n_wales, r_london,
//     s_funding …), so that filtering and counting happen inside the
//     full-text index without reading every matching row;
//   - projects_words: the unstemmed words of the shorter fields, whose
//     vocabulary (projects_words_vocab) corrects typing mistakes;
//   - projects_fts_rowids: which search row belongs to which project, so an
//     edit replaces its row by key instead of scanning.
const searchUp = `
CREATE VIRTUAL TABLE projects_fts USING fts5(
	id UNINDEXED, title, summary, description, tags, organisation, facets,
	tokenize = "porter unicode61 remove_diacritics 2 tokenchars '_'",
	prefix = '3 5'
);
CREATE VIRTUAL TABLE projects_words USING fts5(
	text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE projects_words_vocab USING fts5vocab(projects_words, row);
CREATE TABLE projects_fts_rowids (id TEXT PRIMARY KEY NOT NULL, ftsRowid INTEGER NOT NULL, wordsRowid INTEGER NOT NULL);
CREATE INDEX projects_fts_rowids_fts ON projects_fts_rowids (ftsRowid);

CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects BEGIN
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
END;

CREATE TRIGGER projects_fts_delete AFTER DELETE ON projects BEGIN
	DELETE FROM projects_fts WHERE rowid = (SELECT ftsRowid FROM projects_fts_rowids WHERE id = old.id);
	DELETE FROM projects_words WHERE rowid = (SELECT wordsRowid FROM projects_fts_rowids WHERE id = old.id);
	DELETE FROM projects_fts_rowids WHERE id = old.id;
END;

CREATE TRIGGER projects_fts_update AFTER UPDATE OF title, summary, description, tags, organisation,
		visibility, dormantSince, phase, seeking ON projects BEGIN
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
END;

CREATE TRIGGER projects_fts_organisation AFTER UPDATE OF name, shortName, nation, region ON organisations BEGIN
	UPDATE projects SET organisation = organisation WHERE organisation = new.id;
END;
`

const searchDown = `
DROP TRIGGER IF EXISTS projects_fts_organisation;
DROP TRIGGER IF EXISTS projects_fts_update;
DROP TRIGGER IF EXISTS projects_fts_delete;
DROP TRIGGER IF EXISTS projects_fts_insert;
DROP TABLE IF EXISTS projects_fts_rowids;
DROP TABLE IF EXISTS projects_words_vocab;
DROP TABLE IF EXISTS projects_words;
DROP TABLE IF EXISTS projects_fts;
`

func init() {
	m.Register(func(app core.App) error {
		if _, err := app.DB().NewQuery(searchUp).Execute(); err != nil {
			return fmt.Errorf("create search tables: %w", err)
		}
		return RebuildSearch(app)
	}, dropSearch)
}

func dropSearch(app core.App) error {
	if _, err := app.DB().NewQuery(searchDown).Execute(); err != nil {
		return fmt.Errorf("drop search tables: %w", err)
	}
	return nil
}

// RebuildSearch refills the search tables from the projects, for example
// after restoring data written by another tool.
func RebuildSearch(app core.App) error {
	_, err := app.DB().NewQuery(`
		DELETE FROM projects_fts; DELETE FROM projects_words; DELETE FROM projects_fts_rowids;
		UPDATE projects SET title = title;`).Execute()
	if err != nil {
		return fmt.Errorf("rebuild search: %w", err)
	}
	return nil
}
