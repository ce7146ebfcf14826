package hooks

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// countLeeds counts Leeds's projects.
func countLeeds(t testing.TB, app *tests.TestApp) int64 {
	t.Helper()
	n, err := app.CountRecords(ColProjects, dbx.HashExp{"organisation": fx.leeds})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportWithABadRowWritesNothing(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	leeds := mustRecord(t, app, ColOrganisations, fx.leeds)
	before := countLeeds(t, app)
	res, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(trackerCSV), false, testNow)
	if !errors.Is(err, ErrImportRows) {
		t.Fatalf("import of a file with bad rows: err %v, want ErrImportRows", err)
	}
	if got := countLeeds(t, app); got != before {
		t.Fatalf("%d projects written by an import with bad rows, want none", got-before)
	}
	if res.Summary["error"] != 3 || len(res.Rows) != 5 {
		t.Fatalf("the answer does not list every row: %v %+v", res.Summary, res.Rows)
	}
	for _, r := range res.Rows[2:] {
		if len(r.Errors) == 0 {
			t.Errorf("row %d has no field errors: %+v", r.Row, r)
		}
	}
	for _, r := range res.Rows[:2] {
		if r.Project != nil {
			t.Errorf("row %d names a project that was not saved: %+v", r.Row, r.Project)
		}
	}
	if res.Applied {
		t.Fatal("the answer says the import was applied")
	}
}

func TestImportWithAnUnreadableRowWritesNothing(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	leeds := mustRecord(t, app, ColOrganisations, fx.leeds)
	before := countLeeds(t, app)
	csv := "reference,title,summary\r\nR-1,First,One.\r\nR-2,Second,Two.\r\nR-3,Thi\"rd,Three.\r\n"
	_, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(csv), false, testNow)
	if !errors.Is(err, ErrImportFile) || !strings.Contains(err.Error(), "row 4") {
		t.Fatalf("unreadable row 4: err %v, want a file error naming row 4", err)
	}
	if got := countLeeds(t, app); got != before {
		t.Fatalf("%d projects written before row 4 was found unreadable, want none", got-before)
	}
}

func TestImportOfTooManyRowsWritesNothing(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	leeds := mustRecord(t, app, ColOrganisations, fx.leeds)
	before := countLeeds(t, app)
	var b strings.Builder
	b.WriteString("reference,title,summary\r\n")
	for i := 1; i <= importMaxRows+1; i++ {
		fmt.Fprintf(&b, "R-%d,Project %d,Summary %d.\r\n", i, i, i)
	}
	_, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(b.String()), false, testNow)
	if !errors.Is(err, ErrImportFile) || !strings.Contains(err.Error(), "at most 2000 rows") {
		t.Fatalf("%d rows: err %v, want the row limit", importMaxRows+1, err)
	}
	if got := countLeeds(t, app); got != before {
		t.Fatalf("%d projects written by a file over the row limit, want none", got-before)
	}
}

// oversizeCSV is a valid tracker a little over the import's size limit.
func oversizeCSV() string {
	var b strings.Builder
	b.WriteString("reference,title,summary,description\r\n")
	pad := strings.Repeat("x", 1500)
	for i := 1; b.Len() <= importMaxBytes+100; i++ {
		fmt.Fprintf(&b, "R-%d,Project %d,Summary.,%s\r\n", i, i, pad)
	}
	return b.String()
}

func TestImportOfATooLargeFileIsRefusedNotCut(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	leeds := mustRecord(t, app, ColOrganisations, fx.leeds)
	before := countLeeds(t, app)
	for _, dry := range []bool{true, false} {
		_, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(oversizeCSV()), dry, testNow)
		if !errors.Is(err, ErrImportTooLarge) {
			t.Fatalf("a file over %d bytes (dry run %v): err %v, want ErrImportTooLarge", importMaxBytes, dry, err)
		}
	}
	if got := countLeeds(t, app); got != before {
		t.Fatalf("%d projects written from a file over the limit, want none", got-before)
	}
}

func TestImportRouteRefusesWholeFiles(t *testing.T) {
	headers := func(ct string) map[string]string {
		return map[string]string{"Authorization": fx.tokens["orgAdmin"], "Content-Type": ct}
	}
	nothingWritten := func(t testing.TB, app *tests.TestApp) {
		if n, _ := app.CountRecords(ColProjects, dbx.NewExp("externalRef != ''")); n != 0 {
			t.Fatalf("%d imported projects written, want none", n)
		}
	}
	big := multipartCSV(t, oversizeCSV(), false)
	for _, s := range []tests.ApiScenario{
		{Name: "a file with bad rows imports nothing and lists every row's errors", URL: "/api/pipeline/import",
			Headers: headers("text/csv"), Body: strings.NewReader(trackerCSV), ExpectedStatus: 400,
			ExpectedContent: []string{`"file":{"code":"pipeline_rows_invalid"`, `"rows":{`, `"4":{`, `"phaseEnd":{"code":"pipeline_import_invalid"`, `"5":{"reference"`, `"6":{"reference"`, "Nothing was imported"}},
		{Name: "a text/csv body over the limit", URL: "/api/pipeline/import",
			Headers: headers("text/csv"), Body: strings.NewReader(oversizeCSV()), ExpectedStatus: 413,
			ExpectedContent: []string{`"status":413`, `"file":{"code":"pipeline_file_too_large"`, "2 MiB"}},
		{Name: "a dry run over the limit", URL: "/api/pipeline/import?dryRun=1",
			Headers: headers("text/csv"), Body: strings.NewReader(oversizeCSV()), ExpectedStatus: 413,
			ExpectedContent: []string{`"status":413`, "2 MiB"}},
		{Name: "an upload over the limit", URL: "/api/pipeline/import",
			Headers: headers(big.contentType), Body: big, ExpectedStatus: 413,
			ExpectedContent: []string{`"status":413`, `"file":{"code":"pipeline_file_too_large"`, "2 MiB"}},
		{Name: "a body far over the limit", URL: "/api/pipeline/import",
			Headers: headers("text/csv"), Body: strings.NewReader(strings.Repeat(oversizeCSV(), 2)), ExpectedStatus: 413,
			ExpectedContent: []string{`"status":413`, "at most"}},
	} {
		s.Method = "POST"
		s.TestAppFactory = newTestApp
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) { nothingWritten(t, app) }
		s.Test(t)
	}
}

// Export then import gives back the same values: the import undoes
// exactly the export's formula guard, and nothing else.
func TestExportImportRoundTripKeepsFormulaLikeValues(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	values := map[string]string{
		"externalRef": "-ref", "summary": "=SUM(A1)", "contactName": "+44 113",
		"title": "@home repairs", "description": "'Quoted' from the council",
	}
	p := mustRecord(t, app, ColProjects, fx.pubA2)
	for k, v := range values {
		p.Set(k, v)
	}
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	_, body := get(t, handlerFor(t, app), "/export/projects.csv")
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	_ = w.Write(rows[0])
	for _, r := range rows[1:] {
		if r[6] == "leeds" {
			_ = w.Write(r)
		}
	}
	w.Flush()
	res, err := ImportProjects(app, mustRecord(t, app, ColOrganisations, fx.leeds), fx.adminA, &out, false, testNow)
	if err != nil {
		t.Fatalf("import: %v %+v", err, res.Rows)
	}
	if res.Summary["unchanged"] != 2 {
		t.Fatalf("round trip changed something: %v %+v", res.Summary, res.Rows)
	}
	p = mustRecord(t, app, ColProjects, fx.pubA2)
	for k, v := range values {
		if got := p.GetString(k); got != v {
			t.Errorf("%s = %q after export and import, want %q", k, got, v)
		}
	}
}

func TestFormulaGuardRoundTrips(t *testing.T) {
	for _, v := range []string{"-ref", "=SUM(A1)", "+44 113", "@home", "'quoted", "''twice", "'-both", "plain", ""} {
		guarded := csvSafe([]string{v})[0]
		if got := undoFormulaGuard(guarded); got != v {
			t.Errorf("%q exported as %q imports as %q", v, guarded, got)
		}
		if guarded != "" && strings.ContainsRune("=+-@", rune(guarded[0])) {
			t.Errorf("%q exported as %q, which a spreadsheet reads as a formula", v, guarded)
		}
	}
}
