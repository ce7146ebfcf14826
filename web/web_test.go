package web

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"pipeline/hooks"
	_ "pipeline/pb_migrations"
)

// fixture is what the page tests share: two councils, an officer of
// each, and projects published, draft and deleted.
type fixture struct {
	dir                                        string
	leeds, bristol                             string
	leedsToken, bristolToken                   string
	published, draft, deletedPub, deletedDraft string
}

var fx fixture

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		println(err.Error())
		os.Exit(1)
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	app, err := tests.NewTestApp()
	if err != nil {
		return 0, err
	}
	hooks.Register(app)
	if err := seed(app); err != nil {
		return 0, err
	}
	fx.dir = app.DataDir()
	defer os.RemoveAll(fx.dir)
	if err := app.ClearBootstrap(); err != nil {
		return 0, err
	}
	return m.Run(), nil
}

func seed(app core.App) error {
	org := func(slug string) (string, error) {
		o, err := app.FindFirstRecordByData(hooks.ColOrganisations, "slug", slug)
		if err != nil {
			return "", err
		}
		return o.Id, nil
	}
	var err error
	if fx.leeds, err = org("leeds"); err != nil {
		return err
	}
	if fx.bristol, err = org("city-of-bristol"); err != nil {
		return err
	}
	save := func(col string, data map[string]any) (*core.Record, error) {
		c, err := app.FindCollectionByNameOrId(col)
		if err != nil {
			return nil, err
		}
		r := core.NewRecord(c)
		r.Load(data)
		return r, app.Save(r)
	}
	// PocketBase's test data turns on MFA for users; Pipeline's instances
	// do not.
	uc, err := app.FindCollectionByNameOrId(hooks.ColUsers)
	if err != nil {
		return err
	}
	uc.MFA.Enabled = false
	if err := app.Save(uc); err != nil {
		return err
	}
	users := map[string]*string{"officer@leeds.test": &fx.leedsToken, "officer@bristol.test": &fx.bristolToken}
	for email, token := range users {
		o := fx.leeds
		if strings.Contains(email, "bristol") {
			o = fx.bristol
		}
		u, err := save(hooks.ColUsers, map[string]any{"email": email, "password": "a-long-test-password", "name": "Officer",
			"organisation": o, "role": hooks.RoleOfficer, "membership": hooks.MembershipApproved, "verified": true})
		if err != nil {
			return err
		}
		if *token, err = u.NewAuthToken(); err != nil {
			return err
		}
	}
	project := func(title, orgID, visibility string) (*core.Record, error) {
		return save(hooks.ColProjects, map[string]any{"title": title, "summary": "Summary of " + title + " <b>bold</b>",
			"description": "What it is.\n\nAnd why.", "organisation": orgID, "visibility": visibility,
			"tags": []string{"bins", "waste"}})
	}
	p, err := project("Missed bin reporting", fx.leeds, hooks.VisibilityPublished)
	if err != nil {
		return err
	}
	fx.published = p.GetString("slug")
	if p, err = project("Secret draft plan", fx.leeds, hooks.VisibilityDraft); err != nil {
		return err
	}
	fx.draft = p.GetString("slug")
	if p, err = project("Retired parking pilot", fx.bristol, hooks.VisibilityPublished); err != nil {
		return err
	}
	fx.deletedPub = p.GetString("slug")
	if err := app.Delete(p); err != nil {
		return err
	}
	d, err := project("Deleted draft idea", fx.bristol, hooks.VisibilityDraft)
	if err != nil {
		return err
	}
	fx.deletedDraft = d.GetString("slug")
	return app.Delete(d)
}

func newApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(fx.dir)
	if err != nil {
		t.Fatal(err)
	}
	hooks.Register(app)
	if err := Register(app, os.DirFS("../pb_public")); err != nil {
		t.Fatal(err)
	}
	hooks.ServePublic(app, os.DirFS("../pb_public"), ".")
	return app
}

func TestPages(t *testing.T) {
	leeds := map[string]string{"Authorization": fx.leedsToken}
	bristol := map[string]string{"Authorization": fx.bristolToken}
	for _, s := range []tests.ApiScenario{
		{Name: "the home page, whole without scripts", URL: "/", ExpectedStatus: 200,
			ExpectedContent: []string{"Find councils' digital projects", `data-count="concept">1</span> Concept`,
				"No partner calls are open at the moment", `<link rel="canonical" href="`},
			NotExpectedContent: []string{"Secret draft plan", "Loading"}},
		{Name: "projects list, whole without scripts", URL: "/projects", ExpectedStatus: 200,
			ExpectedContent: []string{"<title>Projects – Pipeline</title>", "1 project", "Missed bin reporting",
				`<link rel="canonical" href="`, `id="f-phase-beta"`, "Summary of Missed bin reporting &lt;b&gt;bold&lt;/b&gt;"},
			NotExpectedContent: []string{"Secret draft plan", "Loading projects"}},
		{Name: "projects list keeps the filters in the form", URL: "/projects?q=bins&phase=concept&sort=title", ExpectedStatus: 200,
			ExpectedContent: []string{`value="bins"`, `value="concept" checked`, `<option value="title" selected>`, "Missed bin reporting"}},
		{Name: "a search nothing matches", URL: "/projects?q=zebracrossing", ExpectedStatus: 200,
			ExpectedContent: []string{"0 projects", "No projects match these filters"}},
		{Name: "a project page: meta, Open Graph, JSON-LD", URL: "/projects/" + fx.published, ExpectedStatus: 200,
			ExpectedContent: []string{"<title>Missed bin reporting – Pipeline</title>",
				`<meta name="description" content="Summary of Missed bin reporting &lt;b&gt;bold&lt;/b&gt;">`,
				`<meta property="og:type" content="article">`, `<meta property="og:title" content="Missed bin reporting">`,
				`<script type="application/ld+json">{"@context":"https://schema.org","@type":"Project"`,
				"About the project", "<p class=\"govuk-body app-pre-wrap\">And why.</p>", "Who is interested", "Nobody is following",
				"No updates yet.", "Similar work in other councils", `data-page="project"`}},
		{Name: "a draft answers a visitor as if it did not exist", URL: "/projects/" + fx.draft, ExpectedStatus: 404,
			ExpectedContent: []string{"Project not found"}, NotExpectedContent: []string{"Secret"}},
		{Name: "a draft answers another council's officer as if it did not exist", URL: "/projects/" + fx.draft, Headers: bristol,
			ExpectedStatus: 404, ExpectedContent: []string{"Project not found"}, NotExpectedContent: []string{"Secret"}},
		{Name: "a draft shows to its own organisation, marked, with no JSON-LD", URL: "/projects/" + fx.draft, Headers: leeds,
			ExpectedStatus: 200, ExpectedContent: []string{"Secret draft plan", "Draft: only your organisation can see this"},
			NotExpectedContent: []string{"application/ld+json"}},
		{Name: "an unknown project", URL: "/projects/no-such-project", ExpectedStatus: 404, ExpectedContent: []string{"Project not found"}},
		{Name: "a deleted published project is gone", URL: "/projects/" + fx.deletedPub, ExpectedStatus: 410,
			ExpectedContent: []string{"This project has been deleted"}},
		{Name: "a deleted draft was never public: not found, not gone", URL: "/projects/" + fx.deletedDraft, ExpectedStatus: 404,
			ExpectedContent: []string{"Project not found"}},
		{Name: "organisations, a page at a time", URL: "/organisations", ExpectedStatus: 200,
			ExpectedContent: []string{"organisations</p>", `aria-label="Pagination"`, `href="/organisations?page=2"`}},
		{Name: "organisations with projects", URL: "/organisations?hasProjects=1", ExpectedStatus: 200,
			ExpectedContent: []string{"1 organisation</p>", "Leeds City Council"}, NotExpectedContent: []string{"Bristol"}},
		{Name: "organisations by nation and kind", URL: "/organisations?nation=wales&kind=unitary&q=cardiff", ExpectedStatus: 200,
			ExpectedContent: []string{"1 organisation</p>", "Cardiff"}},
		{Name: "an organisation's page", URL: "/organisations/leeds", ExpectedStatus: 200,
			ExpectedContent:    []string{"<h1 class=\"govuk-heading-l\">Leeds City Council</h1>", "Missed bin reporting", "1 project"},
			NotExpectedContent: []string{"Secret draft plan"}},
		{Name: "an unknown organisation", URL: "/organisations/atlantis", ExpectedStatus: 404,
			ExpectedContent: []string{"Organisation not found"}},
		{Name: "the sitemap lists published projects, never drafts", URL: "/sitemap.xml", ExpectedStatus: 200,
			ExpectedContent: []string{"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", "/projects/" + fx.published + "</loc>",
				"/organisations/leeds</loc>"},
			NotExpectedContent: []string{fx.draft, fx.deletedPub}},
		{Name: "robots", URL: "/robots.txt", ExpectedStatus: 200, ExpectedContent: []string{"Disallow: /api/", "Sitemap: "}},
		{Name: "a list's address with a trailing slash goes to the list", URL: "/projects/?q=bins", ExpectedStatus: 301,
			ExpectedContent: []string{""}, AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if loc := res.Header.Get("Location"); loc != "/projects?q=bins" {
					t.Fatalf("Location %q", loc)
				}
			}},
		{Name: "the layout template is not served", URL: "/_layout.html", ExpectedStatus: 404,
			ExpectedContent: []string{"Not found"}, NotExpectedContent: []string{"{{template"}},
	} {
		s.Method = http.MethodGet
		s.TestAppFactory = newApp
		s.Test(t)
	}
}

func TestDemoInbox(t *testing.T) {
	demo := func(t testing.TB) *tests.TestApp {
		app := newApp(t)
		if _, err := app.DB().NewQuery(`CREATE TABLE ` + hooks.DemoMailTable + ` (id INTEGER PRIMARY KEY AUTOINCREMENT,
			sentAt TEXT, recipients TEXT, subject TEXT, text TEXT, html TEXT);
			INSERT INTO ` + hooks.DemoMailTable + ` (sentAt, recipients, subject, text, html) VALUES
			('2026-12-01 10:00:00.000Z', 'officer@leeds.test', 'Bristol <is> interested', 'Reply at http://127.0.0.1:8090/my. Or not.', ''),
			('2026-12-01 11:00:00.000Z', 'officer@bristol.test', 'Your digest', 'Nothing new.', '')`).Execute(); err != nil {
			t.Fatal(err)
		}
		app.Store().Set(hooks.DemoMailKey, true)
		return app
	}
	for _, s := range []tests.ApiScenario{
		{Name: "outside demo mode there is no inbox", URL: "/demo/mail", TestAppFactory: newApp, ExpectedStatus: 404,
			ExpectedContent: []string{"Page not found"}},
		{Name: "outside demo mode no message either", URL: "/demo/mail/1", TestAppFactory: newApp, ExpectedStatus: 404,
			ExpectedContent: []string{"Page not found"}},
		{Name: "the demo's inbox, newest first", URL: "/demo/mail", TestAppFactory: demo, ExpectedStatus: 200,
			ExpectedContent: []string{"Demo email", `href="/demo/mail/2">Your digest`, `href="/demo/mail/1">Bristol &lt;is&gt; interested`}},
		{Name: "the inbox of one person", URL: "/demo/mail?to=leeds", TestAppFactory: demo, ExpectedStatus: 200,
			ExpectedContent: []string{"Bristol &lt;is&gt; interested"}, NotExpectedContent: []string{"Your digest"}},
		{Name: "one email, its links ready to follow", URL: "/demo/mail/1", TestAppFactory: demo, ExpectedStatus: 200,
			ExpectedContent: []string{"Bristol &lt;is&gt; interested", `<a class="govuk-link" href="http://127.0.0.1:8090/my">http://127.0.0.1:8090/my</a>. Or not.`}},
		{Name: "an email that is not there", URL: "/demo/mail/99", TestAppFactory: demo, ExpectedStatus: 404,
			ExpectedContent: []string{"Email not found"}},
	} {
		s.Method = http.MethodGet
		s.Test(t)
	}
}

func TestTimelineWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	p, _ := b.app.FindFirstRecordByData(hooks.ColProjects, "slug", fx.published)
	p.Set("phaseStart", "2026-04-01 00:00:00.000Z")
	if err := b.app.Save(p); err != nil {
		t.Fatal(err)
	}
	status, page := b.get("/timeline")
	if status != 200 || !strings.Contains(page, "1 project with phase dates") || !strings.Contains(page, "1 April 2026") ||
		!strings.Contains(page, `class="app-timeline-bar__open"`) || strings.Contains(page, "Secret draft plan") {
		t.Fatalf("the timeline: %d", status)
	}
	if _, page = b.get("/timeline?phase=live"); !strings.Contains(page, "No published projects with phase dates match these filters (in the Live phase)") {
		t.Fatal("a filtered timeline with nothing")
	}
}

func TestAProjectPageIsAlsoAnActivityStreamsObject(t *testing.T) {
	b := newBrowser(t)
	b.app.Settings().Meta.AppURL = "https://pipeline.example"
	// The page first, so that the answer cache holds it.
	status, body, h := b.do(http.MethodGet, "/projects/"+fx.published, nil, map[string]string{"Accept": "text/html"})
	if status != 200 || !strings.Contains(body, "<!DOCTYPE html>") || h.Get("Vary") != "Accept" {
		t.Fatalf("the page: %d, Vary %q", status, h.Get("Vary"))
	}
	status, body, h = b.do(http.MethodGet, "/projects/"+fx.published, nil, map[string]string{"Accept": "application/activity+json"})
	if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/activity+json") || !strings.Contains(body, `"type":"Page"`) ||
		!strings.Contains(body, `"id":"https://pipeline.example/projects/`+fx.published+`"`) {
		t.Fatalf("the object: %d %s %s", status, h.Get("Content-Type"), body)
	}
	ld := `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`
	if _, body, _ = b.do(http.MethodGet, "/projects/"+fx.published, nil, map[string]string{"Accept": ld}); !strings.Contains(body, `"type":"Page"`) {
		t.Fatal("JSON-LD with the ActivityStreams profile is not the object")
	}
	// A draft never leaves, not even to its own organisation.
	b.signIn("officer@leeds.test")
	if status, _, _ := b.do(http.MethodGet, "/projects/"+fx.draft, nil, map[string]string{"Accept": "application/activity+json"}); status != 404 {
		t.Fatalf("a draft as an object: %d", status)
	}
	if status, _, _ := b.do(http.MethodGet, "/projects/no-such-project", nil, map[string]string{"Accept": "application/activity+json"}); status != 404 {
		t.Fatalf("an unknown project as an object: %d", status)
	}
}
