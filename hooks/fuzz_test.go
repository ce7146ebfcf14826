package hooks

import (
	"strings"
	"testing"
)

// Fuzz tests: run as ordinary tests over their seed corpora (here and in
// testdata/fuzz/), and with `go test -fuzz FuzzName ./hooks` to search.

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

func FuzzImportCSV(f *testing.F) {
	f.Add(trackerCSV)
	f.Add("reference\n\"unclosed")
	f.Add("id,reference,title\n,,\n")
	f.Add("reference,phaseEnd,links\nX,99/99/9999,a|b|c\n")
	app := newTestApp(f)
	defer app.Cleanup()
	leeds := mustRecord(f, app, ColOrganisations, fx.leeds)
	f.Fuzz(func(t *testing.T, data string) {
		before, _ := app.CountRecords(ColProjects)
		// A dry run never saves and never fails on bad rows.
		if _, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(data), true, testNow); err != nil && !strings.Contains(err.Error(), ErrImportFile.Error()) {
			t.Fatalf("import: %v", err)
		}
		if after, _ := app.CountRecords(ColProjects); after != before {
			t.Fatal("a dry run saved projects")
		}
	})
}
