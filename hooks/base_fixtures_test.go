package hooks

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	_ "pipeline/pb_migrations"
)

// fx holds the ids and tokens of the fixtures every test starts from. They
// are written once, in Go, into a template data directory built by the real
// migrations; each test gets its own copy of that directory.
var fx struct {
	dir string

	leeds, bristol, camden, fife string // organisations (fife has no one)

	officerA, officerA2, adminA, officerB, officerC string // approved users
	pending, pendingB, unverified, coordinator      string // users
	superuser                                       string

	pubA, pubA2, draftA, pubB string // projects
	updA, updDraft            string // updates
	intB                      string // interest of officerB in pubA
	callA, callDraft          string // calls
	pledgeB                   string // officerB's pledge to callA
	notifA                    string // notification for officerA
	searchB                   string // officerB's saved search

	// Funding rounds: Cardiff funds; Leeds leads bidA on roundOpen and has
	// invited Bristol (bpB); the funder's officer has scored bidA (scoreA).
	cardiff, funderOfficer string
	roundOpen, roundDraft  string
	bidA, bpB, scoreA      string
	bidB                   string // Bristol's own draft bid, for pubB

	// A trusted peer and one of its projects, of a council not here.
	peerX, remoteX string

	tokens map[string]string // caller kind -> Authorization header
}

const fixturePassword = "password-123"

func TestMain(m *testing.M) {
	code, err := runWithFixtures(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fixtures:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func runWithFixtures(m *testing.M) (int, error) {
	empty, err := os.MkdirTemp("", "pipeline_empty_*")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(empty)
	app, err := tests.NewTestApp(empty)
	if err != nil {
		return 0, fmt.Errorf("new test app: %w", err)
	}
	Register(app)
	if err := seedFixtures(app); err != nil {
		return 0, err
	}
	fx.dir = app.DataDir()
	defer os.RemoveAll(fx.dir)
	if err := app.ClearBootstrap(); err != nil {
		return 0, fmt.Errorf("close fixture app: %w", err)
	}
	return m.Run(), nil
}

// newTestApp is the factory every test uses: a fresh copy of the fixtures
// with exactly the production hooks bound.
func newTestApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(fx.dir)
	if err != nil {
		t.Fatal(err)
	}
	Register(app)
	return app
}

type fixtureBuilder struct {
	app core.App
	err error
}

func (b *fixtureBuilder) org(slug string, domains ...string) string {
	if b.err != nil {
		return ""
	}
	org, err := b.app.FindFirstRecordByData(ColOrganisations, "slug", slug)
	if err != nil {
		b.err = fmt.Errorf("council %s: %w", slug, err)
		return ""
	}
	if domains != nil {
		org.Set("emailDomains", domains)
		b.err = b.app.Save(org)
	}
	return org.Id
}

func (b *fixtureBuilder) user(email, name, org, role, membership string, verified bool) string {
	return b.record(ColUsers, map[string]any{
		"email": email, "password": fixturePassword, "name": name, "organisation": org,
		"role": role, "membership": membership, "verified": verified,
	})
}

func (b *fixtureBuilder) record(collection string, data map[string]any) string {
	if b.err != nil {
		return ""
	}
	col, err := b.app.FindCollectionByNameOrId(collection)
	if err != nil {
		b.err = err
		return ""
	}
	r := core.NewRecord(col)
	for k, v := range data {
		switch k {
		case "email":
			r.SetEmail(v.(string))
		case "password":
			r.SetPassword(v.(string))
		case "verified":
			r.SetVerified(v.(bool))
		default:
			r.Set(k, v)
		}
	}
	if err := b.app.Save(r); err != nil {
		b.err = fmt.Errorf("fixture %s %v: %w", collection, data, err)
		return ""
	}
	return r.Id
}

func seedFixtures(app core.App) error {
	b := &fixtureBuilder{app: app}
	fx.leeds = b.org("leeds", "leeds.test")
	fx.bristol = b.org("city-of-bristol", "bristol.test")
	fx.camden = b.org("camden", "camden.test")
	fx.fife = b.org("fife")

	fx.officerA = b.user("officer@leeds.test", "Olu Officer", fx.leeds, RoleOfficer, MembershipApproved, true)
	fx.officerA2 = b.user("second@leeds.test", "Sam Second", fx.leeds, RoleOfficer, MembershipApproved, true)
	fx.adminA = b.user("admin@leeds.test", "Ada Admin", fx.leeds, RoleOrgAdmin, MembershipApproved, true)
	fx.officerB = b.user("officer@bristol.test", "Bea Bristol", fx.bristol, RoleOfficer, MembershipApproved, true)
	fx.officerC = b.user("officer@camden.test", "Cal Camden", fx.camden, RoleOfficer, MembershipApproved, true)
	fx.pending = b.user("pending@example.org", "Pat Pending", fx.leeds, RoleOfficer, MembershipPending, true)
	fx.pendingB = b.user("asker@example.org", "Ash Asker", fx.bristol, RoleOfficer, MembershipPending, true)
	fx.unverified = b.user("new@leeds.test", "Uma Unverified", "", "", "", false)
	fx.coordinator = b.user("coordinator@network.test", "Cora Coordinator", "", RoleCoordinator, MembershipApproved, true)

	// Published projects name their owner as contact, as the form
	// suggests; the draft has none yet.
	contacts := map[string][2]string{fx.officerA: {"Olu Officer", "officer@leeds.test"}, fx.officerB: {"Bea Bristol", "officer@bristol.test"}}
	project := func(title, org, owner, visibility string, partners ...string) string {
		data := map[string]any{
			"title": title, "summary": "Summary of " + title, "organisation": org, "owner": owner,
			"visibility": visibility, "phase": "discovery", "partners": partners,
		}
		if visibility == VisibilityPublished {
			data["contactName"], data["contactEmail"] = contacts[owner][0], contacts[owner][1]
		}
		return b.record(ColProjects, data)
	}
	fx.pubA = project("Missed bin reporting", fx.leeds, fx.officerA, VisibilityPublished, fx.bristol)
	fx.pubA2 = project("Housing repairs online", fx.leeds, fx.officerA, VisibilityPublished)
	fx.draftA = project("Secret draft plan", fx.leeds, fx.officerA, VisibilityDraft)
	fx.pubB = project("Bristol parking permits", fx.bristol, fx.officerB, VisibilityPublished)

	fx.updA = b.record(ColUpdates, map[string]any{"project": fx.pubA, "author": fx.officerA, "body": "We finished user research."})
	fx.updDraft = b.record(ColUpdates, map[string]any{"project": fx.draftA, "author": fx.officerA, "body": "Draft progress."})
	fx.intB = b.record(ColInterests, map[string]any{"project": fx.pubA, "user": fx.officerB, "kind": InterestJoin, "message": "We would like to join."})

	deadline, _ := types.ParseDateTime(time.Now().AddDate(0, 0, 30))
	fx.callA = b.record(ColCalls, map[string]any{"project": fx.pubA, "description": "Three councils, £20k each.", "goalPartners": 3, "goalFunding": 60000, "deadline": deadline})
	fx.callDraft = b.record(ColCalls, map[string]any{"project": fx.draftA, "description": "Draft call.", "goalPartners": 2, "deadline": deadline})
	fx.pledgeB = b.record(ColPledges, map[string]any{"call": fx.callA, "user": fx.officerB, "funding": 20000, "days": 5, "note": "private note from Bristol"})
	fx.cardiff = b.org("cardiff", "funder.test")
	if b.err == nil {
		org, err := app.FindRecordById(ColOrganisations, fx.cardiff)
		if err != nil {
			return err
		}
		org.Set("funder", true)
		b.err = app.Save(org)
	}
	fx.funderOfficer = b.user("officer@funder.test", "Fen Funder", fx.cardiff, RoleOfficer, MembershipApproved, true)
	closes, _ := types.ParseDateTime(time.Now().AddDate(0, 0, 30))
	criteria := []map[string]any{{"name": "Impact", "weight": 2}, {"name": "Reuse", "weight": 1}}
	fx.roundOpen = b.record(ColRounds, map[string]any{"funder": fx.cardiff, "title": "Local Digital Test Fund",
		"description": "Money for shared work.", "pot": 100000, "maxAward": 50000, "minPartners": 2, "closesAt": closes,
		"criteria": criteria, "state": RoundOpen, "prefix360": "360G-pipelinetest", "updateCadenceDays": 14})
	fx.roundDraft = b.record(ColRounds, map[string]any{"funder": fx.cardiff, "title": "Secret draft round",
		"pot": 5000, "maxAward": 5000, "closesAt": closes, "criteria": criteria, "state": RoundDraft})
	fx.bidA = b.record(ColBids, map[string]any{"round": fx.roundOpen, "project": fx.pubA, "organisation": fx.leeds,
		"user": fx.officerA, "amount": 40000, "answers": map[string]string{"Impact": "private answer from Leeds"}})
	fx.bidB = b.record(ColBids, map[string]any{"round": fx.roundOpen, "project": fx.pubB, "organisation": fx.bristol,
		"user": fx.officerB, "amount": 20000})
	fx.bpB = b.record(ColBidPartners, map[string]any{"bid": fx.bidA, "organisation": fx.bristol, "invitedBy": fx.officerA})
	fx.scoreA = b.record(ColScores, map[string]any{"bid": fx.bidA, "assessor": fx.funderOfficer, "criterion": "Impact",
		"score": 4, "comment": "private comment of the funder"})

	// The notifications the fixtures caused are cleared: the one below is
	// the inbox the access tests look at.
	if b.err == nil {
		_, b.err = app.DB().Delete(ColNotifications, nil).Execute()
	}
	fx.notifA = b.record(ColNotifications, map[string]any{"user": fx.officerA, "kind": "interestExpressed", "project": fx.pubA, "title": "Bristol is interested"})
	fx.searchB = b.record(ColSavedSearches, map[string]any{"user": fx.officerB, "name": "Parking", "query": "parking"})
	fx.peerX = b.record(ColPeers, map[string]any{"url": "https://pipeline.wales.example", "state": PeerTrusted})
	fx.remoteX = b.record(ColRemoteProjects, map[string]any{"uri": "https://pipeline.wales.example/projects/burial-plots",
		"peer": fx.peerX, "actor": "https://pipeline.wales.example/ap/organisations/anytown", "organisationName": "Anytown Council",
		"title": "Burial plot booking", "summary": "Families book a burial plot online.", "phase": "alpha",
		"url": "https://pipeline.wales.example/projects/burial-plots", "tags": []string{"bereavement"}})
	if b.err != nil {
		return b.err
	}

	su, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	admin := core.NewRecord(su)
	admin.SetEmail("su@pipeline.test")
	admin.SetPassword(fixturePassword)
	if err := app.Save(admin); err != nil {
		return fmt.Errorf("superuser: %w", err)
	}
	fx.superuser = admin.Id

	fx.tokens = map[string]string{}
	for kind, id := range map[string]string{
		"ownOfficer": fx.officerA, "ownOfficer2": fx.officerA2, "orgAdmin": fx.adminA,
		"otherOfficer": fx.officerB, "camdenOfficer": fx.officerC, "pending": fx.pending,
		"pendingB": fx.pendingB, "unverified": fx.unverified, "coordinator": fx.coordinator,
		"funderOfficer": fx.funderOfficer,
	} {
		u, err := app.FindRecordById(ColUsers, id)
		if err != nil {
			return err
		}
		if fx.tokens[kind], err = u.NewAuthToken(); err != nil {
			return err
		}
	}
	if fx.tokens["superuser"], err = admin.NewAuthToken(); err != nil {
		return err
	}
	return nil
}
