package hooks

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Atom (RFC 4287) documents.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Id       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Id        string      `xml:"id"`
	Title     string      `xml:"title"`
	Updated   string      `xml:"updated"`
	Published string      `xml:"published,omitempty"`
	Author    *atomPerson `xml:"author,omitempty"`
	Links     []atomLink  `xml:"link"`
	Summary   atomText    `xml:"summary"`
	Category  []atomCat   `xml:"category"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// feedEntries is how many entries a feed carries.
const feedEntries = 50

// rfc3339 turns a stored date into an Atom date.
func rfc3339(stored string) string {
	t, err := time.Parse("2006-01-02 15:04:05.000Z", stored)
	if err != nil {
		return time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	return t.UTC().Format(time.RFC3339)
}

// tagURI is a permanent id for a thing on this instance (RFC 4151).
func tagURI(app core.App, path string) string {
	return "tag:" + appHost(app) + ",2026:" + path
}

func writeAtom(e *core.RequestEvent, f atomFeed) error {
	if f.Updated == "" {
		f.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	for _, en := range f.Entries {
		if en.Updated > f.Updated {
			f.Updated = en.Updated
		}
	}
	openDataHeaders(e, "application/atom+xml; charset=utf-8")
	e.Response.WriteHeader(http.StatusOK)
	if _, err := e.Response.Write([]byte(xml.Header)); err != nil {
		return err
	}
	enc := xml.NewEncoder(e.Response)
	enc.Indent("", "  ")
	return enc.Encode(f)
}

func projectEntry(app core.App, p OpenProject) atomEntry {
	en := atomEntry{
		Id:        tagURI(app, "projects/"+p.Id),
		Title:     p.Title,
		Updated:   rfc3339(p.Updated),
		Published: rfc3339(p.Created),
		Author:    &atomPerson{Name: p.Organisation},
		Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: p.URL}},
		Summary:   atomText{Type: "text", Body: p.Summary},
		Category:  []atomCat{{Term: p.Phase}},
	}
	for _, t := range p.Tags {
		en.Category = append(en.Category, atomCat{Term: t})
	}
	return en
}

// projectsFeed: GET /feeds/projects.atom, new and updated published
// projects, latest first.
func projectsFeed(e *core.RequestEvent) error {
	return organisationProjectsFeed(e, "", "", "")
}

// organisationFeed: GET /feeds/organisations/<slug>.atom.
func organisationFeed(e *core.RequestEvent) error {
	slug, ok := strings.CutSuffix(e.Request.PathValue("file"), ".atom")
	if !ok {
		return notFoundText(e)
	}
	org, err := e.App.FindFirstRecordByData(ColOrganisations, "slug", slug)
	if err != nil {
		return notFoundText(e)
	}
	return organisationProjectsFeed(e, org.Id, org.GetString("name"), slug)
}

func organisationProjectsFeed(e *core.RequestEvent, orgId, orgName, slug string) error {
	base := strings.TrimRight(e.App.Settings().Meta.AppURL, "/")
	f := atomFeed{
		Id:       tagURI(e.App, "feeds/projects"),
		Title:    e.App.Settings().Meta.AppName + ": new and updated projects",
		Subtitle: "Councils' digital projects, from concept to live",
		Author:   atomPerson{Name: e.App.Settings().Meta.AppName},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/feeds/projects.atom"},
			{Rel: "alternate", Type: "text/html", Href: base + "/projects"},
		},
	}
	where, params := "", dbx.Params{}
	if orgId != "" {
		where, params["org"] = "p.organisation = {:org}", orgId
		f.Id = tagURI(e.App, "feeds/organisations/"+orgId)
		f.Title = orgName + ": projects on " + e.App.Settings().Meta.AppName
		f.Links = []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/feeds/organisations/" + url.PathEscape(slug) + ".atom"},
			{Rel: "alternate", Type: "text/html", Href: base + "/organisations/" + url.PathEscape(slug)},
		}
	}
	f.Entries = []atomEntry{}
	err := eachOpenProject(e.App, where, params, "p.updated DESC, p.id", feedEntries, func(p OpenProject) error {
		f.Entries = append(f.Entries, projectEntry(e.App, p))
		return nil
	})
	if err != nil {
		return err
	}
	return writeAtom(e, f)
}

// projectUpdatesFeed: GET /feeds/projects/<id>.atom, a published
// project's status updates, latest first.
func projectUpdatesFeed(e *core.RequestEvent) error {
	id, ok := strings.CutSuffix(e.Request.PathValue("file"), ".atom")
	if !ok {
		return notFoundText(e)
	}
	p, err := e.App.FindRecordById(ColProjects, id)
	if err != nil || p.GetString("visibility") != VisibilityPublished {
		return notFoundText(e)
	}
	base := strings.TrimRight(e.App.Settings().Meta.AppURL, "/")
	org, _ := e.App.FindRecordById(ColOrganisations, p.GetString("organisation"))
	orgName := ""
	if org != nil {
		orgName = org.GetString("name")
	}
	f := atomFeed{
		Id:     tagURI(e.App, "feeds/projects/"+p.Id),
		Title:  "Updates on " + p.GetString("title"),
		Author: atomPerson{Name: orgName},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/feeds/projects/" + p.Id + ".atom"},
			{Rel: "alternate", Type: "text/html", Href: base + projectPath(p)},
		},
		Updated: rfc3339(p.GetDateTime("updated").String()),
		Entries: []atomEntry{},
	}
	updates, err := e.App.FindRecordsByFilter(ColUpdates, "project = {:p}", "-created", feedEntries, 0, dbx.Params{"p": p.Id})
	if err != nil {
		return err
	}
	for _, u := range updates {
		title := "Update on " + p.GetString("title")
		if to := u.GetString("phaseTo"); to != "" {
			title = p.GetString("title") + " moved from " + u.GetString("phaseFrom") + " to " + to
		}
		f.Entries = append(f.Entries, atomEntry{
			Id:        tagURI(e.App, "updates/"+u.Id),
			Title:     title,
			Updated:   rfc3339(u.GetDateTime("updated").String()),
			Published: rfc3339(u.GetDateTime("created").String()),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: base + projectPath(p)}},
			Summary:   atomText{Type: "text", Body: u.GetString("body")},
		})
	}
	return writeAtom(e, f)
}
