package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Funding rounds (issue 17): organisations that fund, the rounds they run,
// the bids councils make with their partners, and the funder's private
// scores. Who may do what:
//
//   - rounds: a published round (any state but draft) is public; a draft
//     is seen only by the funder's approved officers. Only approved
//     officers of an organisation marked funder create rounds, and the
//     server makes the caller's organisation the funder.
//   - bids: seen by the lead organisation, the organisations invited as
//     partners (whatever they answered), coordinators and, once submitted,
//     the funder's officers; never by anyone else. The public learns of awards from
//     the round's statistics and its 360Giving export, once decided.
//   - bidPartners: seen by the bid's lead, the invited organisation, the
//     bid's other partners, coordinators and (once the bid is sent) the
//     funder; the lead invites
//     while its bid is a draft, the invited organisation answers.
//   - scores: seen by the funder's officers; once the round is decided also
//     by the bid's lead and confirmed partners. Only the funder's officers
//     score, while the round is assessing, and not a bid their
//     organisation leads or partners (checked by the hooks).
//
// Projects gain what an award leaves on them: funding (the awards, shown on
// the project) and updateCadenceDays (how often a funded project must be
// updated before the freshness chase starts). Both are set by the server.
func init() {
	m.Register(createFundingRounds, dropFundingRounds)
}

// A funder's approved officer; the rounds of their own organisation.
const (
	ruleFunderOfficer = ruleApproved + ` && @request.auth.organisation.funder = true`
	roundOwn          = ruleApproved + ` && funder = @request.auth.organisation`
)

func createFundingRounds(app core.App) error {
	orgs, err := app.FindCollectionByNameOrId("organisations")
	if err != nil {
		return fmt.Errorf("find organisations: %w", err)
	}
	orgs.Fields.Add(&core.BoolField{Name: "funder", Help: "Runs funding rounds. Set by coordinators and superusers."})
	if err := save(app, orgs); err != nil {
		return err
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return fmt.Errorf("find users: %w", err)
	}
	projects, err := app.FindCollectionByNameOrId("projects")
	if err != nil {
		return fmt.Errorf("find projects: %w", err)
	}
	projects.Fields.Add(
		&core.JSONField{Name: "funding", MaxSize: 20000, Help: "Awards from decided funding rounds (set by the server)."},
		&core.NumberField{Name: "updateCadenceDays", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(365.0),
			Help: "Set by a funding round: days without an update before the freshness chase asks (0: the config's chaseAfterDays)."},
	)
	if err := save(app, projects); err != nil {
		return err
	}

	rounds, err := createRounds(app, orgs)
	if err != nil {
		return err
	}
	bids, err := createBids(app, rounds, projects, orgs, users)
	if err != nil {
		return err
	}
	if err := createBidPartners(app, bids, orgs, users); err != nil {
		return err
	}
	return createScores(app, bids, users)
}

func createRounds(app core.App, orgs *core.Collection) (*core.Collection, error) {
	min0, min1 := types.Pointer(0.0), types.Pointer(1.0)
	c := core.NewBaseCollection("rounds")
	c.Fields.Add(
		&core.RelationField{Name: "funder", CollectionId: orgs.Id, Required: true, MaxSelect: 1},
		&core.TextField{Name: "title", Required: true, Min: 3, Max: 200, Presentable: true},
		&core.TextField{Name: "description", Max: 20000},
		&core.NumberField{Name: "pot", OnlyInt: true, Min: min0, Max: types.Pointer(10_000_000_000.0), Help: "Whole pounds."},
		&core.NumberField{Name: "maxAward", OnlyInt: true, Min: min0, Max: types.Pointer(10_000_000_000.0), Help: "Whole pounds."},
		&core.NumberField{Name: "minPartners", OnlyInt: true, Min: min1, Max: types.Pointer(400.0), Help: "Organisations per bid, the lead included."},
		&core.DateField{Name: "opensAt"},
		&core.DateField{Name: "closesAt", Required: true},
		&core.JSONField{Name: "criteria", MaxSize: 20000, Help: `[{"name":"…","weight":n}, …]`},
		&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"draft", "open", "assessing", "decided"}},
		&core.NumberField{Name: "updateCadenceDays", OnlyInt: true, Min: min0, Max: types.Pointer(365.0),
			Help: "Funded projects are chased after this many days without an update (0: as any project)."},
		&core.TextField{Name: "prefix360", Max: 60, Pattern: `^360G-[A-Za-z0-9_-]+$`, Help: "The funder's 360Giving identifier prefix."},
		&core.DateField{Name: "closedAt"},
		&core.DateField{Name: "decidedAt"},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_rounds_funder", false, "funder", "")
	c.AddIndex("idx_rounds_state_closesAt", false, "state, closesAt", "")

	c.ListRule = types.Pointer(`state != "draft" || (` + roundOwn + `)`)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer(ruleFunderOfficer +
		` && (@request.body.funder:isset = false || @request.body.funder = @request.auth.organisation)`)
	c.UpdateRule = types.Pointer(roundOwn)
	c.DeleteRule = types.Pointer(roundOwn + ` && state = "draft"`)
	return c, save(app, c)
}

func createBids(app core.App, rounds, projects, orgs, users *core.Collection) (*core.Collection, error) {
	min0 := types.Pointer(0.0)
	c := core.NewBaseCollection("bids")
	c.Fields.Add(
		&core.RelationField{Name: "round", CollectionId: rounds.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "project", CollectionId: projects.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "organisation", CollectionId: orgs.Id, Required: true, MaxSelect: 1},
		&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1},
		&core.NumberField{Name: "amount", OnlyInt: true, Min: min0, Max: types.Pointer(10_000_000_000.0), Help: "Whole pounds asked for."},
		&core.JSONField{Name: "answers", MaxSize: 100000, Help: `{"<criterion>": "answer", …}`},
		&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"draft", "submitted", "withdrawn", "shortlisted", "funded", "notFunded"}},
		&core.NumberField{Name: "awarded", OnlyInt: true, Min: min0, Max: types.Pointer(10_000_000_000.0), Help: "Whole pounds awarded."},
		&core.DateField{Name: "submittedAt"},
		&core.DateField{Name: "awardedAt"},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_bids_round_project", true, "round, project", "")
	c.AddIndex("idx_bids_round_state", false, "round, state", "")
	c.AddIndex("idx_bids_organisation", false, "organisation", "")
	c.AddIndex("idx_bids_project", false, "project", "")

	if err := save(app, c); err != nil {
		return nil, err
	}
	// The partners' rule names bidPartners, which needs bids first.
	return c, nil
}

func createBidPartners(app core.App, bids, orgs, users *core.Collection) error {
	c := core.NewBaseCollection("bidPartners")
	c.Fields.Add(
		&core.RelationField{Name: "bid", CollectionId: bids.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "organisation", CollectionId: orgs.Id, Required: true, MaxSelect: 1},
		&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"invited", "confirmed", "declined"}},
		&core.RelationField{Name: "invitedBy", CollectionId: users.Id, MaxSelect: 1},
		&core.RelationField{Name: "answeredBy", CollectionId: users.Id, MaxSelect: 1},
		&core.DateField{Name: "answeredAt"},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_bidPartners_bid_organisation", true, "bid, organisation", "")
	c.AddIndex("idx_bidPartners_organisation", false, "organisation", "")

	leadOrFunder := `bid.organisation = @request.auth.organisation || (bid.round.funder = @request.auth.organisation && bid.state != "draft")`
	c.ListRule = types.Pointer(ruleApproved + ` && (organisation = @request.auth.organisation || ` + leadOrFunder +
		` || bid.bidPartners_via_bid.organisation ?= @request.auth.organisation || @request.auth.role = "coordinator")`)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer(ruleApproved + ` && bid.organisation = @request.auth.organisation && bid.state = "draft"` +
		` && bid.round.state = "open" && bid.round.closesAt > @now && @request.body.organisation != @request.auth.organisation`)
	c.UpdateRule = types.Pointer(ruleApproved + ` && organisation = @request.auth.organisation`)
	c.DeleteRule = types.Pointer(ruleApproved + ` && bid.organisation = @request.auth.organisation && bid.state = "draft"`)
	if err := save(app, c); err != nil {
		return err
	}

	// Now bids can name their partners in their rules.
	partner := `bidPartners_via_bid.organisation ?= @request.auth.organisation`
	funderOfSent := `(round.funder = @request.auth.organisation && state != "draft")`
	bids.ListRule = types.Pointer(ruleApproved + ` && (organisation = @request.auth.organisation || ` + funderOfSent + ` || ` +
		partner + ` || @request.auth.role = "coordinator")`)
	bids.ViewRule = bids.ListRule
	bids.CreateRule = types.Pointer(ruleApproved + ` && @request.auth.organisation != "" && round.state = "open" && round.closesAt > @now` +
		` && project.organisation = @request.auth.organisation` +
		` && (@request.body.organisation:isset = false || @request.body.organisation = @request.auth.organisation)`)
	bids.UpdateRule = types.Pointer(ruleApproved + ` && (organisation = @request.auth.organisation || ` + funderOfSent + `)`)
	bids.DeleteRule = types.Pointer(ruleApproved + ` && organisation = @request.auth.organisation && state = "draft"`)
	return save(app, bids)
}

func createScores(app core.App, bids, users *core.Collection) error {
	c := core.NewBaseCollection("scores")
	c.Fields.Add(
		&core.RelationField{Name: "bid", CollectionId: bids.Id, Required: true, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "assessor", CollectionId: users.Id, Required: true, MaxSelect: 1},
		&core.TextField{Name: "criterion", Required: true, Max: 200},
		&core.NumberField{Name: "score", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(5.0)},
		&core.TextField{Name: "comment", Max: 5000},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_scores_bid_assessor_criterion", true, "bid, assessor, criterion", "")
	c.AddIndex("idx_scores_assessor", false, "assessor", "")

	funder := ruleApproved + ` && bid.round.funder = @request.auth.organisation`
	bidOrgs := `bid.organisation = @request.auth.organisation || (@collection.bidPartners:mine.bid ?= bid && ` +
		`@collection.bidPartners:mine.organisation ?= @request.auth.organisation && @collection.bidPartners:mine.state ?= "confirmed")`
	c.ListRule = types.Pointer(`(` + funder + `) || (` + ruleApproved + ` && bid.round.state = "decided" && (` + bidOrgs + `))`)
	c.ViewRule = c.ListRule
	c.CreateRule = types.Pointer(funder + ` && bid.round.state = "assessing" && (bid.state = "submitted" || bid.state = "shortlisted")` +
		` && (@request.body.assessor:isset = false || @request.body.assessor = @request.auth.id)`)
	c.UpdateRule = types.Pointer(ruleApproved + ` && assessor = @request.auth.id && bid.round.state = "assessing"`)
	c.DeleteRule = c.UpdateRule
	return save(app, c)
}

func dropFundingRounds(app core.App) error {
	for _, name := range []string{"scores", "bidPartners", "bids", "rounds"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		if err := app.Delete(c); err != nil {
			return fmt.Errorf("drop %s: %w", name, err)
		}
	}
	for col, fields := range map[string][]string{"organisations": {"funder"}, "projects": {"funding", "updateCadenceDays"}} {
		c, err := app.FindCollectionByNameOrId(col)
		if err != nil {
			return fmt.Errorf("find %s: %w", col, err)
		}
		for _, f := range fields {
			c.Fields.RemoveByName(f)
		}
		if err := save(app, c); err != nil {
			return err
		}
	}
	return nil
}
