package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestPledgesAccess(t *testing.T) {
	runMatrix(t, []accessCase{
		// Pledges (and their private notes) are seen by the pledging and
		// owning organisations and coordinators; the public sees totals
		// on the call.
		{name: "list pledges", method: "GET", url: colURL(ColPledges),
			want: map[string]want{
				"visitor": list(0), "ownOfficer": list(1), "otherOfficer": list(1), "pending": list(0),
				"orgAdmin": list(1), "coordinator": list(1), "superuser": list(1),
			}},
		{name: "view a pledge", method: "GET", url: recURL(ColPledges, fx.pledgeB),
			want: only(ok(`"note":"private note from Bristol"`), status(404),
				"ownOfficer", "otherOfficer", "orgAdmin", "coordinator", "superuser")},
		// Only a third organisation may pledge: Leeds owns the call and
		// Bristol has pledged already.
		{name: "pledge to a call", method: "POST", url: colURL(ColPledges),
			body: `{"call":"` + fx.callA + `","funding":5000}`,
			want: map[string]want{
				"visitor": status(400), "ownOfficer": status(400),
				"otherOfficer": {status: 400, content: []string{`validation_not_unique`}},
				"pending":      status(400), "orgAdmin": status(400), "coordinator": status(400),
				"superuser": {status: 400, content: []string{`"organisation":{"code":"validation_required"`}},
			}},
		{name: "change a pledge", method: "PATCH", url: recURL(ColPledges, fx.pledgeB), body: `{"funding":25000}`,
			want: only(ok(`"funding":25000`), status(404), "otherOfficer", "superuser"),
			after: func(t testing.TB, app *tests.TestApp, _ string) {
				call, err := app.FindRecordById(ColCalls, fx.callA)
				if err != nil {
					t.Fatal(err)
				}
				if call.GetInt("pledgedFunding") != 25000 {
					t.Fatalf("call total = %d, want 25000", call.GetInt("pledgedFunding"))
				}
			}},
		{name: "delete a pledge", method: "DELETE", url: recURL(ColPledges, fx.pledgeB),
			want: every(status(403), status(204))},
	})
}

func TestPledgesForgery(t *testing.T) {
	cases := []accessCase{
		{name: "third council pledges", method: "POST", url: colURL(ColPledges),
			body: `{"call":"` + fx.callA + `","funding":10000,"days":3,"note":"Camden is in"}`,
			want: map[string]want{"camdenOfficer": ok(`"organisation":"`+fx.camden+`"`, `"user":"`+fx.officerC+`"`, `"state":"active"`)},
			after: func(t testing.TB, app *tests.TestApp, _ string) {
				call, err := app.FindRecordById(ColCalls, fx.callA)
				if err != nil {
					t.Fatal(err)
				}
				if call.GetInt("pledgedPartners") != 2 || call.GetInt("pledgedFunding") != 30000 || call.GetInt("pledgedDays") != 8 {
					t.Fatalf("totals = %d partners, £%d, %d days", call.GetInt("pledgedPartners"), call.GetInt("pledgedFunding"), call.GetInt("pledgedDays"))
				}
			}},
		{name: "pledge for another organisation", method: "POST", url: colURL(ColPledges),
			body: `{"call":"` + fx.callA + `","funding":10000,"organisation":"` + fx.fife + `"}`,
			want: map[string]want{"camdenOfficer": status(400)}},
		{name: "pledge as someone else", method: "POST", url: colURL(ColPledges),
			body: `{"call":"` + fx.callA + `","funding":10000,"user":"` + fx.officerB + `"}`,
			want: map[string]want{"camdenOfficer": status(400)}},
		{name: "pledge to a call on a draft", method: "POST", url: colURL(ColPledges),
			body: `{"call":"` + fx.callDraft + `","funding":10000}`,
			want: map[string]want{"camdenOfficer": status(400)}},
		{name: "pledge moved to another organisation", method: "PATCH", url: recURL(ColPledges, fx.pledgeB),
			body: `{"organisation":"` + fx.camden + `"}`,
			want: map[string]want{"otherOfficer": {status: 400, content: []string{`"organisation"`}}}},
		{name: "pledge withdrawn", method: "PATCH", url: recURL(ColPledges, fx.pledgeB), body: `{"state":"withdrawn"}`,
			want: map[string]want{"otherOfficer": ok(`"state":"withdrawn"`)},
			after: func(t testing.TB, app *tests.TestApp, _ string) {
				call, err := app.FindRecordById(ColCalls, fx.callA)
				if err != nil {
					t.Fatal(err)
				}
				if call.GetInt("pledgedPartners") != 0 || call.GetInt("pledgedFunding") != 0 {
					t.Fatalf("withdrawn pledge still counted: %d partners, £%d", call.GetInt("pledgedPartners"), call.GetInt("pledgedFunding"))
				}
			}},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}
