package hooks

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

const trackerCSV = "reference,title,summary,phase,phaseEnd,budgetBand,seeking,tags,contactEmail,links,visibility\r\n" +
	"DIG-1,Garden waste subscriptions,Residents subscribe to garden waste collection online.,alpha,31/03/2027,£100k-£250k,funding; partners,waste; garden,sam@leeds.test,Beta | https://leeds.example/garden,published\r\n" +
	"DIG-2,Blue badge renewals,Renew a blue badge without paper forms.,beta,,,,,,,\r\n" +
	"DIG-3,,No title here.,gamma,2027-13-45,,flying,,not-an-email,javascript:alert(1),\r\n" +
	"DIG-1,Duplicate row,Should be refused.,alpha,,,,,,,\r\n" +
	",No reference,Should be refused.,alpha,,,,,,,\r\n"

// goodRows is trackerCSV without its bad rows.
var goodRows = strings.Join(strings.SplitAfter(trackerCSV, "\r\n")[:3], "")

func TestImportDryRunThenImportThenReimport(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	leeds := mustRecord(t, app, ColOrganisations, fx.leeds)
	count := func() int64 {
		n, _ := app.CountRecords(ColProjects, dbx.HashExp{"organisation": fx.leeds})
		return n
	}
	before := count()

	dry, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(trackerCSV), true, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if count() != before {
		t.Fatal("a dry run saved projects")
	}
	want := map[string]int{"create": 2, "update": 0, "unchanged": 0, "error": 3}
	for k, v := range want {
		if dry.Summary[k] != v {
			t.Fatalf("dry run summary %v, want %v", dry.Summary, want)
		}
	}
	bad := dry.Rows[2].Errors
	for _, field := range []string{"phaseEnd", "seeking"} {
		if bad[field] == "" {
			t.Errorf("row 4 has no error for %s: %v", field, bad)
		}
	}
	if dry.Rows[3].Errors["reference"] == "" || dry.Rows[4].Errors["reference"] == "" {
		t.Fatalf("duplicate and missing references not refused: %+v %+v", dry.Rows[3], dry.Rows[4])
	}

	// With bad rows nothing is imported; without them, every row is.
	if _, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(trackerCSV), false, testNow); !errors.Is(err, ErrImportRows) || count() != before {
		t.Fatalf("import with bad rows: %v, %d projects created", err, count()-before)
	}
	done, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(goodRows), false, testNow)
	if err != nil || done.Summary["create"] != 2 || done.Summary["error"] != 0 || !done.Applied {
		t.Fatalf("import: %v %v", done.Summary, err)
	}
	if count() != before+2 {
		t.Fatalf("%d projects created, want 2", count()-before)
	}
	garden, err := app.FindFirstRecordByFilter(ColProjects, "externalRef = 'DIG-1'")
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{
		"title": "Garden waste subscriptions", "phase": "alpha", "budgetBand": "100to250k", "visibility": "published",
		"phaseEnd": "2027-03-31 00:00:00.000Z", "owner": fx.adminA, "organisation": fx.leeds,
	} {
		if got := garden.GetString(field); got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if got := garden.GetString("tags"); got != `["waste","garden"]` {
		t.Errorf("tags = %s", got)
	}

	// The same tracker again changes nothing; an edited row updates.
	again, _ := ImportProjects(app, leeds, fx.adminA, strings.NewReader(goodRows), false, testNow)
	if again.Summary["unchanged"] != 2 || again.Summary["create"] != 0 || count() != before+2 {
		t.Fatalf("re-import: %v, %d projects", again.Summary, count()-before)
	}
	edited := strings.Replace(goodRows, "Blue badge renewals", "Blue Badge renewals online", 1)
	upd, _ := ImportProjects(app, leeds, fx.adminA, strings.NewReader(edited), false, testNow)
	if upd.Summary["update"] != 1 || upd.Rows[1].Changes[0] != "title" {
		t.Fatalf("edited re-import: %v %+v", upd.Summary, upd.Rows[1])
	}
}

func TestExportRoundTripsThroughImport(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	_, body := get(t, handlerFor(t, app), "/export/projects.csv")
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Keep Leeds's rows, as Leeds's admin would, and change one title.
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	_ = w.Write(rows[0])
	for _, r := range rows[1:] {
		if r[6] == "leeds" {
			if r[2] == "Housing repairs online" {
				r[2] = "Housing repairs and maintenance online"
			}
			_ = w.Write(r)
		}
	}
	w.Flush()
	res, err := ImportProjects(app, mustRecord(t, app, ColOrganisations, fx.leeds), fx.adminA, &out, false, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary["create"] != 0 || res.Summary["error"] != 0 || res.Summary["update"] != 1 || res.Summary["unchanged"] != 1 {
		t.Fatalf("round trip: %v %+v", res.Summary, res.Rows)
	}
	if p := mustRecord(t, app, ColProjects, fx.pubA2); p.GetString("title") != "Housing repairs and maintenance online" {
		t.Fatalf("title = %q", p.GetString("title"))
	}
}

func TestImportRoute(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "an org admin checks a file", URL: "/api/pipeline/import?dryRun=1", Headers: map[string]string{"Authorization": fx.tokens["orgAdmin"], "Content-Type": "text/csv"},
			Body: strings.NewReader(trackerCSV), ExpectedStatus: 200, ExpectedContent: []string{`"dryRun":true`, `"create":2`, `"error":3`}},
		{Name: "an officer cannot import", URL: "/api/pipeline/import", Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"], "Content-Type": "text/csv"},
			Body: strings.NewReader(trackerCSV), ExpectedStatus: 403, ExpectedContent: []string{`"status":403`}},
		{Name: "a visitor cannot import", URL: "/api/pipeline/import", Headers: map[string]string{"Content-Type": "text/csv"},
			Body: strings.NewReader(trackerCSV), ExpectedStatus: 401, ExpectedContent: []string{`"status":401`}},
		{Name: "a coordinator imports for an organisation", URL: "/api/pipeline/import?organisation=camden&dryRun=1",
			Headers: map[string]string{"Authorization": fx.tokens["coordinator"], "Content-Type": "text/csv"},
			Body:    strings.NewReader(trackerCSV), ExpectedStatus: 200, ExpectedContent: []string{`"create":2`}},
		{Name: "a file without a reference column", URL: "/api/pipeline/import?dryRun=1", Headers: map[string]string{"Authorization": fx.tokens["orgAdmin"], "Content-Type": "text/csv"},
			Body: strings.NewReader("title\nX\n"), ExpectedStatus: 400, ExpectedContent: []string{`"file":{"code":"pipeline_bad_file"`, "reference"}},
		{Name: "a file upload", URL: "/api/pipeline/import", Headers: map[string]string{"Authorization": fx.tokens["orgAdmin"]},
			Body: multipartCSV(t, trackerCSV, true), ExpectedStatus: 200, ExpectedContent: []string{`"dryRun":true`}},
	} {
		s.Method = "POST"
		if s.Body == nil {
			s.Body = strings.NewReader("")
		}
		s.TestAppFactory = newTestApp
		if strings.Contains(s.Name, "upload") {
			mp := s.Body.(*multipartBody)
			s.Headers["Content-Type"] = mp.contentType
		}
		s.Test(t)
	}
	(&tests.ApiScenario{Name: "the template", Method: "GET", URL: "/api/pipeline/import/template.csv", TestAppFactory: newTestApp,
		ExpectedStatus: 200, ExpectedContent: []string{"reference,title,summary", "DIG-042"}}).Test(t)
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
