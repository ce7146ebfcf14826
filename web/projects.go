package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// projectsList is the projects page's content.
type projectsList struct {
	Query         url.Values
	Q             string
	Phases        []option
	Seeking       []option
	Organisations []option
	Nations       []option
	Regions       []option
	UpdatedSince  []option
	Sorts         []option
	Call, Dormant bool
	Result        hooks.SearchResult
	Cards         []card
	Corrections   []correction
	Pages         []pageLink
	Prev, Next    string
	// Saved is the saved searches of the person signed in (nil for a
	// visitor).
	Saved *savedPanel
}

// option is one choice of a filter; a checkbox also has its input's
// name and id.
type option struct {
	Value, Label string
	Chosen       bool
	Name, ID     string
}

// card is one project in a list.
type card struct {
	hooks.SearchHit
	Fresh, FreshClass string
	// ShowSnippet says the matching text is not already in the summary.
	ShowSnippet bool
	SnippetHTML template.HTML
	Seeking     string
}

type correction struct{ Typed, Read string }

// pageLink is one link of the pagination; Gap is an ellipsis.
type pageLink struct {
	N       int
	Href    string
	Current bool
	Gap     bool
}

// projectsPage: GET /projects, the list with search, filters, sort and
// pages, all in the address (a plain GET form), as a visitor sees it.
func (s *Site) projectsPage(e *core.RequestEvent) error {
	return s.showProjects(e, e.Request.URL.Query(), http.StatusOK, nil)
}

// showProjects renders the list for query q; f is the saved-search form
// to show again with its errors, or nil.
func (s *Site) showProjects(e *core.RequestEvent, q url.Values, status int, f *form) error {
	now := time.Now()
	p := hooks.SearchParamsFrom(q, now)
	p.PerPage = 20
	if me := viewerOf(e); me != nil && me.Approved {
		p.ViewerOrganisation = me.Organisation
	}
	res, err := hooks.Search(e.App, p)
	if err != nil {
		return e.InternalServerError("", err)
	}
	d := projectsList{Query: q, Q: q.Get("q"), Result: res, Call: q.Get("call") == "open",
		Dormant: q.Get("dormant") == "1" || q.Get("dormant") == "true"}
	for i, ph := range phases {
		d.Phases = append(d.Phases, option{Value: ph, Label: phaseNames[ph], Chosen: contains(q["phase"], ph), Name: "phase", ID: checkboxID("phase", ph, i)})
	}
	for i, v := range seekingOrder {
		d.Seeking = append(d.Seeking, option{Value: v, Label: seekingNames[v], Chosen: contains(q["seeking"], v), Name: "seeking", ID: checkboxID("seeking", v, i)})
	}
	var orgs []struct {
		Name string `db:"name"`
		Slug string `db:"slug"`
	}
	if err := e.App.DB().NewQuery("SELECT name, slug FROM organisations ORDER BY name").All(&orgs); err != nil {
		return e.InternalServerError("", err)
	}
	for _, o := range orgs {
		d.Organisations = append(d.Organisations, option{Value: o.Slug, Label: o.Name, Chosen: o.Slug == q.Get("organisation")})
	}
	for _, n := range nations {
		d.Nations = append(d.Nations, option{Value: n, Label: nationNames[n], Chosen: n == q.Get("nation")})
	}
	for _, r := range regions {
		d.Regions = append(d.Regions, option{Value: r, Label: r, Chosen: r == q.Get("region")})
	}
	for _, o := range [][2]string{{"30", "In the last 30 days"}, {"90", "In the last 90 days"}, {"365", "In the last year"}} {
		d.UpdatedSince = append(d.UpdatedSince, option{Value: o[0], Label: o[1], Chosen: o[0] == q.Get("updatedSince")})
	}
	for _, o := range [][2]string{{"updated", "Recently updated"}, {"newest", "Newest"}, {"title", "Title (A to Z)"}} {
		d.Sorts = append(d.Sorts, option{Value: o[0], Label: o[1], Chosen: o[0] == q.Get("sort")})
	}
	for typed, read := range res.Corrections {
		d.Corrections = append(d.Corrections, correction{typed, read})
	}
	for _, h := range res.Items {
		d.Cards = append(d.Cards, cardOf(h, now))
	}
	d.Pages, d.Prev, d.Next = pagination("/projects", q, res.Page, res.TotalPages)
	title := "Projects"
	if d.Q != "" {
		title = "Projects matching “" + strings.TrimSpace(d.Q) + "”"
	}
	if res.Page > 1 {
		title += " (page " + strconv.Itoa(res.Page) + ")"
	}
	if d.Saved, err = s.savedPanelFor(e, q, f); err != nil {
		return e.InternalServerError("", err)
	}
	page := Page{Title: title, Page: "projects", Canonical: absolute(e.App, "/projects"), Data: d, Form: f,
		Description: "Digital projects of UK councils, from concept to live: search them, and find partners, funding and work to reuse."}
	return s.render(e, status, "projects", page)
}

// checkboxID is a checkbox's id as the UI names it: f-phase for the first,
// f-phase-alpha for the others (the error summary links the first).
func checkboxID(name, value string, i int) string {
	if i == 0 {
		return "f-" + name
	}
	return "f-" + name + "-" + value
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// cardOf is a search hit as the list shows it.
func cardOf(h hooks.SearchHit, now time.Time) card {
	c := card{SearchHit: h}
	c.Fresh, c.FreshClass = freshnessOfHit(h, now)
	plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet)
	c.ShowSnippet = h.Snippet != "" && !strings.Contains(template.HTMLEscapeString(h.Summary), plain)
	c.SnippetHTML = template.HTML(h.Snippet) // escaped by the search, with <mark> added
	var seeking []string
	for _, v := range h.Seeking {
		seeking = append(seeking, nameOr(seekingNames, v))
	}
	c.Seeking = strings.Join(seeking, ", ")
	return c
}

// pagination is the page links of the list at base for page of total:
// the first, the last, the current one and its neighbours, with gaps
// between; each keeps the rest of the query.
func pagination(base string, q url.Values, page, total int) (links []pageLink, prev, next string) {
	if total <= 1 {
		return nil, "", ""
	}
	href := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(n))
		return base + "?" + v.Encode()
	}
	for n := 1; n <= total; n++ {
		if n != 1 && n != total && (n-page > 1 || page-n > 1) {
			if len(links) == 0 || !links[len(links)-1].Gap {
				links = append(links, pageLink{Gap: true})
			}
			continue
		}
		links = append(links, pageLink{N: n, Href: href(n), Current: n == page})
	}
	if page > 1 {
		prev = href(page - 1)
	}
	if page < total {
		next = href(page + 1)
	}
	return links, prev, next
}
