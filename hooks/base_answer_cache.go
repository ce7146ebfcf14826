package hooks

import (
	"bytes"
	"compress/gzip"
	linkedlist "container/list"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
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
}

type cachedAnswer struct {
	key     string
	gen     uint64
	expires time.Time
	storedAnswer
}

// storedAnswer is an answer as it is sent: the body, the body gzipped
// once (when it is worth compressing), and its headers (nil for JSON).
type storedAnswer struct {
	body   []byte
	gz     []byte
	header http.Header
}

// newStoredAnswer compresses a body of 1 KB or more once, so that every
// request served from the cache sends the same compressed bytes.
func newStoredAnswer(body []byte, header http.Header) storedAnswer {
	a := storedAnswer{body: body, header: header}
	if len(body) >= 1024 {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write(body); err == nil && zw.Close() == nil {
			a.gz = buf.Bytes()
		}
	}
	return a
}

func newAnswerCache(max int, ttl time.Duration) *answerCache {
	return &answerCache{max: max, ttl: ttl, entries: map[string]*linkedlist.Element{}, lru: linkedlist.New(),
		inflight: map[string]*flight{}}
}

// answersOf returns the app's answer cache, creating it on first use.
// PIPELINE_ANSWER_CACHE=off turns it off (benchmarks use this to measure
// uncached answers).
func answersOf(app core.App) *answerCache {
	return app.Store().GetOrSet(answerCacheKey, func() any {
		if os.Getenv(EnvAnswerCache) == "off" {
			return newAnswerCache(0, 0)
		}
		return newAnswerCache(2000, 10*time.Minute)
	}).(*answerCache)
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

// lookup returns a current answer for key.
func (c *answerCache) lookup(key string, now time.Time) (storedAnswer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return storedAnswer{}, false
	}
	a := el.Value.(*cachedAnswer)
	if a.gen != c.gen.Load() || now.After(a.expires) {
		c.lru.Remove(el)
		delete(c.entries, key)
		return storedAnswer{}, false
	}
	c.lru.MoveToFront(el)
	return a.storedAnswer, true
}

// store keeps an answer computed from generation gen; an answer from an
// older generation is not kept.
func (c *answerCache) store(key string, gen uint64, a storedAnswer, now time.Time) {
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
	c.entries[key] = c.lru.PushFront(&cachedAnswer{key: key, gen: gen, expires: now.Add(c.ttl), storedAnswer: a})
}

// flight is one computation of an answer that others may wait for.
type flight struct {
	done   chan struct{}
	answer storedAnswer
	ok     bool
}

// answer returns the answer for key: a current stored one, the one
// another request is computing (waited for), or a new one from compute,
// stored if ok. It reports whether compute ran.
func (c *answerCache) answer(key string, compute func() (body []byte, header http.Header, ok bool, err error)) (storedAnswer, bool, error) {
	now := time.Now()
	if a, ok := c.lookup(key, now); ok {
		return a, false, nil
	}
	own := func() (storedAnswer, bool, error) {
		body, header, _, err := compute()
		if err != nil {
			return storedAnswer{}, true, err
		}
		return newStoredAnswer(body, header), true, nil
	}
	if c.max <= 0 { // turned off: compute every answer
		return own()
	}
	c.mu.Lock()
	if f, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		<-f.done
		if f.ok {
			return f.answer, false, nil
		}
		return own() // it failed or was not to be kept
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
	if err != nil {
		return storedAnswer{}, true, err
	}
	a := newStoredAnswer(body, header)
	if ok {
		c.store(key, gen, a, now)
		// Waiters get it even if a write made it too old to keep: they
		// asked while it was being computed.
		f.answer, f.ok = a, true
	}
	return a, true, nil
}

// send writes an answer with status, gzipped when the client takes gzip
// and the answer is worth it. The X-Pipeline-Cache header says whether
// the answer was computed for this request.
func (a storedAnswer) send(e *core.RequestEvent, status int, computed bool) error {
	h := e.Response.Header()
	for k, v := range a.header {
		h[k] = v
	}
	if computed {
		h.Set("X-Pipeline-Cache", "miss")
	} else {
		h.Set("X-Pipeline-Cache", "hit")
	}
	h.Add("Vary", "Accept-Encoding")
	body := a.body
	if a.gz != nil && strings.Contains(e.Request.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	e.Response.WriteHeader(status)
	if _, err := e.Response.Write(body); err != nil {
		return fmt.Errorf("send answer: %w", err)
	}
	return nil
}

// serveCached answers a GET from the cache when it holds a current answer
// for key; otherwise it computes the answer, sends it and keeps it. These
// routes compress their own answers (once, when kept), so the API's gzip
// middleware leaves them alone (see registerCompression).
func serveCached(e *core.RequestEvent, key string, compute func() (any, error)) error {
	a, computed, err := answersOf(e.App).answer(key, func() ([]byte, http.Header, bool, error) {
		v, err := compute()
		if err != nil {
			return nil, nil, false, err
		}
		body, err := json.Marshal(v)
		if err != nil {
			return nil, nil, false, fmt.Errorf("encode answer: %w", err)
		}
		return body, http.Header{"Content-Type": {"application/json"}}, true, nil
	})
	if err != nil {
		return err
	}
	return a.send(e, http.StatusOK, computed)
}

// cachedPublicGET wraps a public GET handler whose answer depends on its
// address alone (feeds, the calendar), keeping successful answers, with
// their headers, in the answer cache.
func cachedPublicGET(h func(*core.RequestEvent) error) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		status := http.StatusOK
		a, computed, err := answersOf(e.App).answer("get:"+e.Request.URL.RequestURI(),
			func() ([]byte, http.Header, bool, error) {
				rec, err := capture(e, h)
				if err != nil {
					return nil, nil, false, err
				}
				status = rec.status
				return rec.body.Bytes(), rec.header.Clone(), status == http.StatusOK, nil
			})
		if err != nil {
			return err
		}
		return a.send(e, status, computed)
	}
}

// CachedPage serves a page a handler renders, compressed once: for a
// visitor from the answer cache (the page depends on its address alone),
// for someone signed in (who may see their drafts) computed afresh.
func CachedPage(h func(*core.RequestEvent) error) func(*core.RequestEvent) error {
	cached := cachedPublicGET(h)
	return func(e *core.RequestEvent) error {
		if e.Auth == nil {
			return cached(e)
		}
		rec, err := capture(e, h)
		if err != nil {
			return err
		}
		return newStoredAnswer(rec.body.Bytes(), rec.header).send(e, rec.status, true)
	}
}

// capture runs h with its answer kept rather than sent; a handler that
// sets no status answered 200.
func capture(e *core.RequestEvent, h func(*core.RequestEvent) error) (*capturedResponse, error) {
	rec := &capturedResponse{header: http.Header{}}
	orig := e.Response
	e.Response = rec
	err := h(e)
	e.Response = orig
	if err != nil {
		return nil, err
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return rec, nil
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

// invalidateAnswers starts a new generation of the answer cache after a
// committed write that can change an answer.
func invalidateAnswers(e *core.RecordEvent) error {
	answersOf(e.App).invalidate()
	return e.Next()
}
