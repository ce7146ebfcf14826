package hooks

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks/searchrank"
	"pipeline/hooks/textmatch"
)

// searchRanker holds an app's search ranker: every search row read into
// memory when the server starts (or on a test's first search), then kept
// exactly in step with the index by reading projects_search_log, which
// the database's triggers write for every change however it is made.
// While it is being read, searches match and rank inside the index.
type searchRanker struct {
	ready    atomic.Pointer[searchrank.Ranker]
	building sync.Mutex
	// syncing serialises catching up with the log; last is the last entry
	// read into the ranker that is ready.
	syncing sync.Mutex
	last    int64
}

// rankerBacklog is how many log entries a search catches up with itself;
// beyond it (the chase's first run re-indexes most projects) the ranker is
// read again whole, in the background.
const rankerBacklog = 2000

func searchRankerState(app core.App) *searchRanker {
	return app.Store().GetOrSet(searchRankerKey, func() any { return &searchRanker{} }).(*searchRanker)
}

// rankerOf is app's ranker, caught up with every change committed so far,
// or nil while it is being read. A test app (with no server to read it at
// start) reads it here, the first time.
func rankerOf(app core.App) *searchrank.Ranker {
	s := searchRankerState(app)
	if s.ready.Load() == nil {
		if !s.building.TryLock() {
			return nil
		}
		err := s.read(app)
		s.building.Unlock()
		if err != nil {
			app.Logger().Error("search ranker", "error", err)
			return nil
		}
	}
	r, err := s.catchUp(app)
	if err != nil {
		app.Logger().Error("search ranker", "error", err)
		return nil
	}
	return r
}

// read reads every search row into a new ranker and makes it the one
// ready. It notes the log's end first: changes after it are caught up
// with afterwards (a change read twice is read the same).
func (s *searchRanker) read(app core.App) error {
	var last int64
	if err := app.DB().NewQuery("SELECT COALESCE(MAX(seq), 0) FROM projects_search_log").Row(&last); err != nil {
		return fmt.Errorf("read search log: %w", err)
	}
	r := searchrank.New()
	const page = 5000
	for from := int64(0); ; {
		rows, err := searchRows(app, "rowid > {:from} ORDER BY rowid LIMIT "+fmt.Sprint(page), dbx.Params{"from": from})
		if err != nil {
			return err
		}
		for _, row := range rows {
			r.Put(row)
		}
		if len(rows) < page {
			break
		}
		from = rows[len(rows)-1].Rowid
	}
	s.syncing.Lock()
	s.last = last
	s.ready.Store(r)
	s.syncing.Unlock()
	return nil
}

// logEntry is one line of projects_search_log.
type logEntry struct {
	Seq     int64  `db:"seq"`
	Project string `db:"project"`
}

// catchUp reads the log entries after the last one read and puts each
// named project's current row into the ranker (or drops it, if the
// project is gone). Too many entries, or a gap (another process pruned
// what this one had not read), start a fresh read in the background and
// answer nil meanwhile.
func (s *searchRanker) catchUp(app core.App) (*searchrank.Ranker, error) {
	s.syncing.Lock()
	defer s.syncing.Unlock()
	r := s.ready.Load()
	if r == nil {
		return nil, nil
	}
	var entries []logEntry
	err := app.DB().NewQuery("SELECT seq, project FROM projects_search_log WHERE seq > {:last} ORDER BY seq LIMIT " +
		fmt.Sprint(rankerBacklog+1)).Bind(dbx.Params{"last": s.last}).All(&entries)
	if err != nil {
		return nil, fmt.Errorf("read search log: %w", err)
	}
	if len(entries) == 0 {
		return r, nil
	}
	if len(entries) > rankerBacklog || entries[0].Seq != s.last+1 {
		s.readAgain(app)
		return nil, nil
	}
	seen := map[string]bool{}
	var ids []string
	for _, e := range entries {
		if !seen[e.Project] {
			seen[e.Project] = true
			ids = append(ids, e.Project)
		}
	}
	for len(ids) > 0 {
		chunk := ids[:min(500, len(ids))]
		ids = ids[len(chunk):]
		names := make([]string, len(chunk))
		params := dbx.Params{}
		for i, id := range chunk {
			names[i] = fmt.Sprintf("{:p%d}", i)
			params[fmt.Sprintf("p%d", i)] = id
			r.Forget(id)
		}
		rows, err := searchRows(app, "rowid IN (SELECT ftsRowid FROM projects_fts_rowids WHERE id IN ("+strings.Join(names, ",")+"))", params)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			r.Put(row)
		}
	}
	before := s.last
	s.last = entries[len(entries)-1].Seq
	// What every ranker has read can go; the log keeps the last thousand
	// entries for any other process's ranker, which reads itself afresh
	// if it falls further behind.
	if s.last/1000 != before/1000 {
		if _, err := app.DB().NewQuery("DELETE FROM projects_search_log WHERE seq <= {:upto}").
			Bind(dbx.Params{"upto": s.last - 1000}).Execute(); err != nil {
			app.Logger().Warn("prune search log", "error", err)
		}
	}
	return r, nil
}

// readAgain drops the ready ranker and reads a new one in the background
// (searches rank in the index meanwhile). s.syncing is held.
func (s *searchRanker) readAgain(app core.App) {
	if !s.building.TryLock() {
		return
	}
	s.ready.Store(nil)
	go func() {
		defer s.building.Unlock()
		start := time.Now()
		if err := s.read(app); err != nil {
			app.Logger().Error("search ranker", "error", err)
			return
		}
		app.Logger().Debug("search ranker read again", "took", time.Since(start).String())
	}()
}

// searchRow is a row of projects_fts as the ranker reads it.
type searchRow struct {
	Rowid        int64  `db:"rowid"`
	Id           string `db:"id"`
	Title        string `db:"title"`
	Summary      string `db:"summary"`
	Description  string `db:"description"`
	Tags         string `db:"tags"`
	Organisation string `db:"organisation"`
	Facets       string `db:"facets"`
}

// searchRows reads the search rows where the condition holds.
func searchRows(app core.App, where string, params dbx.Params) ([]searchrank.Row, error) {
	var rows []searchRow
	err := app.DB().NewQuery(`SELECT rowid, id, title, summary, description, tags, organisation, facets
		FROM projects_fts WHERE ` + where).Bind(params).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("read search rows: %w", err)
	}
	out := make([]searchrank.Row, len(rows))
	for i, x := range rows {
		out[i] = searchrank.Row{Rowid: x.Rowid, ID: x.Id, Title: x.Title, Summary: x.Summary,
			Description: x.Description, Tags: x.Tags, Organisation: x.Organisation, Facets: x.Facets}
	}
	return out, nil
}

// rankQuery is a parsed query as the ranker reads it: the same words,
// phrases, last-word prefix and corrections as the match expression.
func rankQuery(terms []textmatch.Term, corrections map[string]string) searchrank.Query {
	var q searchrank.Query
	for i, t := range terms {
		if t.Phrase {
			q.Terms = append(q.Terms, searchrank.Term{Alts: []searchrank.Alt{{Words: t.Words}}})
			continue
		}
		w := t.Words[0]
		term := searchrank.Term{Alts: []searchrank.Alt{{Words: []string{w}, Prefix: i == len(terms)-1}}}
		if c, ok := corrections[w]; ok && c != w {
			term.Alts = append(term.Alts, searchrank.Alt{Words: []string{c}})
		}
		q.Terms = append(q.Terms, term)
	}
	return q
}

// phraseMatch is the index's expression for a query's phrases alone, or
// "" when it has none.
func phraseMatch(terms []textmatch.Term) string {
	var phrases []textmatch.Term
	for _, t := range terms {
		if t.Phrase {
			phrases = append(phrases, t)
		}
	}
	if len(phrases) == 0 {
		return ""
	}
	return textmatch.MatchExpression(phrases, nil)
}

// matchInMemory finds, counts and ranks a query's matches in the ranker,
// under the search's filters. A phrase is found by the index (the ranker
// keeps no word positions), and the ranker checks the rest of the query
// among those rows.
func matchInMemory(app core.App, r *searchrank.Ranker, terms []textmatch.Term, corrections map[string]string,
	f filterMatch, offset, limit int) ([]rankedRow, int, error) {
	var within []int64
	if phrases := phraseMatch(terms); phrases != "" {
		var err error
		within, err = matchRowids(app, "SELECT rowid FROM projects_fts WHERE projects_fts MATCH {:m}", dbx.Params{"m": phrases})
		if err != nil {
			return nil, 0, err
		}
		if within == nil {
			within = []int64{}
		}
	}
	hits, total := r.Match(rankQuery(terms, corrections), f.ranked, within, offset, limit)
	return pageOf(hits), total, nil
}

// rankInMemory ranks the index's matches of a query (with filters the
// ranker does not hold, such as an open call or recent activity) in the
// ranker: the title-and-tags tier first, then bm25.
func rankInMemory(app core.App, r *searchrank.Ranker, q searchrank.Query, matchSQL string, params dbx.Params, offset, limit int) ([]rankedRow, int, error) {
	rowids, err := matchRowids(app, matchSQL, params)
	if err != nil {
		return nil, 0, err
	}
	hits, missing := r.Rank(q, rowids, offset, limit)
	if len(missing) > 0 {
		// Cannot happen while the ranker follows the log; if it does,
		// those rows rank last rather than fail the search.
		app.Logger().Warn("search ranker lacks rows the index matched", "rows", len(missing))
	}
	return pageOf(hits), len(rowids), nil
}

// pageOf is ranked hits as rows of a page, with FTS5's sign of rank.
func pageOf(hits []searchrank.Hit) []rankedRow {
	page := make([]rankedRow, 0, len(hits))
	for _, h := range hits {
		if h.ID != "" {
			page = append(page, rankedRow{Id: h.ID, Rank: -h.Score})
		}
	}
	return page
}

// matchRowids reads the row ids a match gives, scanned one by one rather
// than through dbx's reflection: ten thousand matches are common.
func matchRowids(app core.App, matchSQL string, params dbx.Params) ([]int64, error) {
	rows, err := app.DB().NewQuery(matchSQL).Bind(params).Rows()
	if err != nil {
		return nil, fmt.Errorf("match search: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read a match: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read matches: %w", err)
	}
	return ids, nil
}

// warmSearchRanker reads the ranker in the background when the server
// starts.
func warmSearchRanker(se *core.ServeEvent) error {
	if se.Server == nil {
		return se.Next()
	}
	go func() {
		start := time.Now()
		if rankerOf(se.App) != nil {
			se.App.Logger().Debug("search ranker read", "took", time.Since(start).String())
		}
	}()
	return se.Next()
}
