package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

func TestMyPipelineWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	bristol := b.another()
	bristol.signIn("officer@bristol.test")
	if status, _, _ := bristol.act(fx.published, url.Values{"action": {"interest"}, "kind": {"reuse"}, "message": {"We would reuse it."}}); status != http.StatusSeeOther {
		t.Fatalf("interest: %d", status)
	}
	b.signIn("officer@leeds.test")
	status, page := b.get("/my")
	for _, want := range []string{"Missed bin reporting", "Secret draft plan", "1 waiting for a reply.", "We would reuse it.", `value="acknowledged"`,
		`<input type="hidden" name="action" value="confirm">`} {
		if !strings.Contains(page, want) {
			t.Errorf("My Pipeline lacks %q", want)
		}
	}
	if status != 200 {
		t.Fatalf("/my: %d", status)
	}
	i, err := b.app.FindFirstRecordByData(hooks.ColInterests, "kind", "reuse")
	if err != nil {
		t.Fatal(err)
	}
	status, _, h := b.post("/my", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"answer"}, "id": {i.Id}, "state": {"acknowledged"},
		"title": {"Missed bin reporting"}, "from": {"Officer, Bristol"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/my#interest-received" {
		t.Fatalf("answer: %d %s", status, h.Get("Location"))
	}
	if i, _ = b.app.FindRecordById(hooks.ColInterests, i.Id); i.GetString("state") != "acknowledged" {
		t.Fatalf("state %s", i.GetString("state"))
	}
	if _, page = b.get("/my"); !strings.Contains(page, "You have acknowledged the interest from Officer, Bristol in Missed bin reporting") {
		t.Fatal("no banner after answering")
	}
	// Bristol's officer cannot answer their own interest for Leeds.
	if status, _, _ := bristol.post("/my", url.Values{"csrf": {bristol.cookie(csrfCookie)}, "action": {"answer"}, "id": {i.Id}, "state": {"collaborating"}}); status < 400 {
		t.Fatalf("the interested answering themselves: %d", status)
	}
	if i, _ = b.app.FindRecordById(hooks.ColInterests, i.Id); i.GetString("state") != "acknowledged" {
		t.Fatalf("state changed to %s", i.GetString("state"))
	}
	// They see it as sent, and can withdraw it.
	if _, page = bristol.get("/my"); !strings.Contains(page, "Acknowledged") || !strings.Contains(page, `value="withdraw"`) {
		t.Fatal("Bristol's sent interest")
	}
	// Settings: a bad choice is refused on its field, a good one saved.
	status, page, _ = b.post("/my", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"settings"}, "emailFrequency": {"hourly"}})
	if status != http.StatusBadRequest || !strings.Contains(page, `href="#f-emailFrequency"`) {
		t.Fatalf("bad frequency: %d", status)
	}
	if status, _, _ = b.post("/my", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"settings"}, "emailFrequency": {"weekly"}}); status != http.StatusSeeOther {
		t.Fatalf("settings: %d", status)
	}
	u, _ := b.app.FindAuthRecordByEmail(hooks.ColUsers, "officer@leeds.test")
	if u.GetString("emailFrequency") != "weekly" {
		t.Fatalf("frequency %s", u.GetString("emailFrequency"))
	}
	// Notices: mark all read.
	notes, _ := b.app.FindCollectionByNameOrId(hooks.ColNotifications)
	n := core.NewRecord(notes)
	n.Load(map[string]any{"user": u.Id, "kind": "interest", "title": "A notice", "url": "javascript:alert(1)"})
	if err := b.app.Save(n); err != nil {
		t.Fatal(err)
	}
	if _, page = b.get("/my"); !strings.Contains(page, "You have 1 unread notification") || strings.Contains(page, "javascript:") {
		t.Fatal("the notice, or its unsafe address")
	}
	if status, _, _ = b.post("/my", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"readAll"}}); status != http.StatusSeeOther {
		t.Fatalf("read all: %d", status)
	}
	if n, _ = b.app.FindRecordById(hooks.ColNotifications, n.Id); n.GetString("readAt") == "" {
		t.Fatal("not read")
	}
}

func TestPortfolioWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@leeds.test")
	status, page := b.get("/portfolio")
	for _, want := range []string{"Your organisation's portfolio", "Missed bin reporting", "Secret draft plan", "2 projects: 1 published, 1 draft",
		`href="/api/pipeline/portfolio.csv"`, `aria-sort="ascending"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the portfolio lacks %q", want)
		}
	}
	if status != 200 {
		t.Fatalf("/portfolio: %d", status)
	}
	// Sorted by title, descending: Secret before Missed.
	_, page = b.get("/portfolio?sort=title&dir=descending")
	if strings.Index(page, "Secret draft plan") > strings.Index(page, "Missed bin reporting") {
		t.Fatal("not sorted descending")
	}
	// The CSV downloads with the session cookie alone.
	if status, body := b.get("/api/pipeline/portfolio.csv"); status != 200 || !strings.Contains(body, "Secret draft plan") {
		t.Fatalf("CSV: %d", status)
	}
	// Bristol cannot ask for Leeds's portfolio.
	o := b.another()
	o.signIn("officer@bristol.test")
	if _, page := o.get("/portfolio?organisation=leeds"); strings.Contains(page, "Secret draft plan") {
		t.Fatal("another council's draft in the portfolio")
	}
}
