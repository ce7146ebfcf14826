package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

var locationID = regexp.MustCompile(`/(?:rounds|bids)/([a-z0-9]+)`)

func TestAFundingRoundFromDraftToAwardWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	funderOrg, err := b.app.FindFirstRecordByData(hooks.ColOrganisations, "slug", "cardiff")
	if err != nil {
		t.Fatal(err)
	}
	funderOrg.Set("funder", true)
	users, _ := b.app.FindCollectionByNameOrId(hooks.ColUsers)
	officer := core.NewRecord(users)
	officer.Load(map[string]any{"email": "fund@cardiff.test", "password": "a-long-test-password", "name": "Fiona Funder",
		"organisation": funderOrg.Id, "role": hooks.RoleOfficer, "membership": hooks.MembershipApproved, "verified": true})
	for _, r := range []*core.Record{funderOrg, officer} {
		if err := b.app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	funder := b
	funder.signIn("fund@cardiff.test")

	// A round with a mistake, then a good one.
	when := time.Now().Add(20 * 24 * time.Hour)
	form := url.Values{"csrf": {funder.cookie(csrfCookie)}, "title": {"Shared services fund"}, "pot": {"50,000"}, "maxAward": {"80000"},
		"minPartners": {"2"}, "criteria": {"Impact | 3\nNo weight |"}}
	status, page, _ := funder.post("/rounds/new", form)
	for _, want := range []string{"The largest award cannot be more than the pot", "Enter the date the round closes", "Write each criterion as a name"} {
		if !strings.Contains(page, want) {
			t.Errorf("a bad round lacks %q", want)
		}
	}
	if status != http.StatusBadRequest {
		t.Fatalf("a bad round: %d", status)
	}
	form.Set("maxAward", "30000")
	form.Set("criteria", "Impact | 3\nCollaboration | 1")
	form.Set("closesAt-day", when.Format("2"))
	form.Set("closesAt-month", when.Format("1"))
	form.Set("closesAt-year", when.Format("2006"))
	status, _, h := funder.post("/rounds/new", form)
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d", status)
	}
	roundID := locationID.FindStringSubmatch(h.Get("Location"))[1]
	if status, _ := funder.another().get("/rounds/" + roundID); status != http.StatusNotFound {
		t.Fatalf("a draft round to a visitor: %d", status)
	}
	if status, _, _ = funder.post("/rounds/"+roundID+"/manage", url.Values{"csrf": {funder.cookie(csrfCookie)}, "action": {"open"}}); status != http.StatusSeeOther {
		t.Fatalf("open: %d", status)
	}

	// Leeds bids with its project, invites Bristol, Bristol confirms, Leeds submits.
	leeds := b.another()
	leeds.signIn("officer@leeds.test")
	if _, page = leeds.get("/rounds/" + roundID); !strings.Contains(page, "Bid for this round") {
		t.Fatal("no bid link for an officer")
	}
	projectIDs := projectID(t, b.app, fx.published)
	status, page, h = leeds.post("/rounds/"+roundID+"/bid", url.Values{"csrf": {leeds.cookie(csrfCookie)}, "project": {projectIDs}, "amount": {"20000"},
		"answer-0": {"Fewer missed bins."}, "answer-1": {"With Bristol."}})
	if status != http.StatusSeeOther {
		t.Fatalf("bid: %d %s", status, page)
	}
	bidID := locationID.FindStringSubmatch(h.Get("Location"))[1]
	// Submitting with too few partners is refused, saying why.
	status, page, _ = leeds.post("/bids/"+bidID, url.Values{"csrf": {leeds.cookie(csrfCookie)}, "action": {"submit"}})
	if status != http.StatusBadRequest || !strings.Contains(page, "There is a problem") {
		t.Fatalf("submit alone: %d", status)
	}
	if status, _, _ = leeds.post("/bids/"+bidID, url.Values{"csrf": {leeds.cookie(csrfCookie)}, "action": {"invite"}, "organisation": {fx.bristol}}); status != http.StatusSeeOther {
		t.Fatalf("invite: %d", status)
	}
	bristol := b.another()
	bristol.signIn("officer@bristol.test")
	_, page = bristol.get("/bids/" + bidID)
	partner, err := b.app.FindFirstRecordByFilter(hooks.ColBidPartners, "bid = {:b}", map[string]any{"b": bidID})
	if err != nil || !strings.Contains(page, "Confirm we are a partner") {
		t.Fatalf("Bristol's invitation: %v", err)
	}
	if status, _, _ = bristol.post("/bids/"+bidID, url.Values{"csrf": {bristol.cookie(csrfCookie)}, "action": {"confirm"}, "partner": {partner.Id}}); status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", status)
	}
	if status, page, _ = leeds.post("/bids/"+bidID, url.Values{"csrf": {leeds.cookie(csrfCookie)}, "action": {"submit"}}); status != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", status, page)
	}

	// The round closes; the funder scores, awards and decides.
	round, _ := b.app.FindRecordById(hooks.ColRounds, roundID)
	round.Set("closesAt", time.Now().Add(-time.Minute))
	if err := b.app.Save(round); err != nil {
		t.Fatal(err)
	}
	if _, err := hooks.CloseRounds(b.app, time.Now()); err != nil {
		t.Fatal(err)
	}
	manage := "/rounds/" + roundID + "/manage"
	status, page, _ = funder.post(manage, url.Values{"csrf": {funder.cookie(csrfCookie)}, "action": {"score"}, "bid": {bidID},
		"score-" + bidID + "-0": {"9"}})
	if status != http.StatusBadRequest || !strings.Contains(page, "Score Impact from 0 to 5") {
		t.Fatalf("a score of 9: %d", status)
	}
	if status, _, _ = funder.post(manage, url.Values{"csrf": {funder.cookie(csrfCookie)}, "action": {"score"}, "bid": {bidID},
		"score-" + bidID + "-0": {"4"}, "comment-" + bidID + "-0": {"Strong."}, "score-" + bidID + "-1": {"5"}}); status != http.StatusSeeOther {
		t.Fatalf("score: %d", status)
	}
	if _, page = funder.get(manage); !strings.Contains(page, "Your weighted score") {
		t.Fatal("the weighted score")
	}
	status, page, _ = funder.post(manage, url.Values{"csrf": {funder.cookie(csrfCookie)}, "action": {"award"}, "bid": {bidID}, "amount": {"60000"}})
	if status != http.StatusBadRequest || !strings.Contains(page, `id="f-amount-`+bidID+`-error"`) {
		t.Fatalf("an award above the pot: %d", status)
	}
	if status, _, _ = funder.post(manage, url.Values{"csrf": {funder.cookie(csrfCookie)}, "action": {"award"}, "bid": {bidID}, "amount": {"20000"}}); status != http.StatusSeeOther {
		t.Fatalf("award: %d", status)
	}
	if status, page, _ = funder.post(manage, url.Values{"csrf": {funder.cookie(csrfCookie)}, "action": {"decide"}}); status != http.StatusSeeOther {
		t.Fatalf("decide: %d %s", status, page)
	}
	// The project says it is funded; its partner is Bristol; the bidders see the scores.
	_, page = funder.another().get("/projects/" + fx.published)
	if !strings.Contains(page, "Funded by City of Cardiff Council in") || !strings.Contains(page, "£20,000") {
		p, _ := b.app.FindFirstRecordByData(hooks.ColProjects, "slug", fx.published)
		t.Fatalf("the project page does not say it is funded: %s", p.GetString("funding"))
	}
	if _, page = leeds.get("/bids/" + bidID); !strings.Contains(page, "The funder's scores") || !strings.Contains(page, "Strong.") {
		t.Fatal("the lead does not see the scores after the decision")
	}
	if _, page = funder.get(manage); !strings.Contains(page, "Funded projects") {
		t.Fatal("the funder's dashboard lacks the funded projects")
	}
	// An officer of Bristol cannot manage the round.
	if status, _ := bristol.get(manage); status != http.StatusForbidden {
		t.Fatalf("another council managing: %d", status)
	}
}

func TestACoordinatorMarksAFunderWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	users, _ := b.app.FindCollectionByNameOrId(hooks.ColUsers)
	co := core.NewRecord(users)
	co.Load(map[string]any{"email": "co@network.test", "password": "a-long-test-password", "name": "Cora",
		"role": hooks.RoleCoordinator, "membership": hooks.MembershipApproved, "verified": true})
	if err := b.app.Save(co); err != nil {
		t.Fatal(err)
	}
	b.signIn("co@network.test")
	if _, page := b.get("/organisations/leeds"); !strings.Contains(page, "Mark as a funder") {
		t.Fatal("no funder button for a coordinator")
	}
	if status, _, _ := b.post("/organisations/leeds/funder", url.Values{"csrf": {b.cookie(csrfCookie)}, "funder": {"true"}}); status != http.StatusSeeOther {
		t.Fatalf("mark: %d", status)
	}
	if org, _ := b.app.FindRecordById(hooks.ColOrganisations, fx.leeds); !org.GetBool("funder") {
		t.Fatal("not a funder")
	}
	// An officer may not.
	o := b.another()
	o.signIn("officer@bristol.test")
	if _, page := o.get("/organisations/city-of-bristol"); strings.Contains(page, "Mark as a funder") {
		t.Fatal("an officer sees the funder button")
	}
	if status, _, _ := o.post("/organisations/city-of-bristol/funder", url.Values{"csrf": {o.cookie(csrfCookie)}, "funder": {"true"}}); status < 400 {
		t.Fatalf("an officer marking a funder: %d", status)
	}
	if org, _ := b.app.FindRecordById(hooks.ColOrganisations, fx.bristol); org.GetBool("funder") {
		t.Fatal("an officer made their organisation a funder")
	}
}
