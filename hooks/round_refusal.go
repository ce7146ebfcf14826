package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Why the record API refuses a create in the funding rounds' collections
// (see base_refusal.go): each names the field and the reason. A round or
// bid the caller cannot see is answered exactly as one that does not
// exist.

func explainRoundCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	if o, sent := sentText(body, "funder"); sent && o != c.organisation() {
		return refuse(e, "funder", "pipeline_forbidden_field", "Pipeline sets this to your own organisation: leave this field out.")
	}
	if err := notApproved(e, c); err != nil {
		return err
	}
	org, err := e.App.FindRecordById(ColOrganisations, c.organisation())
	if err != nil || !org.GetBool("funder") {
		return refuse(e, "funder", "pipeline_not_funder",
			"Only officers of a funding organisation run rounds: a coordinator marks an organisation as a funder.")
	}
	return nil
}

func explainBidCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	if err := forgedIdentity(e, c, body, "bid"); err != nil {
		return err
	}
	if err := notApproved(e, c); err != nil {
		return err
	}
	id, _ := sentText(body, "round")
	round, err := viewable(e, ColRounds, "round", id, "round")
	if err != nil {
		return err
	}
	if why := roundClosed(round, time.Now()); why != "" {
		return refuse(e, "round", "pipeline_round_not_open", why)
	}
	id, _ = sentText(body, "project")
	project, err := viewable(e, ColProjects, "project", id, "project")
	if err != nil {
		return err
	}
	if project.GetString("organisation") != c.organisation() {
		return refuse(e, "project", "pipeline_not_own", "A bid is for one of your own organisation's projects: other organisations join it as partners.")
	}
	return nil
}

func explainBidPartnerCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	if err := notApproved(e, c); err != nil {
		return err
	}
	id, _ := sentText(body, "bid")
	bid, err := viewable(e, ColBids, "bid", id, "bid")
	if err != nil {
		return err
	}
	if bid.GetString("organisation") != c.organisation() {
		return refuse(e, "bid", "pipeline_not_lead", "Only the lead organisation invites partners to its bid.")
	}
	if s := bid.GetString("state"); s != BidDraft {
		return refuse(e, "bid", "pipeline_bid_sent", "Partners are invited while the bid is a draft.")
	}
	round, err := bidRound(e.App, bid)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if why := roundClosed(round, time.Now()); why != "" {
		return refuse(e, "bid", "pipeline_round_not_open", why)
	}
	if o, _ := sentText(body, "organisation"); o == c.organisation() {
		return refuse(e, "organisation", "pipeline_own_bid", "Your organisation leads this bid: invite other organisations.")
	}
	return nil
}

func explainScoreCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	if a, sent := sentText(body, "assessor"); sent && a != c.id() {
		return refuse(e, "assessor", "pipeline_forbidden_field", "You can only score as yourself: leave this field out.")
	}
	if err := notApproved(e, c); err != nil {
		return err
	}
	id, _ := sentText(body, "bid")
	bid, err := viewable(e, ColBids, "bid", id, "bid")
	if err != nil {
		return err
	}
	round, err := bidRound(e.App, bid)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if round.GetString("funder") != c.organisation() {
		return refuse(e, "bid", "pipeline_not_funder", "Only the funder's officers score bids.")
	}
	if round.GetString("state") != RoundAssessing {
		return refuse(e, "bid", "pipeline_round_not_assessing", "Bids are scored while the round is being assessed.")
	}
	if s := bid.GetString("state"); s != BidSubmitted && s != BidShortlisted {
		return refuse(e, "bid", "pipeline_bid_not_scored", "Only submitted and shortlisted bids are scored.")
	}
	return nil
}
