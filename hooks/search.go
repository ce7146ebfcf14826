package hooks

import (
	"pipeline/hooks/searchrank"
	"pipeline/hooks/textmatch"

	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// maxSearchPage is the highest page a search answers (empty, past any
// list); higher numbers are read as it.
const maxSearchPage = 1_000_000

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
	// Remote are the best of the matching projects of other Pipelines
	// (on the first page only), and RemoteTotal how many match.
	Remote      []RemoteHit `json:"remote"`
	RemoteTotal int         `json:"remoteTotal"`
}

// Search runs a ranked full-text search with filters. An empty query
// lists the filtered projects instead. Titles weigh most, then tags and
// summaries, then organisation names and descriptions.
//
// Filters are tokens in the index's facets column (see the search
// migration), so matching, filtering and counting happen inside the
// full-text index; only the page of results is read from the projects.
//
// The first page also holds the best matches among other Pipelines'
// projects (Remote), marked with their origin.
func Search(app core.App, p SearchParams) (SearchResult, error) {
	res, err := searchLocal(app, p)
	if err != nil || res.Page != 1 || p.OnlyProject != "" {
		if res.Remote == nil {
			res.Remote = []RemoteHit{}
		}
		return res, err
	}
	res.Remote, res.RemoteTotal, err = SearchRemote(app, p)
	return res, err
}

// searchLocal is Search among this instance's projects.
func searchLocal(app core.App, p SearchParams) (SearchResult, error) {
	if p.PerPage <= 0 {
		p.PerPage = 20
	}
	p.PerPage = min(p.PerPage, 100)
	// A page past any list answers empty, never wrapped round to page 1.
	p.Page = min(max(1, p.Page), maxSearchPage)
	res := SearchResult{Items: []SearchHit{}, Page: p.Page, PerPage: p.PerPage}

	filters, ok, err := facetExpression(app, p)
	if err != nil || !ok {
		return res, err // an unknown organisation matches nothing
	}
	terms := textmatch.ParseQuery(p.Query)
	text := ""
	var ranker *searchrank.Ranker
	if len(terms) > 0 {
		ranker = rankerOf(app)
		res.Corrections = correctSpelling(ranker, terms, p.ViewerOrganisation)
		text = textmatch.MatchExpression(terms, res.Corrections)
	}
	match := filters.with(text)
	params := dbx.Params{"match": match}
	extra := ""
	if !p.UpdatedSince.IsZero() {
		extra = " AND p.lastActivityAt >= {:since}"
		params["since"] = Stamp(p.UpdatedSince).String()
	}
	if p.OpenCall {
		extra += " AND EXISTS (SELECT 1 FROM calls c WHERE c.project = p.id AND c.state = 'open')"
	}

	order := map[string]string{"updated": "p.lastActivityAt DESC", "newest": "p.created DESC", "title": "p.title COLLATE NOCASE ASC"}[p.Sort]
	if order == "" && text != "" && p.OnlyProject == "" {
		// Best match: the ranker in memory finds, counts and orders the
		// matches (with the index's help for phrases, and for filters it
		// does not hold).
		if r := ranker; r != nil {
			var page []rankedRow
			var total int
			var err error
			offset := (p.Page - 1) * p.PerPage
			if extra == "" {
				page, total, err = matchInMemory(app, r, terms, res.Corrections, filters, offset, p.PerPage)
			} else {
				matchSQL := "SELECT f.rowid FROM projects_fts f JOIN projects p ON p.id = f.id WHERE projects_fts MATCH {:match}" + extra
				page, total, err = rankInMemory(app, r, rankQuery(terms, res.Corrections), matchSQL, params, offset, p.PerPage)
			}
			if err != nil {
				return res, err
			}
			res.TotalItems = total
			res.TotalPages = (total + p.PerPage - 1) / p.PerPage
			return searchPage(app, res, page, terms)
		}
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
		// Best match, ranked inside the index, in tiers, while the ranker
		// is being read.
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
	return searchPage(app, res, page, terms)
}

// searchPage reads a page of ranked rows into res, each hit with its
// snippet when there are words to show.
func searchPage(app core.App, res SearchResult, page []rankedRow, terms []textmatch.Term) (SearchResult, error) {
	items, err := searchHits(app, page, func(h SearchHit, detail string) string {
		if len(terms) == 0 {
			return ""
		}
		return textmatch.Highlight(h.Title+". "+h.Summary+" "+detail, terms, res.Corrections)
	})
	if err != nil {
		return res, err
	}
	res.Items = append(res.Items, items...)
	return res, nil
}

// searchHits reads the projects of a page of ranked rows, in the rows'
// order, with their organisations and open calls; snippet makes each hit's
// snippet from the hit and its description.
func searchHits(app core.App, page []rankedRow, snippet func(h SearchHit, description string) string) ([]SearchHit, error) {
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
	err := app.DB().NewQuery(`SELECT p.id, p.slug, p.title, p.summary, p.phase, p.visibility, p.seeking, p.tags,
			p.lastActivityAt, p.lastConfirmedAt, p.dormantSince, p.chaseStage,
			o.id AS orgId, o.name AS orgName, o.slug AS orgSlug, p.description AS snippet, 0 AS rank
		FROM projects p JOIN organisations o ON o.id = p.organisation
		WHERE p.id IN (` + strings.Join(names, ",") + `)`).Bind(idParams).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("read search results: %w", err)
	}
	byId := map[string]SearchHit{}
	items := make([]SearchHit, 0, len(page))
	for _, h := range rows {
		byId[h.Id] = h
	}
	calls, err := OpenCalls(app, ids)
	if err != nil {
		return nil, fmt.Errorf("read open calls: %w", err)
	}
	for _, r := range page {
		h, ok := byId[r.Id]
		if !ok {
			continue
		}
		h.Organisation = OrganisationRef{Id: h.OrgId, Name: h.OrgName, Slug: h.OrgSlug}
		h.Rank = -r.Rank // higher is better for callers
		h.Call = calls[h.Id]
		h.Snippet = snippet(h, byId[r.Id].Snippet)
		items = append(items, h)
	}
	return items, nil
}
