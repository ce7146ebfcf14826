package hooks

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SearchParams are a search's query, filters, order and page.
type SearchParams struct {
	Query        string
	Phases       []string
	Organisation string // slug or id
	Nation       string
	Region       string
	Seeking      []string
	UpdatedSince time.Time
	Dormant      bool   // include dormant projects
	Sort         string // relevance (default with a query), updated, newest, title
	Page         int
	PerPage      int
	// Viewer decides which drafts are visible: only their organisation's.
	ViewerOrganisation string
	// OnlyProject narrows the search to one project (to test a match).
	OnlyProject string
}

// SearchHit is one project in search results.
type SearchHit struct {
	Id              string          `json:"id" db:"id"`
	Slug            string          `json:"slug" db:"slug"`
	Title           string          `json:"title" db:"title"`
	Summary         string          `json:"summary" db:"summary"`
	Phase           string          `json:"phase" db:"phase"`
	Visibility      string          `json:"visibility" db:"visibility"`
	Seeking         JSONList        `json:"seeking" db:"seeking"`
	Tags            JSONList        `json:"tags" db:"tags"`
	LastActivityAt  string          `json:"lastActivityAt" db:"lastActivityAt"`
	LastConfirmedAt string          `json:"lastConfirmedAt" db:"lastConfirmedAt"`
	DormantSince    string          `json:"dormantSince" db:"dormantSince"`
	ChaseStage      int             `json:"chaseStage" db:"chaseStage"`
	Organisation    OrganisationRef `json:"organisation"`
	OrgId           string          `json:"-" db:"orgId"`
	OrgName         string          `json:"-" db:"orgName"`
	OrgSlug         string          `json:"-" db:"orgSlug"`
	// Snippet is HTML: the matching text, escaped, with <mark> around
	// the words that matched.
	Snippet string  `json:"snippet" db:"snippet"`
	Rank    float64 `json:"score" db:"rank"`
}

// OrganisationRef names an organisation in results.
type OrganisationRef struct {
	Id   string `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// SearchResult is a page of hits.
type SearchResult struct {
	Items      []SearchHit `json:"items"`
	Page       int         `json:"page"`
	PerPage    int         `json:"perPage"`
	TotalItems int         `json:"totalItems"`
	TotalPages int         `json:"totalPages"`
	// Corrections says which words were read as others ("repiars" as
	// "repairs").
	Corrections map[string]string `json:"corrections,omitempty"`
}

// Markers around matches in snippets; they cannot occur in stored text.
const (
	markOpen  = "\x02"
	markClose = "\x03"
)

// Search runs a ranked full-text search with filters. An empty query
// lists the filtered projects instead. Titles weigh most, then tags and
// summaries, then descriptions and organisation names.
func Search(app core.App, p SearchParams) (SearchResult, error) {
	if p.PerPage <= 0 {
		p.PerPage = 20
	}
	p.PerPage = min(p.PerPage, 100)
	p.Page = max(1, p.Page)
	res := SearchResult{Items: []SearchHit{}, Page: p.Page, PerPage: p.PerPage}

	where, params := searchFilters(p)
	terms := parseQuery(p.Query)
	from := "projects p JOIN organisations o ON o.id = p.organisation"
	rank, snippet := "0", "''"
	if len(terms) > 0 {
		corrections, err := correctSpelling(app, terms)
		if err != nil {
			return res, err
		}
		res.Corrections = corrections
		from = "projects_fts f JOIN projects p ON p.id = f.id JOIN organisations o ON o.id = p.organisation"
		where = append(where, "projects_fts MATCH {:match}")
		params["match"] = ftsExpression(terms, corrections)
		rank = "bm25(projects_fts, 0, 10.0, 4.0, 1.0, 6.0, 2.0)"
		snippet = "snippet(projects_fts, -1, '" + markOpen + "', '" + markClose + "', '…', 24)"
	}
	cond := strings.Join(where, " AND ")

	var total int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM " + from + " WHERE " + cond).Bind(params).Row(&total); err != nil {
		return res, fmt.Errorf("count search results: %w", err)
	}
	res.TotalItems = total
	res.TotalPages = (total + p.PerPage - 1) / p.PerPage

	order := map[string]string{
		"updated": "p.lastActivityAt DESC", "newest": "p.created DESC", "title": "p.title COLLATE NOCASE ASC",
	}[p.Sort]
	if order == "" {
		order = "p.lastActivityAt DESC"
		if len(terms) > 0 {
			order = "rank ASC"
		}
	}
	q := fmt.Sprintf(`SELECT p.id, p.slug, p.title, p.summary, p.phase, p.visibility, p.seeking, p.tags,
			p.lastActivityAt, p.lastConfirmedAt, p.dormantSince, p.chaseStage,
			o.id AS orgId, o.name AS orgName, o.slug AS orgSlug, %s AS snippet, %s AS rank
		FROM %s WHERE %s ORDER BY %s, p.id LIMIT %d OFFSET %d`,
		snippet, rank, from, cond, order, p.PerPage, (p.Page-1)*p.PerPage)
	if err := app.DB().NewQuery(q).Bind(params).All(&res.Items); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	for i := range res.Items {
		h := &res.Items[i]
		h.Organisation = OrganisationRef{Id: h.OrgId, Name: h.OrgName, Slug: h.OrgSlug}
		h.Snippet = safeSnippet(h.Snippet)
		h.Rank = -h.Rank // higher is better for callers
	}
	return res, nil
}

// searchFilters turns the filters into SQL conditions on p (projects) and
// o (organisations) with bound parameters.
func searchFilters(p SearchParams) ([]string, dbx.Params) {
	params := dbx.Params{"viewerOrg": p.ViewerOrganisation}
	where := []string{"(p.visibility = 'published' OR (p.organisation = {:viewerOrg} AND {:viewerOrg} != ''))"}
	in := func(column, prefix string, values []string) {
		var names []string
		for i, v := range values {
			key := fmt.Sprintf("%s%d", prefix, i)
			params[key] = v
			names = append(names, "{:"+key+"}")
		}
		if len(names) > 0 {
			where = append(where, column+" IN ("+strings.Join(names, ", ")+")")
		}
	}
	in("p.phase", "phase", p.Phases)
	for i, s := range p.Seeking {
		key := fmt.Sprintf("seeking%d", i)
		params[key] = s
		where = append(where, "EXISTS (SELECT 1 FROM json_each(p.seeking) WHERE value = {:"+key+"})")
	}
	if p.Organisation != "" {
		where = append(where, "(o.slug = {:org} OR o.id = {:org})")
		params["org"] = p.Organisation
	}
	if p.Nation != "" {
		where = append(where, "o.nation = {:nation}")
		params["nation"] = p.Nation
	}
	if p.Region != "" {
		where = append(where, "o.region = {:region}")
		params["region"] = p.Region
	}
	if !p.UpdatedSince.IsZero() {
		where = append(where, "p.lastActivityAt >= {:since}")
		params["since"] = stamp(p.UpdatedSince).String()
	}
	if !p.Dormant {
		where = append(where, "p.dormantSince = ''")
	}
	if p.OnlyProject != "" {
		where = append(where, "p.id = {:only}")
		params["only"] = p.OnlyProject
	}
	return where, params
}

// safeSnippet escapes a snippet and turns the match markers into <mark>.
func safeSnippet(s string) string {
	s = html.EscapeString(s)
	s = strings.ReplaceAll(s, markOpen, "<mark>")
	return strings.ReplaceAll(s, markClose, "</mark>")
}

// correctSpelling finds, for each word of four letters or more that no
// project contains (not even as the start of a word), the closest word
// that projects do contain: one edit away for words up to seven letters,
// two for longer ones.
func correctSpelling(app core.App, terms []queryTerm) (map[string]string, error) {
	out := map[string]string{}
	for _, t := range terms {
		if t.phrase || len([]rune(t.words[0])) < 4 {
			continue
		}
		w := t.words[0]
		var known int
		err := app.DB().NewQuery(`SELECT COUNT(*) FROM projects_words_vocab WHERE term >= {:w} AND term < {:next}`).
			Bind(dbx.Params{"w": w, "next": w + "\U0010FFFF"}).Row(&known)
		if err != nil {
			return nil, fmt.Errorf("look up %q: %w", w, err)
		}
		if known > 0 {
			continue
		}
		allowed := 1
		if len([]rune(w)) >= 8 {
			allowed = 2
		}
		var candidates []struct {
			Term string `db:"term"`
			Docs int    `db:"doc"`
		}
		first := string([]rune(w)[:1])
		err = app.DB().NewQuery(`SELECT term, doc FROM projects_words_vocab
			WHERE term >= {:first} AND term < {:next} AND length(term) BETWEEN {:short} AND {:long}`).
			Bind(dbx.Params{"first": first, "next": first + "\U0010FFFF",
				"short": len([]rune(w)) - allowed, "long": len([]rune(w)) + allowed}).All(&candidates)
		if err != nil {
			return nil, fmt.Errorf("suggest for %q: %w", w, err)
		}
		best, bestDist, bestDocs := "", allowed+1, 0
		for _, c := range candidates {
			d := editDistance(w, c.Term, allowed)
			if d < bestDist || (d == bestDist && c.Docs > bestDocs) {
				best, bestDist, bestDocs = c.Term, d, c.Docs
			}
		}
		if best != "" {
			out[w] = best
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
