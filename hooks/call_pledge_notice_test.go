package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// A pledge's notice gives the call's totals with that pledge counted.
func TestPledgeNoticeCountsThePledge(t *testing.T) {
	s := tests.ApiScenario{
		Name: "camden pledges", Method: http.MethodPost, URL: "/api/collections/pledges/records",
		Body:           strings.NewReader(`{"call":"` + fx.callA + `","funding":5000,"days":2}`),
		Headers:        map[string]string{"Authorization": fx.tokens["camdenOfficer"]},
		ExpectedStatus: 200, ExpectedContent: []string{`"funding":5000`},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			call := mustRecord(t, app, ColCalls, fx.callA)
			want := pledgedWords(call) + " pledged in all."
			notices, err := app.FindRecordsByFilter(ColNotifications, "kind = {:k}", "", 0, 0, dbx.Params{"k": KindCallPledge})
			if err != nil || len(notices) == 0 {
				t.Fatalf("no pledge notice: %v", err)
			}
			for _, n := range notices {
				if !strings.HasSuffix(n.GetString("body"), want) {
					t.Errorf("notice says %q, want it to end %q", n.GetString("body"), want)
				}
			}
		},
		TestAppFactory: newTestApp,
	}
	s.Test(t)
}
