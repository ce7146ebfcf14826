package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// A project date is read as the CSV import reads it; one that cannot be
// read is refused naming its field, and the stored date is kept.
func TestProjectDatesAreReadOrRefused(t *testing.T) {
	own := map[string]string{"Authorization": fx.tokens["ownOfficer"], "Content-Type": "application/json"}
	stored := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		p := mustRecord(t, app, ColProjects, fx.pubA)
		p.Set("phaseEnd", "2027-06-30 00:00:00.000Z")
		if err := app.SaveNoValidate(p); err != nil {
			t.Fatal(err)
		}
	}
	kept := func(want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if got := mustRecord(t, app, ColProjects, fx.pubA).GetDateTime("phaseEnd").String(); !strings.HasPrefix(got, want) {
				t.Fatalf("phaseEnd is %q, want %q", got, want)
			}
		}
	}
	for _, c := range []struct {
		name, body string
		status     int
		content    string
		want       string
	}{
		{"a British date", `{"phaseEnd":"31/03/2027"}`, 200, `"phaseEnd":"2027-03-31 00:00:00.000Z"`, "2027-03-31"},
		{"a written date", `{"phaseEnd":"31 March 2027"}`, 200, `"phaseEnd":"2027-03-31`, "2027-03-31"},
		{"an ISO date", `{"phaseEnd":"2027-03-31"}`, 200, `"phaseEnd":"2027-03-31`, "2027-03-31"},
		{"a day that does not exist", `{"phaseEnd":"2027-02-30"}`, 400, `"phaseEnd":{"code":"pipeline_invalid_date"`, "2027-06-30"},
		{"an American date", `{"phaseEnd":"03/31/2027"}`, 400, `"phaseEnd":{"code":"pipeline_invalid_date"`, "2027-06-30"},
		{"a number", `{"phaseEnd":-1}`, 400, `"phaseEnd":{"code":"pipeline_invalid_date"`, "2027-06-30"},
		{"words", `{"nextAssessment":"soon","phaseEnd":"2027-03-31"}`, 400, `"nextAssessment":{"code":"pipeline_invalid_date"`, "2027-06-30"},
		{"empty clears it", `{"phaseEnd":""}`, 200, `"phaseEnd":""`, ""},
	} {
		s := tests.ApiScenario{Name: c.name, Method: http.MethodPatch, URL: "/api/collections/projects/records/" + fx.pubA,
			Body: strings.NewReader(c.body), Headers: own, ExpectedStatus: c.status, ExpectedContent: []string{c.content},
			BeforeTestFunc: stored, AfterTestFunc: kept(c.want), TestAppFactory: newTestApp}
		s.Test(t)
	}
}
