package hooks

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Sign-in is limited twice: per account (account_signin_limit.go, tested
// in account_signin_limit_test.go) and per client address by PocketBase's
// limiter, switched on by the settings migrations with a rule generous
// enough for a council office where everyone signs in at 9 am from one
// address. For a password sign-in PocketBase looks up, in order,
// the labels "<collection>:authWithPassword", "<collection>:auth",
// "*:authWithPassword", "*:auth" and then the route's path; the first
// configured rule found applies. It keeps one counter per client address,
// taken from e.RealIP(): with no trusted proxy headers configured that is
// the request's RemoteAddr, so these tests choose RemoteAddr per request
// (no real server is needed, and headers a client sends cannot move it to
// another counter). The window is fixed, counted in whole seconds from a
// client's first request.

// signInLabels are the rate-limit labels PocketBase tries, in order, for a
// password sign-in to collection (apis.collectionPathRateLimit with the tags
// "authWithPassword" and "auth", then the route).
func signInLabels(collection string) []string {
	path := "/api/collections/" + collection + "/auth-with-password"
	return []string{
		collection + ":authWithPassword", collection + ":auth", "*:authWithPassword", "*:auth",
		http.MethodPost + " " + path, path,
	}
}

// signInRule returns the configured rule that limits a visitor's password
// sign-ins to collection. It fails the test when rate limiting is off or
// when only a general rule (such as "/api/") would apply.
func signInRule(t testing.TB, app core.App, collection string) core.RateLimitRule {
	t.Helper()
	limits := app.Settings().RateLimits
	if !limits.Enabled {
		t.Fatal("rate limiting is off in the migrated settings")
	}
	labels := signInLabels(collection)
	rule, found := limits.FindRateLimitRule(labels, core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceGuest)
	if !found {
		t.Fatalf("no rate-limit rule applies to %s sign-in (rules: %v)", collection, limits.Rules)
	}
	if !slices.Contains(labels[:4], rule.Label) {
		t.Fatalf("%s sign-in is only limited by the general rule %s: add a sign-in rule such as *:authWithPassword", collection, rule.String())
	}
	if rule.MaxRequests < 60 || rule.Duration > 60 {
		t.Fatalf("sign-in rule %s: an office of 60 people signing in within a minute from one address is turned away", rule.String())
	}
	return rule
}

// signIn tries a password sign-in from ip and returns the response status.
// headers are extra request headers.
func signIn(t testing.TB, h *apiHarness, collection, ip, email, password string, headers map[string]string) int {
	t.Helper()
	body, err := json.Marshal(map[string]string{"identity": email, "password": password})
	if err != nil {
		t.Fatalf("encode sign-in: %v", err)
	}
	status, resp := h.do(apiRequest{
		method: http.MethodPost, url: "/api/collections/" + collection + "/auth-with-password",
		remoteAddr: ip + ":40000", headers: headers, body: body,
	})
	if status >= 500 {
		t.Fatalf("sign-in to %s from %s: server error %d: %s", collection, ip, status, resp)
	}
	return status
}

// withinOneWindow runs attempt on fresh apps until it completes in less
// than the rule's window minus a second, so that every request it makes
// falls in one window of the limiter; it fails the test after three slow
// tries. attempt returns an error describing what went wrong, if anything.
func withinOneWindow(t *testing.T, rule core.RateLimitRule, attempt func(h *apiHarness) error) {
	t.Helper()
	budget := time.Duration(rule.Duration-1) * time.Second
	for try := 1; try <= 3; try++ {
		h := newAPIHarness(t, nil)
		start := time.Now()
		err := attempt(h)
		elapsed := time.Since(start)
		h.close()
		if elapsed >= budget {
			t.Logf("try %d took %v, longer than the %v that fits one window for sure; trying again", try, elapsed, budget)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("could not make the sign-ins within one %d s window in three tries", rule.Duration)
}

// exhaust signs in rule.MaxRequests times from ip, as email(i) with
// password, expecting want each time (400 for a wrong password, 200 for a
// right one), then once more, as the officer with the right password,
// expecting 429. Failures name a different account each time, so that only
// the per-address limit decides.
func exhaust(t testing.TB, h *apiHarness, rule core.RateLimitRule, collection, ip string, email func(i int) string, password string, want int) error {
	for i := 1; i <= rule.MaxRequests; i++ {
		if got := signIn(t, h, collection, ip, email(i), password, nil); got != want {
			return fmt.Errorf("sign-in %d of %d allowed by %s from %s: status %d, want %d", i, rule.MaxRequests, rule.String(), ip, got, want)
		}
	}
	if got := signIn(t, h, collection, ip, email(0), fixturePassword, nil); got != http.StatusTooManyRequests {
		return fmt.Errorf("sign-in %d from %s under %s (right password): status %d, want 429", rule.MaxRequests+1, ip, rule.String(), got)
	}
	return nil
}

func TestSignInRateLimit(t *testing.T) {
	probe := newAPIHarness(t, nil)
	rules := map[string]core.RateLimitRule{
		ColUsers:                      signInRule(t, probe.app, ColUsers),
		core.CollectionNameSuperusers: signInRule(t, probe.app, core.CollectionNameSuperusers),
	}
	probe.close()
	t.Logf("users sign-in rule: %s; superusers sign-in rule: %s", rules[ColUsers].String(), rules[core.CollectionNameSuperusers].String())

	const (
		officer   = "officer@leeds.test"
		superuser = "su@pipeline.test"
		attacker  = "198.51.100.7"
		neighbour = "203.0.113.40"
	)
	guesses := func(domain string) func(int) string {
		return func(i int) string { return fmt.Sprintf("guess-%d@%s", i, domain) }
	}
	always := func(email string) func(int) string { return func(int) string { return email } }
	cases := []struct {
		name, collection string
		email            func(int) string
		password         string
		want             int
	}{
		{"failed user sign-ins", ColUsers, guesses("leeds.test"), "wrong-password", http.StatusBadRequest},
		{"successful user sign-ins", ColUsers, always(officer), fixturePassword, http.StatusOK},
		{"failed superuser sign-ins", core.CollectionNameSuperusers, guesses("pipeline.test"), "wrong-password", http.StatusBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rule := rules[c.collection]
			// email(0) is the real account, which signs in at the end.
			account := officer
			if c.collection == core.CollectionNameSuperusers {
				account = superuser
			}
			email := func(i int) string {
				if i == 0 {
					return account
				}
				return c.email(i)
			}
			withinOneWindow(t, rule, func(h *apiHarness) error {
				if err := exhaust(t, h, rule, c.collection, attacker, email, c.password, c.want); err != nil {
					return err
				}
				// Another address has its own allowance.
				if got := signIn(t, h, c.collection, neighbour, email(0), fixturePassword, nil); got != http.StatusOK {
					return fmt.Errorf("sign-in from another address while %s is limited: status %d, want 200", attacker, got)
				}
				// Claiming another address does not help: no proxy is trusted.
				spoof := map[string]string{"X-Forwarded-For": "192.0.2.99", "X-Real-IP": "192.0.2.99"}
				if got := signIn(t, h, c.collection, attacker, email(0), fixturePassword, spoof); got != http.StatusTooManyRequests {
					return fmt.Errorf("limited client claiming another address in X-Forwarded-For: status %d, want 429", got)
				}
				return nil
			})
		})
	}
}
