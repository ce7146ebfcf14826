package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// projectView is the project page's content.
type projectView struct {
	P                 *core.Record
	Org               *core.Record
	Partners          []*core.Record
	ContinuedIn       *core.Record
	Reuses            []*core.Record
	Tags, Seeking     []string
	Links             []projectLink
	Fresh, FreshClass string
	LastSeen          string
	Updates           []updateView
	Interest          hooks.InterestSummary
	Call              *hooks.CallSummary
	Reuse             hooks.ReuseLinks
	Similar           []hooks.SimilarHit
	Outcome           [][2]string
	Draft             bool
	Panel             panelView
	CallSection       callView
	// Awards are the project's awards from decided funding rounds.
	Awards []hooks.Award
}

type projectLink struct{ URL, Label string }

type updateView struct {
	Created          string
	PhaseFrom        string
	PhaseTo          string
	Body             string
	Author           string
	OnlyAPhaseChange bool
	// An update read from the team's feed or repository: its title (the
	// body's first line), where it came from and the entry's address.
	Title, From, SourceURL, SourceHost string
}

// projectPage: GET /projects/{slug}, everything the project page shows,
// read as the person asking may read it: a draft they may not see answers
// exactly as a project that does not exist (404); a published project
// that was deleted answers 410.
func (s *Site) projectPage(e *core.RequestEvent) error {
	slug := e.Request.PathValue("slug")
	p, err := e.App.FindFirstRecordByData(hooks.ColProjects, "slug", slug)
	if err != nil || !canView(e, p) {
		if gone(e.App, "project", slug) {
			return s.render(e, http.StatusGone, "gone", Page{Title: "Project deleted", Page: "410",
				Data: map[string]string{"What": "project", "Back": "/projects", "BackText": "browse all projects"}})
		}
		return s.projectNotFound(e)
	}
	return s.showProject(e, p, http.StatusOK, nil)
}

// showProject renders a project's page; f is a form of its panel to show
// again with its errors, or nil.
func (s *Site) showProject(e *core.RequestEvent, p *core.Record, status int, f *form) error {
	var err error
	now := time.Now()
	v := projectView{P: p, Tags: p.GetStringSlice("tags"), Seeking: p.GetStringSlice("seeking"), Awards: awardsOf(p),
		Draft: p.GetString("visibility") != hooks.VisibilityPublished}
	v.Fresh, v.FreshClass = freshness(p.GetString("phase"), p.GetString("dormantSince"), p.GetInt("chaseStage"),
		p.GetString("lastActivityAt"), p.GetString("lastConfirmedAt"), now)
	v.LastSeen = lastSeen(p.GetString("lastActivityAt"), p.GetString("lastConfirmedAt"), now)
	if v.Org, err = e.App.FindRecordById(hooks.ColOrganisations, p.GetString("organisation")); err != nil {
		return e.InternalServerError("", errProjectOrg(err))
	}
	if v.Panel, err = panelFor(e, p, v.Org, f); err != nil {
		return e.InternalServerError("", err)
	}
	if v.CallSection, err = s.callFor(e, p, v.Panel.Who, v.Panel.Form); err != nil {
		return e.InternalServerError("", err)
	}
	for _, id := range p.GetStringSlice("partners") {
		if o, err := e.App.FindRecordById(hooks.ColOrganisations, id); err == nil {
			v.Partners = append(v.Partners, o)
		}
	}
	v.ContinuedIn = viewableProject(e, p.GetString("continuedIn"))
	for _, id := range p.GetStringSlice("reuses") {
		if q := viewableProject(e, id); q != nil {
			v.Reuses = append(v.Reuses, q)
		}
	}
	var links []struct {
		URL   string `json:"url"`
		Label string `json:"label"`
	}
	_ = p.UnmarshalJSONField("links", &links)
	for _, l := range links {
		if isWebAddress(l.URL) {
			v.Links = append(v.Links, projectLink{l.URL, l.Label})
		}
	}
	for _, o := range [][2]string{{"What worked", "outcomeWorked"}, {"What did not work", "outcomeDidNotWork"},
		{"What others can reuse", "outcomeReusable"}, {"Savings", "outcomeSavings"}, {"More about the outcome", "outcome"}} {
		if text := p.GetString(o[1]); text != "" {
			v.Outcome = append(v.Outcome, [2]string{o[0], text})
		}
	}
	if v.Updates, err = updatesOf(e, p); err != nil {
		return e.InternalServerError("", err)
	}
	if v.Interest, err = hooks.InterestSummaryOf(e.App, p.Id); err != nil {
		return e.InternalServerError("", err)
	}
	calls, err := hooks.OpenCalls(e.App, []any{p.Id})
	if err != nil {
		return e.InternalServerError("", err)
	}
	v.Call = calls[p.Id]
	if v.Reuse, err = hooks.ReuseLinksOf(e.App, p); err != nil {
		return e.InternalServerError("", err)
	}
	if v.Similar, err = hooks.Similar(e.App, hooks.SimilarQuery{Project: p.Id, ExcludeOrg: p.GetString("organisation")}); err != nil {
		return e.InternalServerError("", err)
	}
	path := "/projects/" + p.GetString("slug")
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "Project",
		"name": p.GetString("title"), "description": p.GetString("summary"), "url": absolute(e.App, path),
		"parentOrganization": map[string]any{"@type": "GovernmentOrganization", "name": v.Org.GetString("name"),
			"url": absolute(e.App, "/organisations/"+v.Org.GetString("slug"))},
	}
	if len(v.Tags) > 0 {
		ld["keywords"] = v.Tags
	}
	page := Page{Title: p.GetString("title"), Description: clip(p.GetString("summary"), 300), Page: "project",
		Canonical: absolute(e.App, path), OG: "article", Data: v, Form: f}
	if !v.Draft {
		page.JSONLD = ld
	}
	return s.render(e, status, "project", page)
}

// canView says whether the person asking may view a record, by its
// collection's view rule.
func canView(e *core.RequestEvent, r *core.Record) bool {
	info, err := e.RequestInfo()
	if err != nil {
		return false
	}
	ok, _ := e.App.CanAccessRecord(r, info, r.Collection().ViewRule)
	return ok
}

// viewableProject is the project with id if the person asking may view
// it, or nil.
func viewableProject(e *core.RequestEvent, id string) *core.Record {
	return viewable(e, hooks.ColProjects, id)
}

// viewable is the record of collection with id if the person asking may
// view it, or nil: one they may not see is as one that does not exist.
func viewable(e *core.RequestEvent, collection, id string) *core.Record {
	if id == "" {
		return nil
	}
	r, err := e.App.FindRecordById(collection, id)
	if err != nil || !canView(e, r) {
		return nil
	}
	return r
}

// updatesOf is a project's status updates, newest first, each author named
// only where the person asking may see them.
func updatesOf(e *core.RequestEvent, p *core.Record) ([]updateView, error) {
	records, err := e.App.FindRecordsByFilter(hooks.ColUpdates, "project = {:p}", "-created", 500, 0, dbx.Params{"p": p.Id})
	if err != nil {
		return nil, fmt.Errorf("read updates: %w", err)
	}
	names := map[string]string{}
	out := make([]updateView, 0, len(records))
	for _, u := range records {
		author := u.GetString("author")
		name, known := names[author]
		if !known {
			if a, err := e.App.FindRecordById(hooks.ColUsers, author); err == nil && canView(e, a) {
				name = a.GetString("name")
			}
			names[author] = name
		}
		from, to := u.GetString("phaseFrom"), u.GetString("phaseTo")
		body := u.GetString("body")
		v := updateView{Created: formatDate(u.GetDateTime("created")), PhaseFrom: from, PhaseTo: to,
			Body: body, Author: name, OnlyAPhaseChange: to != "" && body == fmt.Sprintf("Moved from %s to %s.", from, to)}
		if source := u.GetString("source"); source != "" {
			v.Title, v.Body, _ = strings.Cut(body, "\n\n")
			v.From = "the team's feed"
			if source == hooks.SourceRepo {
				v.From = "the project's repository"
			}
			if link := u.GetString("sourceUrl"); link != "" {
				v.SourceURL, v.SourceHost = link, sourceHost(link)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// clip cuts s to at most n characters, at a word where it can.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	for i := len(cut) - 1; i > n/2; i-- {
		if cut[i] == ' ' {
			return cut[:i] + "…"
		}
	}
	return cut + "…"
}
