package hooks

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Bids: a lead organisation drafts a bid for one of its projects, invites
// partners, and submits it (POST /api/pipeline/bids/{id}/submit) once
// enough partners have confirmed. Its states:
//
//	draft → submitted → shortlisted → funded | notFunded
//	draft | submitted → withdrawn → draft
//
// The lead moves a bid between draft, submitted and withdrawn while the
// round is open; the funder shortlists, awards (POST …/award) or marks it
// not funded while the round is assessing. After closesAt nothing the
// lead does changes the bid.

// bidRound is the round a bid is for.
func bidRound(app core.App, bid *core.Record) (*core.Record, error) {
	r, err := app.FindRecordById(ColRounds, bid.GetString("round"))
	if err != nil {
		return nil, fmt.Errorf("round of bid %s: %w", bid.Id, err)
	}
	return r, nil
}

// roundOpenAt is why a round takes no bids at now, or "" when it does.
func roundOpenAt(round *core.Record, now time.Time) string {
	opens, closes := round.GetDateTime("opensAt").Time(), round.GetDateTime("closesAt").Time()
	switch {
	case round.GetString("state") == RoundDraft:
		return "This round is not open."
	case round.GetString("state") != RoundOpen || !now.Before(closes):
		return "This round closed on " + longDate(closes) + ": bids can no longer be submitted or changed."
	case !opens.IsZero() && now.Before(opens):
		return "This round opens for bids on " + longDate(opens) + "."
	}
	return ""
}

// roundClosed is why a round's bids can no longer change at now, or ""
// while it is open (before opensAt too: bids are drafted early).
func roundClosed(round *core.Record, now time.Time) string {
	if round.GetString("state") == RoundOpen && now.Before(round.GetDateTime("closesAt").Time()) {
		return ""
	}
	return "This round closed on " + longDate(round.GetDateTime("closesAt").Time()) + ": bids can no longer be submitted or changed."
}

// checkAnswers makes sure a bid's answers are an object of texts.
func checkAnswers(bid *core.Record) error {
	raw := bid.GetString("answers")
	if raw == "" || raw == "null" {
		return nil
	}
	var answers map[string]string
	if err := json.Unmarshal([]byte(raw), &answers); err != nil {
		return fieldError("answers", "pipeline_invalid_answers", `Answers are an object of texts, one for each criterion: {"<criterion>": "<answer>"}.`)
	}
	return nil
}

// guardBidCreate: an officer drafts a bid for their own organisation's
// project (the create rule checks the project and the round).
func guardBidCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if !c.superuser {
		if err := guardFields(e.Record, "round", "project", "amount", "answers", "organisation", "user"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		e.Record.Set("organisation", c.organisation())
		e.Record.Set("user", c.id())
	}
	if err := checkAnswers(e.Record); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	return e.Next()
}

// bidCreateDefaults starts a bid as a draft, led by its project's
// organisation.
func bidCreateDefaults(e *core.RecordEvent) error {
	if e.Record.GetString("state") == "" {
		e.Record.Set("state", BidDraft)
	}
	if e.Record.GetString("organisation") == "" {
		if p, err := e.App.FindRecordById(ColProjects, e.Record.GetString("project")); err == nil {
			e.Record.Set("organisation", p.GetString("organisation"))
		}
	}
	return e.Next()
}

// leadTransitions are the moves a lead organisation makes on its bid.
var leadTransitions = map[string][]string{
	BidDraft:     {BidWithdrawn},
	BidSubmitted: {BidWithdrawn},
	BidWithdrawn: {BidDraft},
}

// funderTransitions are the moves a funder makes on a bid while assessing
// (funded only through the award route).
var funderTransitions = map[string][]string{
	BidSubmitted:   {BidShortlisted, BidNotFunded},
	BidShortlisted: {BidSubmitted, BidNotFunded},
	BidFunded:      {BidNotFunded},
	BidNotFunded:   {BidSubmitted},
}

// guardBidUpdate: the lead edits its draft and withdraws or redrafts its
// bid while the round is open; the funder shortlists or marks it not
// funded while the round is assessing.
func guardBidUpdate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if c.superuser {
		return e.Next()
	}
	orig := e.Record.Original()
	round, err := bidRound(e.App, orig)
	if err != nil {
		return e.InternalServerError("", err)
	}
	from, to := orig.GetString("state"), e.Record.GetString("state")
	now := time.Now()
	if c.memberOf(orig.GetString("organisation")) {
		if err := guardFields(e.Record, "amount", "answers", "state"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		if why := roundClosed(round, now); why != "" {
			return refuse(e.RequestEvent, "round", "pipeline_round_not_open", why)
		}
		errs := validation.Errors{}
		for _, f := range []string{"amount", "answers"} {
			if from != BidDraft && !sameValue(orig.Get(f), e.Record.Get(f)) {
				errs[f] = validation.NewError("pipeline_bid_sent", "Only a draft bid can be changed: withdraw the bid, then redraft it.")
			}
		}
		if from != to && !slices.Contains(leadTransitions[from], to) {
			msg := "A bid can be withdrawn, and a withdrawn bid redrafted."
			if to == BidSubmitted {
				msg = "Submit a bid with POST /api/pipeline/bids/{id}/submit, which checks it."
			}
			errs["state"] = validation.NewError("pipeline_invalid_transition", msg)
		}
		if err := mergeValidation(errs, checkAnswers(e.Record)); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		return e.Next()
	}
	// Otherwise the caller is the funder's officer (the update rule).
	if err := guardFields(e.Record, "state"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	if round.GetString("state") != RoundAssessing {
		return refuse(e.RequestEvent, "state", "pipeline_round_not_assessing", "Bids are shortlisted and decided while the round is being assessed.")
	}
	if from != to && !slices.Contains(funderTransitions[from], to) {
		msg := "A submitted bid can be shortlisted or marked not funded."
		if to == BidFunded {
			msg = "Award a bid with POST /api/pipeline/bids/{id}/award, which checks the pot."
		}
		return refuse(e.RequestEvent, "state", "pipeline_invalid_transition", msg)
	}
	if to != BidFunded {
		e.Record.Set("awarded", 0)
		e.Record.Set("awardedAt", "")
	}
	return e.Next()
}

// bidPartnerRecords are a bid's partners in one of states (all when none
// is given).
func bidPartnerRecords(app core.App, bidId string, states ...string) ([]*core.Record, error) {
	where := dbx.HashExp{"bid": bidId}
	if len(states) > 0 {
		in := make([]any, len(states))
		for i, s := range states {
			in[i] = s
		}
		where["state"] = in
	}
	recs, err := app.FindAllRecords(ColBidPartners, where)
	if err != nil {
		return nil, fmt.Errorf("partners of bid %s: %w", bidId, err)
	}
	return recs, nil
}

// bidLeadPeople are the people to tell about a bid on the lead's side:
// whoever drafted it and the project's owner and key contact.
func bidLeadPeople(app core.App, bid, project *core.Record) []string {
	return append([]string{bid.GetString("user")}, projectContacts(app, project)...)
}

// partnerPeopleOf are the people to tell about a bid on a partner's side:
// whoever answered the invitation or, before anyone did, the
// organisation's admins.
func partnerPeopleOf(app core.App, partner *core.Record) []string {
	if u := partner.GetString("answeredBy"); u != "" {
		return []string{u}
	}
	admins, err := orgAdmins(app, partner.GetString("organisation"))
	if err != nil {
		app.Logger().Warn("admins of a bid partner", "organisation", partner.GetString("organisation"), "error", err)
	}
	return admins
}

// submitBidRoute: POST /api/pipeline/bids/{id}/submit, the lead
// organisation's officer sends its bid to the funder. A bid the caller
// cannot see is answered as one that does not exist.
func submitBidRoute(e *core.RequestEvent) error {
	bid, err := viewableRecord(e, ColBids, e.Request.PathValue("id"), "No such bid.")
	if err != nil {
		return err
	}
	c := callerOf(e)
	if !c.superuser && !c.memberOf(bid.GetString("organisation")) {
		return e.ForbiddenError("Only the lead organisation's officers can submit its bid.", nil)
	}
	return bidActionAnswer(e, bid, SubmitBid(e.App, bid, c.id(), time.Now()))
}

// bidActionAnswer answers a bid route: the bid as it now is, or the
// action's refusal as field errors, or the server's error.
func bidActionAnswer(e *core.RequestEvent, bid *core.Record, err error) error {
	if err != nil {
		var ve validation.Errors
		if errorsAsValidation(err, &ve) {
			return e.BadRequestError(firstMessage(ve), ve)
		}
		return e.InternalServerError("", err)
	}
	return e.JSON(200, bid)
}

// SubmitBid submits a bid at now, with its notices, when the round is open
// for bids, the amount is within the round's largest award and enough
// organisations (the lead included) have confirmed. Its refusals are field
// errors: round, amount, partners, project or state.
func SubmitBid(app core.App, bid *core.Record, actor string, now time.Time) error {
	return app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById(ColBids, bid.Id)
		if err != nil {
			return fmt.Errorf("find bid %s: %w", bid.Id, err)
		}
		round, err := bidRound(tx, fresh)
		if err != nil {
			return err
		}
		errs := validation.Errors{}
		if why := roundOpenAt(round, now); why != "" {
			errs["round"] = validation.NewError("pipeline_round_not_open", why)
		}
		if s := fresh.GetString("state"); s != BidDraft && s != BidWithdrawn {
			errs["state"] = validation.NewError("pipeline_already_submitted", "This bid has been submitted already.")
		}
		amount, maxAward := fresh.GetInt("amount"), round.GetInt("maxAward")
		switch {
		case amount <= 0:
			errs["amount"] = validation.NewError("validation_required", "Say how much the bid asks for, in whole pounds.")
		case amount > maxAward:
			errs["amount"] = validation.NewError("pipeline_above_max_award",
				fmt.Sprintf("The bid asks for £%s: the most this round awards one bid is £%s.", thousands(amount), thousands(maxAward)))
		}
		partners, err := bidPartnerRecords(tx, fresh.Id)
		if err != nil {
			return err
		}
		confirmed, waiting := 0, 0
		for _, p := range partners {
			switch p.GetString("state") {
			case PartnerConfirmed:
				confirmed++
			case PartnerInvited:
				waiting++
			}
		}
		if need := round.GetInt("minPartners"); 1+confirmed < need {
			msg := fmt.Sprintf("This round needs %s per bid, the lead included: %d confirmed so far.",
				plural(need, "organisation", "organisations"), 1+confirmed)
			if waiting > 0 {
				msg += fmt.Sprintf(" %s not answered yet.", plural(waiting, "invited organisation has", "invited organisations have"))
			}
			errs["partners"] = validation.NewError("pipeline_too_few_partners", msg)
		}
		project, err := tx.FindRecordById(ColProjects, fresh.GetString("project"))
		if err != nil {
			return fmt.Errorf("project of bid %s: %w", fresh.Id, err)
		}
		if project.GetString("visibility") != VisibilityPublished {
			errs["project"] = validation.NewError("pipeline_project_draft", "Publish the project before submitting its bid: funded work is done in the open.")
		}
		if len(errs) > 0 {
			return errs
		}
		fresh.Set("state", BidSubmitted)
		fresh.Set("submittedAt", Stamp(now))
		if err := tx.Save(fresh); err != nil {
			return fmt.Errorf("submit bid %s: %w", fresh.Id, err)
		}
		var people []string
		for _, p := range partners {
			if p.GetString("state") == PartnerConfirmed {
				people = append(people, partnerPeopleOf(tx, p)...)
			}
		}
		if err := notify(tx, Notice{Kind: KindBidSubmitted, Project: project.Id, URL: roundPath(round),
			Title: fmt.Sprintf("The bid for %s, which you partner, has been submitted", project.GetString("title")),
			Body:  fmt.Sprintf("It asks %s for £%s in the round %s.", roundFunderName(tx, round), thousands(amount), round.GetString("title"))},
			actor, people...); err != nil {
			return err
		}
		bid.Load(fresh.FieldsData())
		return nil
	})
}

// awardBidRoute: POST /api/pipeline/bids/{id}/award {"amount": n}, the
// funder's officer funds a bid while the round is assessing.
func awardBidRoute(e *core.RequestEvent) error {
	bid, err := viewableRecord(e, ColBids, e.Request.PathValue("id"), "No such bid.")
	if err != nil {
		return err
	}
	round, err := bidRound(e.App, bid)
	if err != nil {
		return e.InternalServerError("", err)
	}
	c := callerOf(e)
	if !c.superuser && !c.memberOf(round.GetString("funder")) {
		return e.ForbiddenError("Only the funder's officers can award a bid.", nil)
	}
	var body struct {
		Amount *float64 `json:"amount"`
	}
	if err := e.BindBody(&body); err != nil {
		return refuse(e, "amount", "validation_invalid_number", "Send the amount awarded, in whole pounds: {\"amount\": 20000}.")
	}
	if body.Amount == nil || *body.Amount <= 0 || *body.Amount != float64(int(*body.Amount)) {
		return refuse(e, "amount", "validation_invalid_number", "Send the amount awarded, in whole pounds: {\"amount\": 20000}.")
	}
	return bidActionAnswer(e, bid, AwardBid(e.App, bid, int(*body.Amount), time.Now()))
}

// AwardBid funds a bid with amount at now, while its round is assessing,
// so long as the round's awards stay within its pot. Its refusals are
// field errors: round, state or amount.
func AwardBid(app core.App, bid *core.Record, amount int, now time.Time) error {
	return app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById(ColBids, bid.Id)
		if err != nil {
			return fmt.Errorf("find bid %s: %w", bid.Id, err)
		}
		round, err := bidRound(tx, fresh)
		if err != nil {
			return err
		}
		if round.GetString("state") != RoundAssessing {
			return fieldError("round", "pipeline_round_not_assessing", "Awards are made while the round is being assessed.")
		}
		if s := fresh.GetString("state"); s != BidSubmitted && s != BidShortlisted && s != BidFunded {
			return fieldError("state", "pipeline_invalid_transition", "Only a submitted or shortlisted bid can be awarded.")
		}
		var others int
		if err := tx.DB().NewQuery(`SELECT COALESCE(SUM(awarded), 0) FROM bids WHERE round = {:r} AND state = 'funded' AND id != {:id}`).
			Bind(dbx.Params{"r": round.Id, "id": fresh.Id}).Row(&others); err != nil {
			return fmt.Errorf("sum the awards of round %s: %w", round.Id, err)
		}
		pot, maxAward := round.GetInt("pot"), round.GetInt("maxAward")
		switch {
		case amount > fresh.GetInt("amount"):
			return fieldError("amount", "pipeline_above_asked", fmt.Sprintf("The bid asked for £%s: award at most that.", thousands(fresh.GetInt("amount"))))
		case amount > maxAward:
			return fieldError("amount", "pipeline_above_max_award", fmt.Sprintf("The most this round awards one bid is £%s.", thousands(maxAward)))
		case others+amount > pot:
			return fieldError("amount", "pipeline_above_pot", fmt.Sprintf("The round's pot is £%s and £%s is awarded already: £%s is left.",
				thousands(pot), thousands(others), thousands(pot-others)))
		}
		fresh.Set("state", BidFunded)
		fresh.Set("awarded", amount)
		fresh.Set("awardedAt", Stamp(now))
		if err := tx.Save(fresh); err != nil {
			return fmt.Errorf("award bid %s: %w", fresh.Id, err)
		}
		bid.Load(fresh.FieldsData())
		return nil
	})
}

// errorsAsValidation reports whether err is a set of field errors.
func errorsAsValidation(err error, ve *validation.Errors) bool {
	v, ok := err.(validation.Errors)
	if ok {
		*ve = v
	}
	return ok
}

// firstMessage is the message of one field error, in field order, to head
// the response.
func firstMessage(ve validation.Errors) string {
	var fields []string
	for f := range ve {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	if len(fields) == 0 {
		return "The request could not be carried out."
	}
	if len(fields) > 1 {
		return "Some things stop this: check each field."
	}
	return ve[fields[0]].Error()
}

// guardBidPartnerCreate: the lead invites another organisation to its draft
// bid (the create rule checks the lead and the round).
func guardBidPartnerCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if !c.superuser {
		if err := guardFields(e.Record, "bid", "organisation"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		e.Record.Set("invitedBy", c.id())
		e.Record.Set("state", PartnerInvited)
	}
	return e.Next()
}

// bidPartnerCreate invites the partner and tells its organisation (its
// admins and any of its officers following the project), in the same
// transaction.
func bidPartnerCreate(e *core.RecordEvent) error {
	if e.Record.GetString("state") == "" {
		e.Record.Set("state", PartnerInvited)
	}
	return inTransaction(e, func(tx core.App) error {
		bid, err := tx.FindRecordById(ColBids, e.Record.GetString("bid"))
		if err != nil {
			return fmt.Errorf("bid of partner %s: %w", e.Record.Id, err)
		}
		round, err := bidRound(tx, bid)
		if err != nil {
			return err
		}
		project, err := tx.FindRecordById(ColProjects, bid.GetString("project"))
		if err != nil {
			return fmt.Errorf("project of bid %s: %w", bid.Id, err)
		}
		lead, err := tx.FindRecordById(ColOrganisations, bid.GetString("organisation"))
		if err != nil {
			return fmt.Errorf("lead of bid %s: %w", bid.Id, err)
		}
		org := e.Record.GetString("organisation")
		people, err := orgAdmins(tx, org)
		if err != nil {
			return err
		}
		var following []string
		if err := tx.DB().Select("user").From(ColInterests).Where(dbx.HashExp{"project": project.Id, "organisation": org}).
			AndWhere(dbx.Not(dbx.HashExp{"state": InterestWithdrawn})).Column(&following); err != nil {
			return fmt.Errorf("followers of %s in %s: %w", project.Id, org, err)
		}
		return notify(tx, Notice{Kind: KindBidInvitation, Project: project.Id, URL: roundPath(round), Urgent: true,
			Title: fmt.Sprintf("%s invites your organisation to bid with it for %s", lead.GetString("name"), project.GetString("title")),
			Body: fmt.Sprintf("The bid is to %s's round %s, which closes on %s. Confirm or decline for your organisation.",
				roundFunderName(tx, round), round.GetString("title"), longDate(round.GetDateTime("closesAt").Time()))},
			e.Record.GetString("invitedBy"), append(people, following...)...)
	})
}

// guardBidPartnerUpdate: the invited organisation's officers confirm or
// decline while the bid is a draft and its round open; once the bid is
// submitted, the answer stands.
func guardBidPartnerUpdate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if c.superuser {
		return e.Next()
	}
	if err := guardFields(e.Record, "state"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	to := e.Record.GetString("state")
	if to != e.Record.Original().GetString("state") && to != PartnerConfirmed && to != PartnerDeclined {
		return refuse(e.RequestEvent, "state", "pipeline_invalid_transition", "An invited organisation confirms or declines.")
	}
	bid, err := e.App.FindRecordById(ColBids, e.Record.Original().GetString("bid"))
	if err != nil {
		return e.InternalServerError("", err)
	}
	round, err := bidRound(e.App, bid)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if st := bid.GetString("state"); st != BidDraft && st != BidWithdrawn {
		return refuse(e.RequestEvent, "state", "pipeline_bid_sent", "The bid has been submitted: your answer stands.")
	}
	if why := roundClosed(round, time.Now()); why != "" {
		return refuse(e.RequestEvent, "state", "pipeline_round_not_open", why)
	}
	e.Record.Set("answeredBy", c.id())
	e.Record.Set("answeredAt", Stamp(time.Now()))
	return e.Next()
}

// bidPartnerAnswered tells the lead when an invited organisation answers.
func bidPartnerAnswered(e *core.RecordEvent) error {
	state := e.Record.GetString("state")
	if state == e.Record.Original().GetString("state") || state == PartnerInvited {
		return e.Next()
	}
	return inTransaction(e, func(tx core.App) error {
		bid, err := tx.FindRecordById(ColBids, e.Record.GetString("bid"))
		if err != nil {
			return fmt.Errorf("bid of partner %s: %w", e.Record.Id, err)
		}
		project, err := tx.FindRecordById(ColProjects, bid.GetString("project"))
		if err != nil {
			return fmt.Errorf("project of bid %s: %w", bid.Id, err)
		}
		org, err := tx.FindRecordById(ColOrganisations, e.Record.GetString("organisation"))
		if err != nil {
			return fmt.Errorf("organisation of partner %s: %w", e.Record.Id, err)
		}
		verb := "confirmed"
		if state == PartnerDeclined {
			verb = "declined"
		}
		round, err := bidRound(tx, bid)
		if err != nil {
			return err
		}
		return notify(tx, Notice{Kind: KindBidPartnerAnswer, Project: project.Id, URL: roundPath(round),
			Title: fmt.Sprintf("%s has %s as a partner in your bid for %s", org.GetString("name"), verb, project.GetString("title"))},
			e.Record.GetString("answeredBy"), bidLeadPeople(tx, bid, project)...)
	})
}

// CloseRounds closes, at now, every open round whose closesAt has passed:
// it moves to assessing, draft bids can no longer be submitted, and every
// bidder and the funder's officers are told. It returns the rounds closed.
func CloseRounds(app core.App, now time.Time) (int, error) {
	due, err := app.FindRecordsByFilter(ColRounds, "state = 'open' && closesAt <= {:now}", "closesAt", 0, 0,
		dbx.Params{"now": Stamp(now).String()})
	if err != nil {
		return 0, fmt.Errorf("find rounds to close: %w", err)
	}
	done := 0
	for _, round := range due {
		err := app.RunInTransaction(func(tx core.App) error {
			round.Set("state", RoundAssessing)
			round.Set("closedAt", Stamp(now))
			if err := tx.Save(round); err != nil {
				return fmt.Errorf("close round %s: %w", round.Id, err)
			}
			bids, err := tx.FindAllRecords(ColBids, dbx.HashExp{"round": round.Id, "state": []any{BidDraft, BidSubmitted}})
			if err != nil {
				return fmt.Errorf("bids of round %s: %w", round.Id, err)
			}
			sent := 0
			for _, bid := range bids {
				project, err := tx.FindRecordById(ColProjects, bid.GetString("project"))
				if err != nil {
					return fmt.Errorf("project of bid %s: %w", bid.Id, err)
				}
				n := Notice{Kind: KindRoundClosed, Project: project.Id, URL: roundPath(round),
					Title: fmt.Sprintf("%s has closed: your bid for %s is with the funder", round.GetString("title"), project.GetString("title")),
					Body:  "The funder is assessing the bids. You will be told when the round is decided."}
				if bid.GetString("state") == BidDraft {
					n.Title = fmt.Sprintf("%s has closed: your draft bid for %s was not submitted", round.GetString("title"), project.GetString("title"))
					n.Body = "Bids can no longer be submitted or changed."
				} else {
					sent++
				}
				if err := notify(tx, n, "", bidLeadPeople(tx, bid, project)...); err != nil {
					return err
				}
			}
			officers, err := userIds(tx, dbx.HashExp{"organisation": round.GetString("funder"), "membership": MembershipApproved})
			if err != nil {
				return err
			}
			return notify(tx, Notice{Kind: KindRoundClosed, URL: roundPath(round),
				Title: fmt.Sprintf("%s has closed with %s to assess", round.GetString("title"), plural(sent, "bid", "bids"))}, "", officers...)
		})
		if err != nil {
			app.Logger().Error("close round", "round", round.Id, "error", err)
			continue
		}
		done++
	}
	return done, nil
}
