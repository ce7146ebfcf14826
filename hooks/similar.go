package hooks

import (
	"pipeline/hooks/textmatch"

	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SimilarHit is a project like another, from another organisation.
type SimilarHit struct {
	Id           string          `json:"id" db:"id"`
	Slug         string          `json:"slug" db:"slug"`
	Title        string          `json:"title" db:"title"`
	Phase        string          `json:"phase" db:"phase"`
	Organisation OrganisationRef `json:"organisation"`
	OrgId        string          `json:"-" db:"orgId"`
	OrgName      string          `json:"-" db:"orgName"`
	OrgSlug      string          `json:"-" db:"orgSlug"`
	Score        float64         `json:"score" db:"rank"`
	Text         string          `json:"-" db:"text"`
}

// SimilarQuery describes what to find projects like: the text of a
// project (title, summary and tags, as someone types them or as stored),
// without the projects of one organisation and one project.
type SimilarQuery struct {
	Text            string
	ExcludeOrg      string
	ExcludeProject  string
	Limit           int
	IncludeDraftsOf string // an organisation whose drafts may be shown (never with ExcludeOrg equal)
}

// How many of a text's words, and of its service areas' other words, are
// matched.
const (
	maxSimilarWords = 12
	maxAreaTerms    = 10
)

// mostDistinctive keeps the n words that the fewest projects contain
// (words no project contains are dropped: they cannot match).
func mostDistinctive(app core.App, words []string, n int) []string {
	if len(words) == 0 {
		return words
	}
	type counted struct {
		word string
		docs int
	}
	// One look-up for all the words: how many projects contain each.
	firsts := make([]any, len(words))
	for i, w := range words {
		firsts[i] = strings.Fields(w)[0]
	}
	var rows []struct {
		Term string `db:"term"`
		Docs int    `db:"docs"`
	}
	if err := app.DB().Select("term", "MAX(doc) AS docs").From("projects_words_vocab").
		Where(dbx.In("term", firsts...)).GroupBy("term").All(&rows); err != nil {
		return nil
	}
	docs := map[string]int{}
	for _, r := range rows {
		docs[r.Term] = r.Docs
	}
	var list []counted
	for i, w := range words {
		if d := docs[firsts[i].(string)]; d > 0 {
			list = append(list, counted{w, d})
		}
	}
	slices.SortStableFunc(list, func(a, b counted) int { return a.docs - b.docs })
	out := make([]string, 0, min(n, len(list)))
	for _, c := range list[:min(n, len(list))] {
		out = append(out, c.word)
	}
	return out
}

// Weights of the parts of similarity: matches on the text's own words,
// matches on the other words of its service areas, and how much the two
// projects share service areas at all.
const (
	areaTermWeight = 0.4
	wordsShare     = 0.6
	areasShare     = 0.4
)

// Similar finds the published projects most like a text, best first. A
// project's score, from 0 to 1, combines how well it matches the text's
// meaningful words and the other words of the text's service areas (bm25,
// titles and tags weighing most, organisation names not at all) with how
// much the two share service areas (housing, waste, planning …), so that
// councils' different words for the same work still meet.
func Similar(app core.App, q SimilarQuery) ([]SimilarHit, error) {
	out := []SimilarHit{}
	words := textmatch.MeaningfulWords(q.Text)
	if len(words) == 0 {
		return out, nil
	}
	if q.Limit <= 0 || q.Limit > 50 {
		q.Limit = 5
	}
	areas := textmatch.ServiceAreas(q.Text)
	var extra []string
	for _, t := range textmatch.AreaTerms(areas) {
		if !slices.Contains(words, t) {
			extra = append(extra, t)
		}
	}
	// The rarest words say most about a project, and the fewer terms, the
	// less the index has to rank.
	words = mostDistinctive(app, words, maxSimilarWords)
	extra = mostDistinctive(app, extra, maxAreaTerms)
	passes := []similarTerms{{textmatch.QuoteAll(words), 1}, {textmatch.QuoteAll(extra), areaTermWeight}}
	byId := map[string]*SimilarHit{}
	for _, pass := range passes {
		if len(pass.terms) == 0 {
			continue
		}
		hits, err := similarCandidates(app, q, strings.Join(pass.terms, " OR "))
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			if prev, ok := byId[h.Id]; ok {
				prev.Score += h.Score * pass.weight
				continue
			}
			hit := h
			hit.Score *= pass.weight
			byId[h.Id] = &hit
		}
	}
	if len(byId) == 0 {
		return out, nil
	}
	// The text-match part is relative to the project's match with itself
	// or, for typed text, to the best match.
	best := 0.0
	for _, h := range byId {
		best = max(best, h.Score)
	}
	if q.ExcludeProject != "" {
		if self, err := selfScore(app, q.ExcludeProject, passes); err == nil && self > 0 {
			best = self
		}
	}
	for _, h := range byId {
		h.Score = wordsShare*min(1, h.Score/best) + areasShare*textmatch.AreaOverlap(areas, textmatch.ServiceAreas(h.Text))
		out = append(out, *h)
	}
	slices.SortFunc(out, func(a, b SimilarHit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Id, b.Id)
	})
	if len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// similarTerms are FTS5 strings matched together, and what a match on them
// counts for.
type similarTerms struct {
	terms  []string
	weight float64
}

const similarRank = "bm25(projects_fts, 0, 10.0, 5.0, 1.0, 6.0, 0.0, 0.0)"

// similarPass ranks candidates for one FTS5 expression: published
// projects (and the drafts of IncludeDraftsOf), not of ExcludeOrg, not
// ExcludeProject. Filtering and ranking happen inside the index; only the
// best 200 are read. A within expression, if given, narrows the projects
// ranked without changing how they score.
func similarPass(app core.App, q SimilarQuery, match, within string) ([]SimilarHit, error) {
	vis := facet("v_published")
	if q.IncludeDraftsOf != "" {
		vis = "(" + vis + " OR " + facet("o_"+q.IncludeDraftsOf) + ")"
	}
	expr := "((" + match + ") AND " + vis + ")"
	if q.ExcludeOrg != "" {
		expr += " NOT " + facet("o_"+q.ExcludeOrg)
	}
	params := dbx.Params{"match": expr, "self": -1}
	narrow := ""
	if within != "" {
		// The + keeps SQLite from running the match once per rowid.
		narrow = " AND +rowid IN (SELECT rowid FROM projects_fts WHERE projects_fts MATCH {:within})"
		params["within"] = within
	}
	if q.ExcludeProject != "" {
		var rowid int64
		if err := app.DB().NewQuery("SELECT ftsRowid FROM projects_fts_rowids WHERE id = {:id}").
			Bind(dbx.Params{"id": q.ExcludeProject}).Row(&rowid); err == nil {
			params["self"] = rowid
		}
	}
	var hits []SimilarHit
	err := app.DB().NewQuery(`SELECT p.id, p.slug, p.title, p.phase, o.id AS orgId, o.name AS orgName, o.slug AS orgSlug,
			p.title || '. ' || p.summary || '. ' || p.tags AS text, t.rank AS rank
		FROM (SELECT rowid AS rid, ` + similarRank + ` AS rank FROM projects_fts
			WHERE projects_fts MATCH {:match} AND rowid != {:self}` + narrow + ` ORDER BY rank, rowid LIMIT 200) t
		JOIN projects_fts_rowids r ON r.ftsRowid = t.rid
		JOIN projects p ON p.id = r.id JOIN organisations o ON o.id = p.organisation
		ORDER BY t.rank, p.id`).Bind(params).All(&hits)
	if err != nil {
		return nil, fmt.Errorf("similar projects: %w", err)
	}
	for i := range hits {
		hits[i].Organisation = OrganisationRef{Id: hits[i].OrgId, Name: hits[i].OrgName, Slug: hits[i].OrgSlug}
		hits[i].Score = -hits[i].Score
	}
	return hits, nil
}

// similarCandidates ranks first the projects whose title or tags hold
// one of the terms: those are the candidates worth ranking, and far fewer
// than all the projects that mention a common word somewhere. Only when
// too few projects match there are all matches ranked.
func similarCandidates(app core.App, q SimilarQuery, match string) ([]SimilarHit, error) {
	hits, err := similarPass(app, q, match, "{title tags} : ("+match+")")
	if err != nil || len(hits) >= similarEnough {
		return hits, err
	}
	return similarPass(app, q, match, "")
}

// similarEnough is how many candidates from titles and tags make ranking
// everything else unnecessary.
const similarEnough = 50

// selfScore is how well a project matches the passes built from its own
// text.
func selfScore(app core.App, id string, passes []similarTerms) (float64, error) {
	total := 0.0
	for _, pass := range passes {
		if len(pass.terms) == 0 {
			continue
		}
		var score float64
		err := app.DB().NewQuery(`SELECT -` + similarRank + ` FROM projects_fts WHERE projects_fts MATCH {:match}
			AND rowid = (SELECT ftsRowid FROM projects_fts_rowids WHERE id = {:id})`).
			Bind(dbx.Params{"match": strings.Join(pass.terms, " OR "), "id": id}).Row(&score)
		if err != nil {
			return 0, err
		}
		total += score * pass.weight
	}
	return total, nil
}

// ProjectText is the text similarity reads from a stored project.
func ProjectText(p *core.Record) string {
	tags, _ := normaliseTags(p.GetString("tags"))
	return p.GetString("title") + ". " + p.GetString("summary") + ". " + strings.Join(tags, " ")
}
