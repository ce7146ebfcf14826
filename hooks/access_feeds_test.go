package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// Report once, by kind of caller: who may set a project's feed and
// repository, who sees them, who sees how they were read and who may
// read them now. The read is tried against a feed served on loopback;
// a refused request must change nothing and read nothing.

// feedsApp is a fresh copy of the fixtures in which pubA and the draft
// read the test server's weeknotes.
func feedsApp(srv *feedServer) func(t testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app := newTestApp(t)
		for _, id := range []string{fx.pubA, fx.draftA} {
			p, err := app.FindRecordById(ColProjects, id)
			if err != nil {
				t.Fatal(err)
			}
			p.Set("feedUrl", srv.URL+"/tag/waste/feed.atom")
			if err := app.Save(p); err != nil {
				t.Fatal(err)
			}
		}
		return app
	}
}

// runFeedCases runs each case for every kind of caller it names, on
// apps made by factory; a refused request (4xx) must leave projects,
// notifications and updates as they were, and the feed unread.
func runFeedCases(t *testing.T, srv *feedServer, factory func(t testing.TB) *tests.TestApp, cases []accessCase) {
	t.Helper()
	for _, c := range cases {
		for _, who := range callers {
			w, found := c.want[who]
			if !found {
				continue
			}
			s := scenario(c, who, w)
			s.TestAppFactory = factory
			if c.body == "" && c.method == http.MethodPost {
				s.Body = strings.NewReader("{}")
			}
			if w.status >= 400 {
				var before watched
				var updates int64
				var reads int
				s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
					before = snapshot(t, app)
					updates, _ = app.CountRecords(ColUpdates)
					reads, _ = srv.requests("/tag/waste/feed.atom")
				}
				s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					after := snapshot(t, app)
					for id, v := range before.projects {
						if after.projects[id] != v {
							t.Errorf("refused %s as %s changed project %s", c.name, who, id)
						}
					}
					n, _ := app.CountRecords(ColUpdates)
					r, _ := srv.requests("/tag/waste/feed.atom")
					if after.notices != before.notices || n != updates || r != reads {
						t.Errorf("refused %s as %s: notices %d → %d, updates %d → %d, feed read %d times", c.name, who,
							before.notices, after.notices, updates, n, r-reads)
					}
				}
			} else if c.after != nil {
				s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) { c.after(t, app, who) }
			}
			s.Test(t)
		}
	}
}

func TestFeedFieldsAccess(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	srv := newFeedServer(t, feedTestNow)
	srv.serve("/tag/waste/feed.atom", "weeknotes.atom")
	feed := `"feedUrl":"` + srv.URL + `/tag/waste/feed.atom"`
	runFeedCases(t, srv, feedsApp(srv), []accessCase{
		// The addresses are public on a published project, like its links.
		{name: "view a published project's feed", method: "GET", url: recURL(ColProjects, fx.pubA),
			want: every(ok(feed), ok(feed))},
		{name: "view a draft's feed", method: "GET", url: recURL(ColProjects, fx.draftA),
			want: only(ok(feed), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "set a project's feed and repository", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"feedUrl":"https://digital.leeds.example/feed.atom","repoUrl":"https://gitlab.com/leeds/bins"}`,
			want: only(ok(`"feedUrl":"https://digital.leeds.example/feed.atom"`, `"repoUrl":"https://gitlab.com/leeds/bins"`),
				status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "set a feed on the metadata address", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"feedUrl":"http://169.254.169.254/latest/meta-data/"}`,
			want: only(want{status: 400, content: []string{`"feedUrl":{"code":"pipeline_private_address"`}}, status(404),
				"ownOfficer", "orgAdmin", "superuser")},
		// Where an update came from is Pipeline's to say.
		{name: "post an update that claims a feed", method: "POST", url: colURL(ColUpdates),
			body: `{"project":"` + fx.pubA + `","body":"Forged weeknote.","source":"feed","sourceUrl":"https://evil.example/"}`,
			want: map[string]want{
				"visitor": status(400), "ownOfficer": {status: 400, content: []string{`"source"`}},
				"otherOfficer": {status: 400, content: []string{`"source"`}}, "pending": status(400),
				"orgAdmin": {status: 400, content: []string{`"source"`}}, "coordinator": status(400),
				"superuser": ok(`"source":"feed"`),
			}},
	})
}

func TestFeedRoutesAccess(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	srv := newFeedServer(t, feedTestNow)
	srv.serve("/tag/waste/feed.atom", "weeknotes.atom")
	proj := func(id, action string) string { return "/api/pipeline/projects/" + id + "/" + action }
	readBy := func(t testing.TB, app *tests.TestApp, who string) {
		if n := len(feedUpdates(t, app, fx.pubA, SourceFeed)); n != 3 {
			t.Errorf("read now as %s: %d updates", who, n)
		}
	}
	runFeedCases(t, srv, feedsApp(srv), []accessCase{
		{name: "how a published project's feeds were read", method: "GET", url: proj(fx.pubA, "feeds"),
			want: map[string]want{
				"visitor": status(401), "ownOfficer": ok(`"sources":[{"source":"feed"`), "otherOfficer": status(403),
				"pending": status(403), "orgAdmin": ok(`"source":"feed"`), "coordinator": status(403), "superuser": status(403),
			}},
		{name: "how a draft's feeds were read", method: "GET", url: proj(fx.draftA, "feeds"),
			want: map[string]want{
				"visitor": status(401), "ownOfficer": ok(`"source":"feed"`), "otherOfficer": status(404),
				"pending": status(404), "orgAdmin": ok(`"source":"feed"`), "coordinator": status(404), "superuser": status(403),
			}},
		{name: "read a published project's feeds now", method: "POST", url: proj(fx.pubA, "feeds/read"),
			want: map[string]want{
				"visitor": status(401), "ownOfficer": ok(`"lastResult":"3 new updates from 4 entries`), "otherOfficer": status(403),
				"pending": status(403), "orgAdmin": ok(`"lastError":""`), "coordinator": status(403), "superuser": status(403),
			},
			after: readBy},
		{name: "read a draft's feeds now", method: "POST", url: proj(fx.draftA, "feeds/read"),
			want: map[string]want{
				"visitor": status(401), "ownOfficer": ok(`"source":"feed"`), "otherOfficer": status(404),
				"pending": status(404), "orgAdmin": ok(`"source":"feed"`), "coordinator": status(404), "superuser": status(403),
			}},
		{name: "read a project with no feed", method: "POST", url: proj(fx.pubA2, "feeds/read"),
			want: map[string]want{
				"visitor": status(401), "ownOfficer": {status: 400, content: []string{`"feedUrl":{"code":"validation_required"`}},
				"otherOfficer": status(403), "orgAdmin": status(400), "coordinator": status(403),
			}},
		{name: "read a project that does not exist", method: "POST", url: proj("nosuchproject1", "feeds/read"),
			want: map[string]want{"visitor": status(401), "ownOfficer": status(404), "otherOfficer": status(404)}},
	})
}

// A second read within a minute is answered 429 and reads nothing.
func TestReadingNowTwiceInAMinute(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	srv := newFeedServer(t, feedTestNow)
	srv.serve("/tag/waste/feed.atom", "weeknotes.atom")
	factory := feedsApp(srv)
	(&tests.ApiScenario{
		Name: "read now, twice", Method: http.MethodPost, URL: "/api/pipeline/projects/" + fx.pubA + "/feeds/read",
		Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, Body: strings.NewReader("{}"),
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app := factory(t)
			if _, err := PullProject(app, fx.pubA, time.Now()); err != nil {
				t.Fatal(err)
			}
			return app
		},
		ExpectedStatus: http.StatusTooManyRequests, ExpectedContent: []string{"less than a minute ago"},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if hits, _ := srv.requests("/tag/waste/feed.atom"); hits != 1 {
				t.Errorf("the feed was read %d times", hits)
			}
		},
	}).Test(t)
}
