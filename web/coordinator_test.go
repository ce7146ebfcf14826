package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// addCoordinator adds Cora, an approved coordinator (co@network.test).
func addCoordinator(t testing.TB, b *browser) *core.Record {
	t.Helper()
	users, _ := b.app.FindCollectionByNameOrId(hooks.ColUsers)
	co := core.NewRecord(users)
	co.Load(map[string]any{"email": "co@network.test", "password": "a-long-test-password", "name": "Cora Coordinator",
		"role": hooks.RoleCoordinator, "membership": hooks.MembershipApproved, "verified": true})
	if err := b.app.Save(co); err != nil {
		t.Fatal(err)
	}
	return co
}

func TestCoordinatorNudgesWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	addCoordinator(t, b)
	p, _ := b.app.FindFirstRecordByData(hooks.ColProjects, "slug", fx.published)
	owner, _ := b.app.FindAuthRecordByEmail(hooks.ColUsers, "officer@leeds.test")
	if _, err := b.app.DB().NewQuery("UPDATE projects SET chaseStage = 2, owner = {:o}, lastActivityAt = '2026-01-05 10:00:00.000Z' WHERE id = {:id}").
		Bind(map[string]any{"id": p.Id, "o": owner.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	b.signIn("co@network.test")
	status, page := b.get("/coordinator")
	for _, want := range []string{"Network health", "Projects by phase", `<title id="phases-chart-title">`, "Missed bin reporting", "Reminded",
		`href="/coordinator?nudge=project%3a` + p.Id + `#message-form"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the coordinator page lacks %q", want)
		}
	}
	if status != 200 {
		t.Fatalf("/coordinator: %d", status)
	}
	// The nudge link opens the message form, written for the project; GET sends nothing.
	status, page = b.get("/coordinator?nudge=project:" + p.Id)
	if status != 200 || !strings.Contains(page, `id="message-form"`) || !strings.Contains(page, "Is Missed bin reporting still accurate on Pipeline?") {
		t.Fatalf("the nudge form: %d", status)
	}
	form := url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"nudgeProject"}, "id": {p.Id}, "open": {"project:" + p.Id},
		"title": {"Missed bin reporting"}, "message": {"  "}}
	if status, page, _ = b.post("/coordinator", form); status != http.StatusBadRequest || !strings.Contains(page, "Write a message") {
		t.Fatalf("an empty nudge: %d", status)
	}
	form.Set("message", "Please confirm it.")
	status, _, h := b.post("/coordinator", form)
	if status != http.StatusSeeOther || h.Get("Location") != "/coordinator" {
		t.Fatalf("nudge: %d", status)
	}
	if _, page = b.get("/coordinator"); !strings.Contains(page, "Nudge sent: Pipeline has sent your message about Missed bin reporting to 1 person") {
		t.Fatal("no banner after the nudge")
	}
	n, err := b.app.CountRecords(hooks.ColNotifications)
	if err != nil || n == 0 {
		t.Fatalf("the nudge told nobody: %d %v", n, err)
	}
	// An officer is not a coordinator.
	o := b.another()
	o.signIn("officer@leeds.test")
	if status, _ := o.get("/coordinator"); status != http.StatusForbidden {
		t.Fatalf("an officer: %d", status)
	}
	form.Set("csrf", o.cookie(csrfCookie))
	if status, _, _ := o.post("/coordinator", form); status < 400 {
		t.Fatalf("an officer nudging: %d", status)
	}
}
