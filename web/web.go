// Package web serves Pipeline's pages whole from the server: GOV.UK
// Frontend HTML from html/template, in the UI's own layout (built into
// pb_public/_layout.html by ui/build.mjs), so that every page can be read,
// found by search engines and shared without JavaScript. The UI's scripts
// then add to the page. Pages call the domain code in hooks and read
// records as the person asking may (PocketBase's rules), never as a
// superuser.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"pipeline/hooks"
)

//go:embed templates
var templateFS embed.FS

// Site is the pages' templates, each the layout with one page's "main".
type Site struct {
	pages map[string]*template.Template
	api   apiClient
}

// pageNames are the templates under templates/ that are whole pages.
var pageNames = []string{"home", "projects", "project", "organisations", "organisation", "not-found", "gone", "demo-mail", "demo-message",
	"message", "update-form", "project-form", "my", "import", "admin-members", "coordinator", "call-form", "confirm-email", "portfolio",
	"timeline", "accessibility", "open-data", "link", "sign-in", "sign-out", "sign-up", "check-email", "reset-password", "verify-email", "join",
	"rounds", "round", "round-new", "round-manage", "bid-new", "bid", "network-project", "peers"}

// NewSite parses the layout from the built UI (public, at _layout.html)
// and the page templates embedded in this package.
func NewSite(public fs.FS) (*Site, error) {
	layout, err := fs.ReadFile(public, "_layout.html")
	if err != nil {
		return nil, fmt.Errorf("read the layout (build the UI with `make ui`): %w", err)
	}
	base, err := template.New("layout").Funcs(funcs).Parse(string(layout))
	if err != nil {
		return nil, fmt.Errorf("parse the layout: %w", err)
	}
	if base, err = base.ParseFS(templateFS, "templates/partials.html"); err != nil {
		return nil, fmt.Errorf("parse the partials: %w", err)
	}
	s := &Site{pages: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("copy the layout: %w", err)
		}
		if s.pages[name], err = t.ParseFS(templateFS, "templates/"+name+".html"); err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
	}
	return s, nil
}

// Register serves the pages, bound before the built UI (hooks.ServePublic)
// so that its files do not answer for them, and signs requests in from the
// session cookie (session.go).
func Register(app core.App, public fs.FS) error {
	site, err := NewSite(public)
	if err != nil {
		return err
	}
	app.Store().Set(hooks.LinkPageRenderer, hooks.LinkPageRenderFunc(site.renderLinkPage))
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id: "pipelinePages",
		Func: func(se *core.ServeEvent) error {
			site.api.use(se.Router)
			se.Router.Bind(sessionMiddleware())
			for _, r := range site.routes() {
				switch {
				case r.method == http.MethodPost:
					se.Router.POST(r.path, r.handler)
				case r.live:
					se.Router.GET(r.path, r.handler).Bind(apis.Gzip())
				case activityObjects[r.path] != nil:
					se.Router.GET(r.path, negotiated(activityObjects[r.path], hooks.CachedPage(r.handler)))
				default:
					se.Router.GET(r.path, hooks.CachedPage(r.handler))
				}
			}
			return se.Next()
		},
	})
	return nil
}

// activityObjects are the pages that are also ActivityStreams objects: a
// request with Accept: application/activity+json gets the object (never
// cached with the page), any other the page.
var activityObjects = map[string]func(*core.RequestEvent) error{
	"/projects/{slug}": hooks.ServeProjectObject,
}

// negotiated answers a page's address with the object when ActivityStreams
// is asked for, else with the page; both vary by Accept.
func negotiated(object, page func(*core.RequestEvent) error) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		e.Response.Header().Set("Vary", "Accept")
		if hooks.WantsActivity(e.Request) {
			return object(e)
		}
		return page(e)
	}
}

// route is one page's method, address and handler. A page is kept in the
// answer cache for visitors (until the next write) unless it is live: one
// that changes without a record being saved, such as the demo's inbox, or
// that holds a form (whose CSRF token is the visitor's own).
type route struct {
	method  string
	path    string
	handler func(*core.RequestEvent) error
	live    bool
}

// routes is every page the server renders, and every form it answers.
func (s *Site) routes() []route {
	const get, post, cached, live = http.MethodGet, http.MethodPost, false, true
	return []route{
		{get, "/{$}", s.homePage, cached},
		{get, "/projects", s.projectsPage, cached},
		{get, "/projects/{slug}", s.projectPage, cached},
		{get, "/organisations", s.organisationsPage, cached},
		{get, "/organisations/{slug}", s.organisationPage, cached},
		{get, "/network/projects/{id}", s.networkProjectPage, live},
		{get, "/coordinator/peers", s.peersPage, live},
		{post, "/coordinator/peers", s.peersAct, live},
		{post, "/network/projects/{id}/interest", s.networkInterest, live},
		{get, "/rounds", s.roundsPage, cached},
		{get, "/rounds/{id}", s.roundPage, cached},
		{post, "/organisations/{slug}/funder", s.organisationFunder, live},
		{get, "/rounds/new", s.newRoundPage, live},
		{post, "/rounds/new", s.createRound, live},
		{get, "/rounds/{id}/manage", s.manageRoundPage, live},
		{post, "/rounds/{id}/manage", s.manageRound, live},
		{get, "/rounds/{id}/bid", s.newBidPage, live},
		{post, "/rounds/{id}/bid", s.createBid, live},
		{get, "/bids/{id}", s.bidPage, live},
		{post, "/bids/{id}", s.bidAct, live},
		{get, "/projects/{$}", redirectTo("/projects"), live},
		{get, "/organisations/{$}", redirectTo("/organisations"), live},
		{get, "/timeline", s.timelinePage, cached},
		{get, "/accessibility", s.staticPage("accessibility", "Accessibility statement"), cached},
		{get, "/open-data", s.staticPage("open-data", "Open data"), cached},
		{get, "/sitemap.xml", sitemap, cached},
		{get, "/robots.txt", robots, cached},
		{get, "/demo/mail", s.demoInbox, live},
		{get, "/demo/mail/{id}", s.demoMessage, live},

		// People's own journeys (account.go, join.go).
		{get, "/sign-in", s.signInPage, live},
		{post, "/sign-in", s.signIn, live},
		{get, "/sign-out", s.signOutPage, live},
		{post, "/sign-out", s.signOut, live},
		{get, "/sign-up", s.signUpPage, live},
		{post, "/sign-up", s.signUp, live},
		{get, "/reset-password", s.resetPasswordPage, live},
		{post, "/reset-password", s.resetPassword, live},
		{get, "/verify-email", s.verifyEmailPage, live},
		{post, "/verify-email", s.verifyEmail, live},
		{get, "/confirm-email", s.confirmEmailPage, live},
		{post, "/confirm-email", s.confirmEmail, live},
		{get, "/join", s.joinPage, live},
		{post, "/join", s.join, live},

		// An organisation's admin (import.go).
		{get, "/admin/members", s.adminPage, live},
		{post, "/admin/members", s.adminAct, live},
		{get, "/admin/import", s.importPage, live},
		{post, "/admin/import", s.importFile, live},

		// The coordinators' page (coordinator.go).
		{get, "/coordinator", s.coordinatorPage, live},
		{post, "/coordinator", s.coordinatorAct, live},

		// An organisation's portfolio (portfolio.go).
		{get, "/portfolio", s.portfolioPage, live},

		// My Pipeline (my.go).
		{get, "/my", s.myPage, live},
		{post, "/my", s.myAct, live},

		// Saved searches on the projects list (saved_searches.go).
		{post, "/projects/saved", s.savedSearchAct, live},

		// A project's actions (project_actions.go).
		{post, "/projects/{slug}/act", s.projectAct, live},
		{get, "/projects/new", s.projectFormPage, live},
		{post, "/projects/new", s.saveProject, live},
		{get, "/projects/{slug}/edit", s.projectFormPage, live},
		{post, "/projects/{slug}/edit", s.saveProject, live},
		{post, "/projects/{slug}/feeds", s.readFeedsNow, live},
		{get, "/projects/{slug}/call", s.callFormPage, live},
		{post, "/projects/{slug}/call", s.openCall, live},
		{get, "/projects/{slug}/update", s.updatePage, live},
		{post, "/projects/{slug}/update", s.postUpdate, live},
	}
}

// Page is what the layout needs of every page.
type Page struct {
	Title, Description string
	// Page names the UI's script that adds to the page (data-page), and
	// Script says it has one.
	Page, Script string
	// Canonical is the page's own address, absolute; OG the Open Graph
	// type ("website", "article"), and JSONLD schema.org data, if any.
	Canonical string
	OG        string
	JSONLD    any
	// Data is the page's own content.
	Data any
	// Form is the page's form, if it has one: a form with errors puts
	// "Error: " before the title.
	Form *form
	// Me is who is signed in (nil for a visitor) and Flash the message a
	// form left for this page; render fills both.
	Me    *viewer
	Flash string
	// Private pages (one-click links) are never stored, never send their
	// address as a referrer and are never indexed.
	Private bool
}

// render answers with the named page.
func (s *Site) render(e *core.RequestEvent, status int, name string, p Page) error {
	if p.Description == "" {
		p.Description = "Councils' digital projects, from concept to live, shared so that others can find, join, fund and reuse them."
	}
	if p.OG == "" {
		p.OG = "website"
	}
	if p.Form != nil && p.Form.Failed() {
		p.Title = "Error: " + p.Title
	}
	p.Me = viewerOf(e)
	if p.Me != nil {
		p.Flash = takeFlash(e)
	}
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		return e.InternalServerError("", fmt.Errorf("render %s: %w", name, err))
	}
	h := e.Response.Header()
	h.Set("Content-Security-Policy", hooks.ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-cache")
	if p.Private {
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Robots-Tag", "noindex")
	}
	return e.HTML(status, b.String())
}

// staticPage is a page whose words are all in its template.
func (s *Site) staticPage(name, title string) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		return s.render(e, http.StatusOK, name, Page{Title: title, Page: name, Canonical: absolute(e.App, "/"+name)})
	}
}

// redirectTo sends a list's address with a trailing slash to the list,
// with its query.
func redirectTo(path string) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		to := path
		if q := e.Request.URL.RawQuery; q != "" {
			to += "?" + q
		}
		return e.Redirect(http.StatusMovedPermanently, to)
	}
}

// absolute is path on the instance's own address (Settings › Application).
func absolute(app core.App, path string) string {
	return strings.TrimRight(app.Settings().Meta.AppURL, "/") + path
}

// notFound answers 404 with the not-found page; what names a draft the
// caller may not see answers exactly the same.
func (s *Site) notFound(e *core.RequestEvent, what, back, backText string) error {
	return s.render(e, http.StatusNotFound, "not-found", Page{Title: what + " not found", Page: "404",
		Data: map[string]string{"What": what, "Back": back, "BackText": backText}})
}

// projectNotFound is notFound for a project's address.
func (s *Site) projectNotFound(e *core.RequestEvent) error {
	return s.notFound(e, "Project", "/projects", "browse all projects")
}
