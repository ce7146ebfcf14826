package hooks

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// searchRank weighs title 10, summary 4, description 1, tags 6,
// organisation names 2 and facets not at all.
const searchRank = "bm25(projects_fts, 0, 10.0, 4.0, 1.0, 6.0, 2.0, 0.0)"

// rankedRow is a project id with its bm25 rank (lower is better).
type rankedRow struct {
	Id   string  `db:"id"`
	Rank float64 `db:"rank"`
}

// rankInTiers returns a page of the best matches for text under the
// filters. Projects whose title or tags match rank above projects that
// match only in their summary, description or organisation, and bm25
// orders each tier. Only the tier or tiers the page falls in are ranked,
// and the first is small: a common word is in far fewer titles than
// descriptions, so a first page of a common word ranks a quarter of the
// rows it used to.
// all is f.with(text), the expression of every match.
func rankInTiers(app core.App, text string, f filterMatch, all string, offset, limit int) ([]rankedRow, error) {
	short := "{title tags} : (" + text + ")"
	var inFirst int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM projects_fts WHERE projects_fts MATCH {:m}").
		Bind(dbx.Params{"m": f.with("(" + text + ") AND " + short)}).Row(&inFirst); err != nil {
		return nil, fmt.Errorf("count title matches: %w", err)
	}
	// rank ranks the matches inside (or outside) the first tier by rowid
	// alone, then looks the page's ids up, so that no matching row is read.
	// The + keeps SQLite from running the match once per rowid of the tier.
	rank := func(tier string, offset, limit int) ([]rankedRow, error) {
		var rows []rankedRow
		err := app.DB().NewQuery(`SELECT r.id AS id, t.rank AS rank FROM (SELECT rowid AS rid, ` + searchRank + ` AS rank
				FROM projects_fts WHERE projects_fts MATCH {:all}
				AND +rowid ` + tier + ` (SELECT rowid FROM projects_fts WHERE projects_fts MATCH {:short})
				ORDER BY rank, rowid ` + fmt.Sprintf("LIMIT %d OFFSET %d", limit, offset) + `) t
			JOIN projects_fts_rowids r ON r.ftsRowid = t.rid ORDER BY t.rank, t.rid`).
			Bind(dbx.Params{"all": all, "short": short}).All(&rows)
		if err != nil {
			return nil, fmt.Errorf("rank search results: %w", err)
		}
		return rows, nil
	}
	var page []rankedRow
	if offset < inFirst {
		rows, err := rank("IN", offset, limit)
		if err != nil {
			return nil, err
		}
		page = rows
	}
	if len(page) < limit {
		rows, err := rank("NOT IN", max(0, offset-inFirst), limit-len(page))
		if err != nil {
			return nil, err
		}
		page = append(page, rows...)
	}
	return page, nil
}
