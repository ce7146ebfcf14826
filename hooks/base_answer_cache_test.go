package hooks

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// plant stores a made-up answer for key at the current generation, so a
// test can tell a served cached answer from a computed one.
func plant(app core.App, key string) {
	c := answersOf(app)
	c.put(key, c.generation(), []byte(`{"planted":true}`), time.Now())
}

func TestSearchAnswersAreCachedUntilDataChanges(t *testing.T) {
	visitor := searchCacheKey(SearchParams{Query: "bin"})
	leeds := searchCacheKey(SearchParams{Query: "bin", ViewerOrganisation: fx.leeds})
	for _, s := range []tests.ApiScenario{
		{Name: "a current answer is served from the cache", URL: "/api/pipeline/search?q=bin",
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { plant(app, visitor) },
			ExpectedStatus: 200, ExpectedContent: []string{`"planted":true`}},
		{Name: "a project saved after the answer was kept makes it stale", URL: "/api/pipeline/search?q=bin",
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				plant(app, visitor)
				p, err := app.FindRecordById(ColProjects, fx.pubA)
				if err != nil {
					t.Fatal(err)
				}
				p.Set("title", "Missed bin reporting, renamed")
				if err := app.Save(p); err != nil {
					t.Fatal(err)
				}
			},
			ExpectedStatus: 200, ExpectedContent: []string{"renamed"}, NotExpectedContent: []string{"planted"}},
		{Name: "so does a new update", URL: "/api/pipeline/search?q=bin",
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				plant(app, visitor)
				col, _ := app.FindCollectionByNameOrId(ColUpdates)
				u := core.NewRecord(col)
				u.Load(map[string]any{"project": fx.pubA, "author": fx.officerA, "body": "Another step."})
				if err := app.Save(u); err != nil {
					t.Fatal(err)
				}
			},
			ExpectedStatus: 200, ExpectedContent: []string{"Missed bin reporting"}, NotExpectedContent: []string{"planted"}},
		{Name: "a change to an unrelated collection does not", URL: "/api/pipeline/search?q=bin",
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				plant(app, visitor)
				n, _ := app.FindRecordById(ColNotifications, fx.notifA)
				n.Set("title", "read")
				if err := app.Save(n); err != nil {
					t.Fatal(err)
				}
			},
			ExpectedStatus: 200, ExpectedContent: []string{`"planted":true`}},
		{Name: "a visitor's answer is never given to an officer, who may see drafts", URL: "/api/pipeline/search?q=secret",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				plant(app, searchCacheKey(SearchParams{Query: "secret"}))
			},
			ExpectedStatus: 200, ExpectedContent: []string{"Secret draft plan"}, NotExpectedContent: []string{"planted"}},
		{Name: "nor an officer's answer to a visitor", URL: "/api/pipeline/search?q=bin",
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { plant(app, leeds) },
			ExpectedStatus: 200, ExpectedContent: []string{"Missed bin reporting"}, NotExpectedContent: []string{"planted"}},
		{Name: "similar projects are cached too", URL: "/api/pipeline/similar?text=parking+permits",
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				plant(app, similarCacheKey(SimilarQuery{Text: "parking permits"}))
			},
			ExpectedStatus: 200, ExpectedContent: []string{`"planted":true`}},
		{Name: "but a draft's similar projects still need the right to see the draft", URL: "/api/pipeline/similar?project=" + fx.draftA,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				plant(app, similarCacheKey(SimilarQuery{Project: fx.draftA, ExcludeOrg: fx.leeds}))
			},
			ExpectedStatus: 404, NotExpectedContent: []string{"planted"}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}

func TestFeedsAreCachedUntilDataChanges(t *testing.T) {
	plantFeed := func(app core.App) {
		c := answersOf(app)
		c.putWithHeader("get:/feeds/projects.atom", c.generation(), []byte("<feed>planted</feed>"),
			http.Header{"Content-Type": {"application/atom+xml; charset=utf-8"}}, time.Now())
	}
	for _, s := range []tests.ApiScenario{
		{Name: "a kept feed is served with its headers", URL: "/feeds/projects.atom",
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { plantFeed(app) },
			ExpectedStatus: 200, ExpectedContent: []string{"<feed>planted</feed>"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
					t.Fatalf("content type %q", ct)
				}
			}},
		{Name: "a new status update makes it stale", URL: "/feeds/projects.atom",
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				plantFeed(app)
				saveRecord(t, app, ColUpdates, map[string]any{"project": fx.pubA, "author": fx.officerA, "body": "Moved on."})
			},
			ExpectedStatus: 200, ExpectedContent: []string{"Missed bin reporting"}, NotExpectedContent: []string{"planted"}},
		{Name: "an unknown feed is not kept", URL: "/feeds/organisations/nowhere.atom",
			ExpectedStatus: 404, ExpectedContent: []string{"Not found"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if size := answersOf(app).stats(); size != 0 {
					t.Fatalf("%d answers kept after a 404", size)
				}
			}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}

func TestAnswerCacheGenerationsExpiryAndSize(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	c := newAnswerCache(2, time.Minute)

	gen := c.generation()
	c.invalidate() // a write lands while the answer is being computed
	c.put("a", gen, []byte("old"), now)
	if _, ok := c.get("a", now); ok {
		t.Fatal("an answer computed before a write was stored as current")
	}

	c.put("a", c.generation(), []byte("A"), now)
	if b, ok := c.get("a", now.Add(59*time.Second)); !ok || string(b) != "A" {
		t.Fatalf("fresh answer: got %q, %v", b, ok)
	}
	if _, ok := c.get("a", now.Add(61*time.Second)); ok {
		t.Fatal("an expired answer was served")
	}

	c.put("a", c.generation(), []byte("A"), now)
	c.put("b", c.generation(), []byte("B"), now)
	c.get("a", now) // a is now the most recently used
	c.put("c", c.generation(), []byte("C"), now)
	if _, ok := c.get("b", now); ok {
		t.Fatal("the least recently used answer was kept past the size limit")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.get(k, now); !ok {
			t.Fatalf("answer %q was dropped", k)
		}
	}
	if size := c.stats(); size != 2 {
		t.Fatalf("size %d, want 2", size)
	}

	c.invalidate()
	if _, ok := c.get("a", now); ok {
		t.Fatal("an answer survived invalidation")
	}
}

func TestAnswerCacheOfSizeZeroKeepsNothing(t *testing.T) {
	c := newAnswerCache(0, time.Minute)
	c.put("a", c.generation(), []byte("A"), time.Now())
	if _, ok := c.get("a", time.Now()); ok {
		t.Fatal("a cache turned off served an answer")
	}
}

func TestConcurrentRequestsForOneAnswerComputeItOnce(t *testing.T) {
	c := newAnswerCache(10, time.Minute)
	var runs atomic.Int32
	release := make(chan struct{})
	compute := func() ([]byte, http.Header, bool, error) {
		runs.Add(1)
		<-release
		return []byte("A"), nil, true, nil
	}
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, _, err := c.answer("k", compute)
			if err != nil {
				t.Error(err)
			}
			got[i] = string(a.body)
		}()
	}
	for {
		c.mu.Lock()
		n := len(c.inflight)
		c.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // the others reach the wait (or later find it stored)
	close(release)
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Fatalf("computed %d times, want 1", n)
	}
	for i, b := range got {
		if b != "A" {
			t.Fatalf("request %d got %q", i, b)
		}
	}
}

func TestWhenTheComputationFailsWaitersComputeTheirOwn(t *testing.T) {
	c := newAnswerCache(10, time.Minute)
	release := make(chan struct{})
	leader := make(chan error, 1)
	go func() {
		_, _, err := c.answer("k", func() ([]byte, http.Header, bool, error) {
			<-release
			return nil, nil, false, errors.New("database gone")
		})
		leader <- err
	}()
	for {
		c.mu.Lock()
		n := len(c.inflight)
		c.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	follower := make(chan string, 1)
	go func() {
		a, _, _ := c.answer("k", func() ([]byte, http.Header, bool, error) { return []byte("B"), nil, true, nil })
		follower <- string(a.body)
	}()
	time.Sleep(20 * time.Millisecond)
	close(release)
	if err := <-leader; err == nil {
		t.Fatal("the leader's error was lost")
	}
	if b := <-follower; b != "B" {
		t.Fatalf("follower got %q, want its own answer", b)
	}
}

// Test helpers over the cache's lookup and store.

// get returns a current answer's body for key.
func (c *answerCache) get(key string, now time.Time) ([]byte, bool) {
	a, ok := c.lookup(key, now)
	return a.body, ok
}

// put stores an answer computed from generation gen. An answer from an
// older generation is not stored.
func (c *answerCache) put(key string, gen uint64, body []byte, now time.Time) {
	c.store(key, gen, newStoredAnswer(body, nil), now)
}

// putWithHeader stores an answer with the headers to send it with.
func (c *answerCache) putWithHeader(key string, gen uint64, body []byte, header http.Header, now time.Time) {
	c.store(key, gen, newStoredAnswer(body, header), now)
}

// stats reports how many answers are stored.
func (c *answerCache) stats() (size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}
