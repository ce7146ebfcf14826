package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"pipeline/hooks"
)

// Sessions. Signing in through the pages keeps PocketBase's auth token in
// an HttpOnly cookie, so scripts never hold it. The cookie signs in:
//   - every page, and every GET of the API (SameSite=Lax keeps it off
//     other sites' subrequests, and a GET changes nothing);
//   - a form the pages post, when its csrf field holds the session's CSRF
//     token (checked by the form's handler, see csrfOK);
//   - any other API request only when its X-CSRF-Token header holds that
//     token, which the UI's scripts read from the readable pipeline_csrf
//     cookie (another site can neither read the cookie nor send the header).
//
// A request that carries an Authorization header is signed in by it alone,
// as PocketBase does: integrators and the JS SDK work exactly as before.
// The cookie never renews its token (auth-refresh refuses it), so a script
// cannot lift a token out of a session.
const (
	sessionCookie = "pipeline_session"
	csrfCookie    = "pipeline_csrf"
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
	// sessionTokenKey is where a request keeps the session's token once the
	// cookie has signed it in.
	sessionTokenKey = "pipelineSessionToken"
)

// sessionMiddleware signs a request in from the session cookie where the
// rules above allow it. It runs just after PocketBase reads the
// Authorization header and before the rate limiter, which then counts the
// person rather than their address.
func sessionMiddleware() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "pipelineSession",
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			if e.Auth != nil || e.Request.Header.Get("Authorization") != "" {
				return e.Next()
			}
			c, err := e.Request.Cookie(sessionCookie)
			if err != nil || c.Value == "" {
				return e.Next()
			}
			path := e.Request.URL.Path
			if strings.HasPrefix(path, "/api/") && !safeMethod(e.Request.Method) {
				if strings.HasSuffix(path, "/auth-refresh") || !hmac.Equal([]byte(e.Request.Header.Get(csrfHeader)), []byte(sessionCSRF(e.App, c.Value))) {
					return e.Next()
				}
			}
			rec, err := e.App.FindAuthRecordByToken(c.Value, core.TokenTypeAuth)
			if err != nil || rec.Collection().Name != hooks.ColUsers {
				return e.Next()
			}
			e.Auth = rec
			e.Set(sessionTokenKey, c.Value)
			return e.Next()
		},
	}
}

// safeMethod says whether a request method only reads.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// sessionToken is the token of the session that signed the request in,
// or "" when no session cookie did.
func sessionToken(e *core.RequestEvent) string {
	t, _ := e.Get(sessionTokenKey).(string)
	return t
}

// csrfKey is the key CSRF tokens are signed with, derived from the
// instance's link secret so that it survives restarts.
func csrfKey(app core.App) []byte {
	cfg, err := hooks.LoadConfig(app)
	if err != nil || cfg.LinkSecret == "" {
		return nil
	}
	m := hmac.New(sha256.New, []byte(cfg.LinkSecret))
	m.Write([]byte("pipeline csrf key"))
	return m.Sum(nil)
}

// mac signs s with the CSRF key.
func mac(app core.App, s string) string {
	key := csrfKey(app)
	if key == nil {
		return ""
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// sessionCSRF is the CSRF token of a session: bound to its auth token,
// so a cookie planted by anyone else cannot pass.
func sessionCSRF(app core.App, token string) string {
	t := mac(app, "session|"+token)
	if t == "" {
		return "-"
	}
	return t
}

// visitorCSRF is a fresh CSRF token for someone not signed in: a random
// value and its signature, kept in the readable cookie and repeated in
// their forms.
func visitorCSRF(app core.App) string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	nonce := base64.RawURLEncoding.EncodeToString(b)
	return nonce + "." + mac(app, "visitor|"+nonce)
}

// validVisitorCSRF checks a visitor token's signature.
func validVisitorCSRF(app core.App, t string) bool {
	nonce, sig, ok := strings.Cut(t, ".")
	return ok && nonce != "" && hmac.Equal([]byte(sig), []byte(mac(app, "visitor|"+nonce)))
}

// csrfToken is the token the page's forms carry, setting the readable
// cookie when a visitor has none yet.
func csrfToken(e *core.RequestEvent) string {
	if t := sessionToken(e); t != "" {
		return sessionCSRF(e.App, t)
	}
	if c, err := e.Request.Cookie(csrfCookie); err == nil && validVisitorCSRF(e.App, c.Value) {
		return c.Value
	}
	t := visitorCSRF(e.App)
	setCookie(e, csrfCookie, t, 0, false)
	return t
}

// csrfOK says whether a posted form comes from one of Pipeline's own
// pages: its csrf field holds the token of the session (or, signed out,
// of the visitor's cookie), and its Origin, when the browser sends one, is
// this site.
func csrfOK(e *core.RequestEvent) bool {
	if o := e.Request.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || u.Host != e.Request.Host {
			return false
		}
	}
	given := e.Request.PostFormValue(csrfField)
	if given == "" {
		return false
	}
	if t := sessionToken(e); t != "" {
		return hmac.Equal([]byte(given), []byte(sessionCSRF(e.App, t)))
	}
	c, err := e.Request.Cookie(csrfCookie)
	return err == nil && hmac.Equal([]byte(given), []byte(c.Value)) && validVisitorCSRF(e.App, c.Value)
}

// startSession signs the browser in with an auth token: the HttpOnly
// session cookie, and the session's CSRF token in the readable one.
func startSession(e *core.RequestEvent, token string, lifetime time.Duration) {
	setCookie(e, sessionCookie, token, lifetime, true)
	setCookie(e, csrfCookie, sessionCSRF(e.App, token), lifetime, false)
}

// endSession signs the browser out.
func endSession(e *core.RequestEvent) {
	setCookie(e, sessionCookie, "", -1, true)
	setCookie(e, csrfCookie, "", -1, false)
}

// setCookie sets (or, with a negative lifetime, clears) one of Pipeline's
// cookies: whole site, SameSite=Lax, Secure when the site is served over
// HTTPS. A lifetime of 0 keeps it for the browser's session.
func setCookie(e *core.RequestEvent, name, value string, lifetime time.Duration, httpOnly bool) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: httpOnly, SameSite: http.SameSiteLaxMode,
		Secure: secureSite(e)}
	switch {
	case lifetime < 0:
		c.MaxAge = -1
	case lifetime > 0:
		c.MaxAge = int(lifetime / time.Second)
	}
	e.SetCookie(c)
}

// secureSite says whether the site is served over HTTPS: directly, or
// behind a proxy at the HTTPS Application URL.
func secureSite(e *core.RequestEvent) bool {
	return e.Request.TLS != nil || strings.HasPrefix(e.App.Settings().Meta.AppURL, "https://")
}
