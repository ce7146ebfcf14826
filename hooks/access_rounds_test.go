package hooks

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// The funding rounds' collections, each action tried by every kind of
// caller: the matrix's, plus the funder's officer (Cardiff) and an officer
// of an organisation with no part in the bid (Camden). Leeds leads bidA,
// Bristol is invited to it, and the funder has scored it.

// roundCallers adds the funder's officer and the uninvolved officer to a
// matrix answer.
func roundCallers(w map[string]want, funder, camden want) map[string]want {
	w["funderOfficer"], w["camdenOfficer"] = funder, camden
	return w
}

func futureDate(days int) string {
	return time.Now().AddDate(0, 0, days).UTC().Format("2006-01-02 15:04:05.000Z")
}

func TestRoundsAccess(t *testing.T) {
	newRound := `{"title":"Shared platforms","pot":1000,"maxAward":500,"minPartners":3,"closesAt":"` + futureDate(20) +
		`","criteria":[{"name":"Impact","weight":1}]}`
	cases := []accessCase{
		// Published rounds are public; the draft only the funder sees.
		{name: "list rounds", method: "GET", url: colURL(ColRounds),
			want: roundCallers(every(list(1).without("Secret draft round"), list(2)), list(2), list(1))},
		{name: "view the draft round", method: "GET", url: recURL(ColRounds, fx.roundDraft),
			want: roundCallers(only(ok("Secret draft round"), status(404), "superuser"), ok("Secret draft round"), status(404))},
		{name: "view the open round", method: "GET", url: recURL(ColRounds, fx.roundOpen),
			want: roundCallers(every(ok("Local Digital Test Fund"), ok("Local Digital Test Fund")), ok("Local Digital Test Fund"), ok("Local Digital Test Fund"))},
		// Only a funder's officers create rounds, for their own
		// organisation; each refusal names the field.
		{name: "create a round", method: "POST", url: colURL(ColRounds), body: newRound,
			want: roundCallers(map[string]want{
				"visitor": status(400), "ownOfficer": {status: 400, content: []string{`"funder":{"code":"pipeline_not_funder"`}},
				"otherOfficer": {status: 400, content: []string{`pipeline_not_funder`}},
				"pending":      {status: 400, content: []string{`pipeline_not_approved`}},
				"orgAdmin":     {status: 400, content: []string{`pipeline_not_funder`}},
				"coordinator":  {status: 400, content: []string{`pipeline_not_funder`}},
				"superuser":    {status: 400, content: []string{`"funder":{"code":"validation_required"`}},
			}, ok(`"funder":"`+fx.cardiff+`"`, `"state":"draft"`), status(400))},
		{name: "create a round for another organisation", method: "POST", url: colURL(ColRounds),
			body: `{"title":"Forged","closesAt":"` + futureDate(20) + `","funder":"` + fx.leeds + `"}`,
			want: map[string]want{"funderOfficer": {status: 400, content: []string{`"funder":{"code":"pipeline_forbidden_field"`}}}},
		{name: "open a round without money", method: "POST", url: colURL(ColRounds),
			body: `{"title":"Empty","closesAt":"` + futureDate(20) + `","state":"open"}`,
			want: map[string]want{"funderOfficer": {status: 400, content: []string{`"pot":{"code":"validation_required"`, `"criteria":`}}}},
		// Once open, the terms are locked; the funder still rewords it.
		{name: "change the pot of an open round", method: "PATCH", url: recURL(ColRounds, fx.roundOpen), body: `{"pot":900000}`,
			want: roundCallers(every(status(404), ok(`"pot":900000`)), want{status: 400, content: []string{`"pot":{"code":"pipeline_terms_locked"`}}, status(404))},
		{name: "reword an open round", method: "PATCH", url: recURL(ColRounds, fx.roundOpen), body: `{"description":"Reworded."}`,
			want: roundCallers(every(status(404), ok(`"description":"Reworded."`)), ok(`"description":"Reworded."`), status(404))},
		{name: "close an open round early", method: "PATCH", url: recURL(ColRounds, fx.roundOpen), body: `{"state":"assessing"}`,
			want: map[string]want{"funderOfficer": {status: 400, content: []string{`pipeline_round_still_open`}}}},
		{name: "decide an open round", method: "PATCH", url: recURL(ColRounds, fx.roundOpen), body: `{"state":"decided"}`,
			want: map[string]want{"funderOfficer": {status: 400, content: []string{`"state":{"code":"pipeline_invalid_transition"`}}}},
		{name: "delete the draft round", method: "DELETE", url: recURL(ColRounds, fx.roundDraft),
			want: roundCallers(every(status(404), status(204)), status(204), status(404))},
		{name: "delete the open round", method: "DELETE", url: recURL(ColRounds, fx.roundOpen),
			want: roundCallers(every(status(404), status(204)), status(404), status(404))},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}

func TestBidsAccess(t *testing.T) {
	cases := []accessCase{
		// A bid is seen by its lead, its invited partners and
		// coordinators, and by the funder only once it is submitted.
		{name: "list bids", method: "GET", url: colURL(ColBids),
			want: roundCallers(map[string]want{
				"visitor": list(0), "ownOfficer": list(1), "otherOfficer": list(2), "pending": list(0),
				"orgAdmin": list(1), "coordinator": list(2), "superuser": list(2),
			}, list(0), list(0))},
		{name: "view another organisation's bid", method: "GET", url: recURL(ColBids, fx.bidB),
			want: roundCallers(only(ok(`"amount":20000`), status(404), "otherOfficer", "coordinator", "superuser"), status(404), status(404))},
		{name: "view a draft bid", method: "GET", url: recURL(ColBids, fx.bidA),
			want: roundCallers(only(ok("private answer from Leeds"), status(404), "ownOfficer", "otherOfficer", "orgAdmin", "coordinator", "superuser"),
				status(404), status(404))},
		// The lead drafts bids for its own projects.
		{name: "draft a bid", method: "POST", url: colURL(ColBids), body: `{"round":"` + fx.roundOpen + `","project":"` + fx.pubA2 + `","amount":10000}`,
			want: roundCallers(map[string]want{
				"visitor":      status(400),
				"ownOfficer":   ok(`"organisation":"`+fx.leeds+`"`, `"user":"`+fx.officerA+`"`, `"state":"draft"`),
				"otherOfficer": {status: 400, content: []string{`"project":{"code":"pipeline_not_own"`}},
				"pending":      {status: 400, content: []string{`pipeline_not_approved`}},
				"orgAdmin":     ok(`"organisation":"` + fx.leeds + `"`),
				"coordinator":  {status: 400, content: []string{`pipeline_not_own`}},
				"superuser":    ok(`"organisation":"` + fx.leeds + `"`),
			}, want{status: 400, content: []string{`pipeline_not_own`}}, want{status: 400, content: []string{`pipeline_not_own`}})},
		{name: "bid in a draft round", method: "POST", url: colURL(ColBids), body: `{"round":"` + fx.roundDraft + `","project":"` + fx.pubA2 + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"round":{"code":"pipeline_not_found"`}}}},
		{name: "bid for someone else", method: "POST", url: colURL(ColBids),
			body: `{"round":"` + fx.roundOpen + `","project":"` + fx.pubA2 + `","organisation":"` + fx.bristol + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"organisation":{"code":"pipeline_forbidden_field"`}}}},
		// The lead edits its draft; no one else changes it.
		{name: "change a draft bid", method: "PATCH", url: recURL(ColBids, fx.bidA), body: `{"amount":45000}`,
			want: roundCallers(map[string]want{
				"visitor": status(404), "ownOfficer": ok(`"amount":45000`), "otherOfficer": status(404), "pending": status(404),
				"orgAdmin": ok(`"amount":45000`), "coordinator": status(404), "superuser": ok(`"amount":45000`),
			}, status(404), status(404))},
		{name: "submit a bid through the record API", method: "PATCH", url: recURL(ColBids, fx.bidA), body: `{"state":"submitted"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"state":{"code":"pipeline_invalid_transition"`, `/submit`}}}},
		{name: "award a bid through the record API", method: "PATCH", url: recURL(ColBids, fx.bidA), body: `{"awarded":40000}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"awarded":{"code":"pipeline_forbidden_field"`}}}},
		{name: "withdraw a draft bid", method: "PATCH", url: recURL(ColBids, fx.bidA), body: `{"state":"withdrawn"}`,
			want: map[string]want{"ownOfficer": ok(`"state":"withdrawn"`)}},
		{name: "delete a draft bid", method: "DELETE", url: recURL(ColBids, fx.bidA),
			want: roundCallers(only(status(204), status(404), "ownOfficer", "orgAdmin", "superuser"), status(404), status(404))},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}

func TestBidPartnersAccess(t *testing.T) {
	cases := []accessCase{
		{name: "list bid partners", method: "GET", url: colURL(ColBidPartners),
			want: roundCallers(map[string]want{
				"visitor": list(0), "ownOfficer": list(1), "otherOfficer": list(1), "pending": list(0),
				"orgAdmin": list(1), "coordinator": list(1), "superuser": list(1),
			}, list(0), list(0))},
		// The lead invites; the invitation reaches the invited
		// organisation.
		{name: "invite a partner", method: "POST", url: colURL(ColBidPartners), body: `{"bid":"` + fx.bidA + `","organisation":"` + fx.camden + `"}`,
			want: roundCallers(map[string]want{
				"visitor": status(400), "ownOfficer": ok(`"state":"invited"`, `"invitedBy":"`+fx.officerA+`"`),
				"otherOfficer": {status: 400, content: []string{`"bid":{"code":"pipeline_not_lead"`}},
				"pending":      {status: 400, content: []string{`pipeline_not_approved`}},
				"orgAdmin":     ok(`"state":"invited"`),
				"coordinator":  {status: 400, content: []string{`pipeline_not_lead`}},
				"superuser":    ok(`"state":"invited"`),
			}, want{status: 400, content: []string{`"bid":{"code":"pipeline_not_found"`}}, want{status: 400, content: []string{`"bid":{"code":"pipeline_not_found"`}})},
		{name: "invite yourself", method: "POST", url: colURL(ColBidPartners), body: `{"bid":"` + fx.bidA + `","organisation":"` + fx.leeds + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"organisation":{"code":"pipeline_own_bid"`}}}},
		{name: "invite as confirmed", method: "POST", url: colURL(ColBidPartners),
			body: `{"bid":"` + fx.bidA + `","organisation":"` + fx.camden + `","state":"confirmed"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"state":{"code":"pipeline_forbidden_field"`}}}},
		// Only the invited organisation answers.
		{name: "confirm a partnership", method: "PATCH", url: recURL(ColBidPartners, fx.bpB), body: `{"state":"confirmed"}`,
			want: roundCallers(only(ok(`"state":"confirmed"`), status(404), "otherOfficer", "superuser"), status(404), status(404)),
			after: func(t testing.TB, app *tests.TestApp, who string) {
				if who != "otherOfficer" {
					return
				}
				n, err := app.CountRecords(ColNotifications, dbx.HashExp{"user": fx.officerA, "kind": KindBidPartnerAnswer})
				if err != nil || n != 1 {
					t.Fatalf("the lead was told %d times (%v), want once", n, err)
				}
			}},
		{name: "delete a partner", method: "DELETE", url: recURL(ColBidPartners, fx.bpB),
			want: roundCallers(only(status(204), status(404), "ownOfficer", "orgAdmin", "superuser"), status(404), status(404))},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}

func TestScoresAccess(t *testing.T) {
	cases := []accessCase{
		// Until the round is decided only the funder sees scores.
		{name: "list scores", method: "GET", url: colURL(ColScores),
			want: roundCallers(every(list(0), list(1)), list(1), list(0))},
		{name: "view a score", method: "GET", url: recURL(ColScores, fx.scoreA),
			want: roundCallers(every(status(404), ok("private comment of the funder")), ok("private comment of the funder"), status(404))},
		// A draft bid is not the funder's to see, let alone score.
		{name: "score a draft bid", method: "POST", url: colURL(ColScores), body: `{"bid":"` + fx.bidA + `","criterion":"Impact","score":3}`,
			want: roundCallers(map[string]want{
				"visitor": status(400), "ownOfficer": {status: 400, content: []string{`pipeline_not_funder`}},
				"otherOfficer": {status: 400, content: []string{`pipeline_not_funder`}},
				"pending":      {status: 400, content: []string{`pipeline_not_approved`}},
				"orgAdmin":     {status: 400, content: []string{`pipeline_not_funder`}},
				"coordinator":  {status: 400, content: []string{`pipeline_not_funder`}},
			}, want{status: 400, content: []string{`"bid":{"code":"pipeline_not_found"`}}, want{status: 400, content: []string{`pipeline_not_found`}})},
		{name: "score as someone else", method: "POST", url: colURL(ColScores),
			body: `{"bid":"` + fx.bidA + `","criterion":"Impact","score":3,"assessor":"` + fx.officerA + `"}`,
			want: map[string]want{"funderOfficer": {status: 400, content: []string{`"assessor":{"code":"pipeline_forbidden_field"`}}}},
		{name: "change a score while the round is open", method: "PATCH", url: recURL(ColScores, fx.scoreA), body: `{"score":5}`,
			want: roundCallers(every(status(404), ok(`"score":5`)), status(404), status(404))},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}

// The funding rounds' routes, tried by every kind of caller; a refused
// request changes nothing.
func TestRouteAccessFundingRounds(t *testing.T) {
	submit := "/api/pipeline/bids/" + fx.bidA + "/submit"
	award := "/api/pipeline/bids/" + fx.bidA + "/award"
	cases := []accessCase{
		// bidA has one organisation of the two the round asks for: its
		// lead is told so; a partner may not submit; anyone else is
		// answered as for a bid that does not exist.
		{name: "submit a bid", method: "POST", url: submit,
			want: needsSignIn(map[string]want{
				"ownOfficer":   {status: 400, content: []string{`"partners":{"code":"pipeline_too_few_partners"`}},
				"orgAdmin":     {status: 400, content: []string{`pipeline_too_few_partners`}},
				"otherOfficer": status(403), "pending": status(404), "coordinator": status(403), "superuser": status(403),
			})},
		// A draft bid is not the funder's to see.
		{name: "award a bid", method: "POST", url: award, body: `{"amount":1000}`,
			want: needsSignIn(map[string]want{
				"ownOfficer": status(403), "orgAdmin": status(403), "otherOfficer": status(403),
				"pending": status(404), "coordinator": status(403), "superuser": status(403),
			})},
		{name: "stats of an open round", method: "GET", url: "/api/pipeline/rounds/" + fx.roundOpen + "/stats",
			want: every(ok(`"bids":0`, `"awarded":null`), ok(`"bids":0`))},
		{name: "stats of a draft round", method: "GET", url: "/api/pipeline/rounds/" + fx.roundDraft + "/stats",
			want: every(status(404).without("Secret draft round"), ok("Secret draft round"))},
		{name: "360Giving export of an undecided round", method: "GET", url: "/export/rounds/" + fx.roundOpen + "/360giving.json",
			want: every(want{status: 404, content: []string{"Not found"}}, want{status: 404, content: []string{"Not found"}})},
	}
	runRoutes(t, cases)
	runAs(t, accessCase{name: "award a draft bid as the funder", method: "POST", url: award, body: `{"amount":1000}`,
		want: map[string]want{"funderOfficer": status(404), "camdenOfficer": status(404)}})
	runAs(t, accessCase{name: "submit another organisation's bid", method: "POST", url: submit,
		want: map[string]want{"funderOfficer": status(404), "camdenOfficer": status(404)}})
}
