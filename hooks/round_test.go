package hooks

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// A round from open to decided, through the API as each person would
// drive it: Leeds bids with Bristol, Camden bids with the funder itself as
// partner; the round closes, is scored, awarded within its pot and
// decided; then the public numbers, the 360Giving export and the
// freshness chase at the round's cadence.

// roundFlow drives one app through the API.
type roundFlow struct {
	t *testing.T
	h *apiHarness
}

func (f roundFlow) call(who, method, url, body string, wantStatus int, want ...string) string {
	f.t.Helper()
	status, out := f.h.do(apiRequest{method: method, url: url, token: fx.tokens[who], body: []byte(body)})
	if status != wantStatus {
		f.t.Fatalf("%s %s as %s: status %d, want %d: %s", method, url, who, status, wantStatus, out)
	}
	for _, w := range want {
		if !strings.Contains(string(out), w) {
			f.t.Fatalf("%s %s as %s: %s lacks %s", method, url, who, out, w)
		}
	}
	return string(out)
}

func (f roundFlow) notices(user, kind string) int64 {
	f.t.Helper()
	n, err := f.h.app.CountRecords(ColNotifications, dbx.HashExp{"user": user, "kind": kind})
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

// camdenBidWithFunder gives Camden a published project and a bid on the
// open round, with Cardiff, the funder, as its confirmed partner.
func camdenBidWithFunder(app core.App) (bid string, err error) {
	b := &fixtureBuilder{app: app}
	project := b.record(ColProjects, map[string]any{"title": "Camden street works", "summary": "Street works map.",
		"organisation": fx.camden, "owner": fx.officerC, "visibility": VisibilityPublished, "phase": "alpha"})
	bid = b.record(ColBids, map[string]any{"round": fx.roundOpen, "project": project, "organisation": fx.camden,
		"user": fx.officerC, "amount": 50000})
	b.record(ColBidPartners, map[string]any{"bid": bid, "organisation": fx.cardiff, "state": PartnerConfirmed, "answeredBy": fx.funderOfficer})
	if b.err != nil {
		return "", b.err
	}
	r, err := app.FindRecordById(ColBids, bid)
	if err != nil {
		return "", err
	}
	r.Set("state", BidSubmitted)
	return bid, app.Save(r)
}

func TestRoundFromOpenToDecided(t *testing.T) {
	var camdenBid string
	h := newAPIHarness(t, func(app core.App) error {
		var err error
		camdenBid, err = camdenBidWithFunder(app)
		return err
	})
	defer h.close()
	f := roundFlow{t, h}
	bid := "/api/pipeline/bids/" + fx.bidA

	// Submitting: one organisation of the two the round asks for, and an
	// amount above the largest award, are refused field by field.
	f.call("ownOfficer", "PATCH", recURL(ColBids, fx.bidA), `{"amount":60000}`, 200)
	out := f.call("ownOfficer", "POST", bid+"/submit", `{}`, 400,
		`"partners":{"code":"pipeline_too_few_partners"`, `1 invited organisation has not answered yet`,
		`"amount":{"code":"pipeline_above_max_award"`, `"status":400`)
	if strings.Contains(out, `"round"`) {
		t.Fatalf("an open round is refused: %s", out)
	}
	// Others cannot submit it: a partner is told why, a stranger gets
	// what a missing bid gets.
	f.call("otherOfficer", "POST", bid+"/submit", `{}`, 403)
	f.call("camdenOfficer", "POST", bid+"/submit", `{}`, 404, "No such bid.")
	f.call("camdenOfficer", "POST", "/api/pipeline/bids/nosuchbid/submit", `{}`, 404, "No such bid.")

	f.call("otherOfficer", "PATCH", recURL(ColBidPartners, fx.bpB), `{"state":"confirmed"}`, 200)
	f.call("ownOfficer", "PATCH", recURL(ColBids, fx.bidA), `{"amount":40000}`, 200)
	f.call("ownOfficer", "POST", bid+"/submit", `{}`, 200, `"state":"submitted"`)
	if f.notices(fx.officerB, KindBidSubmitted) != 1 {
		t.Fatal("the confirmed partner was not told of the submission")
	}
	// A submitted bid is as it was sent; the partner's answer stands.
	f.call("ownOfficer", "PATCH", recURL(ColBids, fx.bidA), `{"amount":30000}`, 400, `"amount":{"code":"pipeline_bid_sent"`)
	f.call("otherOfficer", "PATCH", recURL(ColBidPartners, fx.bpB), `{"state":"declined"}`, 400, `pipeline_bid_sent`)
	f.call("ownOfficer", "POST", bid+"/submit", `{}`, 400, `"state":{"code":"pipeline_already_submitted"`)
	// The funder now sees it, but cannot award it while the round is open.
	f.call("funderOfficer", "GET", recURL(ColBids, fx.bidA), "", 200)
	f.call("funderOfficer", "POST", bid+"/award", `{"amount":10000}`, 400, `"round":{"code":"pipeline_round_not_assessing"`)

	// Closing: past closesAt, close_rounds moves the round to assessing
	// and tells bidders; nothing can be submitted or changed after.
	round, err := h.app.FindRecordById(ColRounds, fx.roundOpen)
	if err != nil {
		t.Fatal(err)
	}
	after := round.GetDateTime("closesAt").Time().Add(time.Minute)
	if n, err := CloseRounds(h.app, after.Add(-2*time.Minute)); err != nil || n != 0 {
		t.Fatalf("closed %d rounds before closesAt (%v)", n, err)
	}
	if n, err := CloseRounds(h.app, after); err != nil || n != 1 {
		t.Fatalf("closed %d rounds, want 1 (%v)", n, err)
	}
	if f.notices(fx.officerA, KindRoundClosed) != 1 || f.notices(fx.officerB, KindRoundClosed) != 1 || f.notices(fx.funderOfficer, KindRoundClosed) != 1 {
		t.Fatal("bidders (Leeds with its bid, Bristol with its draft) and the funder were not each told of the close")
	}
	f.call("otherOfficer", "POST", "/api/pipeline/bids/"+fx.bidB+"/submit", `{}`, 400, `"round":{"code":"pipeline_round_not_open"`)
	f.call("otherOfficer", "PATCH", recURL(ColBids, fx.bidB), `{"amount":1}`, 400, `"round":{"code":"pipeline_round_not_open"`)

	// Scoring: the funder scores the round's criteria, not a bid its own
	// organisation partners; nobody else sees scores yet.
	f.call("funderOfficer", "POST", colURL(ColScores), `{"bid":"`+fx.bidA+`","criterion":"Reuse","score":5,"comment":"Reusable."}`, 200,
		`"assessor":"`+fx.funderOfficer+`"`)
	f.call("funderOfficer", "POST", colURL(ColScores), `{"bid":"`+fx.bidA+`","criterion":"Colour","score":5}`, 400,
		`"criterion":{"code":"pipeline_unknown_criterion"`, "Impact and Reuse")
	f.call("funderOfficer", "POST", colURL(ColScores), `{"bid":"`+camdenBid+`","criterion":"Impact","score":5}`, 400,
		`"bid":{"code":"pipeline_conflict_of_interest"`)
	f.call("ownOfficer", "GET", colURL(ColScores), "", 200, `"totalItems":0`)

	// Shortlisting and awarding within the pot (cut to £60,000 here).
	if round, err = h.app.FindRecordById(ColRounds, fx.roundOpen); err != nil {
		t.Fatal(err)
	}
	round.Set("pot", 60000)
	if err := h.app.Save(round); err != nil {
		t.Fatal(err)
	}
	f.call("funderOfficer", "PATCH", recURL(ColBids, fx.bidA), `{"state":"shortlisted"}`, 200)
	f.call("funderOfficer", "PATCH", recURL(ColBids, fx.bidA), `{"state":"funded"}`, 400, `/award`)
	f.call("ownOfficer", "POST", bid+"/award", `{"amount":40000}`, 403)
	f.call("funderOfficer", "POST", bid+"/award", `{"amount":45000}`, 400, `"amount":{"code":"pipeline_above_asked"`)
	f.call("funderOfficer", "POST", bid+"/award", `{}`, 400, `"amount":{"code":"validation_invalid_number"`)
	f.call("funderOfficer", "POST", bid+"/award", `{"amount":40000}`, 200, `"state":"funded"`, `"awarded":40000`)
	f.call("funderOfficer", "POST", "/api/pipeline/bids/"+camdenBid+"/award", `{"amount":30000}`, 400,
		`"amount":{"code":"pipeline_above_pot"`, `£20,000 is left`)
	// Deciding waits for every bid.
	f.call("funderOfficer", "PATCH", recURL(ColRounds, fx.roundOpen), `{"state":"decided"}`, 400, `"state":{"code":"pipeline_bids_undecided"`)
	f.call("funderOfficer", "POST", "/api/pipeline/bids/"+camdenBid+"/award", `{"amount":20000}`, 200)
	// Before the decision, the public numbers keep the awards to themselves.
	f.call("visitor", "GET", "/api/pipeline/rounds/"+fx.roundOpen+"/stats", "", 200, `"awarded":null`, `"bids":2`)
	f.call("visitor", "GET", "/export/rounds/"+fx.roundOpen+"/360giving.json", "", 404)

	f.call("funderOfficer", "PATCH", recURL(ColRounds, fx.roundOpen), `{"state":"decided"}`, 200, `"state":"decided"`)
	for _, who := range []string{fx.officerA, fx.officerB, fx.officerC} {
		if f.notices(who, KindRoundDecided) != 1 {
			t.Fatalf("bidder or partner %s was not told the decision", who)
		}
	}
	// The funded project records its award, its partner and the cadence.
	p, err := h.app.FindRecordById(ColProjects, fx.pubA)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.GetString("funding"), `"amount":40000`) || p.GetInt("updateCadenceDays") != 14 {
		t.Fatalf("funded project: funding %s, cadence %d", p.GetString("funding"), p.GetInt("updateCadenceDays"))
	}
	if !strings.Contains(strings.Join(p.GetStringSlice("partners"), ","), fx.bristol) {
		t.Fatalf("Bristol is not a partner of the funded project: %v", p.GetStringSlice("partners"))
	}
	// Now the bid's organisations see their scores; others still do not.
	f.call("ownOfficer", "GET", colURL(ColScores), "", 200, `"totalItems":2`, "private comment of the funder")
	f.call("otherOfficer", "GET", colURL(ColScores), "", 200, `"totalItems":2`)
	f.call("camdenOfficer", "GET", colURL(ColScores), "", 200, `"totalItems":0`)
	f.call("visitor", "GET", colURL(ColScores), "", 200, `"totalItems":0`)

	// The round in numbers: Leeds+Bristol and Camden+Cardiff, two bids,
	// one partner each; £90,000 asked, £60,000 awarded.
	var stats RoundStats
	if err := json.Unmarshal([]byte(f.call("visitor", "GET", "/api/pipeline/rounds/"+fx.roundOpen+"/stats", "", 200)), &stats); err != nil {
		t.Fatal(err)
	}
	if stats.Bids != 2 || stats.Organisations != 4 || stats.Asked != 90000 || stats.Awarded == nil || *stats.Awarded != 60000 ||
		*stats.Funded != 2 || stats.PartnersPerBid != (Spread{1, 1}) || stats.BidsPerOrganisation != (Spread{1, 1}) {
		t.Fatalf("stats = %+v", stats)
	}
	if len(stats.ByNation) != 2 || stats.ByNation[0] != (Place{"england", 3, 2}) || stats.ByNation[1] != (Place{"wales", 1, 1}) {
		t.Fatalf("by nation = %+v", stats.ByNation)
	}
	f.call("visitor", "GET", "/api/pipeline/rounds/"+fx.roundDraft+"/stats", "", 404)
	f.call("funderOfficer", "GET", "/api/pipeline/rounds/"+fx.roundDraft+"/stats", "", 200, `"bids":0`)

	// Open grants data.
	check360Giving(t, f.call("visitor", "GET", "/export/rounds/"+fx.roundOpen+"/360giving.json", "", 200), 2)
	csvOut := f.call("visitor", "GET", "/export/rounds/"+fx.roundOpen+"/360giving.csv", "", 200,
		"Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier",
		"360G-pipelinetest-"+fx.bidA, "GB-LAE-LDS", "GB-LAW-CRF", "Beneficiary Location:1:Geographic Code")
	if strings.Count(csvOut, "\n") < 3 {
		t.Fatalf("csv has too few rows:\n%s", csvOut)
	}
	f.call("visitor", "GET", "/export/rounds/"+fx.roundOpen+"/360giving.xml", "", 404)
}

func TestRoundCadenceDrivesTheChase(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	now := time.Now()
	// Both projects were last seen 20 days ago; only the funded one has a
	// 14-day cadence.
	seen := Stamp(now.AddDate(0, 0, -20))
	for id, cadence := range map[string]int{fx.pubA: 14, fx.pubA2: 0} {
		if _, err := app.DB().Update(ColProjects, dbx.Params{"updateCadenceDays": cadence, "lastConfirmedAt": seen, "lastActivityAt": seen},
			dbx.HashExp{"id": id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ChaseStaleProjects(app, now); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]int{fx.pubA: chaseAsked, fx.pubA2: chaseNone} {
		p, err := app.FindRecordById(ColProjects, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.GetInt("chaseStage"); got != want {
			t.Errorf("project %s (cadence %d): chase stage %d, want %d", id, p.GetInt("updateCadenceDays"), got, want)
		}
	}
	// At 13 days the cadence has not come round yet.
	if _, err := app.DB().Update(ColProjects, dbx.Params{"chaseStage": 0, "lastActivityAt": Stamp(now.AddDate(0, 0, -13))},
		dbx.HashExp{"id": fx.pubA}).Execute(); err != nil {
		t.Fatal(err)
	}
	if n, err := ChaseStaleProjects(app, now); err != nil || n != 0 {
		t.Fatalf("chased %d projects within their cadence (%v)", n, err)
	}
}

func TestRoundTermsAndCloseJob(t *testing.T) {
	if !jobScheduled(CronCloseRounds) {
		t.Fatal("close_rounds is not among the jobs")
	}
	h := newAPIHarness(t, nil)
	defer h.close()
	f := roundFlow{t, h}
	// A draft opens only with its terms complete; the largest award never
	// exceeds the pot.
	f.call("funderOfficer", "PATCH", recURL(ColRounds, fx.roundDraft), `{"maxAward":6000}`, 400, `"maxAward":{"code":"pipeline_above_pot"`)
	f.call("funderOfficer", "PATCH", recURL(ColRounds, fx.roundDraft), `{"criteria":[{"name":"A","weight":0}]}`, 400, `pipeline_invalid_criteria`)
	f.call("funderOfficer", "PATCH", recURL(ColRounds, fx.roundDraft), `{"state":"open"}`, 200, `"state":"open"`)
	f.call("visitor", "GET", recURL(ColRounds, fx.roundDraft), "", 200)
	// Coordinators, and only they, make an organisation a funder.
	f.call("orgAdmin", "PATCH", recURL(ColOrganisations, fx.leeds), `{"funder":true}`, 400, `"funder":{"code":"pipeline_forbidden_field"`)
	f.call("coordinator", "PATCH", recURL(ColOrganisations, fx.leeds), `{"funder":true}`, 200, `"funder":true`)
}

func jobScheduled(id string) bool {
	for _, j := range Jobs() {
		if j.Id == id {
			return true
		}
	}
	return false
}
