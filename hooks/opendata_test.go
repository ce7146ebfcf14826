package hooks

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/mmcdole/gofeed"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// openDataApp adds dates, a partner, tags, links and an update with odd
// characters to the fixtures, so every column and escape is exercised.
func openDataApp(t testing.TB) *tests.TestApp {
	app := newTestApp(t)
	p := mustRecord(t, app, ColProjects, fx.pubA)
	p.Set("phaseEnd", "2027-03-31 00:00:00.000Z")
	p.Set("nextAssessment", "2027-02-15 00:00:00.000Z")
	p.Set("tags", []string{"bins", "waste"})
	p.Set("links", []Link{{Label: "Beta, live", URL: "https://leeds.example/bins"}})
	p.Set("description", "Line one; with \"quotes\", commas\nand a new line. =1+1 <b>not bold</b> & ünïcode")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	return app
}

// handlerFor wires an app's routes once, as serving it would, so that
// several requests can be made against the same data.
func handlerFor(t testing.TB, app *tests.TestApp) http.Handler {
	t.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: r}, func(e *core.ServeEvent) error {
		m, err := e.Router.BuildMux()
		mux = m
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

// get answers a GET through h; it must be 200 and must never show a draft.
func get(t testing.TB, h http.Handler, url string) (*http.Response, []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, body)
	}
	if bytes.Contains(body, []byte("Secret draft plan")) {
		t.Fatalf("GET %s shows a draft", url)
	}
	return res, body
}

func TestCSVExport(t *testing.T) {
	app := openDataApp(t)
	defer app.Cleanup()
	res, body := get(t, handlerFor(t, app), "/export/projects.csv")
	if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not valid CSV: %v", err)
	}
	if strings.Join(rows[0], ",") != strings.Join(csvColumns, ",") || len(rows) != 4 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	var pubA []string
	for _, r := range rows[1:] {
		if r[col["id"]] == fx.pubA {
			pubA = r
		}
	}
	for field, want := range map[string]string{
		"organisation": "Leeds City Council", "organisationGssCode": "E08000035", "partners": "Bristol City Council",
		"tags": "bins; waste", "links": "Beta, live | https://leeds.example/bins", "phaseEnd": "2027-03-31 00:00:00.000Z",
		"description": "Line one; with \"quotes\", commas\nand a new line. =1+1 <b>not bold</b> & ünïcode",
		"url":         "http://localhost:8090/projects/missed-bin-reporting",
	} {
		if got := pubA[col[field]]; got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
}

func TestCSVCellsCannotBeFormulas(t *testing.T) {
	row := csvSafe([]string{"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "plain"})
	if strings.Join(row, "|") != `'=HYPERLINK("x")|'+1|'-2|'@SUM(A1)|plain` {
		t.Fatalf("%q", row)
	}
}

func TestJSONExport(t *testing.T) {
	app := openDataApp(t)
	defer app.Cleanup()
	_, body := get(t, handlerFor(t, app), "/export/projects.json")
	var doc struct {
		Projects []OpenProject `json:"projects"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	if len(doc.Projects) != 3 {
		t.Fatalf("%d projects", len(doc.Projects))
	}
	for _, p := range doc.Projects {
		if p.Id == fx.pubA && (p.Partners[0] != "Bristol City Council" || p.Links[0].Label != "Beta, live" || p.Tags[1] != "waste") {
			t.Fatalf("%+v", p)
		}
	}
}

func TestAtomFeeds(t *testing.T) {
	app := openDataApp(t)
	defer app.Cleanup()
	h := handlerFor(t, app)
	for url, want := range map[string]struct {
		title   string
		entries int
	}{
		"/feeds/projects.atom":                 {"Pipeline: new and updated projects", 3},
		"/feeds/organisations/leeds.atom":      {"Leeds City Council: projects on Pipeline", 2},
		"/feeds/projects/" + fx.pubA + ".atom": {"Updates on Missed bin reporting", 1},
	} {
		res, body := get(t, h, url)
		if ct := res.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
			t.Fatalf("%s: Content-Type %q", url, ct)
		}
		feed, err := gofeed.NewParser().ParseString(string(body))
		if err != nil {
			t.Fatalf("%s: not a valid feed: %v", url, err)
		}
		if feed.FeedType != "atom" || feed.Title != want.title || len(feed.Items) != want.entries {
			t.Fatalf("%s: %s %q with %d entries", url, feed.FeedType, feed.Title, len(feed.Items))
		}
		if feed.UpdatedParsed == nil {
			t.Fatalf("%s: no updated date", url)
		}
		for _, it := range feed.Items {
			if it.GUID == "" || it.Title == "" || it.UpdatedParsed == nil || it.Link == "" {
				t.Fatalf("%s: entry lacks id, title, updated or link: %+v", url, it)
			}
		}
	}
	for _, url := range []string{"/feeds/organisations/nowhere.atom", "/feeds/projects/" + fx.draftA + ".atom", "/feeds/projects/" + fx.pubA + ".rss"} {
		(&tests.ApiScenario{Name: "missing feed " + url, Method: "GET", URL: url, ExpectedStatus: 404,
			ExpectedContent: []string{"Not found"}, TestAppFactory: newTestApp}).Test(t)
	}
}

func TestCalendar(t *testing.T) {
	app := openDataApp(t)
	defer app.Cleanup()
	h := handlerFor(t, app)
	for url, want := range map[string]int{
		"/calendar.ics":                     3, // a phase end, an assessment and a partner call
		"/calendar.ics?organisation=leeds":  3,
		"/calendar.ics?organisation=camden": 0,
	} {
		res, body := get(t, h, url)
		if ct := res.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Fatalf("%s: Content-Type %q", url, ct)
		}
		cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
		if err != nil {
			t.Fatalf("%s: not a valid calendar: %v\n%s", url, err, body)
		}
		events := cal.Events()
		if len(events) != want {
			t.Fatalf("%s: %d events, want %d", url, len(events), want)
		}
		for _, ev := range events {
			uid, _ := ev.Props.Text(ical.PropUID)
			summary, _ := ev.Props.Text(ical.PropSummary)
			start, err := ev.DateTimeStart(nil)
			if uid == "" || summary == "" || err != nil || start.IsZero() {
				t.Fatalf("%s: event lacks uid, summary or start: %v", url, err)
			}
		}
		for _, line := range strings.Split(string(body), "\r\n") {
			if len(line) > 75 {
				t.Fatalf("%s: unfolded line of %d octets", url, len(line))
			}
		}
	}
	(&tests.ApiScenario{Name: "calendar of an unknown organisation", Method: "GET", URL: "/calendar.ics?organisation=nowhere",
		ExpectedStatus: 404, ExpectedContent: []string{"Not found"}, TestAppFactory: newTestApp}).Test(t)
}

func TestFeedsAndExportsReadProjectsWithoutTagsOrLinks(t *testing.T) {
	for _, url := range []string{"/feeds/projects.atom", "/export/projects.json", "/export/projects.csv"} {
		s := tests.ApiScenario{Name: url, Method: "GET", URL: url, TestAppFactory: newTestApp,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				// Rows written outside PocketBase (imports, seeding) can hold
				// NULL in JSON columns.
				if _, err := app.DB().NewQuery("UPDATE projects SET links = NULL, tags = NULL").Execute(); err != nil {
					t.Fatal(err)
				}
			},
			ExpectedStatus: 200, ExpectedContent: []string{"Missed bin reporting"}}
		s.Test(t)
	}
}

// A partner call's deadline is in the calendar even when its project has
// no phase end or assessment date (issue 16, item 8).
func TestCalendarHasCallsOfUndatedProjects(t *testing.T) {
	app := openDataApp(t)
	defer app.Cleanup()
	p := mustRecord(t, app, ColProjects, fx.pubB)
	if p.GetString("phaseEnd") != "" || p.GetString("nextAssessment") != "" {
		t.Fatal("the fixture project has dates; this test needs one without")
	}
	saveRecord(t, app, ColCalls, map[string]any{"project": fx.pubB, "description": "Two councils wanted.",
		"goalPartners": 2, "deadline": Stamp(time.Now().AddDate(0, 1, 0)), "state": CallOpen})
	h := handlerFor(t, app)
	for _, url := range []string{"/calendar.ics", "/calendar.ics?organisation=city-of-bristol"} {
		_, body := get(t, h, url)
		if !strings.Contains(string(body), "Bristol parking permits") {
			t.Fatalf("%s: the call of a project without dates is missing:\n%s", url, body)
		}
	}
}
