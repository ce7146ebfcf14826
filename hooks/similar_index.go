package hooks

import (
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks/similarity"
)

// similarIndex holds an app's similarity index, built from the projects on
// first use and kept current by the project hooks below.
type similarIndex struct {
	mu sync.Mutex
	ix *similarity.Index
}

// similarIndexOf is app's similarity index, built now if it is not yet.
func similarIndexOf(app core.App) (*similarity.Index, error) {
	s := app.Store().GetOrSet(similarIndexKey, func() any { return &similarIndex{} }).(*similarIndex)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ix != nil {
		return s.ix, nil
	}
	ix, err := buildSimilarIndex(app)
	if err != nil {
		return nil, err
	}
	s.ix = ix
	return ix, nil
}

// similarRow is what the index reads of a project.
type similarRow struct {
	Id           string `db:"id"`
	Organisation string `db:"organisation"`
	Visibility   string `db:"visibility"`
	Title        string `db:"title"`
	Summary      string `db:"summary"`
	Description  string `db:"description"`
	Tags         string `db:"tags"`
}

// buildSimilarIndex reads every project into a new index, a page at a time.
func buildSimilarIndex(app core.App) (*similarity.Index, error) {
	ix := similarity.NewIndex(similarity.DefaultParams)
	const page = 5000
	for last := ""; ; {
		var rows []similarRow
		err := app.DB().Select("id", "organisation", "visibility", "title", "summary", "description", "tags").
			From(ColProjects).Where(dbx.NewExp("id > {:last}", dbx.Params{"last": last})).OrderBy("id").Limit(page).All(&rows)
		if err != nil {
			return nil, fmt.Errorf("read projects for similarity: %w", err)
		}
		for _, r := range rows {
			tags, _ := normaliseTags(r.Tags)
			ix.Put(r.Id, r.Organisation, r.Visibility == VisibilityPublished,
				similarity.Text{Title: r.Title, Summary: r.Summary, Description: r.Description, Tags: tags})
		}
		if len(rows) < page {
			break
		}
		last = rows[len(rows)-1].Id
	}
	remote, err := app.FindAllRecords(ColRemoteProjects, dbx.HashExp{"goneAt": ""})
	if err != nil {
		return nil, fmt.Errorf("read remote projects for similarity: %w", err)
	}
	for _, r := range remote {
		ix.Put(remoteIndexPrefix+r.Id, remoteIndexOrg(r), true, remoteText(r))
	}
	return ix, nil
}

// similarReach is how many of a changed project's nearest projects have
// their stored lists computed again: the lists it may enter or leave.
const similarReach = 50

// indexProjectSave puts a saved project into the index and marks the
// stored lists it may change as due: its own, and those of its nearest
// projects before and after the change. It runs after the save is
// committed; its failures are logged, and the stored lists are computed
// again in full when enough has changed.
func indexProjectSave(e *core.RecordEvent) error {
	ix, err := similarIndexOf(e.App)
	if err != nil {
		e.App.Logger().Error("similarity index", "error", err)
		return e.Next()
	}
	p := e.Record
	if !similarTextChanged(p) {
		return e.Next() // confirming, adopting or a phase change: the same words
	}
	due := []string{p.Id}
	for _, h := range ix.Similar(similarity.Query{ID: p.Id, Limit: similarReach, MinScore: similarity.DefaultMinScore}) {
		due = append(due, h.ID)
	}
	ix.Put(p.Id, p.GetString("organisation"), p.GetString("visibility") == VisibilityPublished, ProjectText(p))
	for _, h := range ix.Similar(similarity.Query{ID: p.Id, Limit: similarReach, MinScore: similarity.DefaultMinScore}) {
		due = append(due, h.ID)
	}
	if err := markSimilarDue(e.App, due); err != nil {
		e.App.Logger().Error("mark similar lists due", "project", p.Id, "error", err)
	}
	return e.Next()
}

// similarTextChanged says whether a saved project changed anything the
// index reads of it. A created project's original is blank, so it always
// has.
func similarTextChanged(p *core.Record) bool {
	o := p.Original()
	for _, f := range []string{"title", "summary", "description", "tags", "organisation", "visibility"} {
		if !sameValue(p.Get(f), o.Get(f)) {
			return true
		}
	}
	return false
}

// indexProjectDelete takes a deleted project out of the index and its
// stored list away, and marks the lists it was in as due.
func indexProjectDelete(e *core.RecordEvent) error {
	ix, err := similarIndexOf(e.App)
	if err != nil {
		e.App.Logger().Error("similarity index", "error", err)
		return e.Next()
	}
	var due []string
	for _, h := range ix.Similar(similarity.Query{ID: e.Record.Id, Limit: similarReach, MinScore: similarity.DefaultMinScore}) {
		due = append(due, h.ID)
	}
	ix.Remove(e.Record.Id)
	if _, err := e.App.DB().Delete("projects_similar", dbx.HashExp{"project": e.Record.Id}).Execute(); err != nil {
		e.App.Logger().Error("forget similar list", "project", e.Record.Id, "error", err)
	}
	if err := markSimilarDue(e.App, due); err != nil {
		e.App.Logger().Error("mark similar lists due", "project", e.Record.Id, "error", err)
	}
	return e.Next()
}

// warmSimilarIndex builds the index in the background when the server
// starts, so the first similar request does not wait for it. (A test's
// router, which has no server, builds it on first use instead.)
func warmSimilarIndex(se *core.ServeEvent) error {
	if se.Server == nil {
		return se.Next()
	}
	go func() {
		start := time.Now()
		if _, err := similarIndexOf(se.App); err != nil {
			se.App.Logger().Error("similarity index", "error", err)
			return
		}
		se.App.Logger().Debug("similarity index built", "took", time.Since(start).String())
	}()
	return se.Next()
}
