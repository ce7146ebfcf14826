package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// The custom routes of routes.go, each tried by every kind of caller: the
// status each gets, that a draft never shows to those who may not see it,
// and that a refused request changes nothing.

// watched is what a refused request must leave as it was.
type watched struct {
	projects map[string]string // id -> updated
	notices  int64
	nudges   int64
}

func snapshot(t testing.TB, app core.App) watched {
	t.Helper()
	w := watched{projects: map[string]string{}}
	for _, id := range []string{fx.pubA, fx.pubA2, fx.draftA, fx.pubB} {
		p, err := app.FindRecordById(ColProjects, id)
		if err != nil {
			t.Fatal(err)
		}
		w.projects[id] = p.GetString("updated") + p.GetString("owner") + p.GetString("lastConfirmedAt") + p.GetString("featured")
	}
	w.notices, _ = app.CountRecords(ColNotifications)
	w.nudges, _ = app.CountRecords(ColNudges)
	return w
}

// runRoutes runs every case for every kind of caller it names; refused
// requests (4xx) must leave projects, notifications and nudges unchanged.
func runRoutes(t *testing.T, cases []accessCase) {
	t.Helper()
	for _, c := range cases {
		for _, who := range callers {
			w, found := c.want[who]
			if !found {
				continue
			}
			s := scenario(c, who, w)
			if c.body == "" && c.method == http.MethodPost {
				s.Body = strings.NewReader("{}")
			}
			if w.status >= 400 {
				var before watched
				s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { before = snapshot(t, app) }
				s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					after := snapshot(t, app)
					for id, v := range before.projects {
						if after.projects[id] != v {
							t.Errorf("refused %s as %s changed project %s", c.name, who, id)
						}
					}
					if after.notices != before.notices || after.nudges != before.nudges {
						t.Errorf("refused %s as %s sent notices (%d → %d) or nudges (%d → %d)", c.name, who,
							before.notices, after.notices, before.nudges, after.nudges)
					}
				}
			}
			s.Test(t)
		}
	}
}

const draftTitle = "Secret draft plan"

// badLink is the answer to a one-click link without a valid token.
var badLink = want{status: 400, content: []string{"link"}}

// needsSignIn answers visitors 401: the route needs a signed-in caller.
func needsSignIn(w map[string]want) map[string]want {
	w["visitor"] = status(401)
	return w
}

func TestRouteAccessFindingWork(t *testing.T) {
	hidesDraft := func(w want) want { return w.without(draftTitle) }
	runRoutes(t, []accessCase{
		{name: "search", method: "GET", url: "/api/pipeline/search?q=secret%20draft%20plan",
			want: map[string]want{
				"visitor": hidesDraft(ok("")), "ownOfficer": ok(draftTitle), "otherOfficer": hidesDraft(ok("")),
				"pending": hidesDraft(ok("")), "orgAdmin": ok(draftTitle), "coordinator": hidesDraft(ok("")), "superuser": ok(""),
			}},
		{name: "similar to a published project", method: "GET", url: "/api/pipeline/similar?project=" + fx.pubA,
			want: every(hidesDraft(ok("")), ok(""))},
		{name: "similar to a draft", method: "GET", url: "/api/pipeline/similar?project=" + fx.draftA,
			want: only(ok(""), status(404), "ownOfficer", "orgAdmin", "superuser")},
	})
}

func TestRouteAccessProjectLife(t *testing.T) {
	proj := func(id, action string) string { return "/api/pipeline/projects/" + id + "/" + action }
	runRoutes(t, []accessCase{
		{name: "confirm a published project", method: "POST", url: proj(fx.pubA, "confirm"),
			want: map[string]want{
				"visitor": status(401), "ownOfficer": ok(`"id":"` + fx.pubA + `"`), "otherOfficer": status(403),
				"pending": status(403), "orgAdmin": ok(""), "coordinator": status(403), "superuser": status(403),
			}},
		{name: "confirm a draft", method: "POST", url: proj(fx.draftA, "confirm"),
			want: map[string]want{
				"visitor": status(401), "ownOfficer": ok(""), "otherOfficer": status(404),
				"pending": status(404), "orgAdmin": ok(""), "coordinator": status(404), "superuser": status(403),
			}},
		{name: "adopt a project that has an owner", method: "POST", url: proj(fx.pubA, "adopt"),
			want: map[string]want{
				"visitor": status(401), "ownOfficer": status(400), "otherOfficer": status(403),
				"pending": status(403), "orgAdmin": status(400), "coordinator": status(403), "superuser": status(403),
			}},
		{name: "close without a reason", method: "POST", url: proj(fx.pubA, "close"), body: `{}`,
			want: map[string]want{
				"visitor": status(401), "ownOfficer": status(400), "otherOfficer": status(403),
				"pending": status(403), "orgAdmin": status(400), "coordinator": status(400), "superuser": status(403),
			}},
		{name: "reuse of a draft", method: "GET", url: proj(fx.draftA, "reuse"),
			want: only(ok(""), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "interest in a published project", method: "GET", url: proj(fx.pubA, "interest"),
			want: every(ok(""), ok(""))},
		{name: "interest in a draft", method: "GET", url: proj(fx.draftA, "interest"),
			want: only(ok(""), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "feature a project", method: "POST", url: proj(fx.pubA, "feature"), body: `{"featured":true}`,
			want: map[string]want{
				"visitor": status(401), "ownOfficer": status(403), "otherOfficer": status(403),
				"pending": status(403), "orgAdmin": status(403), "coordinator": ok(`"featured":true`), "superuser": status(403),
			}},
		{name: "pledgers of a call on a draft", method: "GET", url: "/api/pipeline/calls/" + fx.callDraft + "/pledgers",
			want: only(ok(""), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "pledgers of an open call", method: "GET", url: "/api/pipeline/calls/" + fx.callA + "/pledgers",
			want: every(ok(""), ok(""))},
	})
}

func TestRouteAccessLinksOrganisationAndCoordination(t *testing.T) {
	runRoutes(t, []accessCase{
		{name: "a one-click link without a token", method: "GET", url: "/api/pipeline/" + LinkConfirm,
			want: every(badLink, badLink)},
		{name: "unsubscribe without a token", method: "POST", url: "/api/pipeline/" + LinkUnsubscribe,
			want: every(badLink, badLink)},
		{name: "portfolio", method: "GET", url: "/api/pipeline/portfolio",
			want: map[string]want{
				"visitor": status(401), "ownOfficer": ok(draftTitle), "otherOfficer": ok("").without(draftTitle),
				"pending": status(403), "orgAdmin": ok(draftTitle), "coordinator": status(403), "superuser": status(403),
			}},
		{name: "portfolio as CSV", method: "GET", url: "/api/pipeline/portfolio.csv",
			want: map[string]want{
				"visitor": status(401), "ownOfficer": ok(draftTitle), "otherOfficer": ok("").without(draftTitle),
				"pending": status(403), "orgAdmin": ok(draftTitle), "coordinator": status(403), "superuser": status(403),
			}},
		{name: "import template", method: "GET", url: "/api/pipeline/import/template.csv", want: every(ok("reference"), ok("reference"))},
		{name: "import", method: "POST", url: "/api/pipeline/import?dryRun=1", body: "reference,title\nX-1,Title\n",
			want: map[string]want{
				"visitor": status(401), "ownOfficer": status(403), "otherOfficer": status(403),
				"pending": status(403), "orgAdmin": ok(`"dryRun":true`), "coordinator": status(403), "superuser": status(403),
			}},
		{name: "statistics", method: "GET", url: "/api/pipeline/stats",
			want: needsSignIn(only(ok(""), status(403), "coordinator", "superuser"))},
		{name: "coordinator queues", method: "GET", url: "/api/pipeline/coordinator/queues",
			want: needsSignIn(only(ok(""), status(403), "coordinator"))},
		{name: "nudge", method: "POST", url: "/api/pipeline/coordinator/nudge", body: `{"project":"` + fx.pubA + `","message":"Still going?"}`,
			want: needsSignIn(only(ok(`"ok":true`), status(403), "coordinator"))},
		{name: "introduce", method: "POST", url: "/api/pipeline/coordinator/introduce",
			body: `{"projects":["` + fx.pubA + `","` + fx.pubB + `"],"message":"Meet."}`,
			want: needsSignIn(only(ok(`"ok":true`), status(403), "coordinator"))},
	})
}

func TestRouteAccessOpenData(t *testing.T) {
	hidden := ok("").without(draftTitle)
	runRoutes(t, []accessCase{
		{name: "CSV export", method: "GET", url: "/export/projects.csv", want: every(hidden, hidden)},
		{name: "JSON export", method: "GET", url: "/export/projects.json", want: every(hidden, hidden)},
		{name: "projects feed", method: "GET", url: "/feeds/projects.atom", want: every(hidden, hidden)},
		{name: "calendar", method: "GET", url: "/calendar.ics", want: every(hidden, hidden)},
	})
}
