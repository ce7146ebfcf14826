package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// Forms. Every form a page posts is answered by the server: the handler
// checks the CSRF token, asks Pipeline's own API to do the work as the
// signed-in person (so the API's rules, hooks and field errors apply
// unchanged: the pages never act as a superuser), then either redirects
// to the next page with a message (303, so a reload posts nothing twice)
// or shows the form again with a GOV.UK error summary and everything that
// was typed.

// form is a form's state as a page shows it.
type form struct {
	// CSRF is the token the form carries.
	CSRF string
	// Values is what was typed (or the stored values, on first showing).
	Values url.Values
	// Errors are the field errors, in the order the form shows its fields.
	Errors []fieldError
	// Problem is an error about the form as a whole.
	Problem string
}

// fieldError is one field's message; Field is the input's name, and the
// input's id is "f-" + Field.
type fieldError struct{ Field, Message string }

// newForm is a form showing values, carrying the page's CSRF token.
func newForm(e *core.RequestEvent, values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{CSRF: csrfToken(e), Values: values}
}

// Value is what the form holds for a field.
func (f *form) Value(field string) string { return f.Values.Get(field) }

// Has says whether a field (a radio or checkbox) holds value.
func (f *form) Has(field, value string) bool {
	for _, v := range f.Values[field] {
		if v == value {
			return true
		}
	}
	return false
}

// Err is a field's message, or "".
func (f *form) Err(field string) string {
	for _, fe := range f.Errors {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// Failed says whether the form has anything to correct.
func (f *form) Failed() bool { return len(f.Errors) > 0 || f.Problem != "" }

// add records a field's message (the first for a field stands).
func (f *form) add(field, message string) {
	if f.Err(field) == "" {
		f.Errors = append(f.Errors, fieldError{field, message})
	}
}

// required records "message" for each empty field among pairs of field
// name and message.
func (f *form) required(pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(f.Value(pairs[i])) == "" {
			f.add(pairs[i], pairs[i+1])
		}
	}
}

// apiAnswer is what Pipeline's API answered a request the pages made.
type apiAnswer struct {
	Status int
	Body   []byte
	// Message and Data are PocketBase's error shape, when it failed.
	Message string
	Data    map[string]struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
}

// OK says whether the API did what was asked.
func (a apiAnswer) OK() bool { return a.Status >= 200 && a.Status < 300 }

// decode reads a successful answer's JSON into v.
func (a apiAnswer) decode(v any) error {
	if err := json.Unmarshal(a.Body, v); err != nil {
		return fmt.Errorf("read the API's answer: %w", err)
	}
	return nil
}

// apiClient serves requests through the app's own router.
type apiClient struct {
	mu     sync.Mutex
	router *router.Router[*core.RequestEvent]
	mux    http.Handler
}

// use points the client at a serve event's router; its mux is built on
// first use, once every route has been bound.
func (c *apiClient) use(r *router.Router[*core.RequestEvent]) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.router, c.mux = r, nil
}

func (c *apiClient) handler() (http.Handler, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.mux == nil {
		if c.router == nil {
			return nil, fmt.Errorf("the pages' API client has no router yet")
		}
		m, err := c.router.BuildMux()
		if err != nil {
			return nil, fmt.Errorf("build the router for the pages' API client: %w", err)
		}
		c.mux = m
	}
	return c.mux, nil
}

// call asks the API, as the person asking the page (their session's
// token; none for a visitor), and from their address, so the API's rate
// limits count them as if they had called it themselves.
func (s *Site) call(e *core.RequestEvent, method, path string, body any) (apiAnswer, error) {
	h, err := s.api.handler()
	if err != nil {
		return apiAnswer{}, err
	}
	if body == nil {
		return s.send(e, h, method, path, "", nil)
	}
	b, err := json.Marshal(body)
	if err != nil {
		return apiAnswer{}, fmt.Errorf("encode a request to %s: %w", path, err)
	}
	return s.send(e, h, method, path, "application/json", b)
}

// callRaw is call with a body of its own type, such as a CSV.
func (s *Site) callRaw(e *core.RequestEvent, method, path, contentType string, body []byte) (apiAnswer, error) {
	h, err := s.api.handler()
	if err != nil {
		return apiAnswer{}, err
	}
	return s.send(e, h, method, path, contentType, body)
}

func (s *Site) send(e *core.RequestEvent, h http.Handler, method, path, contentType string, body []byte) (apiAnswer, error) {
	var r *http.Request
	if body != nil {
		r = httptest.NewRequest(method, path, bytes.NewReader(body))
		r.Header.Set("Content-Type", contentType)
	} else {
		r = httptest.NewRequest(method, path, nil)
	}
	r = r.WithContext(e.Request.Context())
	r.RemoteAddr = e.Request.RemoteAddr
	r.Host = e.Request.Host
	for _, h := range []string{"X-Forwarded-For", "X-Real-Ip", "Fly-Client-Ip", "Cf-Connecting-Ip", "User-Agent"} {
		if v := e.Request.Header.Get(h); v != "" {
			r.Header.Set(h, v)
		}
	}
	if t := sessionToken(e); t != "" {
		r.Header.Set("Authorization", t)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	a := apiAnswer{Status: w.Code, Body: w.Body.Bytes()}
	if !a.OK() {
		_ = json.Unmarshal(a.Body, &a)
	}
	return a, nil
}

// apply puts an API refusal on the form: each field error on its field
// (in words from messages where the code has some, else the API's), and
// the message as the whole form's problem when no field is named.
// fields maps the API's field names to the form's, where they differ.
func (f *form) apply(a apiAnswer, messages map[string]string, fields map[string]string) {
	for name, fe := range a.Data {
		field := name
		if to, ok := fields[name]; ok {
			field = to
		}
		msg := messages[name+"."+fe.Code]
		if msg == "" {
			msg = messages[name]
		}
		if msg == "" {
			msg = sentence(fe.Message)
		}
		f.add(field, msg)
	}
	if len(a.Data) == 0 {
		switch {
		case a.Status == http.StatusTooManyRequests:
			f.Problem = "You have tried too many times. Wait a minute, then try again."
		case a.Status >= 500:
			f.Problem = "Sorry, there is a problem with the service. Try again later."
		case a.Message != "":
			f.Problem = sentence(a.Message)
		default:
			f.Problem = "Sorry, that did not work. Try again."
		}
	}
}

// sentence makes sure a message ends like a sentence would in a summary.
func sentence(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), ".")
}

// Flash messages: the banner a page shows once, after a form sent the
// person to it.
const flashCookie = "pipeline_flash"

// redirectWith sends the browser to path (303: see other) with a success
// message for that page's banner.
func redirectWith(e *core.RequestEvent, path, message string) error {
	if message != "" {
		setCookie(e, flashCookie, url.QueryEscape(message), time.Minute, true)
	}
	return e.Redirect(http.StatusSeeOther, path)
}

// takeFlash is the message a form left for this page, cleared as it is
// read.
func takeFlash(e *core.RequestEvent) string {
	c, err := e.Request.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	setCookie(e, flashCookie, "", -1, true)
	m, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return m
}

// localPath is next when it is an address on this site, else fallback:
// "//host" and "/\host" both leave the site in a browser.
func localPath(next, fallback string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return u.RequestURI()
}

// posted checks a form's CSRF token and reads its fields; a form that
// fails the check is answered here with a page that says so.
func (s *Site) posted(e *core.RequestEvent) (url.Values, bool, error) {
	if err := e.Request.ParseForm(); err != nil || !csrfOK(e) {
		return nil, false, s.render(e, http.StatusForbidden, "message", Page{Title: "Your form could not be sent",
			Data: message{Heading: "Your form could not be sent", Body: "The form was open for too long, or came from another site. Go back, reload the page and try again."}})
	}
	return e.Request.PostForm, true, nil
}

// postedSignedIn is posted for a form that only someone signed in may
// send: a visitor is sent to sign in first.
func (s *Site) postedSignedIn(e *core.RequestEvent) (url.Values, bool, error) {
	values, ok, err := s.posted(e)
	if !ok {
		return nil, false, err
	}
	if ok, err := requireSignIn(e); !ok {
		return nil, false, err
	}
	return values, true, nil
}

// message is a page that only says something: a heading, a paragraph and
// perhaps a link or a button.
type message struct {
	Heading, Body  string
	Link, LinkText string
	// Button is a link styled as a button.
	Button bool
}
