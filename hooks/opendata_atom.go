package hooks

import (
	"pipeline/hooks/atom"

	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// feedEntries is how many entries a feed carries.
const feedEntries = 50

// rfc3339 turns a stored date into an Atom date.
func rfc3339(stored string) string {
	t, err := time.Parse("2006-01-02 15:04:05.000Z", stored)
	if err != nil {
		return atom.Epoch
	}
	return t.UTC().Format(time.RFC3339)
}

// tagURI is a permanent id for a thing on this instance (RFC 4151).
func tagURI(app core.App, path string) string {
	return "tag:" + appHost(app) + ",2026:" + path
}

// writeAtom answers with the feed f.
func writeAtom(e *core.RequestEvent, f atom.Feed) error {
	openDataHeaders(e, "application/atom+xml; charset=utf-8")
	e.Response.WriteHeader(http.StatusOK)
	return atom.Encode(e.Response, f)
}

func projectEntry(app core.App, p OpenProject) atom.Entry {
	en := atom.Entry{
		Id:        tagURI(app, "projects/"+p.Id),
		Title:     p.Title,
		Updated:   rfc3339(p.Updated),
		Published: rfc3339(p.Created),
		Author:    &atom.Person{Name: p.Organisation},
		Links:     []atom.Link{{Rel: "alternate", Type: "text/html", Href: p.URL}},
		Summary:   atom.Text{Type: "text", Body: p.Summary},
		Category:  []atom.Category{{Term: p.Phase}},
	}
	for _, t := range p.Tags {
		en.Category = append(en.Category, atom.Category{Term: t})
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
	f := atom.Feed{
		Id:       tagURI(e.App, "feeds/projects"),
		Title:    e.App.Settings().Meta.AppName + ": new and updated projects",
		Subtitle: "Councils' digital projects, from concept to live",
		Author:   atom.Person{Name: e.App.Settings().Meta.AppName},
		Links: []atom.Link{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/feeds/projects.atom"},
			{Rel: "alternate", Type: "text/html", Href: base + "/projects"},
		},
	}
	where, params := "", dbx.Params{}
	if orgId != "" {
		where, params["org"] = "p.organisation = {:org}", orgId
		f.Id = tagURI(e.App, "feeds/organisations/"+orgId)
		f.Title = orgName + ": projects on " + e.App.Settings().Meta.AppName
		f.Links = []atom.Link{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/feeds/organisations/" + url.PathEscape(slug) + ".atom"},
			{Rel: "alternate", Type: "text/html", Href: base + "/organisations/" + url.PathEscape(slug)},
		}
	}
	f.Entries = []atom.Entry{}
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
	f := atom.Feed{
		Id:     tagURI(e.App, "feeds/projects/"+p.Id),
		Title:  "Updates on " + p.GetString("title"),
		Author: atom.Person{Name: orgName},
		Links: []atom.Link{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/feeds/projects/" + p.Id + ".atom"},
			{Rel: "alternate", Type: "text/html", Href: base + projectPath(p)},
		},
		Updated: rfc3339(p.GetDateTime("updated").String()),
		Entries: []atom.Entry{},
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
		links := []atom.Link{{Rel: "alternate", Type: "text/html", Href: base + projectPath(p)}}
		if source := u.GetString("sourceUrl"); source != "" {
			links = append(links, atom.Link{Rel: "via", Type: "text/html", Href: source}) // the team's own post
		}
		f.Entries = append(f.Entries, atom.Entry{
			Id:        tagURI(e.App, "updates/"+u.Id),
			Title:     title,
			Updated:   rfc3339(u.GetDateTime("updated").String()),
			Published: rfc3339(u.GetDateTime("created").String()),
			Links:     links,
			Summary:   atom.Text{Type: "text", Body: u.GetString("body")},
		})
	}
	return writeAtom(e, f)
}
