package hooks

import (
	"strings"
	"testing"
	"time"
)

func TestPassedDatesAreAskedAboutOnce(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	p := mustRecord(t, app, ColProjects, fx.pubA)
	p.Set("phaseEnd", Stamp(testNow.AddDate(0, 0, -1)))
	p.Set("nextAssessment", Stamp(testNow.AddDate(0, 0, 5)))
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	run := func(at time.Time) int {
		n, err := NudgePassedDates(app, at)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := run(testNow); n != 1 {
		t.Fatalf("asked %d owners, want 1", n)
	}
	if n := run(testNow.Add(time.Hour)); n != 0 {
		t.Fatalf("asked again: %d", n)
	}
	if n := run(testNow.AddDate(0, 0, 6)); n != 1 {
		t.Fatalf("assessment date not asked about: %d", n)
	}
	got := notificationsFor(t, app, fx.officerA)
	if kindsOf(got) != KindDatePassed+","+KindDatePassed || !strings.Contains(got[0].GetString("title"), "phase end") {
		t.Fatalf("owner told %q", kindsOf(got))
	}
	// Re-dating asks again when the new date passes.
	p = mustRecord(t, app, ColProjects, fx.pubA)
	p.Set("phaseEnd", Stamp(testNow.AddDate(0, 0, 10)))
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if n := run(testNow.AddDate(0, 0, 11)); n != 1 {
		t.Fatalf("new date not asked about: %d", n)
	}
}
