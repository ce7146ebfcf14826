package hooks

import (
	"strings"
	"testing"
	"time"
)

func TestDailyDigestIsOneEmailGroupedByProject(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	for _, title := range []string{"Bristol news 1", "Bristol news 2"} {
		notice(t, app, KindProjectUpdate, fx.pubB, title, false, fx.officerA)
	}
	notice(t, app, KindProjectUpdate, fx.pubA2, "Housing news", false, fx.officerA)
	notice(t, app, KindMembershipDecided, "", "You are now a member", false, fx.officerA)

	// Delivery leaves digest news alone.
	if n := deliver(t, app, testNow); n != 0 {
		t.Fatalf("delivery sent %d digest items", n)
	}
	at := time.Date(2027, 3, 2, 7, 5, 0, 0, time.UTC)
	n, err := SendDigests(app, at)
	if err != nil || n != 1 {
		t.Fatalf("SendDigests = %d, %v; want 1", n, err)
	}
	m := app.TestMailer.LastMessage()
	if m.Subject != "Your Pipeline digest: 4 updates" {
		t.Fatalf("subject = %q", m.Subject)
	}
	bristol, housing := strings.Index(m.Text, "Bristol parking permits"), strings.Index(m.Text, "Housing repairs online")
	if bristol < 0 || housing < 0 || !strings.Contains(m.Text, "Bristol news 2") || !strings.Contains(m.Text, "You are now a member") {
		t.Fatalf("digest text lacks a group:\n%s", m.Text)
	}
	// Running again in the same slot, even with new news, sends nothing.
	notice(t, app, KindProjectUpdate, fx.pubB, "Later news", false, fx.officerA)
	if n, _ := SendDigests(app, at.Add(3*time.Hour)); n != 0 {
		t.Fatalf("second digest in one day: %d", n)
	}
	if n, _ := SendDigests(app, at.Add(24*time.Hour)); n != 1 {
		t.Fatalf("next day's digest: %d, want 1", n)
	}
	if got := len(mailsTo(app, "officer@leeds.test")); got != 2 {
		t.Fatalf("emails = %d, want 2", got)
	}
}

func TestWeeklyDigestWaitsForItsDay(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	setFrequency(t, app, fx.officerA, FrequencyWeekly)
	monday := time.Date(2027, 3, 1, 7, 30, 0, 0, time.UTC) // a Monday
	notice(t, app, KindProjectUpdate, fx.pubB, "Weekly news", false, fx.officerA)
	if n, _ := SendDigests(app, monday); n != 1 {
		t.Fatalf("Monday digest: %d, want 1", n)
	}
	notice(t, app, KindProjectUpdate, fx.pubB, "Tuesday news", false, fx.officerA)
	for d := 1; d < 7; d++ {
		if n, _ := SendDigests(app, monday.AddDate(0, 0, d)); n != 0 {
			t.Fatalf("digest on day %d of the week", d)
		}
	}
	if n, _ := SendDigests(app, monday.AddDate(0, 0, 7)); n != 1 {
		t.Fatal("no digest the next Monday")
	}
}

func TestDigestSlot(t *testing.T) {
	cfg := DefaultConfig
	for _, c := range []struct {
		freq string
		now  time.Time
		want time.Time
	}{
		{FrequencyDaily, time.Date(2027, 3, 3, 6, 59, 0, 0, time.UTC), time.Date(2027, 3, 2, 7, 0, 0, 0, time.UTC)},
		{FrequencyDaily, time.Date(2027, 3, 3, 7, 0, 0, 0, time.UTC), time.Date(2027, 3, 3, 7, 0, 0, 0, time.UTC)},
		{FrequencyWeekly, time.Date(2027, 3, 3, 12, 0, 0, 0, time.UTC), time.Date(2027, 3, 1, 7, 0, 0, 0, time.UTC)},
		{FrequencyWeekly, time.Date(2027, 3, 1, 6, 0, 0, 0, time.UTC), time.Date(2027, 2, 22, 7, 0, 0, 0, time.UTC)},
	} {
		if got := DigestSlot(cfg, c.freq, c.now); !got.Equal(c.want) {
			t.Errorf("DigestSlot(%s, %v) = %v, want %v", c.freq, c.now, got, c.want)
		}
	}
}
