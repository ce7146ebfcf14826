package web

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"pipeline/hooks"
	"pipeline/hooks/signedlink"
)

// browser is a test server for one app and a client that keeps cookies,
// as a browser would, and follows no redirects (tests look at them).
type browser struct {
	t      testing.TB
	app    *tests.TestApp
	server *httptest.Server
	client *http.Client
}

// newBrowser serves a fresh copy of the fixture's data.
func newBrowser(t testing.TB) *browser {
	t.Helper()
	app := newApp(t)
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	se := &core.ServeEvent{App: app, Router: r}
	if err := app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		m, err := e.Router.BuildMux()
		mux = m
		return err
	}); err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, app: app, server: httptest.NewServer(mux)}
	jar, _ := cookiejar.New(nil)
	b.client = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t.Cleanup(func() { b.server.Close(); app.Cleanup() })
	return b
}

// another is a second browser (its own cookies) on the same server.
func (b *browser) another() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: b.t, app: b.app, server: b.server,
		client: &http.Client{Jar: jar, CheckRedirect: b.client.CheckRedirect}}
}

// do sends a request and returns the status and body.
func (b *browser) do(method, path string, body io.Reader, headers map[string]string) (int, string, http.Header) {
	b.t.Helper()
	req, err := http.NewRequest(method, b.server.URL+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(out), res.Header
}

func (b *browser) get(path string) (int, string) {
	status, body, _ := b.do(http.MethodGet, path, nil, nil)
	return status, body
}

// post sends a form as the page's own would.
func (b *browser) post(path string, form url.Values) (int, string, http.Header) {
	return b.do(http.MethodPost, path, strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrfFrom is the CSRF token a page's form carries.
func (b *browser) csrfFrom(path string) string {
	b.t.Helper()
	_, body := b.get(path)
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		b.t.Fatalf("%s has no CSRF field", path)
	}
	return m[1]
}

// cookie is the value of one of the browser's cookies.
func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.server.URL)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// signIn signs in through the sign-in form.
func (b *browser) signIn(email string) {
	b.t.Helper()
	status, body, h := b.post("/sign-in", url.Values{"csrf": {b.csrfFrom("/sign-in")}, "email": {email},
		"password": {"a-long-test-password"}, "next": {"/projects"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/projects" {
		b.t.Fatalf("sign in: %d %s %s", status, h.Get("Location"), body)
	}
}

func TestSignInKeepsTheTokenInAnHttpOnlyCookie(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@leeds.test")
	u, _ := url.Parse(b.server.URL)
	var session, csrf *http.Cookie
	for _, c := range b.client.Jar.Cookies(u) {
		switch c.Name {
		case sessionCookie:
			session = c
		case csrfCookie:
			csrf = c
		}
	}
	if session == nil || csrf == nil || strings.Contains(csrf.Value, ".") {
		t.Fatalf("cookies after sign-in: session %v, csrf %v", session, csrf)
	}
	// The Set-Cookie header itself says HttpOnly and SameSite=Lax.
	b2 := newBrowser(t)
	_, _, h := b2.post("/sign-in", url.Values{"csrf": {b2.csrfFrom("/sign-in")}, "email": {"officer@leeds.test"}, "password": {"a-long-test-password"}})
	var set string
	for _, c := range h.Values("Set-Cookie") {
		if strings.HasPrefix(c, sessionCookie+"=") {
			set = c
		}
	}
	if !strings.Contains(set, "HttpOnly") || !strings.Contains(set, "SameSite=Lax") || strings.Contains(set, "Secure") {
		t.Fatalf("session cookie over plain http: %q", set)
	}

	// Pages now show the officer their own draft, and the navigation.
	if status, body := b.get("/projects/" + fx.draft); status != 200 || !strings.Contains(body, "Secret draft plan") || !strings.Contains(body, "My Pipeline") {
		t.Fatalf("own draft with the session: %d", status)
	}
	// A GET of the API is signed in by the cookie too.
	if status, body := b.get("/api/pipeline/me"); status != 200 || !strings.Contains(body, "officer@leeds.test") {
		t.Fatalf("/api/pipeline/me: %d %s", status, body)
	}
	// A request that changes something needs the CSRF header...
	confirm := "/api/pipeline/projects/" + projectID(t, b.app, fx.published) + "/confirm"
	if status, _, _ := b.do(http.MethodPost, confirm, nil, nil); status != http.StatusUnauthorized {
		t.Fatalf("POST with the cookie alone: %d, want 401 (treated as a visitor)", status)
	}
	if status, _, _ := b.do(http.MethodPost, confirm, nil, map[string]string{csrfHeader: "forged"}); status != http.StatusUnauthorized {
		t.Fatalf("POST with a forged CSRF header: %d, want 401", status)
	}
	if status, body, _ := b.do(http.MethodPost, confirm, nil, map[string]string{csrfHeader: b.cookie(csrfCookie)}); status != 200 {
		t.Fatalf("POST with the CSRF header: %d %s", status, body)
	}
	// ...and the session's token can never be renewed (read) by a script.
	if status, body, _ := b.do(http.MethodPost, "/api/collections/users/auth-refresh", nil, map[string]string{csrfHeader: b.cookie(csrfCookie)}); status != http.StatusUnauthorized || strings.Contains(body, `"token":`) {
		t.Fatalf("auth-refresh through the session: %d %s", status, body)
	}

	// Signing out asks first, then clears the cookies.
	if status, body := b.get("/sign-out"); status != 200 || !strings.Contains(body, `action="/sign-out"`) {
		t.Fatalf("GET /sign-out: %d", status)
	}
	if status, _ := b.get("/api/pipeline/me"); status != 200 {
		t.Fatal("a GET of /sign-out signed the person out")
	}
	status, body, _ := b.post("/sign-out", url.Values{"csrf": {b.csrfFrom("/sign-out")}})
	if status != 200 || !strings.Contains(body, "You have signed out") || b.cookie(sessionCookie) != "" {
		t.Fatalf("sign out: %d, session cookie %q", status, b.cookie(sessionCookie))
	}
	if status, _ := b.get("/projects/" + fx.draft); status != 404 {
		t.Fatalf("own draft after signing out: %d", status)
	}
}

func TestFormsRefuseWhatDidNotComeFromTheirPage(t *testing.T) {
	b := newBrowser(t)
	login := url.Values{"email": {"officer@leeds.test"}, "password": {"a-long-test-password"}}
	if status, _, _ := b.post("/sign-in", login); status != http.StatusForbidden {
		t.Fatalf("sign-in without a CSRF token: %d", status)
	}
	login.Set("csrf", "forged.token")
	if status, _, _ := b.post("/sign-in", login); status != http.StatusForbidden {
		t.Fatalf("sign-in with a forged token: %d", status)
	}
	login.Set("csrf", b.csrfFrom("/sign-in"))
	status, _, _ := b.do(http.MethodPost, "/sign-in", strings.NewReader(login.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example"})
	if status != http.StatusForbidden {
		t.Fatalf("sign-in posted from another site: %d", status)
	}
	if b.cookie(sessionCookie) != "" {
		t.Fatal("a refused form signed in")
	}
	// Signed in, a form needs the session's own token: a visitor's token,
	// or another session's, is refused.
	visitorToken := b.csrfFrom("/sign-in")
	b.signIn("officer@leeds.test")
	if status, _, _ := b.post("/sign-out", url.Values{"csrf": {visitorToken}}); status != http.StatusForbidden {
		t.Fatalf("sign-out with the visitor's token: %d", status)
	}
	other := newBrowser(t)
	other.signIn("officer@bristol.test")
	if status, _, _ := b.post("/sign-out", url.Values{"csrf": {other.cookie(csrfCookie)}}); status != http.StatusForbidden {
		t.Fatalf("sign-out with another session's token: %d", status)
	}
}

func TestSignInRefusalsAndTheNextAddress(t *testing.T) {
	b := newBrowser(t)
	status, body, _ := b.post("/sign-in", url.Values{"csrf": {b.csrfFrom("/sign-in")}, "email": {"officer@leeds.test"}, "password": {"wrong password"},
		"next": {"//evil.example/"}})
	if status != http.StatusBadRequest || !strings.Contains(body, "There is a problem") || !strings.Contains(body, `href="#f-email"`) ||
		!strings.Contains(body, `value="officer@leeds.test"`) || !strings.Contains(body, "<title>Error: Sign in") || !strings.Contains(body, `name="next" value="/my"`) {
		t.Fatalf("wrong password: %d\n%s", status, body)
	}
	status, body, _ = b.post("/sign-in", url.Values{"csrf": {b.csrfFrom("/sign-in")}})
	if status != http.StatusBadRequest || !strings.Contains(body, "Enter your email address") || !strings.Contains(body, "Enter your password") {
		t.Fatalf("empty form: %d", status)
	}
}

func TestSignUpVerifyAndJoinWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	form := url.Values{"csrf": {b.csrfFrom("/sign-up")}, "name": {"Lee Leeds"}, "email": {"not an address"}, "password": {"short"}}
	status, body, _ := b.post("/sign-up", form)
	if status != 400 || !strings.Contains(body, "Enter an email address in the correct format") || !strings.Contains(body, "Password must be 8 characters or more") ||
		!strings.Contains(body, `value="Lee Leeds"`) {
		t.Fatalf("bad sign-up: %d", status)
	}
	form.Set("email", "officer@leeds.test")
	form.Set("password", "a-long-test-password")
	if status, body, _ := b.post("/sign-up", form); status != 400 || !strings.Contains(body, "An account with this email address already exists") {
		t.Fatalf("taken address: %d", status)
	}
	form.Set("email", "new.person@leeds.test")
	if status, body, _ := b.post("/sign-up", form); status != 200 || !strings.Contains(body, "Check your email") {
		t.Fatalf("sign-up: %d %s", status, body)
	}
	u, err := b.app.FindAuthRecordByEmail("users", "new.person@leeds.test")
	if err != nil {
		t.Fatal(err)
	}
	token, err := u.NewVerificationToken()
	if err != nil {
		t.Fatal(err)
	}
	// Following the link only asks; the button verifies.
	status, body = b.get("/verify-email?token=" + token)
	if status != 200 || !strings.Contains(body, "Verify my email address") {
		t.Fatalf("verify link: %d", status)
	}
	if u, _ = b.app.FindRecordById("users", u.Id); u.Verified() {
		t.Fatal("opening the link verified the address")
	}
	if status, body, _ = b.post("/verify-email", url.Values{"csrf": {csrfInput.FindStringSubmatch(body)[1]}, "token": {token}}); status != 200 ||
		!strings.Contains(body, "Your email address is verified") {
		t.Fatalf("verify: %d %s", status, body)
	}
	if u, _ = b.app.FindRecordById("users", u.Id); !u.Verified() {
		t.Fatal("not verified")
	}
	b.signIn("new.person@leeds.test")
	status, body = b.get("/join")
	if status != 200 || !strings.Contains(body, `<optgroup label="England">`) {
		t.Fatalf("join page: %d", status)
	}
	if status, body, _ := b.post("/join", url.Values{"csrf": {b.csrfFrom("/join")}}); status != 400 || !strings.Contains(body, "Choose your organisation") {
		t.Fatalf("join with nothing chosen: %d", status)
	}
	status, body, _ = b.post("/join", url.Values{"csrf": {b.csrfFrom("/join")}, "organisation": {fx.bristol}})
	if status != 200 || !strings.Contains(body, "Your request has been sent") {
		t.Fatalf("join: %d %s", status, body)
	}
	if u, _ = b.app.FindRecordById("users", u.Id); u.GetString("organisation") != fx.bristol || u.GetString("membership") != "pending" {
		t.Fatalf("after asking: %s %s", u.GetString("organisation"), u.GetString("membership"))
	}
}

func TestAVisitorsPagesNeverCarryAnotherVisitorsToken(t *testing.T) {
	a, b := newBrowser(t), newBrowser(t)
	if a.csrfFrom("/sign-in") == b.csrfFrom("/sign-in") {
		t.Fatal("two visitors were given the same CSRF token")
	}
	_, _, h := a.do(http.MethodGet, "/projects", nil, nil)
	if len(h.Values("Set-Cookie")) != 0 {
		t.Fatalf("a cached page set cookies: %v", h.Values("Set-Cookie"))
	}
}

// projectID is the id of the project with slug.
func projectID(t testing.TB, app core.App, slug string) string {
	t.Helper()
	p, err := app.FindFirstRecordByData("projects", "slug", slug)
	if err != nil {
		t.Fatal(err)
	}
	return p.Id
}

func TestConfirmingANewEmailAddressWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	u, _ := b.app.FindAuthRecordByEmail("users", "officer@bristol.test")
	token, err := u.NewEmailChangeToken("new.address@bristol.test")
	if err != nil {
		t.Fatal(err)
	}
	status, page := b.get("/confirm-email?token=" + token)
	if status != 200 || !strings.Contains(page, "new.address@bristol.test") {
		t.Fatalf("the page: %d", status)
	}
	status, page, _ = b.post("/confirm-email", url.Values{"csrf": {b.cookie(csrfCookie)}, "token": {token}, "password": {"wrong password"}})
	if status != http.StatusBadRequest || !strings.Contains(page, "Enter the correct password") {
		t.Fatalf("a wrong password: %d", status)
	}
	status, page, _ = b.post("/confirm-email", url.Values{"csrf": {b.cookie(csrfCookie)}, "token": {token}, "password": {"a-long-test-password"}})
	if status != 200 || !strings.Contains(page, "Your email address has been changed") {
		t.Fatalf("confirm: %d", status)
	}
	if u, _ = b.app.FindRecordById("users", u.Id); u.Email() != "new.address@bristol.test" {
		t.Fatalf("address %s", u.Email())
	}
}

func TestOneClickLinksShowInTheSiteLayout(t *testing.T) {
	b := newBrowser(t)
	cfg, err := hooks.LoadConfig(b.app)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := b.app.FindAuthRecordByEmail("users", "officer@leeds.test")
	token, err := signedlink.Sign(cfg.LinkSecret, signedlink.Claims{Action: hooks.LinkConfirm, User: u.Id,
		Project: projectID(t, b.app, fx.published), Expires: time.Now().Add(time.Hour).Unix()})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/pipeline/" + hooks.LinkConfirm + "?token=" + url.QueryEscape(token)
	confirmed := func() string {
		p, _ := b.app.FindFirstRecordByData("projects", "slug", fx.published)
		return p.GetString("lastConfirmedAt")
	}
	before := confirmed()
	status, page, h := b.do(http.MethodGet, path, nil, nil)
	if status != 200 || !strings.Contains(page, `class="govuk-service-navigation`) || !strings.Contains(page, "Yes, it is still accurate") ||
		h.Get("Cache-Control") != "no-store" || h.Get("Referrer-Policy") != "no-referrer" {
		t.Fatalf("the link page: %d %v", status, h)
	}
	if confirmed() != before {
		t.Fatal("opening the link confirmed the project")
	}
	if status, _, _ := b.do(http.MethodPost, path, nil, nil); status != 200 {
		t.Fatalf("the button: %d", status)
	}
	if confirmed() == before {
		t.Fatal("the button did not confirm")
	}
	if status, page, _ := b.do(http.MethodGet, "/api/pipeline/"+hooks.LinkConfirm+"?token=forged", nil, nil); status != 400 || !strings.Contains(page, "<title>Error: This link does not work") {
		t.Fatalf("a forged link: %d", status)
	}
}
