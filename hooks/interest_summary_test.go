package hooks

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestInterestSummaryIsPublicButNamesNoOne(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "a visitor sees who is interested, by organisation", URL: "/api/pipeline/projects/" + fx.pubA + "/interest",
			ExpectedStatus: 200, ExpectedContent: []string{`"followers":1`, `"name":"Bristol City Council"`, `"kinds":{"join":1}`},
			NotExpectedContent: []string{"We would like to join", "Bea Bristol", fx.officerB}},
		{Name: "a visitor cannot see interest in a draft", URL: "/api/pipeline/projects/" + fx.draftA + "/interest",
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "the owning organisation can", URL: "/api/pipeline/projects/" + fx.draftA + "/interest",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200, ExpectedContent: []string{`"followers":0`}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}

// TestInterestsByProjectUseAnIndex keeps the lookups of a project's
// interest off a full scan: the unique index on (project, user) is partial
// (state != 'declined'), which SQLite cannot use for these queries, so
// another index must serve them (0.6 s a project page at 300,000
// interests without one). It checks the query plan, not a time.
func TestInterestsByProjectUseAnIndex(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	for name, q := range map[string]string{
		"the project page's summary": `SELECT i.organisation, i.kind, COUNT(*) FROM interests i WHERE i.project = 'x' AND i.state != 'withdrawn' GROUP BY i.organisation, i.kind`,
		"followers":                  `SELECT user FROM interests WHERE project = 'x' AND state != 'withdrawn'`,
	} {
		var plan []struct {
			Detail string `db:"detail"`
		}
		if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + q).All(&plan); err != nil {
			t.Fatal(err)
		}
		var steps []string
		for _, p := range plan {
			steps = append(steps, p.Detail)
		}
		joined := strings.Join(steps, "; ")
		// SEARCH is a lookup by an index's key; SCAN (even "USING INDEX")
		// walks every row.
		if !strings.Contains(joined, "SEARCH i") || strings.Contains(joined, "SCAN i") {
			t.Errorf("%s reads every interest: %s", name, joined)
		}
	}
}
