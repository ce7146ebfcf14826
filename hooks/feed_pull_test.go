package hooks

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// feedTestNow is when the feed tests read: the test feeds are dated from
// it. It is close to the real time because notices and fixtures are
// stamped with the real time.
var feedTestNow = time.Now().UTC().Truncate(time.Second)

// withFeed gives pubA a feed (or repository) address on the test server,
// saved as an officer would (the test switch lets loopback through).
func withSource(t testing.TB, app core.App, field, address string) *core.Record {
	t.Helper()
	p, err := app.FindRecordById(ColProjects, fx.pubA)
	if err != nil {
		t.Fatal(err)
	}
	p.Set(field, address)
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// feedUpdates are the project's updates read from source, oldest first.
func feedUpdates(t testing.TB, app core.App, project, source string) []*core.Record {
	t.Helper()
	recs, err := app.FindRecordsByFilter(ColUpdates, "project = {:p} && source = {:s}", "created", 0, 0,
		dbx.Params{"p": project, "s": source})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// sourceState is the stored state of pubA's source.
func sourceState(t testing.TB, app core.App, source string) feedState {
	t.Helper()
	s, err := loadFeedState(app, fx.pubA, source)
	if err != nil || s == nil {
		t.Fatalf("state of %s: %v", source, err)
	}
	return *s
}

func pull(t testing.TB, app core.App, at time.Time) int {
	t.Helper()
	n, err := PullFeeds(app, at)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAnAtomFeedBecomesUpdatesOnceEach(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	srv := newFeedServer(t, feedTestNow)
	srv.serve("/tag/waste/feed.atom", "weeknotes.atom")
	withSource(t, app, "feedUrl", srv.URL+"/tag/waste/feed.atom")
	// The project has gone quiet and is being chased.
	if _, err := app.DB().NewQuery(`UPDATE projects SET lastActivityAt = {:old}, lastConfirmedAt = {:old}, chaseStage = 1,
		chasedAt = {:old} WHERE id = {:id}`).Bind(dbx.Params{"old": Stamp(feedTestNow.AddDate(0, 0, -100)).String(), "id": fx.pubA}).Execute(); err != nil {
		t.Fatal(err)
	}

	if n := pull(t, app, feedTestNow); n != 1 {
		t.Fatalf("sources read: %d", n)
	}
	got := feedUpdates(t, app, fx.pubA, SourceFeed)
	// A first read adds the newest three from the last 30 days, oldest
	// first; weeknote 40 (60 days old) is left out.
	if len(got) != 3 {
		t.Fatalf("%d updates from the first read", len(got))
	}
	first, newest := got[0], got[2]
	if !strings.HasPrefix(first.GetString("body"), "Weeknote 45: the route data arrived\n\nRoutes for every crew") {
		t.Errorf("oldest update: %q", first.GetString("body"))
	}
	body := newest.GetString("body")
	for _, want := range []string{"Weeknote 47: testing & the missed bin form\n\n", "We tested the missed bin form with 8 residents & two crews.",
		"Five of them could not find the “report” button."} {
		if !strings.Contains(body, want) {
			t.Errorf("newest update lacks %q: %q", want, body)
		}
	}
	for _, never := range []string{"<", "&amp;", "alert", "script"} {
		if strings.Contains(body, never) {
			t.Errorf("newest update keeps %q: %q", never, body)
		}
	}
	if newest.GetString("sourceUrl") != srv.URL+"/2026/weeknote-47/" || newest.GetString("author") != "" {
		t.Errorf("source of the newest: %q, author %q", newest.GetString("sourceUrl"), newest.GetString("author"))
	}
	if got, want := newest.GetDateTime("created").Time(), feedTestNow.AddDate(0, 0, -2); !got.Equal(want) {
		t.Errorf("the update is dated %v, the entry %v", got, want)
	}
	// Activity as of the newest entry; the chase is over.
	p, _ := app.FindRecordById(ColProjects, fx.pubA)
	if !p.GetDateTime("lastActivityAt").Time().Equal(feedTestNow.AddDate(0, 0, -2)) || p.GetInt("chaseStage") != 0 {
		t.Errorf("project after the read: active %v, chase stage %d", p.GetDateTime("lastActivityAt"), p.GetInt("chaseStage"))
	}
	// The follower (Bristol's officer) heard of each, with a link to the rest.
	notices, err := app.FindRecordsByFilter(ColNotifications, "user = {:u} && kind = {:k}", "", 0, 0,
		dbx.Params{"u": fx.officerB, "k": KindProjectUpdate})
	if err != nil || len(notices) != 3 {
		t.Fatalf("follower's notices: %d %v", len(notices), err)
	}
	for _, n := range notices {
		if !strings.Contains(n.GetString("body"), "\n\nRead the rest: ") || !strings.Contains(n.GetString("body"), "/2026/weeknote-4") {
			t.Errorf("a notice without its link: %q", n.GetString("body"))
		}
	}
	st := sourceState(t, app, SourceFeed)
	if st.LastError != "" || st.Failures != 0 || !strings.HasPrefix(st.LastResult, "3 new updates from 4 entries") {
		t.Errorf("state after the first read: %+v", st)
	}

	// Not due again for an hour.
	if n := pull(t, app, feedTestNow.Add(30*time.Minute)); n != 0 {
		t.Fatalf("read again within the hour: %d", n)
	}
	// Read again: the server is asked only for a change, and nothing is added.
	pull(t, app, feedTestNow.Add(61*time.Minute))
	if hits, notModified := srv.requests("/tag/waste/feed.atom"); hits != 2 || notModified != 1 {
		t.Fatalf("requests %d, answered 304 %d", hits, notModified)
	}
	if n := len(feedUpdates(t, app, fx.pubA, SourceFeed)); n != 3 {
		t.Fatalf("%d updates after a read of an unchanged feed", n)
	}
	if st := sourceState(t, app, SourceFeed); !strings.HasPrefix(st.LastResult, "Nothing new: unchanged") {
		t.Errorf("an unchanged feed: %q", st.LastResult)
	}

	// The team edits weeknote 47 (its title and text), gives weeknote 46 a
	// new id at the same address, and posts weeknote 48: only 48 is new.
	srv.mu.Lock()
	doc := srv.docs["/tag/waste/feed.atom"]
	srv.mu.Unlock()
	doc.body = strings.Replace(doc.body, "Weeknote 47: testing", "Weeknote 47 (corrected): testing", 1)
	doc.body = strings.Replace(doc.body, "8 residents", "nine residents", 1)
	doc.body = strings.Replace(doc.body, "<id>tag:digital.leeds.example,2026:/2026/weeknote-46</id>", "<id>urn:uuid:3f1b0a52-46</id>", 1)
	doc.body = strings.Replace(doc.body, "  <entry>", `  <entry>
    <title>Weeknote 48: the form goes live</title>
    <link rel="alternate" href="https://digital.leeds.example/2026/weeknote-48/"/>
    <id>tag:digital.leeds.example,2026:/2026/weeknote-48</id>
    <updated>`+feedTestNow.Add(-time.Hour).Format(time.RFC3339)+`</updated>
    <summary>It is live.</summary>
  </entry>
  <entry>`, 1)
	srv.set("/tag/waste/feed.atom", doc)
	pull(t, app, feedTestNow.Add(3*time.Hour))
	got = feedUpdates(t, app, fx.pubA, SourceFeed)
	if len(got) != 4 || got[3].GetString("body") != "Weeknote 48: the form goes live\n\nIt is live." {
		t.Fatalf("after an edit and a new entry: %d updates, the last %q", len(got), got[len(got)-1].GetString("body"))
	}
	if st := sourceState(t, app, SourceFeed); !strings.HasPrefix(st.LastResult, "1 new update from 5 entries") {
		t.Errorf("after an edit: %q", st.LastResult)
	}
	// A read now, then at once again, adds nothing either.
	if _, err := PullProject(app, fx.pubA, feedTestNow.Add(4*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := PullProject(app, fx.pubA, feedTestNow.Add(4*time.Hour+10*time.Second)); err != errReadTooSoon {
		t.Fatalf("a read within a minute of the last: %v", err)
	}
	if n := len(feedUpdates(t, app, fx.pubA, SourceFeed)); n != 4 {
		t.Fatalf("%d updates after reading now", n)
	}
}

func TestRSSAndJSONFeedsBecomeUpdates(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	for _, c := range []struct {
		file, path string
		bodies     []string // oldest first
		links      []string
		notInBody  []string
	}{
		{"blog.rss", "/category/parking/feed/",
			[]string{"Sprint 11: what the pilot showed\n\nHalf of applicants finished in under 5 minutes & nobody phoned.",
				"Sprint 12: permits for carers\n\nCarers can now apply for a visitor permit online. The post Sprint 12: permits for carers appeared first on Bristol Digital."},
			[]string{"https://digital.bristol.example/2026/sprint-11-what-the-pilot-showed/", "https://digital.bristol.example/2026/sprint-12-permits-for-carers/"},
			[]string{"<p>", "CDATA"}},
		{"feed.json", "/feed.json",
			[]string{"Discovery done\n\nWhat we learnt in discovery, in plain text.", "Repairs alpha: three prototypes\n\nThree prototypes of reporting a repair."},
			[]string{"", "https://labs.camden.example/notes/repairs-alpha"},
			[]string{"<em>", "javascript"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			app := newTestApp(t)
			defer app.Cleanup()
			srv := newFeedServer(t, feedTestNow)
			srv.serve(c.path, c.file)
			withSource(t, app, "feedUrl", srv.URL+c.path)
			pull(t, app, feedTestNow)
			got := feedUpdates(t, app, fx.pubA, SourceFeed)
			if len(got) != len(c.bodies) {
				t.Fatalf("%d updates", len(got))
			}
			for i, u := range got {
				if u.GetString("body") != c.bodies[i] || u.GetString("sourceUrl") != c.links[i] {
					t.Errorf("update %d: %q %q", i, u.GetString("body"), u.GetString("sourceUrl"))
				}
				for _, never := range c.notInBody {
					if strings.Contains(u.GetString("body")+u.GetString("sourceUrl"), never) {
						t.Errorf("update %d keeps %q", i, never)
					}
				}
			}
			pull(t, app, feedTestNow.Add(2*time.Hour))
			if n := len(feedUpdates(t, app, fx.pubA, SourceFeed)); n != len(c.bodies) {
				t.Fatalf("%d updates after reading again", n)
			}
		})
	}
}

func TestARepositorysReleasesAreUpdatesAndItsCommitsActivity(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	srv := newFeedServer(t, feedTestNow)
	// A GitLab of the council's own, on loopback: its API names the default
	// branch, develop.
	srv.set("/api/v4/projects/council%2Fbins", servedDoc{contentType: "application/json", body: `{"id":7,"default_branch":"develop"}`})
	srv.serve("/council/bins/-/tags?format=atom", "gitlab-tags.atom")
	srv.serve("/council/bins/-/commits/develop?format=atom", "gitlab-commits.atom")
	p := withSource(t, app, "repoUrl", srv.URL+"/council/bins.git")
	if p.GetString("repoUrl") != srv.URL+"/council/bins" {
		t.Fatalf("stored as %s", p.GetString("repoUrl"))
	}
	if _, err := app.DB().NewQuery(`UPDATE projects SET lastActivityAt = {:old} WHERE id = {:id}`).
		Bind(dbx.Params{"old": Stamp(feedTestNow.AddDate(0, 0, -50)).String(), "id": fx.pubA}).Execute(); err != nil {
		t.Fatal(err)
	}
	pull(t, app, feedTestNow)
	got := feedUpdates(t, app, fx.pubA, SourceRepo)
	if len(got) != 2 || got[1].GetString("body") != "Released v1.2.0\n\nReports now include the crew's route." ||
		got[0].GetString("body") != "Released v1.1.0" || got[1].GetString("sourceUrl") != srv.URL+"/council/bins/-/tags/v1.2.0" {
		t.Fatalf("releases: %d %v", len(got), got)
	}
	p, _ = app.FindRecordById(ColProjects, fx.pubA)
	if !p.GetDateTime("lastActivityAt").Time().Equal(feedTestNow.AddDate(0, 0, -1)) {
		t.Errorf("active at %v, want the newest commit's date", p.GetDateTime("lastActivityAt"))
	}
	st := sourceState(t, app, SourceRepo)
	if st.LastError != "" || !strings.Contains(st.LastResult, "2 new releases from 2 entries") ||
		!strings.Contains(st.LastResult, "latest commit") || !strings.Contains(st.LastResult, "counted as activity") {
		t.Errorf("repository state: %+v", st)
	}
	if memo := readMemo(st.Validators); memo.Branch != "develop" || len(memo.Docs) != 2 {
		t.Errorf("memo: %+v", memo)
	}
	// Commits are activity, never updates; read again, nothing is added
	// and the API is not asked again.
	pull(t, app, feedTestNow.Add(2*time.Hour))
	if n := len(feedUpdates(t, app, fx.pubA, SourceRepo)); n != 2 {
		t.Fatalf("%d releases after reading again", n)
	}
	if hits, _ := srv.requests("/api/v4/projects/council%2Fbins"); hits != 1 {
		t.Errorf("GitLab's API asked %d times", hits)
	}
	if _, notModified := srv.requests("/council/bins/-/commits/develop?format=atom"); notModified != 1 {
		t.Error("the commits were not asked for conditionally")
	}
}

func TestGitHubReleasesAreReadFromTheirAtomFeed(t *testing.T) {
	srv := newFeedServer(t, feedTestNow)
	srv.serve("/releases.atom", "github-releases.atom")
	entries, n, err := parseEntries([]byte(srv.docs["/releases.atom"].body), "https://github.com/leeds-council/missed-bins/releases.atom")
	if err != nil || n != 1 || len(entries) != 1 {
		t.Fatalf("%d entries of %d: %v", len(entries), n, err)
	}
	e := entries[0]
	if entryBody(SourceRepo, e) != "Released Version 2: reports by text message\n\nWhat's Changed Report a missed bin by text message by @olu" ||
		e.Link != "https://github.com/leeds-council/missed-bins/releases/tag/v2.0.0" ||
		e.Keys[0] != "id:tag:github.com,2008:Repository/812345678/v2.0.0" {
		t.Fatalf("%q %+v", entryBody(SourceRepo, e), e)
	}
}

func TestAFailingFeedBacksOffAndItsOwnerIsToldOnce(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	srv := newFeedServer(t, feedTestNow)
	srv.set("/feed", servedDoc{status: http.StatusInternalServerError, body: "oops"})
	withSource(t, app, "feedUrl", srv.URL+"/feed")
	told := func() int {
		n, err := app.CountRecords(ColNotifications, dbx.HashExp{"kind": KindFeedFailing, "user": fx.officerA})
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	at := feedTestNow
	pull(t, app, at)
	st := sourceState(t, app, SourceFeed)
	if st.Failures != 1 || st.LastError != "The address answered 500 Internal Server Error" || st.NextAttemptAt != Stamp(at.Add(15*time.Minute)).String() {
		t.Fatalf("after one failure: %+v", st)
	}
	if n := pull(t, app, at.Add(10*time.Minute)); n != 0 {
		t.Fatal("tried again before its time")
	}
	// Each failure doubles the wait, up to 12 hours; a week on, the owner
	// is told, once.
	var waits []time.Duration
	for at.Sub(feedTestNow) < 9*24*time.Hour {
		next, err := time.Parse(dateLayout, sourceState(t, app, SourceFeed).NextAttemptAt)
		if err != nil {
			t.Fatal(err)
		}
		waits = append(waits, next.Sub(at))
		at = next
		if pull(t, app, at) != 1 {
			t.Fatalf("not tried at %v", at)
		}
		if at.Sub(feedTestNow) < feedTellAfter && told() != 0 {
			t.Fatalf("owner told after %v", at.Sub(feedTestNow))
		}
	}
	if waits[0] != 15*time.Minute || waits[1] != 30*time.Minute || waits[2] != time.Hour || waits[len(waits)-1] != 12*time.Hour {
		t.Errorf("waits: %v", waits)
	}
	if told() != 1 {
		t.Fatalf("owner told %d times", told())
	}
	n, _ := app.FindFirstRecordByFilter(ColNotifications, "kind = {:k}", dbx.Params{"k": KindFeedFailing})
	if !strings.Contains(n.GetString("title"), "cannot read the feed of Missed bin reporting") ||
		!strings.Contains(n.GetString("body"), "500 Internal Server Error") || n.GetString("url") != "/projects/missed-bin-reporting/edit#feeds" {
		t.Errorf("the notice: %q %q %q", n.GetString("title"), n.GetString("body"), n.GetString("url"))
	}
	// It recovers: the count starts again, and a later week of failures
	// would tell the owner again.
	srv.serve("/feed", "weeknotes.atom")
	at = at.Add(13 * time.Hour)
	pull(t, app, at)
	st = sourceState(t, app, SourceFeed)
	if st.Failures != 0 || st.LastError != "" || st.OwnerTold || st.FirstFailureAt != "" || st.LastReadAt == "" {
		t.Fatalf("after recovering: %+v", st)
	}
	if n := len(feedUpdates(t, app, fx.pubA, SourceFeed)); n == 0 {
		t.Fatal("nothing read after recovering")
	}
}

func TestFeedsAreFetchedSafely(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	srv := newFeedServer(t, feedTestNow)
	srv.set("/to-metadata", servedDoc{redirect: "http://169.254.169.254/latest/meta-data/"})
	srv.set("/to-private", servedDoc{redirect: "http://10.1.2.3/feed"})
	srv.set("/to-ipv6-loopback", servedDoc{redirect: "http://[::1]:80/feed"})
	srv.set("/to-file", servedDoc{redirect: "file:///etc/passwd"})
	srv.set("/big", servedDoc{contentType: "application/atom+xml", body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">` +
		strings.Repeat("<!-- padding -->", 70000) + `</feed>`})
	srv.set("/not-a-feed", servedDoc{contentType: "text/html", body: "<!doctype html><html><body><h1>Our blog</h1></body></html>"})
	for path, want := range map[string]string{
		"/to-metadata":      "Pipeline does not read the address",
		"/to-private":       "Pipeline does not read the address",
		"/to-ipv6-loopback": "Pipeline does not read the address",
		"/to-file":          "Pipeline does not read the address",
		"/big":              "gave more than 1 MB",
		"/not-a-feed":       "did not give an Atom, RSS or JSON feed",
		"/missing":          "answered 404 Not Found",
	} {
		withSource(t, app, "feedUrl", srv.URL+path)
		if _, err := app.DB().NewQuery("DELETE FROM " + feedSourcesTable).Execute(); err != nil {
			t.Fatal(err)
		}
		pull(t, app, feedTestNow)
		if st := sourceState(t, app, SourceFeed); !strings.Contains(st.LastError, want) || st.Failures != 1 {
			t.Errorf("%s: %q", path, st.LastError)
		}
	}
	// Without the test switch, a loopback address stored before (as a
	// name that resolves there would be) is refused when it is fetched.
	srv.serve("/feed", "weeknotes.atom")
	withSource(t, app, "feedUrl", srv.URL+"/feed")
	t.Setenv(EnvFeedsLoopback, "")
	if _, err := app.DB().NewQuery("DELETE FROM " + feedSourcesTable).Execute(); err != nil {
		t.Fatal(err)
	}
	pull(t, app, feedTestNow)
	if st := sourceState(t, app, SourceFeed); !strings.Contains(st.LastError, "Pipeline does not read the address") {
		t.Errorf("loopback without the switch: %q", st.LastError)
	}
	if hits, _ := srv.requests("/feed"); hits != 0 {
		t.Errorf("the server was reached %d times without the switch", hits)
	}
	if n := len(feedUpdates(t, app, fx.pubA, SourceFeed)); n != 0 {
		t.Errorf("%d updates from refused addresses", n)
	}
}

func TestBadDocumentsNeverBreakAPull(t *testing.T) {
	for name, body := range map[string]string{
		"empty": "", "text": "hello", "truncated Atom": `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x`,
		"JSON list": "[]", "JSON without items": `{"version":"https://jsonfeed.org/version/1.1","items":null}`,
		"entity bomb": `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><item><title>&lol2;</title></item></channel></rss>`,
		"binary":      "\x00\x01\x02\xff\xfe",
	} {
		entries, _, err := parseEntries([]byte(body), "https://blog.example.org/feed")
		if err != nil && len(entries) > 0 {
			t.Errorf("%s: entries with an error", name)
		}
	}
	if got := feedText(`<p>One&nbsp;<b>two</b></p><script>three()</script><style>.four{}</style>five &lt;six&gt; &#x1F600;` + "\u200b\x07"); got != "One two five <six> 😀" {
		t.Errorf("plain text: %q", got)
	}
	if got := clipWords(strings.Repeat("word ", 200), 30); got != "word word word word word word…" {
		t.Errorf("clipped: %q", got)
	}
}

func TestPullFeedsIsScheduled(t *testing.T) {
	for _, j := range Jobs() {
		if j.Id == CronPullFeeds {
			if j.Schedule != "*/10 * * * *" {
				t.Fatalf("pull_feeds runs at %q", j.Schedule)
			}
			return
		}
	}
	t.Fatal("pull_feeds is not scheduled")
}

// FuzzFeedEntries: whatever a feed holds, reading it returns or fails,
// and what it keeps is plain text with http(s) links.
func FuzzFeedEntries(f *testing.F) {
	for _, seed := range []string{"weeknotes.atom", "blog.rss", "feed.json"} {
		srv := newFeedServer(f, feedTestNow)
		srv.serve("/f", seed)
		f.Add([]byte(srv.docs["/f"].body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		entries, _, err := parseEntries(body, "https://blog.example.org/feed")
		if err != nil {
			return
		}
		for _, e := range entries {
			if strings.ContainsAny(e.Title+e.Excerpt, "\x00") || len([]rune(e.Title)) > 200 || len([]rune(e.Excerpt)) > 500 {
				t.Fatalf("entry: %+v", e)
			}
			if e.Link != "" && !strings.HasPrefix(e.Link, "http://") && !strings.HasPrefix(e.Link, "https://") {
				t.Fatalf("link %q", e.Link)
			}
		}
	})
}

// The project's own Atom feed links each update read from a feed back to
// the team's post.
func TestUpdatesFromAFeedLinkBackInTheProjectsAtomFeed(t *testing.T) {
	(&tests.ApiScenario{
		Name: "the project's updates feed", Method: http.MethodGet, URL: "/feeds/projects/" + fx.pubA + ".atom",
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app := newTestApp(t)
			col, err := app.FindCollectionByNameOrId(ColUpdates)
			if err != nil {
				t.Fatal(err)
			}
			u := core.NewRecord(col)
			u.Set("project", fx.pubA)
			u.Set("body", "Weeknote 47: testing the form")
			u.Set("source", SourceFeed)
			u.Set("sourceUrl", "https://digital.leeds.example/2026/weeknote-47/")
			if err := app.Save(u); err != nil {
				t.Fatal(err)
			}
			return app
		},
		ExpectedStatus:  200,
		ExpectedContent: []string{`rel="via"`, `href="https://digital.leeds.example/2026/weeknote-47/"`, "Weeknote 47: testing the form"},
	}).Test(t)
}
