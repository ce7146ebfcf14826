package hooks

import (
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"pipeline/hooks/safefetch"
)

// atomOf is an Atom feed of entries (title, link, id, days old), in the
// order given.
func atomOf(entries ...[4]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Weeknotes</title>`)
	for _, e := range entries {
		fmt.Fprintf(&b, `<entry><title>%s</title><link href="%s"/><id>%s</id><updated>%s</updated><summary>%s.</summary></entry>`,
			e[0], e[1], e[2], e[3], e[0])
	}
	b.WriteString(`</feed>`)
	return b.String()
}

func daysAgo(n int) string { return feedTestNow.AddDate(0, 0, -n).Format(time.RFC3339) }

func TestEntriesThatShareAPageAreEachAnUpdate(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	srv := newFeedServer(t, feedTestNow)
	srv.set("/feed", servedDoc{contentType: "application/atom+xml", body: atomOf(
		[4]string{"Weeknote 3", "https://team.example/weeknotes", "urn:w3", daysAgo(1)},
		[4]string{"Weeknote 2", "https://team.example/weeknotes", "urn:w2", daysAgo(8)},
	)})
	withSource(t, app, "feedUrl", srv.URL+"/feed")
	pull(t, app, feedTestNow)
	if n := len(feedUpdates(t, app, fx.pubA, SourceFeed)); n != 2 {
		t.Fatalf("%d updates from two entries on one page", n)
	}
}

func TestAFeedOfNewEntriesEveryReadFloodsNobody(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	srv := newFeedServer(t, feedTestNow)
	withSource(t, app, "feedUrl", srv.URL+"/feed")
	for read := 0; read < 4; read++ {
		var entries [][4]string
		for i := 0; i < 20; i++ {
			id := fmt.Sprintf("urn:r%d-%d", read, i)
			entries = append(entries, [4]string{"Post " + id, "https://team.example/" + id, id, feedTestNow.Add(time.Duration(read)*time.Hour - time.Minute).Format(time.RFC3339)})
		}
		srv.set("/feed", servedDoc{contentType: "application/atom+xml", body: atomOf(entries...)})
		pull(t, app, feedTestNow.Add(time.Duration(read)*(feedInterval+time.Minute)))
	}
	if n := len(feedUpdates(t, app, fx.pubA, SourceFeed)); n > feedDailyMost {
		t.Fatalf("%d updates in a few hours, more than %d a day", n, feedDailyMost)
	}
}

func TestAFeedListedOldestFirstStillGivesItsNewest(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	srv := newFeedServer(t, feedTestNow)
	var entries [][4]string
	for i := 300; i >= 1; i-- { // oldest first
		id := fmt.Sprintf("urn:o%d", i)
		entries = append(entries, [4]string{fmt.Sprintf("Post %d", i), "https://team.example/" + id, id, feedTestNow.Add(-time.Duration(i) * time.Hour).Format(time.RFC3339)})
	}
	srv.set("/feed", servedDoc{contentType: "application/atom+xml", body: atomOf(entries...)})
	withSource(t, app, "feedUrl", srv.URL+"/feed")
	pull(t, app, feedTestNow)
	got := feedUpdates(t, app, fx.pubA, SourceFeed)
	if len(got) == 0 || !strings.HasPrefix(got[len(got)-1].GetString("body"), "Post 1\n") {
		t.Fatalf("the newest entry of an oldest-first feed was not added: %d updates", len(got))
	}
}

func TestReadingNowIsOneAtATimeAndOnceAMinute(t *testing.T) {
	t.Setenv(EnvFeedsLoopback, "1")
	app := newTestApp(t)
	defer app.Cleanup()
	srv := newFeedServer(t, feedTestNow)
	srv.serve("/a.atom", "weeknotes.atom")
	srv.serve("/b.atom", "weeknotes.atom")
	withSource(t, app, "feedUrl", srv.URL+"/a.atom")
	lock := app.Store().GetOrSet(feedsLockKey, func() any { return &sync.Mutex{} }).(*sync.Mutex)
	lock.Lock()
	if _, err := PullProject(app, fx.pubA, feedTestNow); err != errReadBusy {
		t.Fatalf("a read while the cron reads: %v", err)
	}
	lock.Unlock()
	if _, err := PullProject(app, fx.pubA, feedTestNow); err != nil {
		t.Fatal(err)
	}
	// A new address does not lift the limit.
	withSource(t, app, "feedUrl", srv.URL+"/b.atom")
	if _, err := PullProject(app, fx.pubA, feedTestNow.Add(10*time.Second)); err != errReadTooSoon {
		t.Fatalf("a read of a new address within the minute: %v", err)
	}
	if hits, _ := srv.requests("/b.atom"); hits != 0 {
		t.Fatalf("the new address was read %d times", hits)
	}
}

func TestFeedAddressesUseWebPortsAndNeverThisInstance(t *testing.T) {
	if _, p := checkFeedURL("https://victim.example:6379/a", false); p == nil {
		t.Error("a feed on port 6379 was accepted")
	}
	if _, p := checkFeedURL("https://blog.example.org:443/feed", false); p != nil {
		t.Errorf("port 443: %v", p.message)
	}
	app := federationApp(t)
	defer app.Cleanup()
	p := newRecord(t, app, ColProjects)
	p.Load(map[string]any{"title": "Echo", "summary": "x", "organisation": fx.leeds, "feedUrl": "https://pipeline.example/feeds/projects/x.atom"})
	if err := app.Save(p); err == nil || !strings.Contains(err.Error(), "own feeds") {
		t.Fatalf("this instance's own feed: %v", err)
	}
}

func TestSafeFetchRefusesIPv6FormsOfInsideAddresses(t *testing.T) {
	for _, a := range []string{"::10.0.0.1", "2002:0a00:0001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"} {
		if ip := netip.MustParseAddr(a); safefetch.Allowed(ip, false) {
			t.Errorf("%s is allowed", a)
		}
	}
}
