package hooks

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// callDeadline is where the tests put callA's deadline.
var callDeadline = time.Date(2027, 3, 31, 17, 0, 0, 0, time.UTC)

func callApp(t *testing.T) core.App {
	app := newTestApp(t)
	t.Cleanup(app.Cleanup)
	emptyOutbox(t, app)
	// callA: 3 partners and £60,000 by callDeadline; Bristol has pledged £20,000.
	if _, err := app.DB().Update(ColCalls, dbx.Params{"deadline": Stamp(callDeadline).String()}, dbx.HashExp{"id": fx.callA}).Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().Update(ColCalls, dbx.Params{"deadline": Stamp(callDeadline.AddDate(0, 1, 0)).String()}, dbx.HashExp{"id": fx.callDraft}).Execute(); err != nil {
		t.Fatal(err)
	}
	return app
}

func pledge(t testing.TB, app core.App, user string, funding int) *core.Record {
	t.Helper()
	return saveRecord(t, app, ColPledges, map[string]any{"call": fx.callA, "user": user, "funding": funding, "days": 2})
}

func kindCount(t testing.TB, app core.App, user, kind string) int {
	n := 0
	for _, r := range notificationsFor(t, app, user) {
		if r.GetString("kind") == kind {
			n++
		}
	}
	return n
}

func TestCallProgressIsAnnouncedAtEachThreshold(t *testing.T) {
	app := callApp(t)
	// The fixture pledge took callA to 33% of both goals.
	if got := mustRecord(t, app, ColCalls, fx.callA).GetInt("progressNotified"); got != 0 {
		// The fixture's announcements were cleared with the outbox; the
		// threshold reached is remembered on the call.
		if got != 33 {
			t.Fatalf("progressNotified = %d", got)
		}
	}
	pledge(t, app, fx.officerC, 20000) // 2 of 3 partners, £40,000: 66%
	if n := kindCount(t, app, fx.officerA, KindCallProgress); n != 1 {
		t.Fatalf("owner told %d times at 66%%", n)
	}
	fife := mustRecord(t, app, ColOrganisations, fx.fife)
	fifer := newUser(t, app, "x@fife.test", true, fife.Id)
	u := mustRecord(t, app, ColUsers, fifer.Id)
	u.Set("membership", MembershipApproved)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	pledge(t, app, fifer.Id, 19000) // 3 partners but £59,000: still 98%
	if n := kindCount(t, app, fx.officerA, KindCallProgress); n != 1 {
		t.Fatalf("announced before the goal was met (%d)", n)
	}
	p := mustRecord(t, app, ColPledges, pledgeOf(t, app, fifer.Id))
	p.Set("funding", 20000)
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if n := kindCount(t, app, fx.officerA, KindCallProgress); n != 2 {
		t.Fatalf("goal met but owner told %d times in all", n)
	}
	got := notificationsFor(t, app, fx.officerB) // follower and pledger
	if !strings.Contains(kindsOf(got), KindCallProgress) {
		t.Fatalf("pledger and follower not told: %q", kindsOf(got))
	}
	// Withdrawing and pledging again does not repeat an announcement.
	p = mustRecord(t, app, ColPledges, p.Id)
	p.Set("state", PledgeWithdrawn)
	_ = app.Save(p)
	p = mustRecord(t, app, ColPledges, p.Id)
	p.Set("state", PledgeActive)
	_ = app.Save(p)
	if n := kindCount(t, app, fx.officerA, KindCallProgress); n != 2 {
		t.Fatalf("announcements repeated: %d", n)
	}
}

func pledgeOf(t testing.TB, app core.App, user string) string {
	r, err := app.FindFirstRecordByFilter(ColPledges, "user = {:u}", dbx.Params{"u": user})
	if err != nil {
		t.Fatal(err)
	}
	return r.Id
}

func TestConcurrentPledgesAddUp(t *testing.T) {
	app := callApp(t)
	var orgs []string
	if err := app.DB().Select("id").From(ColOrganisations).Where(dbx.NotIn("id", fx.leeds, fx.bristol)).Limit(30).Column(&orgs); err != nil {
		t.Fatal(err)
	}
	var users []string
	for i, org := range orgs {
		u := newUser(t, app, "p"+string(rune('a'+i))+"@example.org", true, org)
		r := mustRecord(t, app, ColUsers, u.Id)
		r.Set("membership", MembershipApproved)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		users = append(users, u.Id)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(users))
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			col, _ := app.FindCollectionByNameOrId(ColPledges)
			r := core.NewRecord(col)
			r.Set("call", fx.callA)
			r.Set("user", u)
			r.Set("funding", 1000)
			r.Set("days", 1)
			errs <- app.Save(r)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	call := mustRecord(t, app, ColCalls, fx.callA)
	if call.GetInt("pledgedPartners") != 1+len(users) || call.GetInt("pledgedFunding") != 20000+1000*len(users) || call.GetInt("pledgedDays") != 5+len(users) {
		t.Fatalf("totals after %d concurrent pledges: %d partners, £%d, %d days", len(users),
			call.GetInt("pledgedPartners"), call.GetInt("pledgedFunding"), call.GetInt("pledgedDays"))
	}
}

func TestCallRemindersAre48HoursBefore(t *testing.T) {
	app := callApp(t)
	// officerC follows pubA and has not pledged; officerB pledged.
	saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubA, "user": fx.officerC, "kind": InterestFollowing})
	run := func(at time.Time) int {
		n, err := RemindCalls(app, at)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := run(callDeadline.Add(-49 * time.Hour)); n != 0 {
		t.Fatalf("reminded 49 hours before")
	}
	if n := run(callDeadline.Add(-47 * time.Hour)); n != 1 {
		t.Fatalf("reminded %d calls 47 hours before", n)
	}
	if n := run(callDeadline.Add(-1 * time.Hour)); n != 0 {
		t.Fatalf("reminded twice")
	}
	if kindCount(t, app, fx.officerC, KindCallReminder) != 1 || kindCount(t, app, fx.officerB, KindCallReminder) != 1 {
		t.Fatalf("follower %q, pledger %q", kindsOf(notificationsFor(t, app, fx.officerC)), kindsOf(notificationsFor(t, app, fx.officerB)))
	}
	if kindCount(t, app, fx.officerA, KindCallReminder) != 0 {
		t.Fatal("the owning organisation was asked to pledge")
	}
}

func TestCallsSettleAtTheirDeadline(t *testing.T) {
	t.Run("not formed", func(t *testing.T) {
		app := callApp(t)
		if n, _ := ResolveCalls(app, callDeadline.Add(-time.Minute)); n != 0 {
			t.Fatalf("settled %d calls before the deadline", n)
		}
		if n, err := ResolveCalls(app, callDeadline.Add(time.Minute)); n != 1 || err != nil {
			t.Fatalf("settled %d (%v)", n, err)
		}
		call := mustRecord(t, app, ColCalls, fx.callA)
		if call.GetString("state") != CallNotFormed {
			t.Fatalf("state %s", call.GetString("state"))
		}
		if s := mustRecord(t, app, ColPledges, fx.pledgeB).GetString("state"); s != PledgeReleased {
			t.Fatalf("pledge %s, want released", s)
		}
		if kindCount(t, app, fx.officerA, KindCallNotFormed) != 1 || kindCount(t, app, fx.officerB, KindCallNotFormed) != 1 {
			t.Fatal("not everyone was told")
		}
		if n, _ := ResolveCalls(app, callDeadline.Add(time.Hour)); n != 0 {
			t.Fatalf("settled again: %d", n)
		}
	})
	t.Run("formed", func(t *testing.T) {
		app := callApp(t)
		pledge(t, app, fx.officerC, 40000)
		if _, err := app.DB().Update(ColCalls, dbx.Params{"goalPartners": 2}, dbx.HashExp{"id": fx.callA}).Execute(); err != nil {
			t.Fatal(err)
		}
		if n, err := ResolveCalls(app, callDeadline.Add(time.Minute)); n != 1 || err != nil {
			t.Fatalf("settled %d (%v)", n, err)
		}
		if s := mustRecord(t, app, ColCalls, fx.callA).GetString("state"); s != CallFormed {
			t.Fatalf("state %s", s)
		}
		partners := mustRecord(t, app, ColProjects, fx.pubA).GetStringSlice("partners")
		if len(partners) != 2 || !strings.Contains(strings.Join(partners, ","), fx.camden) || !strings.Contains(strings.Join(partners, ","), fx.bristol) {
			t.Fatalf("partners %v", partners)
		}
		if kindCount(t, app, fx.officerC, KindCallFormed) != 1 {
			t.Fatal("a pledger was not told")
		}
	})
}

func TestCancellingACallReleasesPledges(t *testing.T) {
	for _, c := range []accessCase{{name: "cancel a call", method: "PATCH", url: recURL(ColCalls, fx.callA), body: `{"state":"cancelled"}`,
		want: map[string]want{"ownOfficer": ok(`"state":"cancelled"`)},
		after: func(t testing.TB, app *tests.TestApp, _ string) {
			if s := mustRecord(t, app, ColPledges, fx.pledgeB).GetString("state"); s != PledgeReleased {
				t.Fatalf("pledge %s", s)
			}
			if kindCount(t, app, fx.officerB, KindCallCancelled) != 1 {
				t.Fatal("the pledger was not told")
			}
			if kindCount(t, app, fx.officerA, KindCallCancelled) != 0 {
				t.Fatal("the canceller was told of their own action")
			}
		}}} {
		runAs(t, c)
	}
}
