package hooks

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"pipeline/hooks/safefetch"
)

// Reading a feed or a repository: one source's documents fetched with
// conditional requests and parsed with gofeed (Atom, RSS, JSON Feed) into
// entries of plain text. Nothing here writes; feed_pull.go stores what a
// read gives.

// feedEntry is one entry of a feed (or one release), as an update needs it.
type feedEntry struct {
	// Keys identify the entry: its id, and its link with its title, so
	// that an entry whose id was seen before is the same entry even edited,
	// and one given a new id at the same address and title is too.
	Keys    []string
	Title   string
	Excerpt string
	// Link is the entry's own address (http or https), or "".
	Link string
	// At is when it was published (or updated), zero if it does not say.
	At time.Time
}

// validators are what a server said of a document, for the next request
// to ask only for a change (If-None-Match, If-Modified-Since).
type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
}

// validator keeps a validator header only if it is short and printable
// (a server's odd one is dropped, never stored and sent back).
func validator(v string) string {
	if len(v) > 256 {
		return ""
	}
	for _, r := range v {
		if r < 0x20 || r > 0x7e {
			return ""
		}
	}
	return v
}

// sourceMemo is what a source keeps between reads: each document's
// validators, and a GitLab project's default branch once known.
type sourceMemo struct {
	Docs   map[string]validators `json:"docs,omitempty"`
	Branch string                `json:"branch,omitempty"`
}

// readMemo reads a stored memo; anything unreadable is an empty one.
func readMemo(raw string) sourceMemo {
	var m sourceMemo
	_ = json.Unmarshal([]byte(raw), &m)
	if m.Docs == nil {
		m.Docs = map[string]validators{}
	}
	return m
}

// sourceRead is what one read of a source gave.
type sourceRead struct {
	Entries []feedEntry
	// Seen is how many entries the documents held.
	Seen int
	// NotModified: the feed has not changed since the last read (304).
	NotModified bool
	// LatestCommit is the newest commit's date (repositories only).
	LatestCommit time.Time
	Memo         sourceMemo
}

// maxEntries is the most entries of one document that are looked at.
const maxEntries = 200

// feedAccept is what a read asks for.
const feedAccept = "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, " +
	"application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"

// statusError is an answer that was not a success.
type statusError struct{ code int }

func (e statusError) Error() string {
	return fmt.Sprintf("answered %d %s", e.code, http.StatusText(e.code))
}

// errNotAFeed is a document gofeed cannot read.
var errNotAFeed = errors.New("not an Atom, RSS or JSON feed")

// feedReader fetches documents with one SSRF-safe client.
type feedReader struct {
	client    *http.Client
	opts      safefetch.Options
	userAgent string
}

func newFeedReader(userAgent string) *feedReader {
	o := feedFetchOptions()
	return &feedReader{client: safefetch.NewClient(o), opts: o, userAgent: userAgent}
}

// fetch asks for a document with the validators of the last read. It
// returns the body and its new validators, or notModified.
func (r *feedReader) fetch(ctx context.Context, raw string, v validators) ([]byte, validators, bool, error) {
	headers := map[string]string{"Accept": feedAccept, "User-Agent": r.userAgent}
	if v.ETag != "" {
		headers["If-None-Match"] = v.ETag
	}
	if v.LastModified != "" {
		headers["If-Modified-Since"] = v.LastModified
	}
	res, body, err := safefetch.Get(ctx, r.client, raw, headers, r.opts)
	if err != nil {
		return nil, v, false, err
	}
	if res.StatusCode == http.StatusNotModified {
		return nil, v, true, nil
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return nil, v, false, fmt.Errorf("%s: %w", raw, statusError{res.StatusCode})
	}
	return body, validators{ETag: validator(res.Header.Get("ETag")), LastModified: validator(res.Header.Get("Last-Modified"))}, false, nil
}

// readFeed reads a team's feed: its entries, unless it has not changed.
func (r *feedReader) readFeed(ctx context.Context, raw string, memo sourceMemo) (sourceRead, error) {
	out := sourceRead{Memo: sourceMemo{Docs: map[string]validators{}, Branch: memo.Branch}}
	body, v, same, err := r.fetch(ctx, raw, memo.Docs[raw])
	if err != nil {
		return out, err
	}
	out.Memo.Docs[raw] = v
	if same {
		out.NotModified = true
		return out, nil
	}
	out.Entries, out.Seen, err = parseEntries(body, raw)
	return out, err
}

// readRepo reads a repository: its releases (GitHub) or tags (GitLab)
// become entries; its commits give only the newest commit's date.
func (r *feedReader) readRepo(ctx context.Context, raw string, memo sourceMemo) (sourceRead, error) {
	out := sourceRead{Memo: sourceMemo{Docs: map[string]validators{}, Branch: memo.Branch}}
	rp, ok := parseRepo(raw)
	if !ok {
		return out, fmt.Errorf("%s: %w", raw, errNotARepo)
	}
	releases := rp.releasesFeed()
	body, v, same, err := r.fetch(ctx, releases, memo.Docs[releases])
	if err != nil {
		return out, repoPartError{"releases", err}
	}
	out.Memo.Docs[releases] = v
	if !same {
		if out.Entries, out.Seen, err = parseEntries(body, releases); err != nil {
			return out, repoPartError{"releases", err}
		}
	}
	branch := rp.branch
	if branch == "" && !rp.github {
		if branch = memo.Branch; branch == "" {
			branch = r.defaultBranch(ctx, rp)
		}
		out.Memo.Branch = branch
	}
	commits := rp.commitsFeed(branch)
	body, v, sameCommits, err := r.fetch(ctx, commits, memo.Docs[commits])
	if err != nil {
		return out, repoPartError{"commits", err}
	}
	out.Memo.Docs[commits] = v
	if !sameCommits {
		latest, err := latestEntry(body, commits)
		if err != nil {
			return out, repoPartError{"commits", err}
		}
		out.LatestCommit = latest
	}
	out.NotModified = same && sameCommits
	return out, nil
}

// repoPartError is a failure to read one of a repository's feeds.
type repoPartError struct {
	part string // "releases" or "commits"
	err  error
}

func (e repoPartError) Error() string { return e.part + ": " + e.err.Error() }
func (e repoPartError) Unwrap() error { return e.err }

// errNotARepo is a repository address that is neither GitHub's nor
// GitLab's shape.
var errNotARepo = errors.New("not a GitHub or GitLab repository")

// defaultBranch asks GitLab's API for a project's default branch; "main"
// if it does not say (the commits feed then says what is wrong).
func (r *feedReader) defaultBranch(ctx context.Context, rp repo) string {
	body, _, _, err := r.fetch(ctx, rp.projectAPI(), validators{})
	if err == nil {
		var p struct {
			DefaultBranch string `json:"default_branch"`
		}
		if json.Unmarshal(body, &p) == nil && repoSegment.MatchString(p.DefaultBranch) {
			return p.DefaultBranch
		}
	}
	return "main"
}

// parseFeed parses a document with gofeed, which must not take the
// process down however the document is made.
func parseFeed(body []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if recover() != nil {
			f, err = nil, errNotAFeed
		}
	}()
	f, err = gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil || f == nil {
		return nil, fmt.Errorf("%w: %v", errNotAFeed, err)
	}
	return f, nil
}

// parseEntries reads a feed's entries, newest first, and how many it had.
// Links are resolved against the document's address and kept only if
// they are http or https.
func parseEntries(body []byte, docURL string) ([]feedEntry, int, error) {
	f, err := parseFeed(body)
	if err != nil {
		return nil, 0, err
	}
	base, _ := url.Parse(docURL)
	// The newest first, then at most maxEntries of them: a feed that lists
	// its oldest first still gives its new entries.
	items := make([]*gofeed.Item, 0, len(f.Items))
	for _, item := range f.Items {
		if item != nil {
			items = append(items, item)
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return entryTime(items[i]).After(entryTime(items[j])) })
	if len(items) > maxEntries {
		items = items[:maxEntries]
	}
	var out []feedEntry
	for _, item := range items {
		if item == nil {
			continue
		}
		e := feedEntry{Title: clipWords(feedText(item.Title), 200), At: entryTime(item)}
		link := item.Link
		if link == "" && len(item.Links) > 0 {
			link = item.Links[0]
		}
		e.Link = webLink(base, link)
		summary := item.Description
		if strings.TrimSpace(feedText(summary)) == "" {
			summary = item.Content
		}
		e.Excerpt = clipWords(feedText(summary), 500)
		if id := strings.TrimSpace(item.GUID); id != "" {
			e.Keys = append(e.Keys, "id:"+clipBytes(id, 500))
		}
		if e.Link != "" {
			// The link with the title: an entry given a new id is the same
			// entry, but entries that share one page (a weeknotes index)
			// are not.
			e.Keys = append(e.Keys, "link:"+clipBytes(e.Link, 500)+"\n"+clipBytes(e.Title, 200))
		}
		if len(e.Keys) == 0 {
			sum := sha256.Sum256([]byte(e.Title + "\n" + e.Excerpt + "\n" + item.Published))
			e.Keys = append(e.Keys, "text:"+hex.EncodeToString(sum[:16]))
		}
		if e.Title == "" && e.Excerpt == "" {
			continue // nothing to say
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, len(f.Items), nil
}

// latestEntry is the newest date among a feed's entries (zero if none).
func latestEntry(body []byte, docURL string) (time.Time, error) {
	f, err := parseFeed(body)
	if err != nil {
		return time.Time{}, err
	}
	var latest time.Time
	for _, item := range f.Items {
		if item != nil {
			if t := entryTime(item); t.After(latest) {
				latest = t
			}
		}
	}
	return latest, nil
}

// entryTime is when an entry was published, or last updated.
func entryTime(item *gofeed.Item) time.Time {
	switch {
	case item.PublishedParsed != nil:
		return item.PublishedParsed.UTC()
	case item.UpdatedParsed != nil:
		return item.UpdatedParsed.UTC()
	}
	return time.Time{}
}

// webLink resolves link against base and keeps it only if it is an http
// or https address (an entry's link is shown as a link on the pages).
func webLink(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || len(u.String()) > 2000 {
		return ""
	}
	return u.String()
}

// skippedElements are those whose text is never part of an excerpt.
var skippedElements = map[string]bool{"script": true, "style": true, "noscript": true, "template": true,
	"iframe": true, "object": true, "svg": true, "math": true, "head": true, "title": true}

// inlineElements are those inside a line of text, which part no words.
var inlineElements = map[string]bool{"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true,
	"data": true, "dfn": true, "em": true, "i": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true, "small": true,
	"span": true, "strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true, "del": true, "ins": true}

// feedText is s (HTML, or text) as plain text: no markup kept, entities
// decoded, scripts and styles dropped, white space collapsed, control
// characters removed.
func feedText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapseSpace(s)
	}
	var b strings.Builder
	skip := 0
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return collapseSpace(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skippedElements[tag] && tt == html.StartTagToken:
				skip++
			case skippedElements[tag] && tt == html.EndTagToken && skip > 0:
				skip--
			}
			if !inlineElements[tag] {
				b.WriteByte(' ') // a paragraph, a list item, a line break: words apart
			}
		}
	}
}

// collapseSpace joins s's words with single spaces, dropping control and
// invisible formatting characters.
func collapseSpace(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// clipWords cuts s to at most n characters, at a word where it can, with
// an ellipsis when it cut.
func clipWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := r[:n-1]
	if !unicode.IsSpace(r[n-1]) { // the cut is inside a word: back to its start
		for i := len(cut) - 1; i > n/2; i-- {
			if unicode.IsSpace(cut[i]) {
				cut = cut[:i]
				break
			}
		}
	}
	return strings.TrimRightFunc(string(cut), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

// clipBytes cuts s to at most n bytes, on a character boundary.
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// readProblem says in words what went wrong with a read, for the owner.
func readProblem(err error) string {
	var part repoPartError
	if errors.As(err, &part) {
		return addressProblemIn(part.err, "the repository's "+part.part+" feed")
	}
	return addressProblemIn(err, "the address")
}

// addressProblemIn says in words what went wrong reading what (an
// address, or one of a repository's feeds).
func addressProblemIn(err error, what string) string {
	var status statusError
	var netErr net.Error
	switch {
	case errors.Is(err, safefetch.ErrRefused):
		return "Pipeline does not read " + what + ": it is inside a private network, or is not an http or https address"
	case errors.Is(err, safefetch.ErrTooLarge):
		return upperFirst(what) + " gave more than 1 MB, the most Pipeline reads"
	case errors.As(err, &status):
		answered := fmt.Sprintf("%s answered %d %s", upperFirst(what), status.code, http.StatusText(status.code))
		switch status.code {
		case http.StatusNotFound, http.StatusGone:
			return answered + ": check the address is right, and public"
		case http.StatusUnauthorized, http.StatusForbidden:
			return answered + ": Pipeline reads only what is public"
		}
		return answered
	case errors.Is(err, errNotAFeed):
		return upperFirst(what) + " did not give an Atom, RSS or JSON feed that Pipeline can read"
	case errors.Is(err, errNotARepo):
		return "The address is not a GitHub or GitLab repository"
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return upperFirst(what) + " did not answer within 10 seconds"
	}
	return "Pipeline could not reach " + what
}
