package hooks

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"pipeline/pb_migrations"
)

func searchTitles(t testing.TB, app core.App, p SearchParams) []string {
	t.Helper()
	res, err := Search(app, p)
	if err != nil {
		t.Fatalf("Search(%q): %v", p.Query, err)
	}
	var out []string
	for _, h := range res.Items {
		out = append(out, h.Title)
	}
	return out
}

func addProject(t testing.TB, app core.App, org, title, summary, description string, tags ...string) *core.Record {
	t.Helper()
	return saveRecord(t, app, ColProjects, map[string]any{
		"title": title, "summary": summary, "description": description, "organisation": org,
		"visibility": VisibilityPublished, "tags": tags,
	})
}

func TestSearchRanksAndTolerates(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	addProject(t, app, fx.camden, "Housing repairs reporting", "Tenants report repairs online.", "")
	addProject(t, app, fx.camden, "Tenant portal", "A place for tenants.", "Includes a way to report repairs and damp.")
	addProject(t, app, fx.camden, "Café licensing", "Licences for pavement cafés and tables.", "")

	for _, c := range []struct {
		q     string
		first string
		count int
	}{
		{"repairs", "Housing repairs reporting", 3},          // title beats description
		{"repair", "Housing repairs reporting", 3},           // stemming
		{"repa", "Housing repairs reporting", 3},             // prefix as you type
		{"repiars", "Housing repairs reporting", 3},          // a typing mistake
		{"cafe", "Café licensing", 1},                        // accents folded
		{`"report repairs"`, "Housing repairs reporting", 2}, // a phrase
		{"missed bins", "Missed bin reporting", 1},           // every word must match
		{"Camden tenants", "Tenant portal", 2},               // organisation names count
	} {
		got := searchTitles(t, app, SearchParams{Query: c.q})
		if len(got) != c.count || !strings.HasPrefix(got[0], strings.Fields(c.first)[0]) {
			t.Errorf("%q: got %q, want %d results led by one like %q", c.q, got, c.count, c.first)
		}
		if c.count == 3 && got[2] != "Tenant portal" {
			t.Errorf("%q: a match in a description ranked above one in a title: %q", c.q, got)
		}
	}
}

func TestSearchNeverErrorsOnOddInput(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	for _, q := range []string{
		`"`, `""`, `*`, `foo" OR (`, `NEAR(a b)`, `title:bins`, `-bins`, `^bins`, `a AND OR NOT`, `'; DROP TABLE projects; --`,
		`{}[]()`, strings.Repeat("x", 5000), "émoji 🗑️ bins", `\u0000`, "\x00\x01\x02", `"unclosed phrase`, "bins*", "   ",
	} {
		if _, err := Search(app, SearchParams{Query: q}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

func TestSearchFiltersAndVisibility(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	count := func(p SearchParams) int {
		res, err := Search(app, p)
		if err != nil {
			t.Fatal(err)
		}
		return res.TotalItems
	}
	for name, c := range map[string]struct {
		p    SearchParams
		want int
	}{
		"visitors see published projects":    {SearchParams{}, 3},
		"Leeds sees its draft too":           {SearchParams{ViewerOrganisation: fx.leeds}, 4},
		"Bristol does not see Leeds's draft": {SearchParams{ViewerOrganisation: fx.bristol}, 3},
		"a draft is not found by its words":  {SearchParams{Query: "secret"}, 0},
		"its organisation finds it":          {SearchParams{Query: "secret", ViewerOrganisation: fx.leeds}, 1},
		"by organisation slug":               {SearchParams{Organisation: "leeds"}, 2},
		"by nation":                          {SearchParams{Nation: "england"}, 3},
		"by region":                          {SearchParams{Region: "South West"}, 1},
		"by phase":                           {SearchParams{Phases: []string{"discovery"}}, 3},
		"by another phase":                   {SearchParams{Phases: []string{"live"}}, 0},
		"query and organisation":             {SearchParams{Query: "reporting", Organisation: "leeds"}, 1},
	} {
		if got := count(c.p); got != c.want {
			t.Errorf("%s: %d results, want %d", name, got, c.want)
		}
	}
}

func TestSearchKeepsInStepWithRecords(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	p := mustRecord(t, app, ColProjects, fx.pubB)
	p.Set("title", "Resident parking zones")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if got := searchTitles(t, app, SearchParams{Query: "zones"}); len(got) != 1 {
		t.Fatalf("edited title not found: %q", got)
	}
	org := mustRecord(t, app, ColOrganisations, fx.bristol)
	org.Set("name", "Bristol Renamed Council")
	if err := app.Save(org); err != nil {
		t.Fatal(err)
	}
	if got := searchTitles(t, app, SearchParams{Query: "renamed"}); len(got) != 1 {
		t.Fatalf("renamed organisation not found: %q", got)
	}
	if err := app.Delete(mustRecord(t, app, ColProjects, fx.pubB)); err != nil {
		t.Fatal(err)
	}
	if got := searchTitles(t, app, SearchParams{Query: "zones"}); len(got) != 0 {
		t.Fatalf("deleted project still found: %q", got)
	}
	var rows, fts, words int
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM projects").Row(&rows)
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM projects_fts").Row(&fts)
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM projects_words").Row(&words)
	if rows != fts || rows != words {
		t.Fatalf("projects %d, search rows %d, word rows %d", rows, fts, words)
	}
}

func TestSearchSnippetsAreSafe(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	addProject(t, app, fx.camden, "Bins <script>alert(1)</script>", "Missed <b>bins</b> & more.", "")
	res, err := Search(app, SearchParams{Query: "alert"})
	if err != nil || len(res.Items) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	s := res.Items[0].Snippet
	if strings.Contains(s, "<script>") || strings.Contains(s, "<b>") || !strings.Contains(s, "<mark>alert</mark>") {
		t.Fatalf("snippet = %q", s)
	}
}

func TestSearchRoute(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "visitor search", URL: "/api/pipeline/search?q=" + url.QueryEscape("bin"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":1`, `<mark>bin</mark>`, `"organisation":{"id":"` + fx.leeds + `","name":"Leeds City Council","slug":"leeds"}`}},
		{Name: "drafts hidden from visitors", URL: "/api/pipeline/search?q=secret",
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
		{Name: "drafts shown to their organisation", URL: "/api/pipeline/search?q=secret",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":1`}},
		{Name: "drafts hidden from a pending user of the organisation", URL: "/api/pipeline/search?q=secret",
			Headers: map[string]string{"Authorization": fx.tokens["pending"]}, ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
		{Name: "filters and pages", URL: "/api/pipeline/search?phase=discovery&phase=nonsense&perPage=2&page=2&sort=title",
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":3`, `"totalPages":2`, `"page":2`, `"title":"Missed bin reporting"`}},
		{Name: "hostile input answers, never errors", URL: "/api/pipeline/search?q=" + url.QueryEscape(`foo" OR ( NEAR -*`) + "&perPage=100000&page=-3",
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`, `"perPage":100`}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}

func TestSearchOpenCalls(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	for q, want := range map[string]int{"": 1, "bin": 1, "parking": 0} {
		res, err := Search(app, SearchParams{Query: q, OpenCall: true})
		if err != nil || res.TotalItems != want || (want == 1 && res.Items[0].Id != fx.pubA) {
			t.Errorf("open calls %q: %+v %v", q, res.TotalItems, err)
		}
	}
}

func TestSearchRowsAreRebuiltOnlyWhenTheirTextOrFiltersChange(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	rowid := func() (n int64) {
		if err := app.DB().NewQuery("SELECT ftsRowid FROM projects_fts_rowids WHERE id = {:id}").
			Bind(dbx.Params{"id": fx.pubA}).Row(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := rowid()
	p := mustRecord(t, app, ColProjects, fx.pubA)
	p.Set("chaseStage", 1)
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if rowid() != before {
		t.Fatal("a save that changed no searchable field rebuilt the search rows")
	}
	p.Set("dormantSince", Stamp(time.Now()))
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if rowid() == before {
		t.Fatal("becoming dormant did not rebuild the search rows (the dormant filter)")
	}
	if got := searchTitles(t, app, SearchParams{Query: "bin"}); len(got) != 0 {
		t.Fatalf("a dormant project is still found without the dormant filter: %q", got)
	}
	if err := pb_migrations.RebuildSearch(app); err != nil {
		t.Fatal(err)
	}
	var rows, fts int
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM projects").Row(&rows)
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM projects_fts").Row(&fts)
	if rows != fts || len(searchTitles(t, app, SearchParams{Query: "housing"})) != 1 {
		t.Fatalf("after a rebuild: projects %d, search rows %d", rows, fts)
	}
}

func TestTitleAndTagMatchesRankFirstAndPagesFollowOn(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	for _, p := range []map[string]any{
		{"title": "Compost scheme", "summary": "A scheme for residents.", "tags": []string{"allotments"}},
		{"title": "Allotment waiting list", "summary": "Allotments, allotments and more allotments for every ward."},
		{"title": "Parks booking", "summary": "Allotment plots, allotment sheds, allotment keys, allotment water."},
		{"title": "Allotment rents", "summary": "Pay allotment rent online."},
	} {
		p["organisation"], p["owner"], p["visibility"], p["phase"] = fx.leeds, fx.officerA, VisibilityPublished, "alpha"
		saveRecord(t, app, ColProjects, p)
	}
	all := searchTitles(t, app, SearchParams{Query: "allotment", PerPage: 10})
	if len(all) != 4 || all[3] != "Parks booking" {
		t.Fatalf("ranking %q: the summary-only match must come last, however often it says the word", all)
	}
	if all[0] == "Parks booking" || !slices.Contains(all[:3], "Compost scheme") {
		t.Fatalf("ranking %q: a tag match ranks with the title matches", all)
	}
	// Pages of one and of three (the second straddles the tiers) give
	// the same order, with nothing repeated or lost.
	for _, per := range []int{1, 3} {
		var paged []string
		for page := 1; len(paged) < len(all)+2 && page <= 5; page++ {
			got := searchTitles(t, app, SearchParams{Query: "allotment", PerPage: per, Page: page})
			if len(got) == 0 {
				break
			}
			paged = append(paged, got...)
		}
		if !slices.Equal(paged, all) {
			t.Fatalf("pages of %d: %q, want %q", per, paged, all)
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"bins", `"report repairs"`, "repiars", `'; DROP TABLE projects; --`, `a AND OR NOT`, "-x", "^y"} {
		f.Add(s)
	}
	app := newTestApp(f)
	defer app.Cleanup()
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := Search(app, SearchParams{Query: q}); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// The ranker and the index's own bm25 order the same matches alike: over
// real councils' projects, every query counts the same matches both ways
// and the first pages hold nearly the same projects. (They can differ
// only where the ranker estimates: a prefix's rarity, a phrase's count.)
func TestRankerAgreesWithTheIndex(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	var projects []struct {
		Title       string   `json:"title"`
		Summary     string   `json:"summary"`
		Description string   `json:"description"`
		Tags        []string `json:"tags"`
	}
	raw, err := os.ReadFile("similarity/testdata/council_projects.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &projects); err != nil {
		t.Fatal(err)
	}
	col, err := app.FindCollectionByNameOrId(ColProjects)
	if err != nil {
		t.Fatal(err)
	}
	orgs := []string{fx.camden, fx.leeds, fx.bristol}
	for i, p := range projects {
		r := core.NewRecord(col)
		r.Load(map[string]any{"title": p.Title, "summary": p.Summary, "description": p.Description,
			"tags": p.Tags, "organisation": orgs[i%len(orgs)], "visibility": VisibilityPublished,
			"slug": fmt.Sprintf("real-%d", i)})
		if err := app.SaveNoValidate(r); err != nil {
			t.Fatal(err)
		}
	}
	queries := []string{"bins", "missed bin", "repairs damp", "planning applications", "school admissions",
		"chatbot", "council tax", "parking permits", "library", "website", "garden waste", "potholes",
		"care assessment", "repiars", "recyc", `"missed bins"`, "data", "digital", "housing", "social care",
		"open source", "customer", "children", "payments", "booking"}
	overlap, pages, ordered := 0.0, 0, 0
	for _, q := range queries {
		for page := 1; page <= 3; page++ {
			p := SearchParams{Query: q, Page: page, PerPage: 10}
			if page == 3 { // the first page again, filtered
				p = SearchParams{Query: q, PerPage: 10, Organisation: "camden", ViewerOrganisation: fx.leeds, Dormant: true}
			}
			mem, err := Search(app, p)
			if err != nil {
				t.Fatal(err)
			}
			var idx SearchResult
			withoutRanker(app, func() { idx, err = Search(app, p) })
			if err != nil {
				t.Fatal(err)
			}
			if len(mem.Corrections) > 0 {
				continue // the index corrects nothing while the ranker is read
			}
			if mem.TotalItems != idx.TotalItems || len(mem.Items) != len(idx.Items) {
				t.Fatalf("%q page %d: %d/%d matches here, %d/%d by the index", q, page,
					len(mem.Items), mem.TotalItems, len(idx.Items), idx.TotalItems)
			}
			if len(idx.Items) == 0 {
				continue
			}
			if page == 1 && mem.Items[0].Id != idx.Items[0].Id {
				t.Errorf("%q: first %q here, %q by the index", q, mem.Items[0].Title, idx.Items[0].Title)
			}
			inOrder := true
			for i := range mem.Items {
				inOrder = inOrder && mem.Items[i].Id == idx.Items[i].Id
			}
			if inOrder {
				ordered++
			}
			same := 0
			for _, a := range mem.Items {
				for _, b := range idx.Items {
					if a.Id == b.Id {
						same++
					}
				}
			}
			overlap += float64(same) / float64(len(idx.Items))
			pages++
		}
	}
	if pages < 30 {
		t.Fatalf("only %d pages compared", pages)
	}
	if ordered < pages*9/10 {
		t.Errorf("only %d of %d pages in the index's order", ordered, pages)
	}
	if mean := overlap / float64(pages); mean < 0.95 {
		t.Fatalf("first pages share %.2f of their projects, want at least 0.95", mean)
	} else {
		t.Logf("%d pages compared; they share %.3f of their projects; %d in the same order", pages, mean, ordered)
	}
}

// Rows changed outside the hooks (the chase writes dormancy in SQL; the
// index then gives the project a row id that may be another's old one)
// are read again, never shown as what the ranker held before.
func TestRankerFollowsRowsChangedInSQL(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	a := addProject(t, app, fx.camden, "Pothole reporting", "Report a pothole.", "")
	if got := searchTitles(t, app, SearchParams{Query: "pothole"}); !slices.Contains(got, "Pothole reporting") {
		t.Fatalf("before: %q", got)
	}
	// The newest row is deleted and written again: it keeps its row id.
	if _, err := app.DB().NewQuery("UPDATE projects SET title = 'Streetlight faults' WHERE id = {:id}").
		Bind(dbx.Params{"id": a.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	if got := searchTitles(t, app, SearchParams{Query: "streetlight"}); !slices.Equal(got, []string{"Streetlight faults"}) {
		t.Fatalf("new title: %q", got)
	}
	res, err := Search(app, SearchParams{Query: "streetlight"})
	if err != nil || res.Items[0].Rank <= 0 {
		t.Fatalf("ranked on the old words: %+v %v", res.Items, err)
	}
	// Another project takes the row id the deleted one had.
	b := addProject(t, app, fx.camden, "Gritting routes", "Winter gritting.", "")
	if _, err := app.DB().NewQuery("DELETE FROM projects WHERE id = {:id}").Bind(dbx.Params{"id": b.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	c := addProject(t, app, fx.camden, "Gritting bins", "Grit bins to refill.", "")
	got := searchTitles(t, app, SearchParams{Query: "gritting"})
	if !slices.Equal(got, []string{c.GetString("title")}) {
		t.Fatalf("gritting: %q", got)
	}
}

// A correction comes only from words the searcher may see: a word only a
// draft holds is no visitor's correction, and no other council's.
func TestCorrectionsNeverShowADraftsWords(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	saveRecord(t, app, ColProjects, map[string]any{"title": "Quixotrania pilot", "summary": "Not yet public.",
		"organisation": fx.leeds, "visibility": VisibilityDraft})
	for _, c := range []struct {
		viewer string
		want   string
	}{{"", ""}, {fx.bristol, ""}, {fx.leeds, "quixotrania"}} {
		res, err := Search(app, SearchParams{Query: "quixotranja", ViewerOrganisation: c.viewer})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Corrections["quixotranja"]; got != c.want {
			t.Errorf("viewer %q: corrected to %q, want %q", c.viewer, got, c.want)
		}
		if c.want == "" && res.TotalItems != 0 {
			t.Errorf("viewer %q: %d matches", c.viewer, res.TotalItems)
		}
	}
	// Nor is a draft's word "known": a visitor's typing of it is corrected
	// to what they may see, as if the draft were not there.
	addProject(t, app, fx.bristol, "Quixotic ideas", "Published.", "")
	res, err := Search(app, SearchParams{Query: "quixotrani"})
	if err != nil {
		t.Fatal(err)
	}
	if res.TotalItems != 0 {
		t.Errorf("a draft's word found by a visitor: %+v", res)
	}
}

// withoutRanker runs fn as while the ranker is being read: the index
// matches and ranks.
func withoutRanker(app core.App, fn func()) {
	s := searchRankerState(app)
	s.building.Lock()
	saved := s.ready.Swap(nil)
	defer func() {
		s.ready.Store(saved)
		s.building.Unlock()
	}()
	fn()
}
