package hooks

import (
	"fmt"
	"math"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// A round in numbers, in public: how many bids, how many organisations
// take part and how widely, where they are, and the money asked and
// awarded. Only bids that were sent count (submitted, shortlisted, funded
// or not funded: never drafts or withdrawn bids), and only confirmed
// partners. What was awarded is told only once the round is decided, so
// the numbers never say before the funder does which bids were funded.

// RoundStats is the answer of GET /api/pipeline/rounds/{id}/stats.
type RoundStats struct {
	Round string `json:"round"`
	Title string `json:"title"`
	State string `json:"state"`
	// Bids sent to the round.
	Bids int `json:"bids"`
	// Organisations taking part, as lead or confirmed partner.
	Organisations int `json:"organisations"`
	// BidsPerOrganisation is how many bids each organisation takes part in.
	BidsPerOrganisation Spread `json:"bidsPerOrganisation"`
	// PartnersPerBid counts each bid's confirmed partners, the lead apart.
	PartnersPerBid Spread  `json:"partnersPerBid"`
	ByNation       []Place `json:"byNation"`
	ByRegion       []Place `json:"byRegion"`
	Pot            int     `json:"pot"`
	Asked          int     `json:"asked"`
	// Awarded and Funded are null until the round is decided.
	Awarded *int `json:"awarded"`
	Funded  *int `json:"funded"`
}

// Spread is the average (to one decimal place) and the most of a count.
type Spread struct {
	Average float64 `json:"average"`
	Most    int     `json:"most"`
}

// Place is the part of a round's organisations and bids from one nation
// or region: organisations there taking part, and bids with at least one
// of them.
type Place struct {
	Name          string `json:"name"`
	Organisations int    `json:"organisations"`
	Bids          int    `json:"bids"`
}

// sentBidStates are the states of a bid that was sent to its round.
var sentBidStates = []any{BidSubmitted, BidShortlisted, BidFunded, BidNotFunded}

// roundStatsRoute: GET /api/pipeline/rounds/{id}/stats, for anyone who may
// see the round (everyone, once it is published).
func roundStatsRoute(e *core.RequestEvent) error {
	round, err := viewableRecord(e, ColRounds, e.Request.PathValue("id"), "No such round.")
	if err != nil {
		return err
	}
	stats, err := RoundStatsOf(e.App, round)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(200, stats)
}

// RoundStatsOf counts a round's bids and the organisations taking part.
func RoundStatsOf(app core.App, round *core.Record) (*RoundStats, error) {
	s := &RoundStats{Round: round.Id, Title: round.GetString("title"), State: round.GetString("state"),
		Pot: round.GetInt("pot"), ByNation: []Place{}, ByRegion: []Place{}}
	var bids []struct {
		Id           string `db:"id"`
		Organisation string `db:"organisation"`
		Amount       int    `db:"amount"`
		Awarded      int    `db:"awarded"`
		State        string `db:"state"`
	}
	if err := app.DB().Select("id", "organisation", "amount", "awarded", "state").From(ColBids).
		Where(dbx.HashExp{"round": round.Id, "state": sentBidStates}).OrderBy("id").All(&bids); err != nil {
		return nil, fmt.Errorf("bids of round %s: %w", round.Id, err)
	}
	var partners []struct {
		Bid          string `db:"bid"`
		Organisation string `db:"organisation"`
	}
	if err := app.DB().NewQuery(`SELECT p.bid, p.organisation FROM bidPartners p JOIN bids b ON b.id = p.bid
		WHERE b.round = {:r} AND p.state = 'confirmed'`).Bind(dbx.Params{"r": round.Id}).All(&partners); err != nil {
		return nil, fmt.Errorf("partners of round %s: %w", round.Id, err)
	}
	orgsOfBid := map[string][]string{}
	awarded, funded := 0, 0
	for _, b := range bids {
		s.Bids++
		s.Asked += b.Amount
		orgsOfBid[b.Id] = []string{b.Organisation}
		if b.State == BidFunded {
			awarded += b.Awarded
			funded++
		}
	}
	for _, p := range partners {
		if orgs, sent := orgsOfBid[p.Bid]; sent && !slices.Contains(orgs, p.Organisation) {
			orgsOfBid[p.Bid] = append(orgs, p.Organisation)
		}
	}
	if s.State == RoundDecided {
		s.Awarded, s.Funded = &awarded, &funded
	}
	bidsOfOrg := map[string]int{}
	partnerCounts := make([]int, 0, len(bids))
	for _, b := range bids {
		for _, o := range orgsOfBid[b.Id] {
			bidsOfOrg[o]++
		}
		partnerCounts = append(partnerCounts, len(orgsOfBid[b.Id])-1)
	}
	s.Organisations = len(bidsOfOrg)
	perOrg := make([]int, 0, len(bidsOfOrg))
	for _, n := range bidsOfOrg {
		perOrg = append(perOrg, n)
	}
	s.BidsPerOrganisation = spreadOf(perOrg)
	s.PartnersPerBid = spreadOf(partnerCounts)

	places, err := organisationPlaces(app, bidsOfOrg)
	if err != nil {
		return nil, err
	}
	s.ByNation = tally(orgsOfBid, places, func(p orgPlace) string { return p.Nation })
	s.ByRegion = tally(orgsOfBid, places, func(p orgPlace) string { return p.Region })
	return s, nil
}

// orgPlace is where an organisation is.
type orgPlace struct {
	Id     string `db:"id"`
	Nation string `db:"nation"`
	Region string `db:"region"`
}

// organisationPlaces reads the nation and region of the organisations.
func organisationPlaces(app core.App, orgs map[string]int) (map[string]orgPlace, error) {
	out := map[string]orgPlace{}
	if len(orgs) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(orgs))
	for id := range orgs {
		ids = append(ids, id)
	}
	var rows []orgPlace
	if err := app.DB().Select("id", "nation", "region").From(ColOrganisations).Where(dbx.In("id", ids...)).All(&rows); err != nil {
		return nil, fmt.Errorf("places of organisations: %w", err)
	}
	for _, r := range rows {
		out[r.Id] = r
	}
	return out, nil
}

// tally counts, for each place key gives, the organisations there and the
// bids with one of them, most organisations first, then by name.
func tally(orgsOfBid map[string][]string, places map[string]orgPlace, key func(orgPlace) string) []Place {
	orgsAt := map[string]map[string]bool{}
	bidsAt := map[string]int{}
	for _, orgs := range orgsOfBid {
		seen := map[string]bool{}
		for _, o := range orgs {
			name := key(places[o])
			if name == "" {
				name = "unknown"
			}
			if orgsAt[name] == nil {
				orgsAt[name] = map[string]bool{}
			}
			orgsAt[name][o] = true
			if !seen[name] {
				seen[name] = true
				bidsAt[name]++
			}
		}
	}
	out := make([]Place, 0, len(orgsAt))
	for name, orgs := range orgsAt {
		out = append(out, Place{Name: name, Organisations: len(orgs), Bids: bidsAt[name]})
	}
	slices.SortFunc(out, func(a, b Place) int {
		if a.Organisations != b.Organisations {
			return b.Organisations - a.Organisations
		}
		if a.Name < b.Name {
			return -1
		}
		if a.Name > b.Name {
			return 1
		}
		return 0
	})
	return out
}

// spreadOf is the average and the most of counts.
func spreadOf(counts []int) Spread {
	if len(counts) == 0 {
		return Spread{}
	}
	total, most := 0, 0
	for _, n := range counts {
		total += n
		most = max(most, n)
	}
	return Spread{Average: math.Round(float64(total)/float64(len(counts))*10) / 10, Most: most}
}
