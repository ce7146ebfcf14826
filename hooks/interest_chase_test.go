package hooks

import (
	"testing"

	"github.com/pocketbase/dbx"
)

func TestInterestIsAnswered(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	created := testNow
	_, err := app.DB().Update(ColInterests, dbx.Params{"created": Stamp(created).String()}, dbx.HashExp{"id": fx.intB}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	run := func(days int) int {
		n, err := ChaseInterests(app, created.AddDate(0, 0, days))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := run(6); n != 0 {
		t.Fatalf("day 6: %d steps", n)
	}
	if n := run(7); n != 1 || kindsOf(notificationsFor(t, app, fx.officerA)) != KindInterestWaiting {
		t.Fatalf("day 7: %d steps, owner told %q", n, kindsOf(notificationsFor(t, app, fx.officerA)))
	}
	if n := run(8); n != 0 {
		t.Fatalf("day 8: reminded again")
	}
	if n := run(21); n != 1 {
		t.Fatalf("day 21: %d steps", n)
	}
	if kindsOf(notificationsFor(t, app, fx.coordinator)) != KindInterestEscalated ||
		kindsOf(notificationsFor(t, app, fx.officerB)) != KindInterestEscalated {
		t.Fatalf("escalation: coordinator %q, interested officer %q",
			kindsOf(notificationsFor(t, app, fx.coordinator)), kindsOf(notificationsFor(t, app, fx.officerB)))
	}
	// Answered on day 22, then quiet for 60 days: both sides are asked.
	in := mustRecord(t, app, ColInterests, fx.intB)
	in.Set("state", InterestAcknowledged)
	in.Set("respondedAt", Stamp(created.AddDate(0, 0, 22)))
	if err := app.Save(in); err != nil {
		t.Fatal(err)
	}
	emptyOutbox(t, app)
	if n := run(81); n != 0 {
		t.Fatalf("day 81: %d steps", n)
	}
	if n := run(82); n != 1 {
		t.Fatalf("day 82: %d steps", n)
	}
	if kindsOf(notificationsFor(t, app, fx.officerA)) != KindInterestCheck || kindsOf(notificationsFor(t, app, fx.officerB)) != KindInterestCheck {
		t.Fatal("both sides were not asked")
	}
	if n := run(100); n != 0 {
		t.Fatalf("asked again on day 100")
	}
	if n := run(142); n != 1 {
		t.Fatalf("not asked again 60 days after the last check: %d", n)
	}
}
