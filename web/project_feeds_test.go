package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"pipeline/hooks"
)

// weeknotes serves a team's Atom feed of two weeknotes on loopback, and
// counts its readers.
func weeknotes(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var reads atomic.Int32
	day := func(n int) string { return time.Now().UTC().AddDate(0, 0, -n).Format(time.RFC3339) }
	doc := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Leeds Digital: weeknotes</title>
  <id>tag:digital.leeds.example,2026:/weeknotes</id>
  <updated>` + day(1) + `</updated>
  <entry>
    <title>Weeknote 12: crews &amp; routes</title>
    <link href="https://digital.leeds.example/2026/weeknote-12/"/>
    <id>tag:digital.leeds.example,2026:/2026/weeknote-12</id>
    <updated>` + day(1) + `</updated>
    <summary type="html">&lt;p&gt;We rode along with &lt;b&gt;two crews&lt;/b&gt;.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</summary>
  </entry>
  <entry>
    <title>Weeknote 11: starting alpha</title>
    <link href="https://digital.leeds.example/2026/weeknote-11/"/>
    <id>tag:digital.leeds.example,2026:/2026/weeknote-11</id>
    <updated>` + day(8) + `</updated>
    <summary>Three prototypes to try.</summary>
  </entry>
</feed>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.atom" {
			http.NotFound(w, r)
			return
		}
		reads.Add(1)
		w.Header().Set("Content-Type", "application/atom+xml")
		_, _ = w.Write([]byte(doc))
	}))
	t.Cleanup(srv.Close)
	return srv, &reads
}

func TestReportOnceOnTheEditPageWithoutScripts(t *testing.T) {
	t.Setenv(hooks.EnvFeedsLoopback, "1")
	srv, reads := weeknotes(t)
	b := newBrowser(t)
	b.signIn("officer@leeds.test")
	edit := "/projects/" + fx.published + "/edit"
	status, page := b.get(edit)
	if status != 200 || !strings.Contains(page, `id="f-feedUrl" name="feedUrl" type="url"`) || !strings.Contains(page, `id="f-repoUrl"`) ||
		strings.Contains(page, "Read it now") {
		t.Fatalf("the edit page before any feed: %d", status)
	}
	form := url.Values{}
	for k, v := range map[string]string{"title": "Missed bin reporting", "summary": "Report a missed bin.", "phase": "discovery",
		"visibility": "published", "budgetBand": "unknown", "contactName": "Olu", "contactEmail": "olu@leeds.test"} {
		form.Set(k, v)
	}
	// An address inside the server's network is refused, naming the field.
	form.Set("csrf", b.csrfFrom(edit))
	form.Set("feedUrl", "http://169.254.169.254/latest/meta-data/")
	form.Set("repoUrl", "https://github.com/leeds-council")
	status, page, _ = b.post(edit, form)
	for _, want := range []string{`href="#f-feedUrl"`, "Pipeline does not read addresses inside a private network", `href="#f-repoUrl"`,
		"Enter a public GitHub or GitLab repository", `value="http://169.254.169.254/latest/meta-data/"`, "<title>Error: Edit Missed bin reporting"} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused address lacks %q", want)
		}
	}
	if status != http.StatusBadRequest {
		t.Fatalf("a private address: %d", status)
	}
	// The team's feed is kept, and shown as not read yet.
	form.Set("feedUrl", srv.URL+"/feed.atom")
	form.Set("repoUrl", "")
	if status, _, _ := b.post(edit, form); status != http.StatusSeeOther {
		t.Fatalf("saving the feed: %d", status)
	}
	_, page = b.get(edit)
	for _, want := range []string{`id="feeds"`, "Reading your feeds", srv.URL + "/feed.atom", "Not read yet", `action="` + edit[:len(edit)-5] + `/feeds"`, "Read it now"} {
		if !strings.Contains(page, want) {
			t.Errorf("the edit page with a feed lacks %q", want)
		}
	}
	// Read it now.
	status, _, h := b.post("/projects/"+fx.published+"/feeds", url.Values{"csrf": {b.csrfFrom(edit)}})
	if status != http.StatusSeeOther || h.Get("Location") != edit+"#feeds" || reads.Load() != 1 {
		t.Fatalf("read now: %d %s, %d reads", status, h.Get("Location"), reads.Load())
	}
	_, page = b.get(edit)
	for _, want := range []string{"Pipeline has read the feed: what it gave is shown below", "Last read", "What it gave",
		"2 new updates from 2 entries", "Next read"} {
		if !strings.Contains(page, want) {
			t.Errorf("the edit page after reading lacks %q", want)
		}
	}
	// The project's page shows the weeknotes, as text, with a link to the rest.
	_, page = b.get("/projects/" + fx.published)
	for _, want := range []string{`<h3 class="govuk-heading-s govuk-!-margin-bottom-2">Weeknote 12: crews &amp; routes</h3>`,
		"We rode along with two crews.", `href="https://digital.leeds.example/2026/weeknote-12/">Read the rest<span class="govuk-visually-hidden"> of Weeknote 12: crews &amp; routes</span> on digital.leeds.example</a>`,
		"From the team&#39;s feed"} {
		if !strings.Contains(page, want) {
			t.Errorf("the project page lacks %q", want)
		}
	}
	if strings.Contains(page, "alert(1)") || strings.Contains(page, "<b>two crews</b>") {
		t.Error("the feed's markup reached the page")
	}
	// Reading again at once is refused, and says why.
	status, page, _ = b.post("/projects/"+fx.published+"/feeds", url.Values{"csrf": {b.csrfFrom(edit)}})
	if status != http.StatusTooManyRequests || !strings.Contains(page, "less than a minute ago") || reads.Load() != 1 {
		t.Fatalf("read twice: %d, %d reads", status, reads.Load())
	}

	// Another council's officer may not read it; a visitor is asked to
	// sign in; a form without its token is refused. None of them reads.
	o := b.another()
	o.signIn("officer@bristol.test")
	if status, page, _ := o.post("/projects/"+fx.published+"/feeds", url.Values{"csrf": {o.cookie(csrfCookie)}}); status != http.StatusForbidden ||
		!strings.Contains(page, "You cannot edit this project") {
		t.Fatalf("another council's officer: %d", status)
	}
	v := b.another()
	if status, _, h := v.post("/projects/"+fx.published+"/feeds", url.Values{"csrf": {v.csrfFrom("/sign-in")}}); status != http.StatusSeeOther ||
		!strings.HasPrefix(h.Get("Location"), "/sign-in?next=") {
		t.Fatalf("a visitor: %d %s", status, h.Get("Location"))
	}
	if status, _, _ := b.post("/projects/"+fx.published+"/feeds", url.Values{}); status != http.StatusForbidden {
		t.Fatalf("without the form's token: %d", status)
	}
	if status, _, _ := b.post("/projects/no-such-project/feeds", url.Values{"csrf": {b.csrfFrom(edit)}}); status != http.StatusNotFound {
		t.Fatalf("an unknown project: %d", status)
	}
	if status, _, _ := o.post("/projects/"+fx.draft+"/feeds", url.Values{"csrf": {o.cookie(csrfCookie)}}); status != http.StatusNotFound {
		t.Fatalf("another council's draft: %d", status)
	}
	if reads.Load() != 1 {
		t.Fatalf("the feed was read %d times", reads.Load())
	}
}

func TestAFeedThatFailsShowsItsProblem(t *testing.T) {
	t.Setenv(hooks.EnvFeedsLoopback, "1")
	srv, _ := weeknotes(t)
	b := newBrowser(t)
	p, err := b.app.FindFirstRecordByData(hooks.ColProjects, "slug", fx.published)
	if err != nil {
		t.Fatal(err)
	}
	p.Set("feedUrl", srv.URL+"/gone.atom")
	if err := b.app.Save(p); err != nil {
		t.Fatal(err)
	}
	if _, err := hooks.PullFeeds(b.app, time.Now().Add(-2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	b.signIn("officer@leeds.test")
	_, page := b.get("/projects/" + fx.published + "/edit")
	for _, want := range []string{"Problem", "Failing", "The address answered 404 Not Found: check the address is right, and public", "Failing since", "Never read"} {
		if !strings.Contains(page, want) {
			t.Errorf("a failing feed's edit page lacks %q", want)
		}
	}
	status, _, _ := b.post("/projects/"+fx.published+"/feeds", url.Values{"csrf": {b.csrfFrom("/projects/" + fx.published + "/edit")}})
	if status != http.StatusSeeOther {
		t.Fatalf("read a failing feed now: %d", status)
	}
	if _, page = b.get("/projects/" + fx.published + "/edit"); !strings.Contains(page, "Pipeline could not read the feed: the problem is shown below") {
		t.Error("no word of the failure")
	}
}
