package hooks

import (
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Scores: the funder's officers score each submitted bid on each of the
// round's criteria, 0 to 5, with a comment, while the round is assessing.
// The rules keep scores to the funder until the round is decided, then
// show them to the bid's lead and confirmed partners too.

// guardScoreCreate: the caller scores as themself, on one of the round's
// criteria, a bid their organisation neither leads nor partners.
func guardScoreCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if !c.superuser {
		if err := guardFields(e.Record, "bid", "criterion", "score", "comment", "assessor"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		e.Record.Set("assessor", c.id())
	}
	bid, err := e.App.FindRecordById(ColBids, e.Record.GetString("bid"))
	if err != nil {
		return refuse(e.RequestEvent, "bid", "pipeline_not_found", "No such bid.")
	}
	if !c.superuser {
		conflict, err := hasInterestInBid(e.App, bid, c.organisation())
		if err != nil {
			return e.InternalServerError("", err)
		}
		if conflict {
			return refuse(e.RequestEvent, "bid", "pipeline_conflict_of_interest",
				"Your organisation leads or partners this bid: someone independent of it must score it.")
		}
	}
	round, err := bidRound(e.App, bid)
	if err != nil {
		return e.InternalServerError("", err)
	}
	criteria, err := roundCriteria(round)
	if err != nil {
		return e.InternalServerError("", err)
	}
	name := e.Record.GetString("criterion")
	if !slices.ContainsFunc(criteria, func(c Criterion) bool { return c.Name == name }) {
		var names []string
		for _, c := range criteria {
			names = append(names, c.Name)
		}
		return refuse(e.RequestEvent, "criterion", "pipeline_unknown_criterion",
			"Score one of the round's criteria: "+joinWords(names)+".")
	}
	return e.Next()
}

// hasInterestInBid reports whether org leads bid or is invited to it or
// confirmed as its partner.
func hasInterestInBid(app core.App, bid *core.Record, org string) (bool, error) {
	if org == "" {
		return false, nil
	}
	if bid.GetString("organisation") == org {
		return true, nil
	}
	n, err := app.CountRecords(ColBidPartners, dbx.HashExp{"bid": bid.Id, "organisation": org, "state": []any{PartnerInvited, PartnerConfirmed}})
	return n > 0, err
}

// guardScoreUpdate: an assessor changes their own score and comment.
func guardScoreUpdate(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	if err := guardFields(e.Record, "score", "comment"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	return e.Next()
}

// joinWords lists words as "a, b and c".
func joinWords(words []string) string {
	switch len(words) {
	case 0:
		return "none are set"
	case 1:
		return words[0]
	}
	out := ""
	for i, w := range words[:len(words)-1] {
		if i > 0 {
			out += ", "
		}
		out += w
	}
	return out + " and " + words[len(words)-1]
}
