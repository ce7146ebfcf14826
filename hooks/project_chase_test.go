package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// backdate sets a project's freshness dates without touching anything else.
func backdate(t testing.TB, app core.App, projectId string, at time.Time) {
	t.Helper()
	_, err := app.DB().Update(ColProjects, dbx.Params{
		"lastConfirmedAt": Stamp(at).String(), "lastActivityAt": Stamp(at).String(),
	}, dbx.HashExp{"id": projectId}).Execute()
	if err != nil {
		t.Fatal(err)
	}
}

func chase(t testing.TB, app core.App, at time.Time) int {
	t.Helper()
	n, err := ChaseStaleProjects(app, at)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFreshnessChaseEndsInDormancy(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	// Every fixture project was last seen at day 0; only pubA is chased
	// here, the others are kept fresh.
	day0 := testNow
	for _, id := range []string{fx.pubA, fx.pubA2, fx.pubB, fx.draftA} {
		backdate(t, app, id, day0)
	}
	saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubA, "user": fx.officerC, "kind": InterestFollowing})
	keepFresh := func(at time.Time) {
		backdate(t, app, fx.pubA2, at)
		backdate(t, app, fx.pubB, at)
	}
	stage := func() int { return mustRecord(t, app, ColProjects, fx.pubA).GetInt("chaseStage") }
	at := func(days int) time.Time { return day0.AddDate(0, 0, days) }

	for _, step := range []struct {
		day, steps, stage int
		owner, admin      string // kinds newly notified
	}{
		{89, 0, 0, "", ""},
		{90, 1, chaseAsked, KindStaleProject, ""},
		{91, 0, chaseAsked, "", ""},
		{103, 0, chaseAsked, "", ""},
		{104, 1, chaseReminded, KindStaleReminder, ""},
		{118, 1, chaseEscalated, KindStaleAdmins, KindStaleAdmins},
		{131, 0, chaseEscalated, "", ""},
		{132, 1, chaseDormant, KindProjectDormant, ""},
		{200, 0, chaseDormant, "", ""},
	} {
		keepFresh(at(step.day))
		ownerBefore, adminBefore := len(notificationsFor(t, app, fx.officerA)), len(notificationsFor(t, app, fx.adminA))
		if n := chase(t, app, at(step.day)); n != step.steps {
			t.Fatalf("day %d: %d steps, want %d", step.day, n, step.steps)
		}
		if s := stage(); s != step.stage {
			t.Fatalf("day %d: stage %d, want %d", step.day, s, step.stage)
		}
		ownerNew := notificationsFor(t, app, fx.officerA)[ownerBefore:]
		if kindsOf(ownerNew) != step.owner {
			t.Fatalf("day %d: owner told %q, want %q", step.day, kindsOf(ownerNew), step.owner)
		}
		adminNew := notificationsFor(t, app, fx.adminA)[adminBefore:]
		if kindsOf(adminNew) != step.admin {
			t.Fatalf("day %d: admin told %q, want %q", step.day, kindsOf(adminNew), step.admin)
		}
	}
	p := mustRecord(t, app, ColProjects, fx.pubA)
	if !p.GetDateTime("dormantSince").Time().Equal(at(132)) {
		t.Fatalf("dormantSince = %v", p.GetDateTime("dormantSince"))
	}
	if kinds := kindsOf(notificationsFor(t, app, fx.officerC)); kinds != KindProjectDormant {
		t.Fatalf("follower told %q, want dormancy", kinds)
	}
	if kinds := kindsOf(notificationsFor(t, app, fx.officerB)); !strings.Contains(kinds, KindProjectDormant) {
		t.Fatalf("interested officer told %q, want dormancy", kinds)
	}
}

func TestActivityResetsTheChase(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	backdate(t, app, fx.pubA, testNow.AddDate(0, 0, -120))
	for _, id := range []string{fx.pubA2, fx.pubB} {
		backdate(t, app, id, testNow.AddDate(0, 0, 14))
	}
	chase(t, app, testNow) // asked
	chase(t, app, testNow.AddDate(0, 0, 14))
	if s := mustRecord(t, app, ColProjects, fx.pubA).GetInt("chaseStage"); s != chaseReminded {
		t.Fatalf("stage %d", s)
	}
	// The owner posts an update: the chase starts again from nothing.
	saveRecord(t, app, ColUpdates, map[string]any{"project": fx.pubA, "author": fx.officerA, "body": "Still going."})
	p := mustRecord(t, app, ColProjects, fx.pubA)
	if p.GetInt("chaseStage") != chaseNone || !p.GetDateTime("chasedAt").IsZero() {
		t.Fatalf("chase not reset: stage %d", p.GetInt("chaseStage"))
	}
}

func TestConfirmingOrAdoptingEndsDormancy(t *testing.T) {
	dormant := func(t testing.TB) *tests.TestApp {
		app := newTestApp(t)
		_, err := app.DB().Update(ColProjects, dbx.Params{"chaseStage": chaseDormant, "dormantSince": Stamp(testNow).String()},
			dbx.HashExp{"id": fx.pubA}).Execute()
		if err != nil {
			t.Fatal(err)
		}
		return app
	}
	awake := func(owner string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			p := mustRecord(t, app, ColProjects, fx.pubA)
			if !p.GetDateTime("dormantSince").IsZero() || p.GetInt("chaseStage") != 0 || p.GetString("owner") != owner {
				t.Fatalf("dormant %v, stage %d, owner %s", p.GetDateTime("dormantSince"), p.GetInt("chaseStage"), p.GetString("owner"))
			}
		}
	}
	for _, s := range []tests.ApiScenario{
		{Name: "a colleague adopts a dormant project", Method: "POST", URL: "/api/pipeline/projects/" + fx.pubA + "/adopt",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer2"]}, ExpectedStatus: 200,
			ExpectedContent: []string{`"owner":"` + fx.officerA2 + `"`}, AfterTestFunc: awake(fx.officerA2)},
		{Name: "another council cannot adopt it", Method: "POST", URL: "/api/pipeline/projects/" + fx.pubA + "/adopt",
			Headers: map[string]string{"Authorization": fx.tokens["otherOfficer"]}, ExpectedStatus: 403, ExpectedContent: []string{`"status":403`}},
		{Name: "a pending user cannot adopt it", Method: "POST", URL: "/api/pipeline/projects/" + fx.pubA + "/adopt",
			Headers: map[string]string{"Authorization": fx.tokens["pending"]}, ExpectedStatus: 403, ExpectedContent: []string{`"status":403`}},
		{Name: "a visitor cannot adopt it", Method: "POST", URL: "/api/pipeline/projects/" + fx.pubA + "/adopt",
			ExpectedStatus: 401, ExpectedContent: []string{`"status":401`}},
		{Name: "the owner confirms it", Method: "POST", URL: "/api/pipeline/projects/" + fx.pubA + "/confirm",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200,
			ExpectedContent: []string{`"dormantSince":""`}, AfterTestFunc: awake(fx.officerA)},
	} {
		s.TestAppFactory = dormant
		s.Test(t)
	}
	(&tests.ApiScenario{Name: "a project that is not dormant cannot be adopted", Method: "POST",
		URL: "/api/pipeline/projects/" + fx.pubA + "/adopt", Headers: map[string]string{"Authorization": fx.tokens["ownOfficer2"]},
		TestAppFactory: newTestApp, ExpectedStatus: 400, ExpectedContent: []string{"Only a dormant project"}}).Test(t)
}

func TestChaseThresholdsAreConfiguration(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	if _, err := app.DB().Update(ColConfig, dbx.Params{"chaseAfterDays": 30}, nil).Execute(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{fx.pubA2, fx.pubB} {
		backdate(t, app, id, testNow)
	}
	backdate(t, app, fx.pubA, testNow.AddDate(0, 0, -31))
	if n := chase(t, app, testNow); n != 1 {
		t.Fatalf("with a 30-day threshold a 31-day-old project was not chased (%d steps)", n)
	}
}

func TestChaseStepsManyProjectsAndOneFailureHoldsUpNoOther(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	day0 := testNow
	for _, id := range []string{fx.pubA, fx.pubA2, fx.pubB} {
		backdate(t, app, id, day0)
	}
	// pubA2 cannot be saved: the page's transaction fails, and the chase
	// goes on project by project.
	if _, err := app.DB().NewQuery(`CREATE TRIGGER fail_pubA2 BEFORE UPDATE ON projects
		WHEN NEW.id = '` + fx.pubA2 + `' BEGIN SELECT RAISE(ABORT, 'disk full'); END`).Execute(); err != nil {
		t.Fatal(err)
	}
	if n := chase(t, app, day0.AddDate(0, 0, 90)); n != 2 {
		t.Fatalf("%d steps, want 2 (pubA and pubB)", n)
	}
	for id, want := range map[string]int{fx.pubA: chaseAsked, fx.pubB: chaseAsked, fx.pubA2: chaseNone} {
		if got := mustRecord(t, app, ColProjects, id).GetInt("chaseStage"); got != want {
			t.Errorf("project %s at stage %d, want %d", id, got, want)
		}
	}
	var asked int
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM notifications WHERE kind = {:k}").
		Bind(dbx.Params{"k": KindStaleProject}).Row(&asked)
	if asked != 2 {
		t.Fatalf("%d owners asked, want 2: the failed page's notices must not survive its rollback", asked)
	}
	// The next run, at the same moment, finds nothing more to do.
	if n := chase(t, app, day0.AddDate(0, 0, 90)); n != 0 {
		t.Fatalf("second run took %d steps", n)
	}
}
