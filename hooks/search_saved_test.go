package hooks

import (
	"strings"
	"testing"
)

func TestSavedSearchesMatrix(t *testing.T) {
	runMatrix(t, []accessCase{
		{name: "list saved searches", method: "GET", url: colURL(ColSavedSearches),
			want: only(list(1), list(0), "otherOfficer", "superuser")},
		{name: "view a saved search", method: "GET", url: recURL(ColSavedSearches, fx.searchB),
			want: only(ok(`"name":"Parking"`), status(404), "otherOfficer", "superuser")},
		{name: "rename a saved search", method: "PATCH", url: recURL(ColSavedSearches, fx.searchB), body: `{"name":"Permits"}`,
			want: only(ok(`"name":"Permits"`), status(404), "otherOfficer", "superuser")},
		{name: "delete a saved search", method: "DELETE", url: recURL(ColSavedSearches, fx.searchB),
			want: only(status(204), status(404), "otherOfficer", "superuser")},
	})
}

func TestSavedSearchesAccess(t *testing.T) {
	mine := func(extra string) string { return `{"name":"Bins","query":"bins"` + extra + `}` }
	for _, c := range []accessCase{
		{name: "save a search", method: "POST", url: colURL(ColSavedSearches), body: mine(""),
			want: map[string]want{"visitor": status(400), "otherOfficer": ok(`"user":"` + fx.officerB + `"`), "pending": ok(`"name":"Bins"`)}},
		{name: "save a search for someone else", method: "POST", url: colURL(ColSavedSearches), body: mine(`,"user":"` + fx.officerA + `"`),
			want: map[string]want{"otherOfficer": status(400)}},
		{name: "save an empty search", method: "POST", url: colURL(ColSavedSearches), body: `{"name":"Everything"}`,
			want: map[string]want{"otherOfficer": {status: 400, content: []string{`pipeline_empty_search`}}}},
		{name: "save a search by filters only", method: "POST", url: colURL(ColSavedSearches), body: `{"name":"Welsh alphas","filters":{"nation":"wales","phase":["alpha"]}}`,
			want: map[string]want{"otherOfficer": ok(`"nation":"wales"`)}},
	} {
		runAs(t, c)
	}
}

func TestSavedSearchesTellOfNewProjects(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	// The fixtures' projects are old news.
	if _, err := app.DB().NewQuery("UPDATE projects SET savedSearchesCheckedAt = publishedAt").Execute(); err != nil {
		t.Fatal(err)
	}
	saveRecord(t, app, ColSavedSearches, map[string]any{"user": fx.officerB, "name": "Bins", "query": "bins"})
	saveRecord(t, app, ColSavedSearches, map[string]any{"user": fx.officerC, "name": "Live bins", "query": "bins", "filters": SavedFilters{Phase: []string{"live"}}})
	saveRecord(t, app, ColSavedSearches, map[string]any{"user": fx.officerA2, "name": "Own bins", "query": "bins"})

	// A draft is not news; publishing it is.
	p := saveRecord(t, app, ColProjects, map[string]any{"title": "Garden waste bins", "summary": "Subscribe to garden waste collection.",
		"organisation": fx.leeds, "visibility": VisibilityDraft, "phase": "alpha"})
	run := func() int {
		n, err := MatchSavedSearches(app, testNow)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := run(); n != 0 {
		t.Fatalf("a draft matched %d saved searches", n)
	}
	p = mustRecord(t, app, ColProjects, p.Id)
	p.Set("visibility", VisibilityPublished)
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if n := run(); n != 1 {
		t.Fatalf("told %d people, want 1 (Bristol; not Camden, whose search wants live projects; not Leeds, whose project it is)", n)
	}
	got := notificationsFor(t, app, fx.officerB)
	var titles []string
	for _, r := range got {
		titles = append(titles, r.GetString("title"))
	}
	if !strings.Contains(strings.Join(titles, "|"), "New project for your search “Bins”: Garden waste bins") {
		t.Fatalf("Bristol was told %q", titles)
	}
	if n := run(); n != 0 {
		t.Fatalf("told %d more on a second run", n)
	}
}
