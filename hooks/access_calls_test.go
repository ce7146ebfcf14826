package hooks

import (
	"testing"
	"time"
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
