package hooks

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"text/template"
	"time"
)

// feedServer serves the test feeds (testdata/feeds) on loopback as a
// team's blog, GitHub or a GitLab of a council's own would: each document
// with an ETag and a Last-Modified date, answering 304 Not Modified to a
// request that names either. It counts the requests of each address.
type feedServer struct {
	*httptest.Server
	t   testing.TB
	now time.Time

	mu          sync.Mutex
	docs        map[string]servedDoc
	hits        map[string]int
	notModified map[string]int
}

// servedDoc is one address's answer.
type servedDoc struct {
	status      int // 200 unless set
	contentType string
	body        string
	redirect    string // a Location to send, with 302
}

// feedDates are what the test feeds' templates may use: dates days before
// now, as Atom (RFC 3339) and RSS (RFC 1123) write them, and the server's
// own address.
type feedDates struct {
	now  time.Time
	Base string
}

func (d feedDates) Atom(days int) string { return d.now.AddDate(0, 0, -days).Format(time.RFC3339) }
func (d feedDates) RSS(days int) string  { return d.now.AddDate(0, 0, -days).Format(time.RFC1123Z) }

// newFeedServer starts a server whose documents are dated from now.
func newFeedServer(t testing.TB, now time.Time) *feedServer {
	t.Helper()
	s := &feedServer{t: t, now: now, docs: map[string]servedDoc{}, hits: map[string]int{}, notModified: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.answer))
	t.Cleanup(s.Close)
	return s
}

func (s *feedServer) answer(w http.ResponseWriter, r *http.Request) {
	key := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	s.mu.Lock()
	d, ok := s.docs[key]
	s.hits[key]++
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if d.redirect != "" {
		http.Redirect(w, r, d.redirect, http.StatusFound)
		return
	}
	if d.status != 0 && d.status != http.StatusOK {
		w.WriteHeader(d.status)
		_, _ = w.Write([]byte(d.body))
		return
	}
	sum := sha256.Sum256([]byte(d.body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	modified := s.now.Add(-time.Hour).UTC().Format(http.TimeFormat)
	if r.Header.Get("If-None-Match") == etag || (r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == modified) {
		s.mu.Lock()
		s.notModified[key]++
		s.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", modified)
	w.Header().Set("Content-Type", d.contentType)
	_, _ = w.Write([]byte(d.body))
}

// serve answers path (with its query, if any) with a test feed, its dates
// filled in.
func (s *feedServer) serve(path, file string) {
	s.t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "feeds", file))
	if err != nil {
		s.t.Fatal(err)
	}
	tpl, err := template.New(file).Parse(string(raw))
	if err != nil {
		s.t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, feedDates{now: s.now, Base: s.URL}); err != nil {
		s.t.Fatal(err)
	}
	types := map[string]string{".atom": "application/atom+xml", ".rss": "application/rss+xml", ".json": "application/feed+json"}
	s.set(path, servedDoc{contentType: types[filepath.Ext(file)], body: b.String()})
}

// set answers path with d.
func (s *feedServer) set(path string, d servedDoc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = d
}

// requests is how many requests path had, and how many were answered 304.
func (s *feedServer) requests(path string) (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path], s.notModified[path]
}
