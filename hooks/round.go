package hooks

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// A funding round: a funder's pot of money, offered to bids by groups of
// organisations between opensAt and closesAt, assessed against named
// criteria and decided. Its states run draft → open → assessing → decided;
// once out of draft it is public and its terms (pot, maxAward,
// minPartners, dates and criteria) are locked.

// Criterion is one named criterion of a round, with its weight.
type Criterion struct {
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
}

// roundCriteria reads a round's criteria.
func roundCriteria(round *core.Record) ([]Criterion, error) {
	raw := round.GetString("criteria")
	if raw == "" || raw == "null" {
		return nil, nil
	}
	var out []Criterion
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, fmt.Errorf("criteria must be a list of {\"name\", \"weight\"}: %w", err)
	}
	return out, nil
}

// roundTermFields are the terms of a round, locked once it opens.
var roundTermFields = []string{"pot", "maxAward", "minPartners", "opensAt", "closesAt", "criteria"}

// checkRoundTerms checks a round's terms; opening adds what a round needs
// before anyone can bid (money, criteria, a closing date ahead).
func checkRoundTerms(round *core.Record, now time.Time, opening bool) error {
	errs := validation.Errors{}
	criteria, err := roundCriteria(round)
	if err != nil {
		errs["criteria"] = validation.NewError("pipeline_invalid_criteria", upperFirst(err.Error())+".")
	}
	var names []string
	for _, c := range criteria {
		name := strings.TrimSpace(c.Name)
		switch {
		case name == "" || len([]rune(name)) > 100:
			errs["criteria"] = validation.NewError("pipeline_invalid_criteria", "Each criterion needs a name of 100 characters or fewer.")
		case slices.Contains(names, name):
			errs["criteria"] = validation.NewError("pipeline_invalid_criteria", "Two criteria are called "+name+": give each its own name.")
		case c.Weight <= 0:
			errs["criteria"] = validation.NewError("pipeline_invalid_criteria", "The weight of "+name+" must be more than 0.")
		}
		names = append(names, name)
	}
	pot, maxAward := round.GetInt("pot"), round.GetInt("maxAward")
	if maxAward > pot {
		errs["maxAward"] = validation.NewError("pipeline_above_pot", "The largest award cannot be more than the pot.")
	}
	opens, closes := round.GetDateTime("opensAt").Time(), round.GetDateTime("closesAt").Time()
	if !opens.IsZero() && !closes.After(opens) {
		errs["closesAt"] = validation.NewError("pipeline_closes_before_opening", "The round must close after it opens.")
	}
	if opening {
		if pot <= 0 {
			errs["pot"] = validation.NewError("validation_required", "Say how much the round has to award, in whole pounds.")
		}
		if maxAward <= 0 {
			errs["maxAward"] = validation.NewError("validation_required", "Say the largest award one bid can get, in whole pounds.")
		}
		if len(criteria) == 0 && errs["criteria"] == nil {
			errs["criteria"] = validation.NewError("validation_required", "Name at least one criterion bids are assessed against.")
		}
		if !closes.After(now) {
			errs["closesAt"] = validation.NewError("pipeline_closes_in_past", "A round opens only with a closing date ahead.")
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// guardRoundCreate: a funder's officer creates a round for their own
// organisation, as a draft or opened at once.
func guardRoundCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if !c.superuser {
		allowed := append([]string{"funder", "title", "description", "state", "updateCadenceDays", "prefix360"}, roundTermFields...)
		if err := guardFields(e.Record, allowed...); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		e.Record.Set("funder", c.organisation())
	}
	state := e.Record.GetString("state")
	if state != "" && state != RoundDraft && state != RoundOpen {
		return badRequest(e.RequestEvent, fieldError("state", "pipeline_invalid_transition", "A new round is a draft, or open."))
	}
	if err := checkRoundTerms(e.Record, time.Now(), state == RoundOpen); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	return e.Next()
}

// roundCreateDefaults makes a new round a draft asking for one
// organisation per bid unless told otherwise.
func roundCreateDefaults(e *core.RecordEvent) error {
	if e.Record.GetString("state") == "" {
		e.Record.Set("state", RoundDraft)
	}
	if e.Record.GetInt("minPartners") < 1 {
		e.Record.Set("minPartners", 1)
	}
	return e.Next()
}

// guardRoundUpdate: the funder edits a draft freely and opens it; once
// open, the terms are locked. Pipeline closes the round at closesAt
// (close_rounds); the funder decides it once every submitted bid is
// funded or not.
func guardRoundUpdate(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	orig := e.Record.Original()
	from, to := orig.GetString("state"), e.Record.GetString("state")
	allowed := []string{"title", "description", "state", "updateCadenceDays", "prefix360"}
	if from == RoundDraft {
		allowed = append(allowed, roundTermFields...)
	}
	if err := guardFields(e.Record, allowed...); err != nil {
		var ve validation.Errors
		if errors.As(err, &ve) {
			for name := range ve {
				if slices.Contains(roundTermFields, name) {
					ve[name] = validation.NewError("pipeline_terms_locked", "The round's terms are locked once it opens.")
				}
			}
		}
		return badRequest(e.RequestEvent, err)
	}
	now := time.Now()
	if from != to {
		if err := checkRoundTransition(e.App, e.Record, from, to, now); err != nil {
			return badRequest(e.RequestEvent, err)
		}
	}
	if err := checkRoundTerms(e.Record, now, to == RoundOpen && from == RoundDraft); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	return e.Next()
}

// checkRoundTransition says whether a funder may move a round from one
// state to another at now.
func checkRoundTransition(app core.App, round *core.Record, from, to string, now time.Time) error {
	switch {
	case from == RoundDraft && to == RoundOpen:
		return nil
	case from == RoundOpen && to == RoundAssessing:
		if closes := round.GetDateTime("closesAt").Time(); now.Before(closes) {
			return fieldError("state", "pipeline_round_still_open", "The round is open for bids until "+longDate(closes)+".")
		}
		return nil
	case from == RoundAssessing && to == RoundDecided:
		waiting, err := app.CountRecords(ColBids, dbx.HashExp{"round": round.Id, "state": []any{BidSubmitted, BidShortlisted}})
		if err != nil {
			return fmt.Errorf("count undecided bids: %w", err)
		}
		if waiting > 0 {
			return fieldError("state", "pipeline_bids_undecided", fmt.Sprintf(
				"%s still waiting: award each bid or mark it not funded before deciding the round.", plural(int(waiting), "bid is", "bids are")))
		}
		return nil
	}
	return fieldError("state", "pipeline_invalid_transition",
		"A round goes from draft to open; Pipeline closes it for assessment at closesAt; then it is decided.")
}

// roundUpdateDecided stamps a round decided and, in the same transaction,
// gives funded projects their awards and partners and tells every bidder
// and partner. It runs however the round was saved.
func roundUpdateDecided(e *core.RecordEvent) error {
	if e.Record.GetString("state") != RoundDecided || e.Record.Original().GetString("state") == RoundDecided {
		return e.Next()
	}
	now := time.Now()
	if e.Record.GetDateTime("decidedAt").IsZero() {
		e.Record.Set("decidedAt", Stamp(now))
	}
	return inTransaction(e, func(tx core.App) error { return applyDecision(tx, e.Record) })
}

// roundPath is the pages' address of a round.
func roundPath(round *core.Record) string {
	return "/rounds/" + round.Id
}

// roundFunderName is the name of the organisation running a round.
func roundFunderName(app core.App, round *core.Record) string {
	org, err := app.FindRecordById(ColOrganisations, round.GetString("funder"))
	if err != nil {
		return "the funder"
	}
	return org.GetString("name")
}

// Award is one award as a funded project keeps it (projects.funding).
type Award struct {
	Round     string `json:"round"`
	Title     string `json:"title"`
	Funder    string `json:"funder"`
	Name      string `json:"funderName"`
	Amount    int    `json:"amount"`
	DecidedAt string `json:"decidedAt"`
}

// applyDecision carries out a decided round: each funded project records
// its award, takes the bid's confirmed partners as its partners and, when
// the round sets one, its update cadence; every bidder and confirmed
// partner is told the outcome.
func applyDecision(app core.App, round *core.Record) error {
	bids, err := app.FindRecordsByFilter(ColBids, "round = {:r} && state != 'draft' && state != 'withdrawn'", "created", 0, 0,
		dbx.Params{"r": round.Id})
	if err != nil {
		return fmt.Errorf("bids of round %s: %w", round.Id, err)
	}
	funderName := roundFunderName(app, round)
	for _, bid := range bids {
		project, err := app.FindRecordById(ColProjects, bid.GetString("project"))
		if err != nil {
			return fmt.Errorf("project of bid %s: %w", bid.Id, err)
		}
		partners, err := bidPartnerRecords(app, bid.Id, PartnerConfirmed)
		if err != nil {
			return err
		}
		funded := bid.GetString("state") == BidFunded
		if funded {
			if err := recordAward(app, round, bid, project, partners, funderName); err != nil {
				return err
			}
		}
		outcome := "was not funded"
		if funded {
			outcome = "was funded: £" + thousands(bid.GetInt("awarded"))
		}
		n := Notice{Kind: KindRoundDecided, Project: project.Id, URL: roundPath(round),
			Title: fmt.Sprintf("%s: the bid for %s %s", round.GetString("title"), project.GetString("title"), outcome),
			Body:  fmt.Sprintf("%s has decided the round %s. See every award on the round's page.", funderName, round.GetString("title"))}
		if err := notify(app, n, "", bidLeadPeople(app, bid, project)...); err != nil {
			return err
		}
		var partnerPeople []string
		for _, p := range partners {
			partnerPeople = append(partnerPeople, partnerPeopleOf(app, p)...)
		}
		if err := notify(app, n, "", partnerPeople...); err != nil {
			return err
		}
	}
	return nil
}

// recordAward writes a funded bid's award on its project.
func recordAward(app core.App, round, bid, project *core.Record, partners []*core.Record, funderName string) error {
	var awards []Award
	if raw := project.GetString("funding"); raw != "" && raw != "null" {
		if err := json.Unmarshal([]byte(raw), &awards); err != nil {
			return fmt.Errorf("funding of project %s: %w", project.Id, err)
		}
	}
	awards = slices.DeleteFunc(awards, func(a Award) bool { return a.Round == round.Id })
	awards = append(awards, Award{Round: round.Id, Title: round.GetString("title"), Funder: round.GetString("funder"),
		Name: funderName, Amount: bid.GetInt("awarded"), DecidedAt: round.GetDateTime("decidedAt").String()})
	project.Set("funding", awards)
	ids := project.GetStringSlice("partners")
	for _, p := range partners {
		if org := p.GetString("organisation"); org != project.GetString("organisation") && !slices.Contains(ids, org) {
			ids = append(ids, org)
		}
	}
	project.Set("partners", ids)
	if days := round.GetInt("updateCadenceDays"); days > 0 {
		if current := project.GetInt("updateCadenceDays"); current == 0 || days < current {
			project.Set("updateCadenceDays", days)
		}
	}
	if err := app.Save(project); err != nil {
		return fmt.Errorf("record the award on project %s: %w", project.Id, err)
	}
	return nil
}
