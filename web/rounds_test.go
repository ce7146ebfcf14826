package web

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"pipeline/hooks"
)

// roundsApp is the pages' fixtures with a published round and a draft one
// of Leeds, made a funder for the occasion.
func roundsApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app := newApp(t)
	org, err := app.FindRecordById(hooks.ColOrganisations, fx.leeds)
	if err != nil {
		t.Fatal(err)
	}
	org.Set("funder", true)
	if err := app.Save(org); err != nil {
		t.Fatal(err)
	}
	col, err := app.FindCollectionByNameOrId(hooks.ColRounds)
	if err != nil {
		t.Fatal(err)
	}
	closes, _ := types.ParseDateTime(time.Now().AddDate(0, 0, 30))
	for id, state := range map[string]string{"publishedround1": hooks.RoundOpen, "secretround0001": hooks.RoundDraft} {
		r := core.NewRecord(col)
		r.Id = id
		r.Set("funder", fx.leeds)
		r.Set("title", map[string]string{hooks.RoundOpen: "Shared services fund", hooks.RoundDraft: "Secret round"}[state])
		r.Set("pot", 120000)
		r.Set("maxAward", 40000)
		r.Set("minPartners", 3)
		r.Set("closesAt", closes)
		r.Set("state", state)
		r.Set("criteria", []map[string]any{{"name": "Reuse", "weight": 2}})
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	return app
}

func TestRoundPages(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "the rounds list shows published rounds", URL: "/rounds", ExpectedStatus: 200,
			ExpectedContent:    []string{"Funding rounds", `href="/rounds/publishedround1"`, "Shared services fund", "Open for bids", "£120,000"},
			NotExpectedContent: []string{"Secret round"}},
		{Name: "a round's page: terms, criteria and numbers as tables", URL: "/rounds/publishedround1", ExpectedStatus: 200,
			ExpectedContent: []string{"Shared services fund", "Largest award", "£40,000", "At least 3, the lead included",
				"What bids are assessed on", "Reuse", "The round in numbers", "Organisations taking part"},
			NotExpectedContent: []string{"Money awarded"}},
		{Name: "a draft round is not found", URL: "/rounds/secretround0001", ExpectedStatus: 404,
			NotExpectedContent: []string{"Secret round"}, ExpectedContent: []string{"not found"}},
	} {
		s.TestAppFactory = roundsApp
		s.Test(t)
	}
}
