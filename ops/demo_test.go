package ops

import (
	"pipeline/hooks"

	"errors"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

var demoNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func TestLoadDemo(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	hooks.Register(app)

	loaded, err := LoadDemo(app, demoNow)
	if err != nil || !loaded {
		t.Fatalf("LoadDemo = %v, %v", loaded, err)
	}
	projects, err := app.FindAllRecords(hooks.ColProjects)
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) < 12 {
		t.Fatalf("%d demo projects, want at least 12", len(projects))
	}
	phases, orgs, drafts := map[string]bool{}, map[string]bool{}, 0
	for _, p := range projects {
		phases[p.GetString("phase")] = true
		orgs[p.GetString("organisation")] = true
		if p.GetString("visibility") == hooks.VisibilityDraft {
			drafts++
		}
		if p.GetString("owner") == "" || p.GetString("contactEmail") == "" {
			t.Errorf("%s has no owner or contact", p.GetString("title"))
		}
	}
	for _, ph := range hooks.Phases {
		if !phases[ph] {
			t.Errorf("no demo project in %s", ph)
		}
	}
	if len(orgs) < 6 || drafts != 1 {
		t.Errorf("demo spans %d councils with %d drafts", len(orgs), drafts)
	}

	// Interest always comes from another council than the project's.
	var crossed int
	err = app.DB().NewQuery(`SELECT COUNT(*) FROM interests i JOIN projects p ON p.id = i.project
		WHERE i.organisation = p.organisation`).Row(&crossed)
	if err != nil || crossed != 0 {
		t.Fatalf("%d interests from the project's own council (%v)", crossed, err)
	}
	calls, err := app.FindRecordsByFilter(hooks.ColCalls, "pledgedPartners > 0", "", 0, 0)
	if err != nil || len(calls) != 1 {
		t.Fatalf("want one call with pledges, got %d (%v)", len(calls), err)
	}

	rounds, err := app.FindRecordsByFilter(hooks.ColRounds, "state = 'open' && funder.funder = true && funder.slug = {:s}", "", 0, 0,
		map[string]any{"s": demoFunder})
	if err != nil || len(rounds) != 1 {
		t.Fatalf("want one open round of the demo's funder, got %d (%v)", len(rounds), err)
	}

	// Every demo account can sign in, and demo people are approved members.
	for _, du := range demoUsers {
		u, err := app.FindAuthRecordByEmail(hooks.ColUsers, du.Email)
		if err != nil || !u.ValidatePassword(demoPassword) {
			t.Fatalf("demo account %s cannot sign in: %v", du.Email, err)
		}
		if u.GetString("membership") != hooks.MembershipApproved || u.GetString("role") != du.Role {
			t.Errorf("%s: %s %s", du.Email, u.GetString("membership"), u.GetString("role"))
		}
	}
	su, err := app.FindAuthRecordByEmail("_superusers", DemoSuperuserEmail)
	if err != nil || !su.ValidatePassword(demoPassword) {
		t.Fatalf("demo superuser: %v", err)
	}

	// Freshness dates tell the demo's story: some projects have gone quiet.
	stale, err := app.CountRecords(hooks.ColProjects, dbx.NewExp("lastActivityAt < {:t}", dbx.Params{"t": demoNow.AddDate(0, 0, -90).Format("2006-01-02 15:04:05.000Z")}))
	if err != nil || stale < 2 {
		t.Fatalf("%d stale demo projects, want at least 2 (%v)", stale, err)
	}

	// The quiet projects are already being chased, so the coordinator's
	// view has something to show.
	if n, _ := app.CountRecords(hooks.ColProjects, dbx.NewExp("chaseStage > 0")); n < 2 {
		t.Fatalf("%d demo projects being chased, want at least 2", n)
	}
	// The demo's history is in inboxes but never emailed.
	if n, err := app.CountRecords(hooks.ColNotifications, dbx.HashExp{"emailState": hooks.EmailPending}); err != nil || n != 0 {
		t.Fatalf("%d demo notifications waiting to be emailed (%v)", n, err)
	}
	if n, _ := app.CountRecords(hooks.ColNotifications); n == 0 {
		t.Fatal("demo inboxes are empty")
	}

	again, err := LoadDemo(app, demoNow)
	if err != nil || again {
		t.Fatalf("second LoadDemo = %v, %v; want nothing done", again, err)
	}
}

func TestDemoRefusesARealInstance(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	before, _ := app.CountRecords(hooks.ColProjects)
	if _, err := LoadDemo(app, demoNow); !errors.Is(err, ErrNotFresh) {
		t.Fatalf("LoadDemo on an instance with data = %v, want ErrNotFresh", err)
	}
	after, _ := app.CountRecords(hooks.ColProjects)
	if before != after {
		t.Fatalf("projects went from %d to %d", before, after)
	}
}
