package hooks

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"
)

// This file attacks every field of every collection, as read from the
// schema at test time, with a hostile value, as every kind of caller but the
// superuser. A field added later is attacked without anyone writing a test
// for it: unless escalationGrants says that caller may set it, the request
// must be refused or leave the stored value alone.

// ---------------------------------------------------------------------------
// A harness for many requests against one app

// apiHarness serves requests through the same router, middlewares and hooks
// as tests.ApiScenario (apis.NewRouter plus the app's OnServe chain), but
// keeps one app for many requests, lets the test choose the client address
// and hands back the outcome instead of checking an outcome stated in
// advance. Creating a fresh app per request, as ApiScenario does, would make
// thousands of attacks too slow to run.
type apiHarness struct {
	app *tests.TestApp
	mux http.Handler
}

// newAPIHarness starts a fresh copy of the fixtures, runs prepare on it (when
// not nil) and builds its router.
func newAPIHarness(t testing.TB, prepare func(app core.App) error) *apiHarness {
	t.Helper()
	app := newTestApp(t)
	if prepare != nil {
		if err := prepare(app); err != nil {
			app.Cleanup()
			t.Fatalf("prepare test app: %v", err)
		}
	}
	router, err := apis.NewRouter(app)
	if err != nil {
		app.Cleanup()
		t.Fatalf("new router: %v", err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		var err error
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		app.Cleanup()
		t.Fatalf("serve test app: %v", err)
	}
	return &apiHarness{app: app, mux: mux}
}

// close releases the harness's app and its data directory.
func (h *apiHarness) close() { h.app.Cleanup() }

// apiRequest is one request sent through an apiHarness.
type apiRequest struct {
	method, url string
	token       string // Authorization header; empty for a visitor
	contentType string // application/json unless set
	remoteAddr  string // client address; httptest's 192.0.2.1:1234 unless set
	headers     map[string]string
	body        []byte
}

// do sends r and returns the response's status and body.
func (h *apiHarness) do(r apiRequest) (int, []byte) {
	req := httptest.NewRequest(r.method, r.url, bytes.NewReader(r.body))
	contentType := r.contentType
	if contentType == "" {
		contentType = "application/json"
	}
	req.Header.Set("Content-Type", contentType)
	if r.token != "" {
		req.Header.Set("Authorization", r.token)
	}
	for k, v := range r.headers {
		req.Header.Set(k, v)
	}
	if r.remoteAddr != "" {
		req.RemoteAddr = r.remoteAddr
	}
	rec := httptest.NewRecorder()
	h.mux.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// ---------------------------------------------------------------------------
// Who attacks, and what

// attacker is one kind of caller, with the organisation it acts for.
type attacker struct {
	name  string
	token string
	id    string // user id; empty for a visitor
	org   string // the user's organisation, approved or not
}

// escalationAttackers are every kind of caller but the superuser, described
// from the point of view of Leeds, the organisation that owns the records
// attacked (pubA, updA, callA, notifA …).
func escalationAttackers() []attacker {
	return []attacker{
		{name: "visitor"},
		{name: "pending", token: fx.tokens["pending"], id: fx.pending, org: fx.leeds},
		{name: "ownOfficer", token: fx.tokens["ownOfficer"], id: fx.officerA, org: fx.leeds},  // owns pubA
		{name: "colleague", token: fx.tokens["ownOfficer2"], id: fx.officerA2, org: fx.leeds}, // Leeds, owns nothing
		{name: "otherOfficer", token: fx.tokens["otherOfficer"], id: fx.officerB, org: fx.bristol},
		{name: "orgAdmin", token: fx.tokens["orgAdmin"], id: fx.adminA, org: fx.leeds},
		{name: "coordinator", token: fx.tokens["coordinator"], id: fx.coordinator},
	}
}

// escalationTarget is an existing record attacked with updates; label names
// it in the allow-list.
type escalationTarget struct{ label, id string }

// escalationSpec says how to attack one collection: which records each
// caller tries to update, and a valid body for a new record to which one
// hostile field at a time is added.
type escalationSpec struct {
	targets       func(app core.App, c attacker) ([]escalationTarget, error)
	create        func() map[string]any
	creators      []string                 // callers who try creates; nil for all
	prepare       func(app core.App) error // readies each fresh app for the update attacks
	prepareCreate func(app core.App) error // readies each fresh app for the create attacks
}

// escalationPeer is the id of the peer made for the attacks on peers.
const escalationPeer = "escalationpeer0"

// prepareEscalationPeer makes the peer the attacks on peers aim at.
func prepareEscalationPeer(app core.App) error {
	col, err := app.FindCollectionByNameOrId(ColPeers)
	if err != nil {
		return fmt.Errorf("find peers: %w", err)
	}
	r := core.NewRecord(col)
	r.Id = escalationPeer
	r.Load(map[string]any{"url": "https://pipeline.peer.example", "state": PeerPending})
	return app.Save(r)
}

// escalationNudge is the id of the nudge made for the attacks on nudges
// (the fixtures have none).
const escalationNudge = "escalationnudge"

// escalationSpecs covers every collection that is not PocketBase's own. The
// test fails for a collection missing here, so a new one is attacked too.
func escalationSpecs() map[string]escalationSpec {
	fixed := func(ts ...escalationTarget) func(core.App, attacker) ([]escalationTarget, error) {
		return func(core.App, attacker) ([]escalationTarget, error) { return ts, nil }
	}
	deadline := time.Now().AddDate(0, 0, 30).UTC().Format(types.DefaultDateLayout)
	signUps := 0 // each sign-up needs an address of its own
	return map[string]escalationSpec{
		ColOrganisations: {
			targets: fixed(escalationTarget{"leeds", fx.leeds}, escalationTarget{"bristol", fx.bristol}),
			create:  func() map[string]any { return map[string]any{"name": "Hostile Borough Council", "kind": "other"} },
		},
		ColUsers: {
			targets: userTargets,
			// Sign-up's rule ("") and guard treat every caller but a
			// superuser alike, and each accepted sign-up costs a bcrypt
			// hash: visitors, and coordinators as the most trusted callers.
			creators:      []string{"visitor", "coordinator"},
			prepare:       cheapPasswords,
			prepareCreate: cheapPasswords,
			create: func() map[string]any {
				signUps++
				return map[string]any{
					"email": fmt.Sprintf("signup%d@elsewhere.test", signUps), "password": fixturePassword,
					"passwordConfirm": fixturePassword, "name": "New Person",
				}
			},
		},
		ColProjects: {
			targets: fixed(escalationTarget{"pubA", fx.pubA}),
			create: func() map[string]any {
				return map[string]any{"title": "Tree maintenance requests", "summary": "Report a tree.", "organisation": fx.leeds}
			},
		},
		ColUpdates: {
			targets: fixed(escalationTarget{"updA", fx.updA}),
			create:  func() map[string]any { return map[string]any{"project": fx.pubA, "body": "Progress this week."} },
		},
		ColInterests: {
			targets: fixed(escalationTarget{"intB", fx.intB}),
			create:  func() map[string]any { return map[string]any{"project": fx.pubA2, "kind": InterestFollowing} },
			// A second interest, declined, is a hostile value for
			// previous (the declined interest a new one follows).
			prepare: func(app core.App) error {
				col, err := app.FindCollectionByNameOrId(ColInterests)
				if err != nil {
					return fmt.Errorf("find interests: %w", err)
				}
				in := core.NewRecord(col)
				in.Set("project", fx.pubB)
				in.Set("user", fx.officerC)
				in.Set("kind", InterestJoin)
				in.Set("state", InterestDeclined)
				if err := app.Save(in); err != nil {
					return fmt.Errorf("save a declined interest: %w", err)
				}
				return nil
			},
		},
		ColCalls: {
			targets: fixed(escalationTarget{"callA", fx.callA}),
			create: func() map[string]any {
				return map[string]any{"project": fx.pubA2, "description": "Two councils.", "goalPartners": 2, "deadline": deadline}
			},
		},
		ColPledges: {
			targets: fixed(escalationTarget{"pledgeB", fx.pledgeB}),
			create:  func() map[string]any { return map[string]any{"call": fx.callA, "funding": 1000} },
			// Bristol already has an active pledge to callA; withdrawn, it
			// leaves Bristol free to pledge again.
			prepareCreate: func(app core.App) error {
				p, err := app.FindRecordById(ColPledges, fx.pledgeB)
				if err != nil {
					return fmt.Errorf("find pledgeB: %w", err)
				}
				p.Set("state", PledgeWithdrawn)
				if err := app.Save(p); err != nil {
					return fmt.Errorf("withdraw pledgeB: %w", err)
				}
				return nil
			},
		},
		ColRounds: {
			targets: fixed(escalationTarget{"roundOpen", fx.roundOpen}),
			create:  func() map[string]any { return map[string]any{"title": "Hostile round", "closesAt": deadline} },
		},
		ColBids: {
			targets: fixed(escalationTarget{"bidA", fx.bidA}),
			create: func() map[string]any {
				return map[string]any{"round": fx.roundOpen, "project": fx.pubA2, "amount": 1000}
			},
		},
		ColBidPartners: {
			targets: fixed(escalationTarget{"bpB", fx.bpB}),
			create:  func() map[string]any { return map[string]any{"bid": fx.bidA, "organisation": fx.camden} },
		},
		ColScores: {
			targets: fixed(escalationTarget{"scoreA", fx.scoreA}),
			create:  func() map[string]any { return map[string]any{"bid": fx.bidA, "criterion": "Impact", "score": 1} },
		},
		ColNotifications: {
			targets: fixed(escalationTarget{"notifA", fx.notifA}),
			create: func() map[string]any {
				return map[string]any{"user": fx.officerA, "kind": "interestExpressed", "title": "Forged notice"}
			},
		},
		ColPeers: {
			targets:       fixed(escalationTarget{"peer", escalationPeer}),
			create:        func() map[string]any { return map[string]any{"url": "https://hostile.example", "state": PeerTrusted} },
			prepare:       prepareEscalationPeer,
			prepareCreate: prepareEscalationPeer, // an existing peer, for the attack that takes its id
		},
		ColRemoteProjects: {
			targets:       fixed(escalationTarget{"remoteX", fx.remoteX}),
			prepare:       prepareEscalationPeer, // another peer, to try moving a project to
			prepareCreate: prepareEscalationPeer,
			create: func() map[string]any {
				return map[string]any{"uri": "https://pipeline.wales.example/projects/forged", "peer": fx.peerX, "title": "Forged",
					"actor": "https://pipeline.wales.example/ap/organisations/anytown", "url": "https://pipeline.wales.example/projects/forged"}
			},
		},
		ColSavedSearches: {
			targets: fixed(escalationTarget{"searchB", fx.searchB}),
			create:  func() map[string]any { return map[string]any{"name": "Bins", "query": "bins"} },
		},
		"nudges": {
			targets: fixed(escalationTarget{"nudge", escalationNudge}),
			create:  func() map[string]any { return map[string]any{"kind": "nudge", "message": "Forged nudge."} },
			prepare: func(app core.App) error {
				col, err := app.FindCollectionByNameOrId("nudges")
				if err != nil {
					return fmt.Errorf("find nudges: %w", err)
				}
				n := core.NewRecord(col)
				n.Id = escalationNudge
				n.Set("kind", "nudge")
				n.Set("projects", []string{fx.pubA})
				n.Set("author", fx.coordinator)
				n.Set("recipients", []string{fx.officerA})
				n.Set("message", "Is this still going?")
				if err := app.Save(n); err != nil {
					return fmt.Errorf("save nudge: %w", err)
				}
				return nil
			},
		},
		"config": {
			targets: func(app core.App, _ attacker) ([]escalationTarget, error) {
				recs, err := app.FindAllRecords("config")
				if err != nil || len(recs) == 0 {
					return nil, fmt.Errorf("find config record (%d found): %v", len(recs), err)
				}
				return []escalationTarget{{"config", recs[0].Id}}, nil
			},
			create: func() map[string]any { return map[string]any{"chaseAfterDays": 1} },
		},
	}
}

// cheapPasswords lowers the bcrypt cost of new passwords to the minimum:
// every request that carries a password hashes it, even one that is then
// refused, and at the default cost the users attacks would take a minute.
// How a password is hashed has no part in who may set it.
func cheapPasswords(app core.App) error {
	users, err := app.FindCollectionByNameOrId(ColUsers)
	if err != nil {
		return fmt.Errorf("find users: %w", err)
	}
	f, ok := users.Fields.GetByName(core.FieldNamePassword).(*core.PasswordField)
	if !ok {
		return fmt.Errorf("users has no password field")
	}
	f.Cost = 4 // bcrypt.MinCost
	if err := app.Save(users); err != nil {
		return fmt.Errorf("save users: %w", err)
	}
	return nil
}

// userTargets are the people each caller tries to change: themself, people
// of their own organisation and people of others, labelled "self",
// "sameOrg" or "other" for the allow-list.
func userTargets(app core.App, c attacker) ([]escalationTarget, error) {
	ids := []string{fx.officerA, fx.pending, fx.adminA, fx.officerB, fx.coordinator}
	if c.id != "" && !slices.Contains(ids, c.id) {
		ids = append(ids, c.id)
	}
	out := make([]escalationTarget, 0, len(ids))
	for _, id := range ids {
		u, err := app.FindRecordById(ColUsers, id)
		if err != nil {
			return nil, fmt.Errorf("find user %s: %w", id, err)
		}
		label := "other"
		switch {
		case id == c.id:
			label = "self"
		case c.org != "" && u.GetString("organisation") == c.org:
			label = "sameOrg"
		}
		out = append(out, escalationTarget{label, id})
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// The allow-list

// escalationGrant says that callers may set fields when they do action on
// a collection: "create", or "update <target label>". Each grant was checked
// against the collection's rules (pb_migrations) and its field guard
// (guardFields in hooks/*.go); why says where it comes from.
type escalationGrant struct {
	collection, action string
	callers, fields    []string
	why                string
}

// Fields an officer of the owning organisation edits on a project.
var grantProjectFields = []string{
	"title", "slug", "summary", "description", "partners", "contactName", "contactEmail",
	"phase", "phaseStart", "phaseEnd", "nextAssessment", "budgetBand", "seeking", "tags",
	"links", "visibility", "continuedIn", "reuses", "outcome", "externalRef",
	"outcomeWorked", "outcomeDidNotWork", "outcomeReusable", "outcomeSavings", "closedReason",
	"feedUrl", "repoUrl",
}

// Fields a coordinator edits on any organisation.
var grantOrganisationFields = []string{
	"name", "shortName", "slug", "kind", "nation", "region", "gssCode", "code", "emailDomains", "website", "description", "funder",
}

var (
	signedIn     = []string{"pending", "ownOfficer", "colleague", "otherOfficer", "orgAdmin", "coordinator"}
	everyone     = append([]string{"visitor"}, signedIn...)
	leedsMembers = []string{"ownOfficer", "colleague", "orgAdmin"}
)

// escalationGrants is the complete list of what each caller may set. Any
// field not granted here must be refused or ignored. Fields whose only
// legitimate values are the caller's own (owner, author, user, the
// organisation, the project a status update or call is for, the call a
// pledge is for) are not granted: hostile relation values are always
// someone else's records, so they must always be refused.
func escalationGrants() []escalationGrant {
	return []escalationGrant{
		{ColOrganisations, "create", []string{"coordinator"}, grantOrganisationFields,
			"create rule: coordinators; no field guard on create"},
		{ColOrganisations, "update leeds", []string{"coordinator"}, grantOrganisationFields,
			"update rule and guardOrganisationUpdate: coordinators edit any organisation"},
		{ColOrganisations, "update bristol", []string{"coordinator"}, grantOrganisationFields,
			"update rule and guardOrganisationUpdate: coordinators edit any organisation"},
		{ColOrganisations, "update leeds", []string{"orgAdmin"}, []string{"shortName", "website", "description", "emailDomains"},
			"guardOrganisationUpdate: an admin keeps the profile, and adds only their own email domain"},

		{ColUsers, "create", everyone, []string{"email", "password", "name", "jobTitle", "emailFrequency", "organisation", "emailVisibility", "avatar"},
			"create rule \"\" and guardSignUp: anyone signs up with their own details and may ask to join an organisation (membership stays pending)"},
		{ColUsers, "update self", signedIn, []string{"name", "jobTitle", "emailFrequency", "emailVisibility", "avatar", "mutedProjects"},
			"guardSelfUpdate: people keep their own profile"},
		{ColUsers, "update self", []string{"pending", "coordinator"}, []string{"organisation"},
			"guardSelfUpdate: someone who is not an approved member of an organisation may ask to join one; " +
				"membership becomes pending (for a coordinator, who belongs to none, a demotion)"},
		{ColUsers, "update sameOrg", []string{"orgAdmin"}, []string{"membership"},
			"guardAdminUpdate: an admin approves, declines or removes the officers of their organisation"},
		{ColUsers, "update other", []string{"coordinator"}, []string{"membership", "role", "organisation", "name", "jobTitle"},
			"guardCoordinatorUpdate: coordinators decide membership anywhere and appoint admins (not coordinators)"},

		{ColProjects, "create", leedsMembers, grantProjectFields,
			"create rule (own organisation) and guardProjectCreate"},
		{ColProjects, "update pubA", leedsMembers, grantProjectFields,
			"update rule (own organisation) and guardProjectUpdate (projectEditable)"},
		{ColProjects, "update pubA", []string{"ownOfficer", "orgAdmin"}, []string{"owner"},
			"guardProjectUpdate: the owner or an admin hands the project to an approved officer of the organisation"},

		{ColUpdates, "create", leedsMembers, []string{"body", "phaseTo"},
			"create rule and guardUpdateCreate: the owning organisation reports and moves the phase"},
		{ColUpdates, "create", []string{"otherOfficer"}, []string{"body"},
			"create rule: a partner organisation reports progress"},
		{ColUpdates, "update updA", []string{"ownOfficer"}, []string{"body"},
			"update rule (author) and the updates guard: the author rewords their update"},

		{ColInterests, "create", []string{"ownOfficer", "colleague", "otherOfficer", "orgAdmin", "coordinator"}, []string{"project", "kind", "message"},
			"create rule (approved, project readable) and guardInterestCreate: interest is for other organisations' projects"},
		{ColInterests, "update intB", []string{"otherOfficer"}, []string{"kind", "message", "state"},
			"guardInterestUpdate: the interested officer edits or withdraws their interest"},
		{ColInterests, "update intB", leedsMembers, []string{"state"},
			"guardInterestUpdate: the owning organisation answers the interest"},

		{ColCalls, "create", leedsMembers, []string{"description", "partnersCommit", "partnersGet", "goalPartners", "goalFunding", "goalDays", "deadline"},
			"create rule (own project) and guardCallCreate"},
		{ColCalls, "update callA", leedsMembers, []string{"description", "state"},
			"guardCallUpdate: the owning organisation rewords or cancels its call"},

		{ColPledges, "create", []string{"otherOfficer"}, []string{"funding", "days", "note"},
			"create rule (another organisation's open call) and the pledges create guard"},
		{ColPledges, "update pledgeB", []string{"otherOfficer"}, []string{"funding", "days", "note", "state"},
			"update rule (own organisation's pledge, call open) and the pledges update guard"},

		// Funding rounds: no attacker belongs to a funder, so rounds and
		// scores grant nothing.
		{ColBids, "create", leedsMembers, []string{"amount", "answers"},
			"create rule (own project, open round) and guardBidCreate"},
		{ColBids, "update bidA", leedsMembers, []string{"amount", "answers", "state"},
			"update rule (lead) and guardBidUpdate: the lead edits its draft and withdraws it"},
		{ColBidPartners, "create", leedsMembers, []string{"organisation"},
			"create rule (lead, draft bid) and guardBidPartnerCreate: the lead invites any other organisation"},
		{ColBidPartners, "create", append([]string{"otherOfficer"}, leedsMembers...), []string{"bid"},
			"create rule: Bristol leads its own draft bid (bidB), to which it may invite partners"},
		{ColBidPartners, "update bpB", []string{"otherOfficer"}, []string{"state"},
			"update rule (invited organisation) and guardBidPartnerUpdate: the invited organisation confirms or declines"},

		{ColNotifications, "update notifA", []string{"ownOfficer"}, []string{"readAt"},
			"update rule (recipient) and the notifications guard: recipients mark notifications read"},

		{ColSavedSearches, "create", signedIn, []string{"name", "query", "filters"},
			"create rule (any signed-in user, as themself) and the saved searches create guard"},
		{ColSavedSearches, "update searchB", []string{"otherOfficer"}, []string{"name", "query", "filters"},
			"update rule (own search) and the saved searches update guard"},
		{ColPeers, "create", []string{"coordinator"}, []string{"url", "state", "note"},
			"create rule (coordinators) and guardPeerCreate: coordinators keep the peers"},
		{ColPeers, "update peer", []string{"coordinator"}, []string{"url", "state", "note"},
			"update rule (coordinators) and guardPeerUpdate"},
		// nudges and config: no one but superusers writes them.
	}
}

// grantKey identifies one allowed (collection, action, caller, field).
type grantKey struct{ collection, action, caller, field string }

func expandGrants(grants []escalationGrant) map[grantKey]bool {
	out := map[grantKey]bool{}
	for _, g := range grants {
		for _, c := range g.callers {
			for _, f := range g.fields {
				out[grantKey{g.collection, g.action, c, f}] = true
			}
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Hostile values

const (
	attackValue    = iota // the stored value is compared with want
	attackPassword        // value is a password; stored when it validates
	attackFile            // value is a file's content, sent as multipart
)

// escalationAttack is one hostile value for one field.
type escalationAttack struct {
	field string
	key   string // body key: the field, or the field with a "+" modifier
	value any
	extra map[string]any // more body keys the value needs (passwordConfirm)
	kind  int
	want  any  // the stored value if the attack succeeds (attackValue)
	auto  bool // an autodate field, which every save sets
}

func (a escalationAttack) String() string {
	switch a.kind {
	case attackPassword:
		return fmt.Sprintf("%s=<password>", a.key)
	case attackFile:
		return fmt.Sprintf("%s=<uploaded file>", a.key)
	}
	v, _ := json.Marshal(a.value)
	return fmt.Sprintf("%s=%s", a.key, v)
}

const farFuture = "2099-12-31 12:00:00.000Z"

// hostileTextBases are tried in turn until one fits a text field's
// pattern and length.
var hostileTextBases = []string{"hostile-value", "hostilevalue", "Hostile value", "E99999999", "360G-hostile"}

// hostileText returns a value that a text field accepts, so that only access
// control can refuse it.
func hostileText(f *core.TextField) (string, error) {
	var pattern *regexp.Regexp
	if f.Pattern != "" {
		var err error
		if pattern, err = regexp.Compile(f.Pattern); err != nil {
			return "", fmt.Errorf("pattern of %s: %w", f.Name, err)
		}
	}
	for _, v := range hostileTextBases {
		if len(v) < f.Min {
			v += strings.Repeat("x", f.Min-len(v))
		}
		if f.Max > 0 && len(v) > f.Max {
			v = v[:f.Max]
		}
		if pattern == nil || pattern.MatchString(v) {
			return v, nil
		}
	}
	return "", fmt.Errorf("no hostile value fits text field %s (pattern %q, %d–%d characters): add one to hostileTextBases", f.Name, f.Pattern, f.Min, f.Max)
}

// hostileNumber is a large value within the field's bounds.
func hostileNumber(f *core.NumberField, current float64) float64 {
	v := 999999.0
	if f.Max != nil {
		v = *f.Max
	}
	if v == current {
		v--
	}
	return v
}

// hostileJSON gives JSON fields values that their own checks accept.
func hostileJSON(collection, field string) any {
	switch collection + "." + field {
	case "organisations.emailDomains":
		return []string{"evil.test"}
	case "projects.links":
		return []map[string]string{{"label": "Evil", "url": "https://evil.test/"}}
	case "rounds.criteria":
		return []map[string]any{{"name": "Hostile", "weight": 1}}
	case "bids.answers":
		return map[string]string{"Impact": "hostile"}
	case "savedSearches.filters":
		return map[string]any{"organisation": fx.camden}
	}
	return []string{"hostile"}
}

// relationPreferences are, per collection, records that belong to someone
// other than the callers, tried first as hostile relation values.
func relationPreferences() map[string][]string {
	return map[string][]string{
		ColOrganisations: {fx.camden, fx.bristol, fx.leeds, fx.fife},
		ColUsers:         {fx.officerC, fx.officerA2, fx.officerB, fx.adminA},
		ColProjects:      {fx.pubB, fx.draftA, fx.pubA2},
		ColCalls:         {fx.callDraft, fx.callA},
		ColInterests:     {fx.intB},
		ColBids:          {fx.bidB, fx.bidA},
		ColRounds:        {fx.roundDraft, fx.roundOpen},
	}
}

// relationCandidates picks ids in the related collection that belong to
// someone other than the caller, are not the record itself and are not
// already set: up to two people, one record of any other kind. Only when
// no such record exists does it fall back to one of the caller's own.
func relationCandidates(app core.App, f *core.RelationField, c attacker, before *core.Record) ([]string, error) {
	related, err := app.FindCachedCollectionByNameOrId(f.CollectionId)
	if err != nil {
		return nil, fmt.Errorf("related collection of %s: %w", f.Name, err)
	}
	limit := 1
	if related.Name == ColUsers {
		limit = 2
	}
	ids := slices.Clone(relationPreferences()[related.Name])
	recs, err := app.FindRecordsByFilter(related, "", "", 50, 0)
	if err != nil {
		return nil, fmt.Errorf("records of %s: %w", related.Name, err)
	}
	for _, r := range recs {
		ids = append(ids, r.Id)
	}
	current := before.GetStringSlice(f.Name)
	var out []string
	for _, allowOwn := range []bool{false, true} {
		for _, id := range ids {
			if len(out) == limit || id == "" || id == c.id || id == before.Id || slices.Contains(current, id) || slices.Contains(out, id) {
				continue
			}
			rec, err := app.FindRecordById(related, id)
			if err != nil {
				return nil, fmt.Errorf("find %s %s: %w", related.Name, id, err)
			}
			if allowOwn || !ownedBy(app, rec, c, 2) {
				out = append(out, id)
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, fmt.Errorf("no record of %s to use as a hostile value for %s", related.Name, f.Name)
}

// ownedBy reports whether rec is the caller's: their organisation, or a
// record whose organisation, owner, user or author is the caller or their
// organisation, or whose project or call is theirs (up to depth links
// away). Another person of the caller's organisation is not the caller's.
func ownedBy(app core.App, rec *core.Record, c attacker, depth int) bool {
	if c.id == "" {
		return false
	}
	if c.org != "" && rec.Id == c.org {
		return true
	}
	if rec.Collection().Name == ColUsers {
		return rec.Id == c.id
	}
	for _, name := range []string{"organisation", "owner", "user", "author"} {
		if v := rec.GetString(name); v != "" && (v == c.id || v == c.org) {
			return true
		}
	}
	if depth == 0 {
		return false
	}
	for _, name := range []string{"project", "call"} {
		f, ok := rec.Collection().Fields.GetByName(name).(*core.RelationField)
		if !ok || rec.GetString(name) == "" {
			continue
		}
		parent, err := app.FindRecordById(f.CollectionId, rec.GetString(name))
		if err == nil && ownedBy(app, parent, c, depth-1) {
			return true
		}
	}
	return false
}

// tinyPNG is a valid 1×1 image, for file fields.
func tinyPNG() ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 1, 1))); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// hostileAttacks lists the hostile values for field f of before (the
// stored record, or for a create the record a plain create gives). Values
// equal to the current one are left out: they prove nothing.
func hostileAttacks(app core.App, collection string, f core.Field, before *core.Record, c attacker, creating bool) ([]escalationAttack, error) {
	name := f.GetName()
	var values []any
	var modifier any // a value to append with the "+" modifier, for multi-value fields
	switch f := f.(type) {
	case *core.TextField:
		if f.PrimaryKey && creating {
			// Taking over an existing record's id.
			recs, err := app.FindRecordsByFilter(collection, "", "", 1, 0)
			if err != nil {
				return nil, fmt.Errorf("an existing %s record for the id attack: %w", collection, err)
			}
			if len(recs) > 0 {
				values = append(values, recs[0].Id)
				break
			}
		}
		v, err := hostileText(f)
		if err != nil {
			return nil, err
		}
		values = append(values, v)
	case *core.EmailField:
		values = append(values, "intruder@evil.test")
	case *core.URLField:
		values = append(values, "https://evil.test/")
	case *core.EditorField:
		values = append(values, "<p>Hostile</p>")
	case *core.NumberField:
		values = append(values, hostileNumber(f, before.GetFloat(name)))
	case *core.BoolField:
		values = append(values, !before.GetBool(name))
	case *core.DateField, *core.AutodateField:
		values = append(values, farFuture)
	case *core.SelectField:
		current := before.GetStringSlice(name)
		for _, opt := range f.Values {
			if slices.Contains(current, opt) {
				continue
			}
			if f.IsMultiple() {
				values = append(values, []string{opt})
				if modifier == nil {
					modifier = opt
				}
			} else {
				values = append(values, opt)
			}
		}
	case *core.RelationField:
		ids, err := relationCandidates(app, f, c, before)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if f.IsMultiple() {
				values = append(values, []string{id})
			} else {
				values = append(values, id)
			}
		}
		if f.IsMultiple() {
			modifier = ids[0]
		}
		if !creating && len(before.GetStringSlice(name)) > 0 {
			if f.IsMultiple() {
				values = append(values, []string{})
			} else {
				values = append(values, "")
			}
		}
	case *core.JSONField:
		values = append(values, hostileJSON(collection, name))
	case *core.GeoPointField:
		values = append(values, map[string]float64{"lon": 10, "lat": 10})
	case *core.PasswordField:
		p := "hostile-password-1"
		return []escalationAttack{{field: name, key: name, value: p, kind: attackPassword,
			extra: map[string]any{"passwordConfirm": p}}}, nil
	case *core.FileField:
		content, err := tinyPNG()
		if err != nil {
			return nil, err
		}
		return []escalationAttack{{field: name, key: name, value: content, kind: attackFile}}, nil
	default:
		return nil, fmt.Errorf("field %s has type %s, which this test has no hostile value for: add one to hostileAttacks", name, f.Type())
	}

	var out []escalationAttack
	add := func(key string, v any) {
		probe := before.Clone()
		probe.Set(key, v)
		want := probe.Get(name)
		if _, isAutodate := f.(*core.AutodateField); isAutodate {
			// record.Set ignores autodate fields: what must not happen is the
			// value being stored.
			want, _ = types.ParseDateTime(v)
		}
		if sameStored(before.Get(name), want) {
			return
		}
		_, isAutodate := f.(*core.AutodateField)
		out = append(out, escalationAttack{field: name, key: key, value: v, kind: attackValue, want: want, auto: isAutodate})
	}
	for _, v := range values {
		add(name, v)
	}
	if modifier != nil && !creating {
		add(name+"+", modifier)
	}
	return out, nil
}

// sameStored compares two field values by their JSON meaning, treating
// empty values of any kind as equal.
func sameStored(a, b any) bool {
	if isEmpty(a) && isEmpty(b) {
		return true
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return reflect.DeepEqual(a, b)
	}
	var va, vb any
	if json.Unmarshal(ja, &va) != nil || json.Unmarshal(jb, &vb) != nil {
		return string(ja) == string(jb)
	}
	return reflect.DeepEqual(va, vb)
}

// becameHostile reports whether the attack's value is what is now stored.
func becameHostile(after, before *core.Record, a escalationAttack) bool {
	switch a.kind {
	case attackPassword:
		return after.ValidatePassword(a.value.(string))
	case attackFile:
		return after.GetString(a.field) != before.GetString(a.field)
	}
	return sameStored(after.Get(a.field), a.want)
}

// changedAtAll reports whether an update left the attacked field with any
// other value than before, hostile or not (autodate fields change on every
// save and are left out).
func changedAtAll(after, before *core.Record, a escalationAttack) bool {
	switch {
	case a.auto:
		return false
	case a.kind == attackPassword:
		return after.GetString(a.field) != before.GetString(a.field)
	}
	return !sameStored(after.Get(a.field), before.Get(a.field))
}

// attackBody encodes body as JSON, or as multipart with a file when the
// attack uploads one.
func attackBody(body map[string]any, a escalationAttack) ([]byte, string, error) {
	if a.kind != attackFile {
		b, err := json.Marshal(body)
		return b, "application/json", err
	}
	delete(body, a.key)
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.WriteField("@jsonPayload", string(payload)); err != nil {
		return nil, "", err
	}
	fw, err := w.CreateFormFile(a.key, "hostile.png")
	if err != nil {
		return nil, "", err
	}
	if _, err := fw.Write(a.value.([]byte)); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// ---------------------------------------------------------------------------
// The test

func TestEscalationThroughEveryField(t *testing.T) {
	specs := escalationSpecs()
	grants := escalationGrants()
	allowed := expandGrants(grants)

	probe := newTestApp(t)
	cols, err := probe.FindAllCollections()
	probe.Cleanup()
	if err != nil {
		t.Fatalf("list collections: %v", err)
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].Name < cols[j].Name })

	// The allow-list must name real fields, and every collection of the
	// schema must be attacked.
	byName := map[string]*core.Collection{}
	for _, col := range cols {
		byName[col.Name] = col
	}
	for _, g := range grants {
		col, found := byName[g.collection]
		if !found {
			t.Errorf("allow-list names collection %s, which the schema does not have", g.collection)
			continue
		}
		for _, f := range g.fields {
			if col.Fields.GetByName(f) == nil {
				t.Errorf("allow-list names %s.%s, which the schema does not have", g.collection, f)
			}
		}
	}
	for name := range specs {
		if byName[name] == nil {
			t.Errorf("escalation spec for %s, which the schema does not have", name)
		}
	}

	var total escalationTally
	for _, col := range cols {
		if col.System || col.IsView() {
			continue
		}
		spec, found := specs[col.Name]
		if !found {
			t.Errorf("collection %s has no escalation spec: add its targets and a create body to escalationSpecs", col.Name)
			continue
		}
		t.Run(col.Name, func(t *testing.T) {
			run := &escalationRun{t: t, collection: col.Name, spec: spec, allowed: allowed, cases: map[grantKey]bool{}}
			defer run.recycle()
			run.updates()
			run.creates()
			t.Logf("%s: %d attack cases (field × caller × action), %d requests, %d accepted, %d fresh apps",
				col.Name, len(run.cases), run.tally.requests, run.tally.accepted, run.fresh)
			total.add(run.tally, len(run.cases))
		})
	}
	t.Logf("total: %d attack cases (field × caller × action) in %d collections, %d requests, %d accepted",
		total.cases, total.collections, total.requests, total.accepted)
}

// escalationTally counts what was tried.
type escalationTally struct{ collections, cases, requests, accepted int }

func (t *escalationTally) add(o escalationTally, cases int) {
	t.collections++
	t.cases += cases
	t.requests += o.requests
	t.accepted += o.accepted
}

// escalationRun attacks one collection. The app is reused while attacks
// are refused. After an accepted request the changed or created row is put
// back as it was; if anything else in the database changed too (a hook's
// side effect), the app is replaced by a fresh copy of the fixtures, so that
// no attack starts from another's changes.
type escalationRun struct {
	t          *testing.T
	collection string
	spec       escalationSpec
	allowed    map[grantKey]bool
	prepare    func(core.App) error
	h          *apiHarness
	pristine   string // fingerprint of h's database as prepared
	cases      map[grantKey]bool
	tally      escalationTally
	fresh      int // apps started
}

func (r *escalationRun) harness() *apiHarness {
	if r.h == nil {
		r.h = newAPIHarness(r.t, func(app core.App) error {
			// Thousands of requests from one address would trip the rate
			// limiter, which ratelimit_test.go covers.
			app.Settings().RateLimits.Enabled = false
			if r.prepare != nil {
				return r.prepare(app)
			}
			return nil
		})
		r.fresh++
		var err error
		if r.pristine, err = dbFingerprint(r.h.app); err != nil {
			r.t.Fatalf("fingerprint fresh app: %v", err)
		}
	}
	return r.h
}

func (r *escalationRun) recycle() {
	if r.h != nil {
		r.h.close()
		r.h = nil
	}
}

// settle puts the database back after an accepted request: undo restores
// the row the request changed (or deletes the one it created); the app is
// replaced if the database still differs from the fresh one.
func (r *escalationRun) settle(undo func(app core.App) error) {
	if r.h == nil {
		return
	}
	if err := undo(r.h.app); err != nil {
		r.recycle()
		return
	}
	now, err := dbFingerprint(r.h.app)
	if err != nil || now != r.pristine {
		r.recycle()
	}
}

func (r *escalationRun) fields() []core.Field {
	col, err := r.harness().app.FindCollectionByNameOrId(r.collection)
	if err != nil {
		r.t.Fatalf("find collection %s: %v", r.collection, err)
	}
	return col.Fields
}

// send makes one attack request and fails the test on a server error.
func (r *escalationRun) send(what string, req apiRequest) (int, []byte) {
	status, body := r.harness().do(req)
	r.tally.requests++
	if status >= 500 {
		r.t.Errorf("%s: server error %d: %s", what, status, body)
	}
	if status >= 200 && status < 300 {
		r.tally.accepted++
	}
	return status, body
}

// updates tries every hostile value of every field on every target, as
// every caller.
func (r *escalationRun) updates() {
	r.prepare = r.spec.prepare
	for _, c := range escalationAttackers() {
		targets, err := r.spec.targets(r.harness().app, c)
		if err != nil {
			r.t.Fatalf("targets of %s for %s: %v", r.collection, c.name, err)
		}
		for _, tg := range targets {
			action := "update " + tg.label
			for _, f := range r.fields() {
				before, err := r.harness().app.FindRecordById(r.collection, tg.id)
				if err != nil {
					r.t.Fatalf("find %s %s: %v", r.collection, tg.id, err)
				}
				attacks, err := hostileAttacks(r.harness().app, r.collection, f, before, c, false)
				if err != nil {
					r.t.Fatalf("%s.%s: %v", r.collection, f.GetName(), err)
				}
				key := grantKey{r.collection, action, c.name, f.GetName()}
				for _, a := range attacks {
					r.cases[key] = true
					r.updateOnce(c, tg, action, before, a, r.allowed[key])
				}
			}
		}
	}
}

func (r *escalationRun) updateOnce(c attacker, tg escalationTarget, action string, before *core.Record, a escalationAttack, granted bool) {
	body := map[string]any{a.key: a.value}
	for k, v := range a.extra {
		body[k] = v
	}
	raw, contentType, err := attackBody(body, a)
	if err != nil {
		r.t.Fatalf("encode attack %s: %v", a, err)
	}
	row, err := snapshotRow(r.harness().app, r.collection, tg.id)
	if err != nil {
		r.t.Fatalf("snapshot %s %s: %v", r.collection, tg.id, err)
	}
	what := fmt.Sprintf("%s %s (%s) as %s with %s", r.collection, action, tg.id, c.name, a)
	status, resp := r.send(what, apiRequest{method: http.MethodPatch, url: recURL(r.collection, tg.id),
		token: c.token, contentType: contentType, body: raw})
	if status < 200 || status >= 300 {
		return
	}
	defer r.settle(row.restore)
	after, err := r.harness().app.FindRecordById(r.collection, tg.id)
	if err != nil {
		if !granted {
			r.t.Errorf("HOLE: %s: accepted (%d) and the record is gone: %v", what, status, err)
		}
		return
	}
	if (becameHostile(after, before, a) || changedAtAll(after, before, a)) && !granted {
		r.t.Errorf("HOLE: %s: accepted (%d) and stored %v; (%s, %s, %s) is not in the allow-list. Response: %s",
			what, status, after.Get(a.field), r.collection, a.field, c.name, resp)
	}
}

// creates tries, as every caller, a valid new record with one hostile
// field added at a time.
func (r *escalationRun) creates() {
	r.recycle()
	r.prepare = r.spec.prepareCreate
	for _, c := range escalationAttackers() {
		if r.spec.creators != nil && !slices.Contains(r.spec.creators, c.name) {
			continue
		}
		defaults, baselineOK := r.baselineCreate(c)
		for _, f := range r.fields() {
			attacks, err := hostileAttacks(r.harness().app, r.collection, f, defaults, c, true)
			if err != nil {
				r.t.Fatalf("%s.%s: %v", r.collection, f.GetName(), err)
			}
			key := grantKey{r.collection, "create", c.name, f.GetName()}
			for _, a := range attacks {
				r.cases[key] = true
				r.createOnce(c, defaults, baselineOK, a, r.allowed[key])
			}
		}
	}
}

// baselineCreate sends the plain create body as c. It returns the record
// that gives (or, when c may not create, an unsaved record holding the
// body) as the values a hostile field must be compared against.
func (r *escalationRun) baselineCreate(c attacker) (*core.Record, bool) {
	body := r.spec.create()
	raw, err := json.Marshal(body)
	if err != nil {
		r.t.Fatalf("encode create body: %v", err)
	}
	what := fmt.Sprintf("%s plain create as %s", r.collection, c.name)
	status, resp := r.send(what, apiRequest{method: http.MethodPost, url: colURL(r.collection), token: c.token, body: raw})
	if status >= 200 && status < 300 {
		rec, err := r.createdRecord(resp)
		if err != nil {
			r.t.Fatalf("%s: %v", what, err)
		}
		r.settle(deleteRow(r.collection, rec.Id))
		return rec, true
	}
	col, err := r.harness().app.FindCollectionByNameOrId(r.collection)
	if err != nil {
		r.t.Fatalf("find collection %s: %v", r.collection, err)
	}
	rec := core.NewRecord(col)
	for k, v := range body {
		rec.Set(k, v)
	}
	return rec, false
}

func (r *escalationRun) createdRecord(resp []byte) (*core.Record, error) {
	var created struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(resp, &created); err != nil || created.ID == "" {
		return nil, fmt.Errorf("no id in the response %s: %v", resp, err)
	}
	rec, err := r.harness().app.FindRecordById(r.collection, created.ID)
	if err != nil {
		return nil, fmt.Errorf("find created %s %s: %w", r.collection, created.ID, err)
	}
	return rec, nil
}

func (r *escalationRun) createOnce(c attacker, defaults *core.Record, baselineOK bool, a escalationAttack, granted bool) {
	body := r.spec.create()
	delete(body, a.field)
	body[a.key] = a.value
	for k, v := range a.extra {
		body[k] = v
	}
	raw, contentType, err := attackBody(body, a)
	if err != nil {
		r.t.Fatalf("encode attack %s: %v", a, err)
	}
	what := fmt.Sprintf("%s create as %s with %s", r.collection, c.name, a)
	status, resp := r.send(what, apiRequest{method: http.MethodPost, url: colURL(r.collection),
		token: c.token, contentType: contentType, body: raw})
	if status < 200 || status >= 300 {
		return
	}
	after, err := r.createdRecord(resp)
	if err != nil {
		r.t.Errorf("%s: %v", what, err)
		r.recycle()
		return
	}
	defer r.settle(deleteRow(r.collection, after.Id))
	if !baselineOK && !granted {
		r.t.Errorf("HOLE: %s: accepted (%d) although the plain create is refused to this caller. Response: %s", what, status, resp)
		return
	}
	if becameHostile(after, defaults, a) && !granted {
		r.t.Errorf("HOLE: %s: accepted (%d) and stored %v; (%s, %s, %s) is not in the allow-list. Response: %s",
			what, status, after.Get(a.field), r.collection, a.field, c.name, resp)
	}
}

// ---------------------------------------------------------------------------
// Putting the database back

// tableRow is one row as stored, column by column, with the types the
// driver returns, so that writing it back stores exactly the same values.
type tableRow struct {
	table, id string
	columns   []string
	values    []any
}

// snapshotRow reads the row of record id in table.
func snapshotRow(app core.App, table, id string) (tableRow, error) {
	rows, err := app.DB().NewQuery("SELECT * FROM {{" + table + "}} WHERE [[id]] = {:id}").Bind(dbx.Params{"id": id}).Rows()
	if err != nil {
		return tableRow{}, fmt.Errorf("read %s %s: %w", table, id, err)
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return tableRow{}, fmt.Errorf("columns of %s: %w", table, err)
	}
	if !rows.Next() {
		return tableRow{}, fmt.Errorf("no row %s in %s", id, table)
	}
	values := make([]any, len(columns))
	ptrs := make([]any, len(columns))
	for i := range values {
		ptrs[i] = &values[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return tableRow{}, fmt.Errorf("scan %s %s: %w", table, id, err)
	}
	return tableRow{table: table, id: id, columns: columns, values: values}, rows.Err()
}

// restore writes the row back, bypassing hooks (the search triggers still
// follow it).
func (row tableRow) restore(app core.App) error {
	params := dbx.Params{}
	for i, c := range row.columns {
		params[c] = row.values[i]
	}
	res, err := app.DB().Update(row.table, params, dbx.HashExp{"id": row.id}).Execute()
	if err != nil {
		return fmt.Errorf("restore %s %s: %w", row.table, row.id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("restore %s %s: %d rows (%v)", row.table, row.id, n, err)
	}
	return nil
}

// deleteRow returns an undo that removes a created row, bypassing hooks.
func deleteRow(table, id string) func(app core.App) error {
	return func(app core.App) error {
		_, err := app.DB().Delete(table, dbx.HashExp{"id": id}).Execute()
		if err != nil {
			return fmt.Errorf("delete %s %s: %w", table, id, err)
		}
		return nil
	}
}

// dbFingerprint hashes the content of every collection's table, so that
// any change a request made, wherever it made it, shows.
func dbFingerprint(app core.App) (string, error) {
	cols, err := app.FindAllCollections()
	if err != nil {
		return "", fmt.Errorf("list collections: %w", err)
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].Name < cols[j].Name })
	h := sha256.New()
	for _, col := range cols {
		if col.IsView() {
			continue
		}
		rows, err := app.DB().NewQuery("SELECT * FROM {{" + col.Name + "}} ORDER BY [[id]]").Rows()
		if err != nil {
			return "", fmt.Errorf("read %s: %w", col.Name, err)
		}
		columns, err := rows.Columns()
		if err != nil {
			rows.Close()
			return "", fmt.Errorf("columns of %s: %w", col.Name, err)
		}
		fmt.Fprintf(h, "%s %v\n", col.Name, columns)
		values := make([]any, len(columns))
		ptrs := make([]any, len(columns))
		for i := range values {
			ptrs[i] = &values[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", fmt.Errorf("scan %s: %w", col.Name, err)
			}
			fmt.Fprintf(h, "%#v\n", values)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return "", fmt.Errorf("read %s: %w", col.Name, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
