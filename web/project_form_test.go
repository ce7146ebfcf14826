package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pipeline/hooks"
)

func TestPublishingAndEditingAProjectWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@leeds.test")
	status, page := b.get("/projects/new")
	if status != 200 || !strings.Contains(page, `value="officer@leeds.test"`) || !strings.Contains(page, `value="draft" checked`) {
		t.Fatalf("the new-project form: %d", status)
	}
	form := url.Values{"csrf": {b.csrfFrom("/projects/new")}, "summary": {"A summary that must survive."}, "phaseEnd-day": {"31"},
		"phaseEnd-month": {"2"}, "phaseEnd-year": {"2027"}, "tags": {strings.Repeat("x", 41)}, "links": {"Beta | javascript:alert(1)"},
		"seeking": {"partners", "funding"}}
	status, page, _ = b.post("/projects/new", form)
	for _, want := range []string{`href="#f-title"`, "Enter a project title", `href="#f-phase"`, "Phase end must be a real date",
		"Each tag must be 40 characters or fewer", "Enter a web address starting with https://", "A summary that must survive.</textarea>",
		`value="partners" checked`, `value="funding" checked`, "<title>Error: Add a project"} {
		if !strings.Contains(page, want) {
			t.Errorf("a bad project lacks %q", want)
		}
	}
	if status != http.StatusBadRequest {
		t.Fatalf("a bad project: %d %s", status, page)
	}
	form = url.Values{"csrf": {b.csrfFrom("/projects/new")}, "title": {"Pothole reporting"}, "summary": {"Report a pothole."},
		"phase": {"discovery"}, "visibility": {"published"}, "budgetBand": {"under50k"}, "tags": {"roads, potholes"},
		"phaseStart-day": {"1"}, "phaseStart-month": {"4"}, "phaseStart-year": {"2026"}, "links": {"Beta | https://example.gov.uk/beta"},
		"contactName": {"Olive"}, "contactEmail": {"olive@leeds.test"}}
	status, _, h := b.post("/projects/new", form)
	if status != http.StatusSeeOther || h.Get("Location") != "/projects/pothole-reporting" {
		t.Fatalf("publish: %d %s", status, h.Get("Location"))
	}
	p, err := b.app.FindFirstRecordByData(hooks.ColProjects, "slug", "pothole-reporting")
	if err != nil || p.GetString("organisation") != fx.leeds || p.GetString("phaseStart")[:10] != "2026-04-01" ||
		strings.Join(p.GetStringSlice("tags"), ",") != "roads,potholes" {
		t.Fatalf("saved: %v %s %s", err, p.GetString("phaseStart"), p.GetStringSlice("tags"))
	}
	// Editing shows what is stored and keeps it.
	status, page = b.get("/projects/pothole-reporting/edit")
	if status != 200 || !strings.Contains(page, `name="phaseStart-year" type="text" inputmode="numeric" value="2026"`) ||
		!strings.Contains(page, "Beta | https://example.gov.uk/beta</textarea>") || !strings.Contains(page, "What worked") {
		t.Fatalf("the edit form: %d", status)
	}
	form.Set("csrf", b.csrfFrom("/projects/pothole-reporting/edit"))
	form.Set("outcomeWorked", "Online reports.")
	if status, _, _ := b.post("/projects/pothole-reporting/edit", form); status != http.StatusSeeOther {
		t.Fatalf("edit: %d", status)
	}
	if p, _ = b.app.FindRecordById(hooks.ColProjects, p.Id); p.GetString("outcomeWorked") != "Online reports." {
		t.Fatal("the outcome was not saved")
	}
	// Another council's officer may not edit it.
	o := b.another()
	o.signIn("officer@bristol.test")
	if status, page := o.get("/projects/pothole-reporting/edit"); status != http.StatusForbidden || !strings.Contains(page, "You cannot edit this project") {
		t.Fatalf("another council's officer: %d", status)
	}
	form.Set("csrf", o.cookie(csrfCookie))
	form.Set("title", "Taken over")
	if status, _, _ := o.post("/projects/pothole-reporting/edit", form); status != http.StatusForbidden {
		t.Fatalf("another council's officer posting: %d", status)
	}
	if status, _ := o.get("/projects/" + fx.draft + "/edit"); status != http.StatusNotFound {
		t.Fatalf("another council's draft: %d", status)
	}
}
