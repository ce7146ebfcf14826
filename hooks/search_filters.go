package hooks

import (
	"pipeline/hooks/searchrank"
	"pipeline/hooks/textmatch"

	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

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
	where = append(where, organisationFilters(p, params)...)
	return strings.Join(where, " AND "), params
}

// facet is one filter token in the facets column.
func facet(token string) string {
	return "facets : " + textmatch.Quote(token)
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
	// ranked is the same filters for the ranker in memory.
	ranked searchrank.Filter
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
	f := filterMatch{visible: facet("v_published"), exclude: []string{facet("v_draft")},
		ranked: searchrank.Filter{Own: p.ViewerOrganisation}}
	if p.ViewerOrganisation != "" {
		own := facet("o_" + p.ViewerOrganisation)
		f.visible = "(" + facet("v_published") + " OR " + own + ")"
		f.exclude[0] = "(" + facet("v_draft") + " NOT " + own + ")"
	}
	if !p.Dormant {
		f.exclude = append(f.exclude, facet("d_yes"))
		f.ranked.Exclude = append(f.ranked.Exclude, "d_yes")
	}
	var phases, rankedPhases []string
	for _, ph := range p.Phases {
		phases = append(phases, facet("p_"+ph))
		rankedPhases = append(rankedPhases, "p_"+ph)
	}
	if len(phases) > 0 {
		f.narrow = append(f.narrow, "("+strings.Join(phases, " OR ")+")")
		f.ranked.Require = append(f.ranked.Require, rankedPhases)
	}
	for _, s := range p.Seeking {
		f.narrow = append(f.narrow, facet("s_"+s))
		f.ranked.Require = append(f.ranked.Require, []string{"s_" + s})
	}
	if p.Organisation != "" {
		var id string
		err := app.DB().NewQuery("SELECT id FROM organisations WHERE slug = {:o} OR id = {:o} LIMIT 1").
			Bind(dbx.Params{"o": p.Organisation}).Row(&id)
		if err != nil || id == "" {
			return f, false, nil
		}
		f.narrow = append(f.narrow, facet("o_"+id))
		f.ranked.Require = append(f.ranked.Require, []string{"o_" + id})
	}
	if p.Nation != "" {
		f.narrow = append(f.narrow, facet("n_"+p.Nation))
		f.ranked.Require = append(f.ranked.Require, []string{"n_" + p.Nation})
	}
	if p.Region != "" {
		r := "r_" + strings.ReplaceAll(strings.ToLower(p.Region), " ", "_")
		f.narrow = append(f.narrow, facet(r))
		f.ranked.Require = append(f.ranked.Require, []string{r})
	}
	return f, true, nil
}

// organisationFilters are the conditions on the project's organisation
// (joined as o) that a search asks for: which one, its nation, its region.
// Their values go in params.
func organisationFilters(p SearchParams, params dbx.Params) []string {
	var where []string
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
	return where
}
