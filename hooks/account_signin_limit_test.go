package hooks

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// addresses hands out a new client address per request, so that the
// per-address limit never decides these tests: only the per-account one.
type addresses struct{ n int }

func (a *addresses) next() string {
	a.n++
	return fmt.Sprintf("198.18.%d.%d", a.n/250, a.n%250+1)
}

// signInBody tries a password sign-in and returns its status and body.
func signInBody(t testing.TB, h *apiHarness, collection, ip, email, password string) (int, string) {
	t.Helper()
	status, body := h.do(apiRequest{
		method: http.MethodPost, url: "/api/collections/" + collection + "/auth-with-password",
		remoteAddr: ip + ":40000", body: []byte(fmt.Sprintf(`{"identity":%q,"password":%q}`, email, password)),
	})
	return status, string(body)
}

func TestSignInFailuresAreLimitedPerAccount(t *testing.T) {
	h := newAPIHarness(t, nil)
	defer h.close()
	ips := &addresses{}
	max := DefaultConfig.SignInMaxFailures
	if max != 10 || DefaultConfig.SignInWindow != time.Hour {
		t.Fatalf("default sign-in limit %d failures per %v, want 10 per hour", max, DefaultConfig.SignInWindow)
	}
	refusal := map[string]string{}
	for _, c := range []struct{ collection, email, password string }{
		{ColUsers, "officer@leeds.test", fixturePassword},                    // an account
		{ColUsers, "nobody@leeds.test", fixturePassword},                     // no such account: counted the same
		{core.CollectionNameSuperusers, "su@pipeline.test", fixturePassword}, // superusers too
	} {
		for i := 1; i <= max; i++ {
			if got, body := signInBody(t, h, c.collection, ips.next(), c.email, "wrong-password"); got != http.StatusBadRequest {
				t.Fatalf("%s: failed sign-in %d of %d: status %d, want 400: %s", c.email, i, max, got, body)
			}
		}
		got, body := signInBody(t, h, c.collection, ips.next(), c.email, c.password)
		if got != http.StatusTooManyRequests || !strings.Contains(body, "Try again after") {
			t.Fatalf("%s after %d failures, right password: status %d, want 429 saying when to try again: %s", c.email, max, got, body)
		}
		refusal[c.email] = regexp.MustCompile(`[0-9]`).ReplaceAllString(body, "0")
	}
	if refusal["officer@leeds.test"] != refusal["nobody@leeds.test"] {
		t.Fatalf("the refusal tells an account from no account:\n%s\n%s", refusal["officer@leeds.test"], refusal["nobody@leeds.test"])
	}
	// The same account however its address is written.
	if got, body := signInBody(t, h, ColUsers, ips.next(), " OFFICER@Leeds.test", fixturePassword); got != http.StatusTooManyRequests {
		t.Fatalf("the limited account in capitals: status %d, want 429: %s", got, body)
	}
	// Another person is not held up, and their success frees no one else.
	if got, body := signInBody(t, h, ColUsers, ips.next(), "second@leeds.test", fixturePassword); got != http.StatusOK {
		t.Fatalf("another account: status %d, want 200: %s", got, body)
	}
	if got, _ := signInBody(t, h, ColUsers, ips.next(), "officer@leeds.test", fixturePassword); got != http.StatusTooManyRequests {
		t.Fatalf("the limited account after someone else signed in: status %d, want 429", got)
	}
	// The count is kept in the database, so a restart does not reset it.
	users, _ := h.app.FindCollectionByNameOrId(ColUsers)
	if n := countSignInFailures(t, h.app, users, "officer@leeds.test"); n != max {
		t.Fatalf("%d failures stored for the account, want %d", n, max)
	}
}

func TestSignInSuccessClearsOnlyItsOwnFailures(t *testing.T) {
	h := newAPIHarness(t, nil)
	defer h.close()
	ips := &addresses{}
	for _, email := range []string{"officer@leeds.test", "second@leeds.test"} {
		for i := 0; i < DefaultConfig.SignInMaxFailures-1; i++ {
			signInBody(t, h, ColUsers, ips.next(), email, "wrong-password")
		}
	}
	if got, _ := signInBody(t, h, ColUsers, ips.next(), "officer@leeds.test", fixturePassword); got != http.StatusOK {
		t.Fatalf("sign-in under the limit: status %d, want 200", got)
	}
	// officer's slate is clean; second's failures still count.
	signInBody(t, h, ColUsers, ips.next(), "officer@leeds.test", "wrong-password")
	signInBody(t, h, ColUsers, ips.next(), "second@leeds.test", "wrong-password")
	if got, _ := signInBody(t, h, ColUsers, ips.next(), "officer@leeds.test", fixturePassword); got != http.StatusOK {
		t.Fatalf("one failure after a success: status %d, want 200", got)
	}
	if got, _ := signInBody(t, h, ColUsers, ips.next(), "second@leeds.test", fixturePassword); got != http.StatusTooManyRequests {
		t.Fatalf("another person's success reset this account's failures: status %d, want 429", got)
	}
}

func TestSignInLimitMovesWithTime(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	users, err := app.FindCollectionByNameOrId(ColUsers)
	if err != nil {
		t.Fatal(err)
	}
	const who = "officer@leeds.test"
	for i := 0; i < 10; i++ {
		if err := recordSignInFailure(app, users, who, testNow.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	until, err := signInLockedUntil(app, users, who, testNow.Add(30*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !until.Equal(testNow.Add(time.Hour)) {
		t.Fatalf("locked until %v, want an hour after the first failure (%v)", until, testNow.Add(time.Hour))
	}
	if until, _ := signInLockedUntil(app, users, who, testNow.Add(61*time.Minute)); !until.IsZero() {
		t.Fatalf("still locked (until %v) once the first failure is over an hour old", until)
	}
	if until, _ := signInLockedUntil(app, users, "second@leeds.test", testNow.Add(30*time.Minute)); !until.IsZero() {
		t.Fatalf("another account locked until %v", until)
	}
	// The threshold is in the config collection.
	cfg, err := app.FindFirstRecordByFilter(ColConfig, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Set(CfgSignInMaxFailures, 20)
	if err := app.Save(cfg); err != nil {
		t.Fatal(err)
	}
	if until, _ := signInLockedUntil(app, users, who, testNow.Add(30*time.Minute)); !until.IsZero() {
		t.Fatalf("locked after 10 failures with a threshold of 20 (until %v)", until)
	}
}

// countSignInFailures counts the failures stored for an account.
func countSignInFailures(t testing.TB, app core.App, collection *core.Collection, identity string) int {
	t.Helper()
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM " + signInFailuresTable + " WHERE account = {:a}").
		Bind(map[string]any{"a": signInAccount(collection, identity)}).Row(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
