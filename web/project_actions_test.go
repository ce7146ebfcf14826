package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// act posts one of the project panel's forms.
func (b *browser) act(slug string, form url.Values) (int, string, http.Header) {
	b.t.Helper()
	form.Set("csrf", b.csrfFrom("/projects/"+slug))
	return b.post("/projects/"+slug+"/act", form)
}

func TestAnotherCouncilFollowsAndExpressesInterestWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@bristol.test")
	slug := fx.published
	_, page := b.get("/projects/" + slug)
	for _, want := range []string{"Get involved", `value="follow"`, `id="interest-form"`, "Leeds City Council will see your name"} {
		if !strings.Contains(page, want) {
			t.Fatalf("the panel lacks %q", want)
		}
	}
	interest := func() (string, string, bool) {
		r, err := b.app.FindFirstRecordByFilter(hooks.ColInterests, "project = {:p} && user.email = 'officer@bristol.test'", dbx.Params{"p": projectID(t, b.app, slug)})
		if err != nil {
			return "", "", false
		}
		return r.GetString("kind"), r.GetString("state"), true
	}

	status, _, h := b.act(slug, url.Values{"action": {"follow"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/projects/"+slug {
		t.Fatalf("follow: %d %s", status, h.Get("Location"))
	}
	if kind, _, ok := interest(); !ok || kind != "following" {
		t.Fatalf("after following: %q %v", kind, ok)
	}
	_, page = b.get("/projects/" + slug)
	if !strings.Contains(page, "You are now following this project") || !strings.Contains(page, "Stop following") {
		t.Fatal("the page after following shows neither the banner nor the unfollow button")
	}
	if _, again := b.get("/projects/" + slug); strings.Contains(again, "You are now following") {
		t.Fatal("the banner showed twice")
	}

	// A missing kind: the summary, the field's message, the message kept.
	status, page, _ = b.act(slug, url.Values{"action": {"interest"}, "message": {"We have the same problem."}})
	if status != http.StatusBadRequest || !strings.Contains(page, `href="#f-kind"`) || !strings.Contains(page, "We have the same problem.</textarea>") ||
		!strings.Contains(page, "<title>Error: Missed bin reporting") {
		t.Fatalf("interest without a kind: %d", status)
	}
	status, _, _ = b.act(slug, url.Values{"action": {"interest"}, "kind": {"join"}, "message": {"We have the same problem."}})
	if status != http.StatusSeeOther {
		t.Fatalf("interest: %d", status)
	}
	if kind, state, _ := interest(); kind != "join" || state != "open" {
		t.Fatalf("after interest: %s %s", kind, state)
	}
	_, page = b.get("/projects/" + slug)
	if !strings.Contains(page, "Your interest has been sent to Leeds City Council") || !strings.Contains(page, "Waiting for a reply") {
		t.Fatal("the page after expressing interest")
	}
	if status, _, _ = b.act(slug, url.Values{"action": {"withdraw"}}); status != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", status)
	}
	if _, state, _ := interest(); state != "withdrawn" {
		t.Fatalf("after withdrawing: %s", state)
	}
	// Bristol may not confirm Leeds's project: the API's refusal shows.
	status, page, _ = b.act(slug, url.Values{"action": {"confirm"}})
	if status < 400 || !strings.Contains(page, "There is a problem") {
		t.Fatalf("confirming another council's project: %d", status)
	}
}

func TestTheOwningCouncilConfirmsWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@leeds.test")
	_, page := b.get("/projects/" + fx.published)
	if !strings.Contains(page, "Manage this project") || !strings.Contains(page, `value="confirm"`) {
		t.Fatal("the owner's panel")
	}
	if status, _, _ := b.act(fx.published, url.Values{"action": {"confirm"}}); status != http.StatusSeeOther {
		t.Fatalf("confirm: %d", status)
	}
	p, _ := b.app.FindFirstRecordByData(hooks.ColProjects, "slug", fx.published)
	if p.GetString("lastConfirmedAt") == "" {
		t.Fatal("not confirmed")
	}
	// Closing needs a project to continue in, and a reason.
	status, page, _ := b.act(fx.published, url.Values{"action": {"close"}, "continuedIn": {"/projects/no-such-thing"}})
	if status != http.StatusBadRequest || !strings.Contains(page, "No published project has that address") || !strings.Contains(page, "Choose why it is closing") {
		t.Fatalf("close with bad input: %d", status)
	}
}

func TestActingOnAProjectOneCannotSeeIsNotFound(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@bristol.test")
	status, _, _ := b.post("/projects/"+fx.draft+"/act", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"follow"}})
	unknown, _, _ := b.post("/projects/no-such-project/act", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"follow"}})
	if status != http.StatusNotFound || unknown != http.StatusNotFound {
		t.Fatalf("another council's draft %d, an unknown project %d: both should be 404", status, unknown)
	}
	v := newBrowser(t)
	if status, _, h := v.post("/projects/"+fx.published+"/act", url.Values{"csrf": {v.csrfFrom("/sign-in")}, "action": {"follow"}}); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/sign-in?next=") {
		t.Fatalf("a visitor following: %d %s", status, h.Get("Location"))
	}
}

func TestPledgingToAPartnerCallWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	calls, _ := b.app.FindCollectionByNameOrId(hooks.ColCalls)
	c := core.NewRecord(calls)
	c.Load(map[string]any{"project": projectID(t, b.app, fx.published), "description": "Build it with us.", "goalPartners": 2,
		"goalFunding": 50000, "deadline": time.Now().Add(30 * 24 * time.Hour), "state": "open"})
	if err := b.app.Save(c); err != nil {
		t.Fatal(err)
	}
	b.signIn("officer@bristol.test")
	_, page := b.get("/projects/" + fx.published)
	if !strings.Contains(page, "Build it with us.") || !strings.Contains(page, `id="pledge-form"`) || !strings.Contains(page, "0 of 2 partner organisations") {
		t.Fatal("the call section for another council")
	}
	status, page, _ := b.act(fx.published, url.Values{"action": {"pledge"}, "funding": {"a lot"}, "note": {"Our note"}})
	if status != http.StatusBadRequest || !strings.Contains(page, "Enter funding as a whole number of pounds") || !strings.Contains(page, "Our note</textarea>") {
		t.Fatalf("a pledge that is not a number: %d", status)
	}
	if status, _, h := b.act(fx.published, url.Values{"action": {"pledge"}, "funding": {"£20,000"}, "days": {"5"}}); status != http.StatusSeeOther ||
		h.Get("Location") != "/projects/"+fx.published+"#call" {
		t.Fatalf("pledge: %d %s", status, h.Get("Location"))
	}
	_, page = b.get("/projects/" + fx.published)
	if !strings.Contains(page, "Your organisation’s pledge is saved") || !strings.Contains(page, "1 of 2 partner organisations") ||
		!strings.Contains(page, "£20,000 of £50,000") || !strings.Contains(page, "Withdraw the pledge") {
		t.Fatal("the page after pledging")
	}
	if status, _, _ := b.act(fx.published, url.Values{"action": {"withdrawPledge"}}); status != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", status)
	}
	if c, _ = b.app.FindRecordById(hooks.ColCalls, c.Id); c.GetInt("pledgedPartners") != 0 {
		t.Fatalf("after withdrawing, %d partners", c.GetInt("pledgedPartners"))
	}
	// The owner sees the cancel form, not the pledge form.
	o := b.another()
	o.signIn("officer@leeds.test")
	if _, page = o.get("/projects/" + fx.published); !strings.Contains(page, "Cancel the partner call") || strings.Contains(page, `id="pledge-form"`) {
		t.Fatal("the owner's call section")
	}
}

func TestPostingAnUpdateWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@bristol.test")
	if status, page := b.get("/projects/" + fx.published + "/update"); status != http.StatusForbidden || !strings.Contains(page, "You cannot post an update") {
		t.Fatalf("another council's officer: %d", status)
	}
	if status, _ := b.get("/projects/" + fx.draft + "/update"); status != http.StatusNotFound {
		t.Fatalf("another council's draft: %d", status)
	}
	o := b.another()
	o.signIn("officer@leeds.test")
	path := "/projects/" + fx.published + "/update"
	status, page := o.get(path)
	if status != 200 || !strings.Contains(page, `id="f-phaseTo" name="phaseTo" type="radio" value="" checked`) {
		t.Fatalf("the owner's form: %d", status)
	}
	status, page, _ = o.post(path, url.Values{"csrf": {o.csrfFrom(path)}, "phaseTo": {"beta"}})
	if status != http.StatusBadRequest || !strings.Contains(page, "Enter what has happened") || !strings.Contains(page, `value="beta" checked`) {
		t.Fatalf("an empty update: %d", status)
	}
	status, _, h := o.post(path, url.Values{"csrf": {o.csrfFrom(path)}, "body": {"We started beta."}, "phaseTo": {"beta"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/projects/"+fx.published {
		t.Fatalf("update: %d", status)
	}
	p, _ := o.app.FindFirstRecordByData(hooks.ColProjects, "slug", fx.published)
	if p.GetString("phase") != "beta" {
		t.Fatalf("phase %s", p.GetString("phase"))
	}
	if _, page = o.get("/projects/" + fx.published); !strings.Contains(page, "We started beta.") || !strings.Contains(page, "Your update is posted") {
		t.Fatal("the project page after the update")
	}
}

func TestOpeningAPartnerCallWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@leeds.test")
	path := "/projects/" + fx.published + "/call"
	status, page, _ := b.post(path, url.Values{"csrf": {b.csrfFrom(path)}, "goalFunding": {"lots"}, "deadline-day": {"31"}, "deadline-month": {"2"}, "deadline-year": {"2027"}})
	for _, want := range []string{"Say what you will build if the call succeeds", "Enter a whole number", "Enter a real date for the deadline"} {
		if !strings.Contains(page, want) {
			t.Errorf("a bad call lacks %q", want)
		}
	}
	if status != http.StatusBadRequest {
		t.Fatalf("a bad call: %d", status)
	}
	when := time.Now().Add(30 * 24 * time.Hour)
	status, _, h := b.post(path, url.Values{"csrf": {b.cookie(csrfCookie)}, "description": {"Build it with us."}, "goalPartners": {"2"},
		"deadline-day": {strconv.Itoa(when.Day())}, "deadline-month": {strconv.Itoa(int(when.Month()))}, "deadline-year": {strconv.Itoa(when.Year())}})
	if status != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "#call") {
		t.Fatalf("open a call: %d", status)
	}
	if n, _ := b.app.CountRecords(hooks.ColCalls); n != 1 {
		t.Fatalf("%d calls", n)
	}
	o := b.another()
	o.signIn("officer@bristol.test")
	if status, _ := o.get(path); status != http.StatusForbidden {
		t.Fatalf("another council's officer: %d", status)
	}
}
