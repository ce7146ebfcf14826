package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

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

// roundsView is the list of rounds; a funder's officers also see their
// organisation's drafts and may create a round.
type roundsView struct {
	Rounds, Drafts []roundRow
	Funder         string
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
	v := roundsView{Rounds: rows}
	if org, ok := isFunderOfficer(e); ok {
		v.Funder = org.GetString("name")
		var drafts []roundRow
		if err := e.App.DB().NewQuery(`SELECT r.id, r.title, r.state, o.name AS funder, r.pot, r.closesAt FROM rounds r
			JOIN organisations o ON o.id = r.funder WHERE r.state = 'draft' AND r.funder = {:o} ORDER BY r.created DESC`).
			Bind(map[string]any{"o": org.Id}).All(&drafts); err != nil {
			return e.InternalServerError("", err)
		}
		v.Drafts = drafts
	}
	return s.render(e, http.StatusOK, "rounds", Page{Title: "Funding rounds", Page: "rounds",
		Canonical: absolute(e.App, "/rounds"), Data: v,
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
	// For someone signed in: whether they may bid or manage, and their
	// organisation's bids and invitations in this round.
	CanBid, CanManage bool
	MyBids            []myBid
	// NationChart draws the bids by nation (the table beside it has the
	// same figures).
	NationChart barChart
}

// myBid is one of the person's organisation's bids in a round, as lead or
// invited partner.
type myBid struct {
	ID, Project, State, Role string
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
	if v.Stats != nil && len(v.Stats.ByNation) > 0 {
		var labels []string
		var counts []int
		for _, p := range v.Stats.ByNation {
			labels, counts = append(labels, placeName(p.Name)), append(counts, p.Bids)
		}
		v.NationChart = barsOf(labels, counts)
	}
	if me := viewerOf(e); me != nil && me.Member {
		v.CanManage = me.Organisation == round.GetString("funder")
		v.CanBid = round.GetString("state") == hooks.RoundOpen && round.GetDateTime("closesAt").Time().After(time.Now())
		var bids struct {
			Items []struct {
				ID           string `json:"id"`
				State        string `json:"state"`
				Organisation string `json:"organisation"`
				Expand       struct {
					Project *apiRecord `json:"project"`
				} `json:"expand"`
			} `json:"items"`
		}
		if err := s.listAPI(e, hooks.ColBids, url.Values{"filter": {"round = '" + round.Id + "'"}, "expand": {"project"},
			"perPage": {"200"}, "skipTotal": {"1"}}, &bids); err == nil && !v.CanManage {
			for _, b := range bids.Items {
				mb := myBid{ID: b.ID, State: b.State, Role: "Lead"}
				if b.Organisation != me.Organisation {
					mb.Role = "Invited partner"
				}
				if p := b.Expand.Project; p != nil {
					mb.Project = p.Title
				}
				v.MyBids = append(v.MyBids, mb)
			}
		}
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
