package hooks

import (
	"net/http"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/pocketbase/tests"
)

var testPublic = fstest.MapFS{
	"site/index.html":              {Data: []byte("<h1>Home page</h1>")},
	"site/404.html":                {Data: []byte("<h1>Page not found</h1>")},
	"site/projects.html":           {Data: []byte("<h1>Projects list</h1>")},
	"site/help/index.html":         {Data: []byte("<h1>Help index</h1>")},
	"site/assets/app.3f9a2b1c.js":  {Data: []byte("console.log('hashed')")},
	"site/assets/app.js":           {Data: []byte("console.log('plain')")},
	"site/assets/home.5XQ3ZK2A.js": {Data: []byte("console.log('esbuild hash')")},
	"site/project.html":            {Data: []byte("<h1>One project</h1>")}, // a stray file: not a page route
	"site/project-form.html":       {Data: []byte("<h1>Project form</h1>")},
	"site/some-organisation.html":  {Data: []byte("<h1>Not an asset</h1>")},
}

func newStaticApp(t testing.TB) *tests.TestApp {
	app := newTestApp(t)
	ServePublic(app, testPublic, "site")
	return app
}

func TestServePublic(t *testing.T) {
	csp := func(t testing.TB, res *http.Response) {
		if res.Header.Get("Content-Security-Policy") != ContentSecurityPolicy {
			t.Errorf("Content-Security-Policy = %q", res.Header.Get("Content-Security-Policy"))
		}
	}
	cache := func(want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			csp(t, res)
			if got := res.Header.Get("Cache-Control"); got != want {
				t.Errorf("Cache-Control = %q, want %q", got, want)
			}
		}
	}
	for _, s := range []tests.ApiScenario{
		{Name: "home page", URL: "/", ExpectedStatus: 200, ExpectedContent: []string{"Home page"}, AfterTestFunc: cache("no-cache")},
		{Name: "page without .html", URL: "/projects", ExpectedStatus: 200, ExpectedContent: []string{"Projects list"}},
		{Name: "folder page", URL: "/help", ExpectedStatus: 200, ExpectedContent: []string{"Help index"}},
		{Name: "hashed asset cached for a year", URL: "/assets/app.3f9a2b1c.js", ExpectedStatus: 200,
			ExpectedContent: []string{"hashed"}, AfterTestFunc: cache("public, max-age=31536000, immutable")},
		{Name: "esbuild-hashed asset cached for a year", URL: "/assets/home.5XQ3ZK2A.js", ExpectedStatus: 200,
			ExpectedContent: []string{"esbuild hash"}, AfterTestFunc: cache("public, max-age=31536000, immutable")},
		{Name: "a page with a long hyphenated name is not cached", URL: "/some-organisation", ExpectedStatus: 200,
			ExpectedContent: []string{"Not an asset"}, AfterTestFunc: cache("no-cache")},
		// A project's page is the server's (package web), not a file's: the
		// built UI has none to give for it.
		{Name: "a project's address is not the UI's", URL: "/projects/missed-bin-reporting", ExpectedStatus: 404,
			ExpectedContent: []string{"Page not found"}, NotExpectedContent: []string{"One project"}},
		{Name: "the form addresses are the pages' too, not the UI's", URL: "/projects/new", ExpectedStatus: 404, ExpectedContent: []string{"Page not found"}},
		{Name: "an edit address is not the UI's", URL: "/projects/x/edit", ExpectedStatus: 404, ExpectedContent: []string{"Page not found"}},
		{Name: "a page the build lacks is a 404", URL: "/organisations/leeds", ExpectedStatus: 404, ExpectedContent: []string{"Page not found"}},
		{Name: "unhashed asset revalidated", URL: "/assets/app.js", ExpectedStatus: 200,
			ExpectedContent: []string{"plain"}, AfterTestFunc: cache("no-cache")},
		{Name: "missing asset is a 404, not the home page", URL: "/assets/missing.js", ExpectedStatus: 404,
			ExpectedContent: []string{"Not found"}, NotExpectedContent: []string{"Home page"}},
		{Name: "missing page shows the 404 page", URL: "/no/such/page", ExpectedStatus: 404,
			ExpectedContent: []string{"Page not found"}, AfterTestFunc: cache("no-store")},
		{Name: "path traversal stays inside the UI", URL: "/assets/..%2f..%2fgo.mod", ExpectedStatus: 404,
			ExpectedContent: []string{"Not found"}, NotExpectedContent: []string{"module"}},
		{Name: "the API still answers", URL: "/api/health", ExpectedStatus: 200, ExpectedContent: []string{`"code":200`}},
	} {
		s.Method = http.MethodGet
		s.TestAppFactory = newStaticApp
		s.Test(t)
	}
}

func TestServePublicCompresses(t *testing.T) {
	(&tests.ApiScenario{
		Name: "gzip when asked", Method: http.MethodGet, URL: "/assets/app.js",
		Headers:        map[string]string{"Accept-Encoding": "gzip"},
		TestAppFactory: newStaticApp, ExpectedStatus: 200, NotExpectedContent: []string{"Home page"},
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("Content-Encoding = %q, want gzip", res.Header.Get("Content-Encoding"))
			}
		},
	}).Test(t)
}
