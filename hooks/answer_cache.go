package hooks

import (
	"bytes"
	linkedlist "container/list"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// answerCache keeps the encoded answers of the read-heavy public
// endpoints (search, filtered lists, similar projects) until the data
// they were read from changes. Every saved or deleted project,
// organisation, call, pledge or update moves the cache to a new
// generation, and answers of older generations are never served. An
// answer computed while a write happened carries the generation read
// before the query, so it can never be served as current. Entries also
// expire after a short time, which bounds staleness for anything that
// changes without a model write (such as a clock-based filter).
type answerCache struct {
	gen     atomic.Uint64
	mu      sync.Mutex
	max     int
	ttl     time.Duration
	entries map[string]*linkedlist.Element
	lru     *linkedlist.List // front is the most recently used
	// inflight are answers being computed: a request for the same
	// answer waits for it rather than computing it again, so a burst of
	// requests for a new answer costs one computation, not one each.
	inflight map[string]*flight
	hits     atomic.Uint64
	misses   atomic.Uint64
}

type cachedAnswer struct {
	key     string
	gen     uint64
	expires time.Time
	body    []byte
	header  http.Header // nil for JSON answers
}

// answerCacheKey is where an app's cache lives in app.Store().
const answerCacheKey = "pipeline.answerCache"

// answerCacheInvalidators are the collections whose changes can alter a
// cached answer.
var answerCacheInvalidators = []string{ColProjects, ColOrganisations, ColCalls, ColPledges, ColUpdates}

func newAnswerCache(max int, ttl time.Duration) *answerCache {
	return &answerCache{max: max, ttl: ttl, entries: map[string]*linkedlist.Element{}, lru: linkedlist.New(),
		inflight: map[string]*flight{}}
}

// answersOf returns the app's answer cache, creating it on first use.
// PIPELINE_ANSWER_CACHE=off turns it off (benchmarks use this to measure
// uncached answers).
func answersOf(app core.App) *answerCache {
	return app.Store().GetOrSet(answerCacheKey, func() any {
		if os.Getenv("PIPELINE_ANSWER_CACHE") == "off" {
			return newAnswerCache(0, 0)
		}
		return newAnswerCache(2000, time.Minute)
	}).(*answerCache)
}

// registerAnswerCache invalidates the cache after every committed write
// that can change an answer.
func registerAnswerCache(app core.App) {
	bump := func(e *core.RecordEvent) error {
		answersOf(e.App).invalidate()
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(answerCacheInvalidators...).BindFunc(bump)
	app.OnRecordAfterUpdateSuccess(answerCacheInvalidators...).BindFunc(bump)
	app.OnRecordAfterDeleteSuccess(answerCacheInvalidators...).BindFunc(bump)
}

// generation is the current data generation; read it before computing
// an answer and store the answer under it.
func (c *answerCache) generation() uint64 { return c.gen.Load() }

// invalidate starts a new generation and drops every stored answer.
func (c *answerCache) invalidate() {
	c.gen.Add(1)
	c.mu.Lock()
	clear(c.entries)
	c.lru.Init()
	c.mu.Unlock()
}

// get returns a current answer for key.
func (c *answerCache) get(key string, now time.Time) ([]byte, bool) {
	body, _, ok := c.getWithHeader(key, now)
	return body, ok
}

// getWithHeader returns a current answer for key and the headers it was
// sent with.
func (c *answerCache) getWithHeader(key string, now time.Time) ([]byte, http.Header, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		c.misses.Add(1)
		return nil, nil, false
	}
	a := el.Value.(*cachedAnswer)
	if a.gen != c.gen.Load() || now.After(a.expires) {
		c.lru.Remove(el)
		delete(c.entries, key)
		c.misses.Add(1)
		return nil, nil, false
	}
	c.lru.MoveToFront(el)
	c.hits.Add(1)
	return a.body, a.header, true
}

// put stores an answer computed from generation gen. An answer from an
// older generation is not stored.
func (c *answerCache) put(key string, gen uint64, body []byte, now time.Time) {
	c.putWithHeader(key, gen, body, nil, now)
}

// putWithHeader stores an answer with the headers to send it with.
func (c *answerCache) putWithHeader(key string, gen uint64, body []byte, header http.Header, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen.Load() || c.max <= 0 {
		return
	}
	if el, ok := c.entries[key]; ok {
		c.lru.Remove(el)
		delete(c.entries, key)
	}
	for c.lru.Len() >= c.max {
		oldest := c.lru.Back()
		c.lru.Remove(oldest)
		delete(c.entries, oldest.Value.(*cachedAnswer).key)
	}
	c.entries[key] = c.lru.PushFront(&cachedAnswer{key: key, gen: gen, expires: now.Add(c.ttl), body: body, header: header})
}

// stats reports hits, misses and stored answers.
func (c *answerCache) stats() (hits, misses uint64, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits.Load(), c.misses.Load(), c.lru.Len()
}

// flight is one computation of an answer that others may wait for.
type flight struct {
	done   chan struct{}
	body   []byte
	header http.Header
	ok     bool
}

// answer returns the answer for key: a current stored one, the one
// another request is computing (waited for), or a new one from compute,
// stored if ok. It reports whether compute ran.
func (c *answerCache) answer(key string, compute func() (body []byte, header http.Header, ok bool, err error)) ([]byte, http.Header, bool, error) {
	now := time.Now()
	if body, header, ok := c.getWithHeader(key, now); ok {
		return body, header, false, nil
	}
	if c.max <= 0 { // turned off: compute every answer
		body, header, _, err := compute()
		return body, header, true, err
	}
	c.mu.Lock()
	if f, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		<-f.done
		if f.ok {
			return f.body, f.header, false, nil
		}
		// It failed or was not to be kept: compute our own.
		body, header, _, err := compute()
		return body, header, true, err
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[key] = f
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.inflight, key)
		c.mu.Unlock()
		close(f.done)
	}()
	gen := c.generation()
	body, header, ok, err := compute()
	if err == nil && ok {
		c.putWithHeader(key, gen, body, header, now)
		// Waiters get it even if a write made it too old to keep: they
		// asked while it was being computed.
		f.body, f.header, f.ok = body, header, true
	}
	return body, header, true, err
}

// serveCached answers a GET from the cache when it holds a current answer
// for key; otherwise it computes the answer, sends it and keeps it. The
// X-Pipeline-Cache header says which happened.
func serveCached(e *core.RequestEvent, key string, compute func() (any, error)) error {
	body, _, computed, err := answersOf(e.App).answer(key, func() ([]byte, http.Header, bool, error) {
		v, err := compute()
		if err != nil {
			return nil, nil, false, err
		}
		body, err := json.Marshal(v)
		if err != nil {
			return nil, nil, false, fmt.Errorf("encode answer: %w", err)
		}
		return body, nil, true, nil
	})
	if err != nil {
		return err
	}
	e.Response.Header().Set("X-Pipeline-Cache", cacheOutcome(computed))
	return e.Blob(http.StatusOK, "application/json", body)
}

func cacheOutcome(computed bool) string {
	if computed {
		return "miss"
	}
	return "hit"
}

// cachedPublicGET wraps a public GET handler whose answer depends on its
// address alone (feeds, the calendar), keeping successful answers, with
// their headers, in the answer cache.
func cachedPublicGET(h func(*core.RequestEvent) error) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		status := http.StatusOK
		body, header, computed, err := answersOf(e.App).answer("get:"+e.Request.URL.RequestURI(),
			func() ([]byte, http.Header, bool, error) {
				rec := &capturedResponse{header: http.Header{}}
				orig := e.Response
				e.Response = rec
				err := h(e)
				e.Response = orig
				if err != nil {
					return nil, nil, false, err
				}
				if rec.status != 0 {
					status = rec.status
				}
				return rec.body.Bytes(), rec.header.Clone(), status == http.StatusOK, nil
			})
		if err != nil {
			return err
		}
		for k, v := range header {
			e.Response.Header()[k] = v
		}
		e.Response.Header().Set("X-Pipeline-Cache", cacheOutcome(computed))
		e.Response.WriteHeader(status)
		_, err = e.Response.Write(body)
		return err
	}
}

// capturedResponse keeps what a handler writes, to be cached and then
// sent.
type capturedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *capturedResponse) Header() http.Header { return r.header }

func (r *capturedResponse) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *capturedResponse) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	n, err := r.body.Write(b)
	if err != nil {
		return n, fmt.Errorf("keep answer: %w", err)
	}
	return n, nil
}
