package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// organisationsPerPage is how many organisations a page of the list shows.
const organisationsPerPage = 50

// organisationRow is one organisation in the list.
type organisationRow struct {
	Name     string `db:"name"`
	Slug     string `db:"slug"`
	Nation   string `db:"nation"`
	Region   string `db:"region"`
	Kind     string `db:"kind"`
	Projects int    `db:"projects"`
}

// organisationsList is the organisations page's content.
type organisationsList struct {
	Q           string
	Nations     []option
	Kinds       []option
	HasProjects bool
	Rows        []organisationRow
	Total       int
	Pages       []pageLink
	Prev, Next  string
}

// organisationsPage: GET /organisations, filtered by name (q), nation,
// kind and "has projects", 50 a page.
func (s *Site) organisationsPage(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	d := organisationsList{Q: strings.TrimSpace(q.Get("q")), HasProjects: q.Get("hasProjects") == "1"}
	where := []string{"1 = 1"}
	params := dbx.Params{}
	if d.Q != "" {
		where = append(where, "(o.name LIKE {:q} ESCAPE '\\' OR o.shortName LIKE {:q} ESCAPE '\\')")
		params["q"] = "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(d.Q) + "%"
	}
	for _, n := range nations {
		d.Nations = append(d.Nations, option{Value: n, Label: nationNames[n], Chosen: n == q.Get("nation")})
	}
	if nationNames[q.Get("nation")] != "" {
		where = append(where, "o.nation = {:nation}")
		params["nation"] = q.Get("nation")
	}
	for _, k := range kindOrder {
		d.Kinds = append(d.Kinds, option{Value: k, Label: kindNames[k], Chosen: k == q.Get("kind")})
	}
	if kindNames[q.Get("kind")] != "" {
		where = append(where, "o.kind = {:kind}")
		params["kind"] = q.Get("kind")
	}
	counts := `(SELECT COUNT(*) FROM projects p WHERE p.organisation = o.id AND p.visibility = 'published')`
	if d.HasProjects {
		where = append(where, counts+" > 0")
	}
	cond := strings.Join(where, " AND ")
	if err := e.App.DB().NewQuery("SELECT COUNT(*) FROM organisations o WHERE " + cond).Bind(params).Row(&d.Total); err != nil {
		return e.InternalServerError("", err)
	}
	pages := max(1, (d.Total+organisationsPerPage-1)/organisationsPerPage)
	page, _ := strconv.Atoi(q.Get("page"))
	page = min(max(1, page), pages)
	err := e.App.DB().NewQuery(fmt.Sprintf(`SELECT o.name, o.slug, o.nation, o.region, o.kind, %s AS projects
		FROM organisations o WHERE %s ORDER BY o.name LIMIT %d OFFSET %d`, counts, cond, organisationsPerPage, (page-1)*organisationsPerPage)).
		Bind(params).All(&d.Rows)
	if err != nil {
		return e.InternalServerError("", err)
	}
	d.Pages, d.Prev, d.Next = pagination("/organisations", q, page, pages)
	title := "Organisations"
	if page > 1 {
		title += " (page " + strconv.Itoa(page) + ")"
	}
	return s.render(e, http.StatusOK, "organisations", Page{Title: title, Page: "organisations",
		Canonical: absolute(e.App, "/organisations"), Data: d,
		Description: "Every UK council on Pipeline, and the digital projects each is working on."})
}

// organisationView is an organisation's page.
type organisationView struct {
	Org       *core.Record
	Where     string
	Website   string
	Own       int
	Columns   []phaseColumn
	Partnered []hooks.SearchHit
	// Remote are its projects published on other Pipelines.
	Remote []hooks.RemoteHit
	// Coordinator is set for a coordinator, who may mark the organisation
	// as a funder (it then runs funding rounds); Form carries their token.
	Coordinator bool
	Form        *form
}

// phaseColumn is one phase of an organisation's board.
type phaseColumn struct {
	Phase    string
	Projects []card
}

// organisationPage: GET /organisations/{slug}, its published projects as
// a board by phase, and the projects it is a partner in.
func (s *Site) organisationPage(e *core.RequestEvent) error {
	slug := e.Request.PathValue("slug")
	org, err := e.App.FindFirstRecordByData(hooks.ColOrganisations, "slug", slug)
	if err != nil || !canView(e, org) {
		if gone(e.App, "organisation", slug) {
			return s.render(e, http.StatusGone, "gone", Page{Title: "Organisation deleted", Page: "410",
				Data: map[string]string{"What": "organisation", "Back": "/organisations", "BackText": "browse all organisations"}})
		}
		return s.notFound(e, "Organisation", "/organisations", "browse all organisations")
	}
	v := organisationView{Org: org}
	var where []string
	for _, part := range []string{org.GetString("region"), nationNames[org.GetString("nation")]} {
		if part != "" && !contains(where, part) {
			where = append(where, part)
		}
	}
	v.Where = strings.Join(where, ", ")
	if isWebAddress(org.GetString("website")) {
		v.Website = org.GetString("website")
	}
	var own []hooks.SearchHit
	err = e.App.DB().NewQuery(`SELECT id, slug, title, summary, phase, visibility, lastActivityAt, lastConfirmedAt,
			dormantSince, chaseStage FROM projects WHERE organisation = {:o} AND visibility = 'published' ORDER BY title`).
		Bind(dbx.Params{"o": org.Id}).All(&own)
	if err != nil {
		return e.InternalServerError("", err)
	}
	v.Own = len(own)
	now := time.Now()
	for _, ph := range phases {
		col := phaseColumn{Phase: ph}
		for _, h := range own {
			if h.Phase == ph {
				c := cardOf(h, now)
				c.Summary = clip(h.Summary, 110)
				col.Projects = append(col.Projects, c)
			}
		}
		v.Columns = append(v.Columns, col)
	}
	err = e.App.DB().NewQuery(`SELECT id, slug, title FROM projects WHERE visibility = 'published' AND organisation != {:o}
			AND partners != '[]' AND EXISTS (SELECT 1 FROM json_each(partners) WHERE value = {:o}) ORDER BY title`).
		Bind(dbx.Params{"o": org.Id}).All(&v.Partnered)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if v.Remote, err = hooks.RemoteOfOrganisation(e.App, org.Id); err != nil {
		return e.InternalServerError("", err)
	}
	if me := viewerOf(e); me != nil && me.Coordinator {
		v.Coordinator, v.Form = true, newForm(e, nil)
	}
	desc := org.GetString("description")
	if desc == "" {
		desc = org.GetString("name") + "'s digital projects on Pipeline: " + plural(v.Own, "project", "projects") + ", from concept to live."
	}
	return s.render(e, http.StatusOK, "organisation", Page{Title: org.GetString("name"), Description: clip(desc, 300),
		Page: "organisation", Canonical: absolute(e.App, "/organisations/"+org.GetString("slug")), Data: v,
		JSONLD: map[string]any{"@context": "https://schema.org", "@type": "GovernmentOrganization",
			"name": org.GetString("name"), "url": absolute(e.App, "/organisations/"+org.GetString("slug"))}})
}

// organisationFunder: POST /organisations/{slug}/funder, a coordinator
// marking an organisation as a funder, or no longer one.
func (s *Site) organisationFunder(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	org, err := e.App.FindFirstRecordByData(hooks.ColOrganisations, "slug", e.Request.PathValue("slug"))
	if err != nil {
		return s.notFound(e, "Organisation", "/organisations", "browse all organisations")
	}
	funder := values.Get("funder") == "true"
	a, err := s.call(e, http.MethodPatch, "/api/collections/"+hooks.ColOrganisations+"/records/"+org.Id, map[string]bool{"funder": funder})
	if err != nil {
		return e.InternalServerError("", err)
	}
	if !a.OK() {
		return s.render(e, a.Status, "message", Page{Title: "Only coordinators mark funders", Page: "organisation",
			Data: message{Heading: "Only coordinators mark funders", Body: sentence(a.Message) + ".", Link: "/organisations/" + org.GetString("slug"), LinkText: "Back to " + org.GetString("name")}})
	}
	done := org.GetString("name") + " is a funder: its officers can run funding rounds"
	if !funder {
		done = org.GetString("name") + " is no longer a funder"
	}
	return redirectWith(e, "/organisations/"+org.GetString("slug"), done)
}
