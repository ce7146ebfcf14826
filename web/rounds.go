package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// Funding rounds' public pages: the list of published rounds and one
// round's terms, criteria and numbers (each chart-like figure given as a
// table). Drafts are never shown here: the pages are the same for
// everyone, so they are cached for visitors.

// The rounds' pages add their words to the templates' functions.
func init() {
	funcs["pounds"] = pounds
	funcs["placeName"] = placeName
	funcs["roundState"] = func(s string) string { return roundStateNames[s] }
}

// roundRow is one round in the list.
type roundRow struct {
	Id       string `db:"id"`
	Title    string `db:"title"`
	State    string `db:"state"`
	Funder   string `db:"funder"`
	Pot      int    `db:"pot"`
	ClosesAt string `db:"closesAt"`
}

// roundStateNames say a round's state in words.
var roundStateNames = map[string]string{
	hooks.RoundOpen: "Open for bids", hooks.RoundAssessing: "Being assessed", hooks.RoundDecided: "Decided",
}

// roundsPage: GET /rounds, every published round, newest first.
func (s *Site) roundsPage(e *core.RequestEvent) error {
	var rows []roundRow
	err := e.App.DB().NewQuery(`SELECT r.id, r.title, r.state, o.name AS funder, r.pot, r.closesAt FROM rounds r
		JOIN organisations o ON o.id = r.funder WHERE r.state != 'draft' ORDER BY r.closesAt DESC, r.id`).All(&rows)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return s.render(e, http.StatusOK, "rounds", Page{Title: "Funding rounds", Page: "rounds",
		Canonical: absolute(e.App, "/rounds"), Data: rows,
		Description: "Funding rounds run on Pipeline: the money that makes councils work together, in the open."})
}

// roundView is a round's page.
type roundView struct {
	Round    *core.Record
	Funder   string
	State    string
	Criteria []hooks.Criterion
	Stats    *hooks.RoundStats
	Grants   []hooks.Grant
}

// roundPage: GET /rounds/{id}, a published round's terms, criteria and
// numbers, and its awards once decided.
func (s *Site) roundPage(e *core.RequestEvent) error {
	round, err := e.App.FindRecordById(hooks.ColRounds, e.Request.PathValue("id"))
	if err != nil || round.GetString("state") == hooks.RoundDraft {
		return s.notFound(e, "Funding round", "/rounds", "see every funding round")
	}
	v := roundView{Round: round, State: roundStateNames[round.GetString("state")]}
	if org, err := e.App.FindRecordById(hooks.ColOrganisations, round.GetString("funder")); err == nil {
		v.Funder = org.GetString("name")
	}
	var crit []hooks.Criterion
	if err := round.UnmarshalJSONField("criteria", &crit); err == nil {
		v.Criteria = crit
	}
	if v.Stats, err = hooks.RoundStatsOf(e.App, round); err != nil {
		return e.InternalServerError("", err)
	}
	if round.GetString("state") == hooks.RoundDecided {
		if v.Grants, err = hooks.RoundGrants(e.App, round); err != nil {
			return e.InternalServerError("", err)
		}
	}
	return s.render(e, http.StatusOK, "round", Page{Title: round.GetString("title"), Page: "round",
		Canonical: absolute(e.App, "/rounds/"+round.Id), Data: v,
		Description: clip(fmt.Sprintf("%s: a funding round by %s. %s", round.GetString("title"), v.Funder, round.GetString("description")), 300)})
}

// placeName says a nation's name, or a region as it is.
func placeName(p string) string {
	if n := nationNames[p]; n != "" {
		return n
	}
	return strings.ToUpper(p[:min(1, len(p))]) + p[min(1, len(p)):]
}
