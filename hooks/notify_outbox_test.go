package hooks

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

func notice(t testing.TB, app core.App, kind, project, title string, urgent bool, users ...string) {
	t.Helper()
	if err := notify(app, Notice{Kind: kind, Project: project, Title: title, URL: "/projects/x", Urgent: urgent}, "", users...); err != nil {
		t.Fatal(err)
	}
}

func deliver(t testing.TB, app core.App, at time.Time) int {
	t.Helper()
	n, err := DeliverNotifications(app, at)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func states(t testing.TB, app core.App, userId string) string {
	t.Helper()
	var out []string
	for _, r := range notificationsFor(t, app, userId) {
		out = append(out, r.GetString("emailState"))
	}
	return strings.Join(out, ",")
}

func TestImmediateEmailsCoalescePerProjectPerHour(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	setFrequency(t, app, fx.officerA, FrequencyImmediate)

	notice(t, app, KindProjectUpdate, fx.pubB, "First news", false, fx.officerA)
	if n := deliver(t, app, testNow); n != 1 {
		t.Fatalf("sent %d, want 1", n)
	}
	// Two more events within the hour wait, then go out as one email.
	notice(t, app, KindProjectUpdate, fx.pubB, "Second news", false, fx.officerA)
	notice(t, app, KindProjectUpdate, fx.pubB, "Third news", false, fx.officerA)
	if n := deliver(t, app, testNow.Add(10*time.Minute)); n != 0 {
		t.Fatalf("sent %d within the hour, want 0", n)
	}
	// News of another project is not held back.
	notice(t, app, KindProjectUpdate, fx.pubA2, "Other project news", false, fx.officerA)
	if n := deliver(t, app, testNow.Add(11*time.Minute)); n != 1 {
		t.Fatalf("sent %d for another project, want 1", n)
	}
	if n := deliver(t, app, testNow.Add(59*time.Minute)); n != 0 {
		t.Fatalf("sent %d before the hour was up, want 0", n)
	}
	if n := deliver(t, app, testNow.Add(61*time.Minute)); n != 1 {
		t.Fatalf("sent %d after the hour, want 1", n)
	}
	if n := deliver(t, app, testNow.Add(3*time.Hour)); n != 0 {
		t.Fatalf("sent %d again, want 0", n)
	}
	subjects := mailsTo(app, "officer@leeds.test")
	want := []string{"First news", "Other project news", "2 updates about Bristol parking permits"}
	if strings.Join(subjects, "|") != strings.Join(want, "|") {
		t.Fatalf("emails = %q, want %q", subjects, want)
	}
	if s := states(t, app, fx.officerA); s != "sent,sent,sent,sent" {
		t.Fatalf("states = %s", s)
	}
}

func TestDigestRecipientsWaitButUrgentNoticesDoNot(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	// officerA is on the default daily frequency.
	notice(t, app, KindProjectUpdate, fx.pubB, "Routine news", false, fx.officerA)
	notice(t, app, KindStaleProject, fx.pubA, "Is Missed bin reporting still accurate?", true, fx.officerA)
	if n := deliver(t, app, testNow); n != 1 {
		t.Fatalf("sent %d, want the urgent one only", n)
	}
	if s := mailsTo(app, "officer@leeds.test"); len(s) != 1 || !strings.Contains(s[0], "still accurate") {
		t.Fatalf("emails = %q", s)
	}
	if s := states(t, app, fx.officerA); s != "pending,sent" {
		t.Fatalf("states = %s", s)
	}
}

func TestNobodyIsEmailedWhoOptedOutMutedOrIsUnverified(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	setFrequency(t, app, fx.officerA, FrequencyOff)
	setFrequency(t, app, fx.officerB, FrequencyImmediate)
	setFrequency(t, app, fx.unverified, FrequencyImmediate)
	b := mustRecord(t, app, ColUsers, fx.officerB)
	b.Set("mutedProjects", []string{fx.pubA})
	if err := app.Save(b); err != nil {
		t.Fatal(err)
	}

	notice(t, app, KindStaleProject, fx.pubA, "Urgent but opted out", true, fx.officerA)
	notice(t, app, KindProjectUpdate, fx.pubA, "Muted project", false, fx.officerB)
	notice(t, app, KindProjectUpdate, fx.pubA2, "Not muted", false, fx.officerB)
	notice(t, app, KindProjectUpdate, fx.pubA2, "To an unverified address", false, fx.unverified)
	if n := deliver(t, app, testNow); n != 1 {
		t.Fatalf("sent %d, want 1", n)
	}
	if s := states(t, app, fx.officerA); s != "skipped" {
		t.Fatalf("opted-out states = %s", s)
	}
	if s := states(t, app, fx.officerB); s != "skipped,sent" {
		t.Fatalf("muted states = %s", s)
	}
	if s := states(t, app, fx.unverified); s != "skipped" {
		t.Fatalf("unverified states = %s", s)
	}
	// The notifications stay in the inbox whatever happens to the email.
	if len(notificationsFor(t, app, fx.officerA)) != 1 {
		t.Fatal("inbox lost a notification")
	}
}

func TestMailOutageLosesAndDuplicatesNothing(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	down := true
	failMail(app, &down)
	setFrequency(t, app, fx.officerA, FrequencyImmediate)
	setFrequency(t, app, fx.officerB, FrequencyImmediate)
	notice(t, app, KindProjectUpdate, fx.pubB, "News for A", false, fx.officerA)
	notice(t, app, KindProjectUpdate, fx.pubA, "News for B", false, fx.officerB)

	at := testNow
	for i := 1; i <= 4; i++ { // four failed runs, each after the back-off
		if n := deliver(t, app, at); n != 0 {
			t.Fatalf("run %d sent %d while the server was down", i, n)
		}
		r := notificationsFor(t, app, fx.officerA)[0]
		if r.GetString("emailState") != EmailPending || r.GetInt("attempts") != i || r.GetString("lastError") == "" {
			t.Fatalf("after run %d: state %s attempts %d", i, r.GetString("emailState"), r.GetInt("attempts"))
		}
		next := r.GetDateTime("nextAttemptAt").Time()
		if want := at.Add(backoff(i)); !next.Equal(want.Truncate(time.Millisecond)) {
			t.Fatalf("after run %d next attempt %v, want %v", i, next, want)
		}
		if n := deliver(t, app, at.Add(backoff(i)-time.Second)); n != 0 {
			t.Fatalf("retried before the back-off ended")
		}
		at = next
	}
	down = false
	if n := deliver(t, app, at); n != 2 {
		t.Fatalf("sent %d after recovery, want 2", n)
	}
	if n := deliver(t, app, at.Add(2*time.Hour)); n != 0 {
		t.Fatalf("sent %d more, want 0", n)
	}
	if len(mailsTo(app, "officer@leeds.test")) != 1 || len(mailsTo(app, "officer@bristol.test")) != 1 {
		t.Fatalf("emails: %d to A, %d to B; want exactly one each", len(mailsTo(app, "officer@leeds.test")), len(mailsTo(app, "officer@bristol.test")))
	}
}

func TestARunThatDiedMidSendIsFinishedLater(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	setFrequency(t, app, fx.officerA, FrequencyImmediate)
	notice(t, app, KindProjectUpdate, fx.pubB, "Claimed then crashed", false, fx.officerA)
	// A run claimed the notification and died before it could send.
	if _, err := app.DB().Update(ColNotifications, dbx.Params{"sendingAt": Stamp(testNow).String()}, nil).Execute(); err != nil {
		t.Fatal(err)
	}
	if n := deliver(t, app, testNow.Add(time.Minute)); n != 0 {
		t.Fatalf("a claimed notification was sent again at once")
	}
	if n := deliver(t, app, testNow.Add(inFlight+time.Minute)); n != 1 {
		t.Fatalf("sent %d once the claim lapsed, want 1", n)
	}
}

func TestEmailsRespectPeople(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	setFrequency(t, app, fx.officerA, FrequencyImmediate)
	notice(t, app, KindStaleProject, fx.pubA, "Is Missed bin reporting still accurate?", true, fx.officerA)
	deliver(t, app, testNow)
	if app.TestMailer.TotalSend() != 1 {
		t.Fatalf("sent %d", app.TestMailer.TotalSend())
	}
	m := app.TestMailer.LastMessage()
	for _, want := range []string{"Hello Olu,", "Yes, it is still accurate", "/api/pipeline/confirm?token=", "/api/pipeline/mute?token=", "Stop emails about Missed bin reporting", "/projects/x"} {
		if !strings.Contains(m.HTML, want) || !strings.Contains(m.Text, strings.TrimSuffix(want, ",")) {
			t.Errorf("email lacks %q in both parts", want)
		}
	}
	if !strings.HasPrefix(m.Headers["List-Unsubscribe"], "<http://localhost:8090/api/pipeline/unsubscribe?token=") ||
		m.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
		t.Errorf("unsubscribe headers = %q / %q", m.Headers["List-Unsubscribe"], m.Headers["List-Unsubscribe-Post"])
	}
	if m.From.Name != "Pipeline" || m.To[0].Address != "officer@leeds.test" {
		t.Errorf("from %v to %v", m.From, m.To)
	}
	if !strings.HasPrefix(m.Headers["Message-ID"], "<pipeline-") {
		t.Errorf("Message-ID = %q", m.Headers["Message-ID"])
	}
}

func TestBackoff(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 5: 16 * time.Minute, 11: 12 * time.Hour, 30: 12 * time.Hour} {
		if got := backoff(n); got != want {
			t.Errorf("backoff(%d) = %v, want %v", n, got, want)
		}
	}
}
