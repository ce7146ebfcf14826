package hooks

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
)

func deadlineIn(days int) string {
	return time.Now().UTC().AddDate(0, 0, days).Format("2006-01-02 15:04:05.000Z")
}

func TestCallsAccess(t *testing.T) {
	runMatrix(t, []accessCase{
		{name: "list calls", method: "GET", url: colURL(ColCalls),
			want: map[string]want{
				"visitor": list(1), "ownOfficer": list(2), "otherOfficer": list(1), "pending": list(1),
				"orgAdmin": list(2), "coordinator": list(1), "superuser": list(2),
			}},
		{name: "view a call on a draft", method: "GET", url: recURL(ColCalls, fx.callDraft),
			want: only(ok(`"description":"Draft call."`), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "view an open call", method: "GET", url: recURL(ColCalls, fx.callA),
			want: every(ok(`"pledgedFunding":20000`, `"pledgedPartners":1`), ok(`"state":"open"`))},
		{name: "open a call", method: "POST", url: colURL(ColCalls),
			body: `{"project":"` + fx.pubA2 + `","description":"Three councils, £10k each.","goalPartners":3,"deadline":"` + deadlineIn(30) + `"}`,
			want: only(ok(`"state":"open"`, `"pledgedFunding":0`), status(400), "ownOfficer", "orgAdmin", "superuser")},
		{name: "reword a call", method: "PATCH", url: recURL(ColCalls, fx.callA), body: `{"description":"Reworded."}`,
			want: only(ok(`"description":"Reworded."`), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "delete a call", method: "DELETE", url: recURL(ColCalls, fx.callA),
			want: every(status(403), status(204))},
	})
}

func TestCallsForgery(t *testing.T) {
	open := func(extra string) string {
		return `{"project":"` + fx.pubA2 + `","description":"d"` + extra + `}`
	}
	cases := []accessCase{
		{name: "call opened as already formed", method: "POST", url: colURL(ColCalls),
			body: open(`,"goalPartners":2,"deadline":"` + deadlineIn(30) + `","state":"formed"`),
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"state"`}}}},
		{name: "call opened with pledges already counted", method: "POST", url: colURL(ColCalls),
			body: open(`,"goalPartners":2,"deadline":"` + deadlineIn(30) + `","pledgedFunding":100000`),
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"pledgedFunding"`}}}},
		{name: "call with no goal and a deadline too close", method: "POST", url: colURL(ColCalls),
			body: open(`,"deadline":"` + deadlineIn(3) + `"`),
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`pipeline_no_goal`, `pipeline_deadline_range`}}}},
		{name: "call with a deadline too far", method: "POST", url: colURL(ColCalls),
			body: open(`,"goalDays":10,"deadline":"` + deadlineIn(200) + `"`),
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`pipeline_deadline_range`}}}},
		{name: "second open call on a project", method: "POST", url: colURL(ColCalls),
			body: `{"project":"` + fx.pubA + `","description":"d","goalDays":10,"deadline":"` + deadlineIn(30) + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`pipeline_call_open`}}}},
		{name: "call opened on another organisation's project", method: "POST", url: colURL(ColCalls),
			body: `{"project":"` + fx.pubB + `","description":"d","goalDays":10,"deadline":"` + deadlineIn(30) + `"}`,
			want: map[string]want{"ownOfficer": status(400)}},
		{name: "goal changed after opening", method: "PATCH", url: recURL(ColCalls, fx.callA), body: `{"goalFunding":1000}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"goalFunding"`}}}},
		{name: "deadline moved after opening", method: "PATCH", url: recURL(ColCalls, fx.callA), body: `{"deadline":"` + deadlineIn(100) + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"deadline"`}}}},
		{name: "call declared formed by hand", method: "PATCH", url: recURL(ColCalls, fx.callA), body: `{"state":"formed"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`pipeline_invalid_transition`}}}},
		{name: "call cancelled", method: "PATCH", url: recURL(ColCalls, fx.callA), body: `{"state":"cancelled"}`,
			want: map[string]want{"ownOfficer": ok(`"state":"cancelled"`)}},
		{name: "pledged totals forged", method: "PATCH", url: recURL(ColCalls, fx.callA), body: `{"pledgedPartners":3}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"pledgedPartners"`}}}},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}

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

func TestNotificationsAccess(t *testing.T) {
	runMatrix(t, []accessCase{
		{name: "list notifications", method: "GET", url: colURL(ColNotifications),
			want: only(list(1), list(0), "ownOfficer", "superuser")},
		{name: "view a notification", method: "GET", url: recURL(ColNotifications, fx.notifA),
			want: only(ok(`"title":"Bristol is interested"`), status(404), "ownOfficer", "superuser")},
		{name: "create a notification", method: "POST", url: colURL(ColNotifications),
			body: `{"user":"` + fx.officerB + `","kind":"test","title":"Hello"}`,
			want: every(status(403), ok(`"emailState":"pending"`))},
		{name: "mark a notification read", method: "PATCH", url: recURL(ColNotifications, fx.notifA),
			body: `{"readAt":"2026-11-23 10:00:00.000Z"}`,
			want: only(ok(`"readAt":"2026-11-23 10:00:00.000Z"`), status(404), "ownOfficer", "superuser")},
		{name: "delete a notification", method: "DELETE", url: recURL(ColNotifications, fx.notifA),
			want: every(status(403), status(204))},
	})
	for _, c := range []accessCase{
		{name: "recipient marks a notification emailed", method: "PATCH", url: recURL(ColNotifications, fx.notifA),
			body: `{"emailState":"sent"}`, want: map[string]want{"ownOfficer": {status: 400, content: []string{`"emailState"`}}}},
		{name: "recipient hands a notification to someone else", method: "PATCH", url: recURL(ColNotifications, fx.notifA),
			body: `{"user":"` + fx.officerB + `"}`, want: map[string]want{"ownOfficer": {status: 400, content: []string{`"user"`}}}},
	} {
		runAs(t, c)
	}
}
