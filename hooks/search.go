package hooks

import (
	"fmt"
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
	// OpenCall keeps projects with an open partner call.
	OpenCall bool
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
	// Call is the project's open partner call, if it has one.
	Call *CallSummary `json:"call" db:"-"`
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

// Search runs a ranked full-text search with filters. An empty query
// lists the filtered projects instead. Titles weigh most, then tags and
// summaries, then organisation names and descriptions.
//
// Filters are tokens in the index's facets column (see the search
// migration), so matching, filtering and counting happen inside the
// full-text index; only the page of results is read from the projects.
func Search(app core.App, p SearchParams) (SearchResult, error) {
	if p.PerPage <= 0 {
		p.PerPage = 20
	}
	p.PerPage = min(p.PerPage, 100)
	p.Page = max(1, p.Page)
	res := SearchResult{Items: []SearchHit{}, Page: p.Page, PerPage: p.PerPage}

	filters, ok, err := facetExpression(app, p)
	if err != nil || !ok {
		return res, err // an unknown organisation matches nothing
	}
	terms := parseQuery(p.Query)
	text := ""
	if len(terms) > 0 {
		corrections, err := correctSpelling(app, terms)
		if err != nil {
			return res, err
		}
		res.Corrections = corrections
		text = ftsExpression(terms, corrections)
	}
	match := filters.with(text)
	params := dbx.Params{"match": match}
	extra := ""
	if !p.UpdatedSince.IsZero() {
		extra = " AND p.lastActivityAt >= {:since}"
		params["since"] = stamp(p.UpdatedSince).String()
	}
	if p.OpenCall {
		extra += " AND EXISTS (SELECT 1 FROM calls c WHERE c.project = p.id AND c.state = 'open')"
	}

	countQ := "SELECT COUNT(*) FROM projects_fts WHERE projects_fts MATCH {:match}"
	if p.OnlyProject != "" {
		var rowid int64
		if err := app.DB().NewQuery("SELECT ftsRowid FROM projects_fts_rowids WHERE id = {:id}").
			Bind(dbx.Params{"id": p.OnlyProject}).Row(&rowid); err != nil {
			return res, nil
		}
		countQ += " AND rowid = {:rowid}"
		params["rowid"] = rowid
	}
	if extra != "" {
		countQ = "SELECT COUNT(*) FROM projects_fts f JOIN projects p ON p.id = f.id WHERE projects_fts MATCH {:match}" + extra
	}
	if err := app.DB().NewQuery(countQ).Bind(params).Row(&res.TotalItems); err != nil {
		return res, fmt.Errorf("count search results: %w", err)
	}
	res.TotalPages = (res.TotalItems + p.PerPage - 1) / p.PerPage
	if res.TotalItems == 0 || p.OnlyProject != "" {
		return res, nil
	}

	limit := fmt.Sprintf(" LIMIT %d OFFSET %d", p.PerPage, (p.Page-1)*p.PerPage)
	order := map[string]string{"updated": "p.lastActivityAt DESC", "newest": "p.created DESC", "title": "p.title COLLATE NOCASE ASC"}[p.Sort]
	// Ties break on id, in the same direction, so the indexes on
	// (lastActivityAt, id) and (created, id) serve the order.
	tie := ", p.id"
	if strings.HasSuffix(order, "DESC") || order == "" {
		tie = ", p.id DESC"
	}
	var pageQ string
	var page []rankedRow
	switch {
	case order == "" && text != "" && extra == "":
		// Best match, ranked inside the index, in tiers.
		page, err = rankInTiers(app, text, filters, match, (p.Page-1)*p.PerPage, p.PerPage)
		if err != nil {
			return res, err
		}
	case order == "" && text != "":
		pageQ = "SELECT f.id AS id, " + searchRank + " AS rank FROM projects_fts f JOIN projects p ON p.id = f.id" +
			" WHERE projects_fts MATCH {:match}" + extra + " ORDER BY rank, f.id" + limit
	case text == "":
		// A plain list: the projects table in order, with the filters in
		// SQL (the index counted them above).
		if order == "" {
			order = "p.lastActivityAt DESC"
		}
		where, listParams := listFilters(p)
		for k, v := range listParams {
			params[k] = v
		}
		from := "projects p"
		if p.Organisation != "" || p.Nation != "" || p.Region != "" {
			from += " JOIN organisations o ON o.id = p.organisation"
		}
		pageQ = "SELECT p.id AS id, 0 AS rank FROM " + from + " WHERE " + where + extra + " ORDER BY " + order + tie + limit
	default:
		if order == "" {
			order = "p.lastActivityAt DESC"
		}
		pageQ = "SELECT p.id AS id, " + searchRank + " AS rank FROM projects_fts f JOIN projects p ON p.id = f.id WHERE projects_fts MATCH {:match}" +
			extra + " ORDER BY " + order + ", p.id" + limit
	}
	if pageQ != "" {
		if err := app.DB().NewQuery(pageQ).Bind(params).All(&page); err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
	}
	ids := make([]any, len(page))
	for i, r := range page {
		ids[i] = r.Id
	}
	var rows []SearchHit
	names := make([]string, len(ids))
	idParams := dbx.Params{}
	for i, id := range ids {
		names[i] = fmt.Sprintf("{:id%d}", i)
		idParams[fmt.Sprintf("id%d", i)] = id
	}
	err = app.DB().NewQuery(`SELECT p.id, p.slug, p.title, p.summary, p.phase, p.visibility, p.seeking, p.tags,
			p.lastActivityAt, p.lastConfirmedAt, p.dormantSince, p.chaseStage,
			o.id AS orgId, o.name AS orgName, o.slug AS orgSlug, p.description AS snippet, 0 AS rank
		FROM projects p JOIN organisations o ON o.id = p.organisation
		WHERE p.id IN (` + strings.Join(names, ",") + `)`).Bind(idParams).All(&rows)
	if err != nil {
		return res, fmt.Errorf("read search results: %w", err)
	}
	byId := map[string]SearchHit{}
	for _, h := range rows {
		byId[h.Id] = h
	}
	calls, err := openCalls(app, ids)
	if err != nil {
		return res, fmt.Errorf("read open calls: %w", err)
	}
	for _, r := range page {
		h, ok := byId[r.Id]
		if !ok {
			continue
		}
		h.Organisation = OrganisationRef{Id: h.OrgId, Name: h.OrgName, Slug: h.OrgSlug}
		h.Rank = -r.Rank // higher is better for callers
		h.Call = calls[h.Id]
		h.Snippet = ""
		if text != "" {
			h.Snippet = highlight(h.Title+". "+h.Summary+" "+byId[r.Id].Snippet, terms, res.Corrections)
		}
		res.Items = append(res.Items, h)
	}
	return res, nil
}

// listFilters are the filters as SQL on p (projects) and o
// (organisations), for lists without a query.
func listFilters(p SearchParams) (string, dbx.Params) {
	// The unary + keeps these common conditions from choosing an index,
	// so the index that gives the order is used and the scan stops after
	// a page.
	params := dbx.Params{"viewerOrg": p.ViewerOrganisation}
	where := []string{"+p.visibility = 'published'"}
	if p.ViewerOrganisation != "" {
		where[0] = "(+p.visibility = 'published' OR +p.organisation = {:viewerOrg})"
	}
	if !p.Dormant {
		where = append(where, "+p.dormantSince = ''")
	}
	var phases []string
	for i, ph := range p.Phases {
		key := fmt.Sprintf("phase%d", i)
		params[key] = ph
		phases = append(phases, "{:"+key+"}")
	}
	if len(phases) > 0 {
		where = append(where, "p.phase IN ("+strings.Join(phases, ",")+")")
	}
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
	return strings.Join(where, " AND "), params
}

// searchRank weighs title 10, summary 4, description 1, tags 6,
// organisation names 2 and facets not at all.
const searchRank = "bm25(projects_fts, 0, 10.0, 4.0, 1.0, 6.0, 2.0, 0.0)"

// facet is one filter token in the facets column.
func facet(token string) string {
	return "facets : " + quote(token)
}

// filterMatch is a search's filters as a full-text expression. Filters
// that narrow (phase, organisation, nation, region, seeking) must match.
// Projects a viewer may not see, and dormant ones, are taken out with NOT
// on tokens few projects have (v_draft, d_yes) rather than AND on tokens
// nearly all have (v_published, d_no): FTS5 then walks short lists of
// rows instead of lists as long as the table, which made every count and
// every ranking pay for the whole index.
type filterMatch struct {
	narrow  []string
	exclude []string
	// visible matches every project the viewer may see, for a list with
	// neither words nor narrowing filters.
	visible string
}

// with is the expression for the text expression text (or none) under
// the filters.
func (f filterMatch) with(text string) string {
	parts := f.narrow
	if text != "" {
		parts = append([]string{"(" + text + ")"}, parts...)
	}
	if len(parts) == 0 {
		parts = []string{f.visible}
	}
	expr := "(" + strings.Join(parts, " AND ") + ")"
	for _, x := range f.exclude {
		expr = "(" + expr + " NOT " + x + ")"
	}
	return expr
}

// facetExpression turns the filters into index terms. It reports false
// when a filter can match nothing (an unknown organisation).
func facetExpression(app core.App, p SearchParams) (filterMatch, bool, error) {
	f := filterMatch{visible: facet("v_published"), exclude: []string{facet("v_draft")}}
	if p.ViewerOrganisation != "" {
		own := facet("o_" + p.ViewerOrganisation)
		f.visible = "(" + facet("v_published") + " OR " + own + ")"
		f.exclude[0] = "(" + facet("v_draft") + " NOT " + own + ")"
	}
	if !p.Dormant {
		f.exclude = append(f.exclude, facet("d_yes"))
	}
	var phases []string
	for _, ph := range p.Phases {
		phases = append(phases, facet("p_"+ph))
	}
	if len(phases) > 0 {
		f.narrow = append(f.narrow, "("+strings.Join(phases, " OR ")+")")
	}
	for _, s := range p.Seeking {
		f.narrow = append(f.narrow, facet("s_"+s))
	}
	if p.Organisation != "" {
		var id string
		err := app.DB().NewQuery("SELECT id FROM organisations WHERE slug = {:o} OR id = {:o} LIMIT 1").
			Bind(dbx.Params{"o": p.Organisation}).Row(&id)
		if err != nil || id == "" {
			return f, false, nil
		}
		f.narrow = append(f.narrow, facet("o_"+id))
	}
	if p.Nation != "" {
		f.narrow = append(f.narrow, facet("n_"+p.Nation))
	}
	if p.Region != "" {
		f.narrow = append(f.narrow, facet("r_"+strings.ReplaceAll(strings.ToLower(p.Region), " ", "_")))
	}
	return f, true, nil
}

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
