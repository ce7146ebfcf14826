package hooks

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// PullFeeds (cron pull_feeds) reads every project's feed and repository
// that is due, and stores what each gave:
//
//   - each new entry of a feed, and each new release (or tag) of a
//     repository, becomes a status update (source "feed" or "repo",
//     sourceUrl its link) with its title and a plain-text excerpt; like
//     any update it marks the project active and its followers hear of it;
//   - a repository's newest commit counts as activity;
//   - an entry is matched on its id and its link, each remembered for the
//     project, so a feed read again, or an edited entry, adds nothing;
//   - documents are asked for with the validators of the last read
//     (If-None-Match, If-Modified-Since);
//   - a source that fails is tried again after 15 minutes, then 30, 60 …
//     (at most 12 hours apart), and once it has failed for a week its
//     owner is told, once; a good read starts the count again.
//
// A source is read at most once an hour while it works. The first read of
// an address adds only its newest entries (feedFirstReadMost, from the
// last feedWindow); later reads add what is new since (up to feedReadMost
// a read), back to a week before the last good read if it was longer ago
// than feedWindow. Entries left out are remembered as seen all the same.
func PullFeeds(app core.App, now time.Time) (int, error) {
	lock := app.Store().GetOrSet(feedsLockKey, func() any { return &sync.Mutex{} }).(*sync.Mutex)
	if !lock.TryLock() {
		return 0, nil // the last run is still reading
	}
	defer lock.Unlock()
	due, err := dueSources(app, now, feedRunMost)
	if err != nil {
		return 0, err
	}
	reads := readSources(app, due)
	n := 0
	for i, src := range due {
		if err := storeReadOrFail(app, src, reads[i], now); err != nil {
			app.Logger().Error("store a feed's read", "project", src.Project, "source", src.Source, "error", err)
			continue
		}
		n++
	}
	return n, nil
}

// storeReadOrFail stores a read; when that fails, it records the failure
// (in a transaction of its own) so that the source backs off, and its
// owner hears after a week, as for a read that failed.
func storeReadOrFail(app core.App, src dueSource, o readOutcome, now time.Time) error {
	err := storeRead(app, src, o, now)
	if err == nil {
		return nil
	}
	failed := o
	failed.err = fmt.Errorf("Pipeline could not store what it read: %w", err)
	failed.stateErr = nil
	if ferr := storeRead(app, src, failed, now); ferr != nil {
		app.Logger().Error("record a feed's failure", "project", src.Project, "source", src.Source, "error", ferr)
	}
	return err
}

// Limits of reading feeds.
const (
	feedsLockKey      = "pipeline.feedsLock"
	feedsAskedKey     = "pipeline.feedsAsked" // when each project was last read on request
	feedDailyMost     = 10                    // updates a project's sources may add in a day
	feedKeysKept      = 5000                  // entry keys remembered for a project
	feedRunMost       = 200                   // sources read in one run
	feedWorkers       = 4                     // reads at once
	feedInterval      = time.Hour             // between reads of a source that works
	feedRetryFirst    = 15 * time.Minute      // after the first failure; doubled after each
	feedRetryMost     = 12 * time.Hour
	feedTellAfter     = 7 * 24 * time.Hour // of failures, before the owner is told
	feedWindow        = 30 * 24 * time.Hour
	feedFirstReadMost = 3  // updates the first read of an address adds
	feedReadMost      = 20 // updates a later read adds
	// feedReadAgainAfter is how soon the owner may ask for a read again.
	feedReadAgainAfter = time.Minute
)

// dueSource is one source to read: a project's feed or repository.
type dueSource struct {
	Project string `db:"project"`
	Source  string `db:"source"`
	URL     string `db:"url"`
}

// feedState is a source's row of pipeline_feed_sources.
type feedState struct {
	Project        string `db:"project"`
	Source         string `db:"source"`
	URL            string `db:"url"`
	Validators     string `db:"validators"`
	LastAttemptAt  string `db:"lastAttemptAt"`
	LastReadAt     string `db:"lastReadAt"`
	LastResult     string `db:"lastResult"`
	LastError      string `db:"lastError"`
	Failures       int    `db:"failures"`
	FirstFailureAt string `db:"firstFailureAt"`
	NextAttemptAt  string `db:"nextAttemptAt"`
	OwnerTold      bool   `db:"ownerTold"`
}

// dueSources are the sources due at now, those never read (or whose
// address changed) first, at most limit.
func dueSources(app core.App, now time.Time, limit int) ([]dueSource, error) {
	var out []dueSource
	part := func(source, field string) string {
		return `SELECT p.id AS project, '` + source + `' AS source, p.` + field + ` AS url,
				CASE WHEN s.project IS NULL OR s.url != p.` + field + ` THEN '' ELSE s.nextAttemptAt END AS due
			FROM projects p LEFT JOIN ` + feedSourcesTable + ` s ON s.project = p.id AND s.source = '` + source + `'
			WHERE p.` + field + ` != '' AND (s.project IS NULL OR s.url != p.` + field + ` OR s.nextAttemptAt <= {:now})`
	}
	err := app.DB().NewQuery(`SELECT project, source, url FROM (` + part(SourceFeed, "feedUrl") + ` UNION ALL ` +
		part(SourceRepo, "repoUrl") + `) ORDER BY due, project, source LIMIT {:limit}`).
		Bind(dbx.Params{"now": Stamp(now).String(), "limit": limit}).All(&out)
	if err != nil {
		return nil, fmt.Errorf("find feeds to read: %w", err)
	}
	return out, nil
}

// projectSources are a project's sources, due or not.
func projectSources(p *core.Record) []dueSource {
	var out []dueSource
	for source, field := range map[string]string{SourceFeed: "feedUrl", SourceRepo: "repoUrl"} {
		if u := p.GetString(field); u != "" {
			out = append(out, dueSource{Project: p.Id, Source: source, URL: u})
		}
	}
	if len(out) == 2 && out[0].Source != SourceFeed {
		out[0], out[1] = out[1], out[0]
	}
	return out
}

// loadFeedState is a source's stored state, or nil if it has none.
func loadFeedState(app core.App, project, source string) (*feedState, error) {
	var s feedState
	err := app.DB().NewQuery(`SELECT * FROM ` + feedSourcesTable + ` WHERE project = {:p} AND source = {:s}`).
		Bind(dbx.Params{"p": project, "s": source}).One(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the state of %s's %s: %w", project, source, err)
	}
	return &s, nil
}

// readOutcome is one source's read: what it gave, or why it failed.
type readOutcome struct {
	read sourceRead
	err  error
	// first says this is the first read of the source's address.
	first bool
	prev  *feedState
	// stateErr is a failure to read the source's stored state: nothing
	// was fetched.
	stateErr error
}

// readSources reads each source, a few at a time; nothing is written.
func readSources(app core.App, sources []dueSource) []readOutcome {
	out := make([]readOutcome, len(sources))
	reader := newFeedReader(feedUserAgent(app))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(feedWorkers, len(sources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				out[i] = readSource(app, reader, sources[i])
			}
		}()
	}
	for i := range sources {
		work <- i
	}
	close(work)
	wg.Wait()
	return out
}

// readSource reads one source with what its last read left.
func readSource(app core.App, reader *feedReader, src dueSource) readOutcome {
	prev, err := loadFeedState(app, src.Project, src.Source)
	if err != nil {
		return readOutcome{stateErr: err}
	}
	o := readOutcome{prev: prev, first: prev == nil || prev.URL != src.URL || prev.LastReadAt == ""}
	memo := readMemo("")
	if prev != nil && prev.URL == src.URL {
		memo = readMemo(prev.Validators)
	}
	// Each document has its own 10 s; a repository's three at most 40 s.
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	if src.Source == SourceRepo {
		o.read, o.err = reader.readRepo(ctx, src.URL, memo)
	} else {
		o.read, o.err = reader.readFeed(ctx, src.URL, memo)
	}
	return o
}

// feedUserAgent is how Pipeline names itself to the sites it reads.
func feedUserAgent(app core.App) string {
	ua := "Pipeline feed reader"
	if base := strings.TrimRight(app.Settings().Meta.AppURL, "/"); base != "" {
		ua += " (+" + base + ")"
	}
	return ua
}

// storeRead stores one source's read at now, in one transaction: its new
// updates (with their notices), the activity of its commits and its
// state. The project is read afresh, and nothing is stored if its address
// changed meanwhile.
func storeRead(app core.App, src dueSource, o readOutcome, now time.Time) error {
	if o.stateErr != nil {
		return o.stateErr
	}
	return app.RunInTransaction(func(tx core.App) error {
		p, err := tx.FindRecordById(ColProjects, src.Project)
		if err != nil {
			return nil // deleted meanwhile
		}
		if p.GetString(sourceField(src.Source)) != src.URL {
			return nil // changed meanwhile; the next run reads the new address
		}
		// A new address starts afresh (its entries' keys stay: an entry
		// seen at the old address is not added again).
		s := feedState{Project: src.Project, Source: src.Source, URL: src.URL, Validators: "{}"}
		if o.prev != nil && o.prev.URL == src.URL {
			s = *o.prev
		}
		s.LastAttemptAt = Stamp(now).String()
		if o.err != nil {
			if err := recordReadFailure(tx, p, &s, o.err, now); err != nil {
				return err
			}
			return saveFeedState(tx, s)
		}
		added, err := addEntries(tx, p, src.Source, o, now)
		if err != nil {
			return err
		}
		active, err := recordCommits(tx, p, o.read.LatestCommit, now)
		if err != nil {
			return err
		}
		memo, err := json.Marshal(o.read.Memo)
		if err != nil {
			return fmt.Errorf("encode validators: %w", err)
		}
		s.Validators = string(memo)
		s.LastReadAt, s.LastError, s.Failures, s.FirstFailureAt, s.OwnerTold = Stamp(now).String(), "", 0, "", false
		s.NextAttemptAt = Stamp(now.Add(feedInterval)).String()
		s.LastResult = readSummary(src.Source, o, added, active)
		return saveFeedState(tx, s)
	})
}

// sourceField is the project field that holds a source's address.
func sourceField(source string) string {
	if source == SourceRepo {
		return "repoUrl"
	}
	return "feedUrl"
}

// recordReadFailure counts a failed read: the next attempt backs off, and
// after a week of failures the owner is told, once.
func recordReadFailure(tx core.App, p *core.Record, s *feedState, readErr error, now time.Time) error {
	s.Failures++
	if s.FirstFailureAt == "" {
		s.FirstFailureAt = Stamp(now).String()
	}
	s.LastError = readProblem(readErr)
	s.NextAttemptAt = Stamp(now.Add(feedRetry(s.Failures))).String()
	since, err := time.Parse(dateLayout, s.FirstFailureAt)
	if err != nil {
		since = now
	}
	if s.OwnerTold || now.Sub(since) < feedTellAfter {
		return nil
	}
	s.OwnerTold = true
	what := "feed"
	if s.Source == SourceRepo {
		what = "repository"
	}
	title := p.GetString("title")
	return notify(tx, Notice{Kind: KindFeedFailing, Project: p.Id, URL: projectPath(p) + "/edit#feeds",
		Title: "Pipeline cannot read the " + what + " of " + title,
		Body: fmt.Sprintf("Pipeline has not been able to read %s since %s. %s. Check the address on the project's edit page, "+
			"or clear it: until then, %s's news does not reach its followers from there.",
			s.URL, since.Format("2 January 2006"), s.LastError, title)}, "", ownerOrAdmins(tx, p)...)
}

// dateLayout is how stored dates are written (types.DefaultDateLayout).
const dateLayout = "2006-01-02 15:04:05.000Z"

// feedRetry is how long after its nth failure in a row a source is tried
// again: 15 minutes, doubled each time, at most 12 hours.
func feedRetry(failures int) time.Duration {
	d := feedRetryFirst
	for i := 1; i < failures && d < feedRetryMost; i++ {
		d *= 2
	}
	return min(d, feedRetryMost)
}

// saveFeedState stores a source's state.
func saveFeedState(tx core.App, s feedState) error {
	_, err := tx.DB().NewQuery(`INSERT OR REPLACE INTO ` + feedSourcesTable + ` (project, source, url, validators, lastAttemptAt,
			lastReadAt, lastResult, lastError, failures, firstFailureAt, nextAttemptAt, ownerTold)
		VALUES ({:project}, {:source}, {:url}, {:validators}, {:lastAttemptAt}, {:lastReadAt}, {:lastResult}, {:lastError},
			{:failures}, {:firstFailureAt}, {:nextAttemptAt}, {:ownerTold})`).Bind(dbx.Params{
		"project": s.Project, "source": s.Source, "url": s.URL, "validators": s.Validators, "lastAttemptAt": s.LastAttemptAt,
		"lastReadAt": s.LastReadAt, "lastResult": s.LastResult, "lastError": s.LastError, "failures": s.Failures,
		"firstFailureAt": s.FirstFailureAt, "nextAttemptAt": s.NextAttemptAt, "ownerTold": s.OwnerTold,
	}).Execute()
	if err != nil {
		return fmt.Errorf("save the state of %s's %s: %w", s.Project, s.Source, err)
	}
	return nil
}

// addEntries makes an update of each entry the project has not seen, at
// most as many as the read may add, oldest first, and remembers every
// entry's keys. It returns how many updates it added.
func addEntries(tx core.App, p *core.Record, source string, o readOutcome, now time.Time) (int, error) {
	cutoff, most := now.Add(-feedWindow), feedReadMost
	if o.first {
		most = feedFirstReadMost
	} else if o.prev != nil {
		if last, err := time.Parse(dateLayout, o.prev.LastReadAt); err == nil && last.Add(-7*24*time.Hour).Before(cutoff) {
			cutoff = last.Add(-7 * 24 * time.Hour)
		}
	}
	// A source that makes new entries all the time floods nobody: a
	// project's sources add at most feedDailyMost updates a day.
	var today int
	if err := tx.DB().NewQuery("SELECT COUNT(*) FROM updates WHERE project = {:p} AND source != '' AND created > {:since}").
		Bind(dbx.Params{"p": p.Id, "since": Stamp(now.Add(-24 * time.Hour)).String()}).Row(&today); err != nil {
		return 0, fmt.Errorf("count today's updates from feeds: %w", err)
	}
	most = max(0, min(most, feedDailyMost-today))
	var fresh []feedEntry
	inRead := map[string]bool{}
	for _, e := range o.read.Entries { // newest first
		seen, err := entrySeen(tx, p.Id, e.Keys)
		if err != nil {
			return 0, err
		}
		for _, k := range e.Keys {
			seen = seen || inRead[k]
			inRead[k] = true
		}
		if seen {
			continue
		}
		if err := rememberEntry(tx, p.Id, e.Keys); err != nil {
			return 0, err
		}
		if len(fresh) < most && (e.At.IsZero() || e.At.After(cutoff)) {
			fresh = append(fresh, e)
		}
	}
	// The oldest keys are forgotten past feedKeysKept (entries that old
	// have long left any feed).
	if _, err := tx.DB().NewQuery(`DELETE FROM ` + feedEntriesTable + ` WHERE project = {:p} AND key IN
		(SELECT key FROM ` + feedEntriesTable + ` WHERE project = {:p} ORDER BY created DESC LIMIT -1 OFFSET {:keep})`).
		Bind(dbx.Params{"p": p.Id, "keep": feedKeysKept}).Execute(); err != nil {
		return 0, fmt.Errorf("forget old feed entries: %w", err)
	}
	col, err := tx.FindCachedCollectionByNameOrId(ColUpdates)
	if err != nil {
		return 0, fmt.Errorf("find updates: %w", err)
	}
	for i := len(fresh) - 1; i >= 0; i-- {
		e := fresh[i]
		u := core.NewRecord(col)
		u.Set("project", p.Id)
		u.Set("source", source)
		u.Set("sourceUrl", e.Link)
		u.Set("body", entryBody(source, e))
		at := e.At
		if at.IsZero() || at.After(now) {
			at = now
		}
		u.SetRaw("created", Stamp(at))
		if err := tx.Save(u); err != nil {
			return 0, fmt.Errorf("add an update from %s's %s: %w", p.Id, source, err)
		}
	}
	return len(fresh), nil
}

// entryBody is an update's text: the entry's title, then its excerpt.
func entryBody(source string, e feedEntry) string {
	title := e.Title
	if title == "" {
		title = "New post"
	}
	if source == SourceRepo && !strings.HasPrefix(strings.ToLower(title), "release") {
		title = "Released " + title
	}
	if e.Excerpt == "" || e.Excerpt == e.Title {
		return title
	}
	return title + "\n\n" + e.Excerpt
}

// entrySeen says whether any of keys was seen for the project.
func entrySeen(tx core.App, project string, keys []string) (bool, error) {
	in := make([]any, len(keys))
	for i, k := range keys {
		in[i] = k
	}
	var n int
	err := tx.DB().Select("COUNT(*)").From(feedEntriesTable).
		Where(dbx.HashExp{"project": project}).AndWhere(dbx.In("key", in...)).Row(&n)
	if err != nil {
		return false, fmt.Errorf("look for a feed entry: %w", err)
	}
	return n > 0, nil
}

// rememberEntry keeps an entry's keys for the project.
func rememberEntry(tx core.App, project string, keys []string) error {
	for _, k := range keys {
		if _, err := tx.DB().NewQuery(`INSERT OR IGNORE INTO ` + feedEntriesTable + ` (project, key) VALUES ({:p}, {:k})`).
			Bind(dbx.Params{"p": project, "k": k}).Execute(); err != nil {
			return fmt.Errorf("remember a feed entry: %w", err)
		}
	}
	return nil
}

// recordCommits counts a repository's newest commit as activity when it
// is newer than the project's last activity (never later than now). It
// says whether it did.
func recordCommits(tx core.App, p *core.Record, latest, now time.Time) (bool, error) {
	if latest.IsZero() {
		return false, nil
	}
	if latest.After(now) {
		latest = now
	}
	fresh, err := tx.FindRecordById(ColProjects, p.Id) // updates may have moved it
	if err != nil {
		return false, fmt.Errorf("read project %s again: %w", p.Id, err)
	}
	if !latest.After(fresh.GetDateTime("lastActivityAt").Time()) {
		return false, nil
	}
	fresh.Set("lastActivityAt", Stamp(latest))
	if err := tx.Save(fresh); err != nil {
		return false, fmt.Errorf("mark project %s active from its commits: %w", p.Id, err)
	}
	return true, nil
}

// readSummary says in words what a good read gave.
func readSummary(source string, o readOutcome, added int, active bool) string {
	things := "update"
	if source == SourceRepo {
		things = "release"
	}
	var parts []string
	switch {
	case o.read.NotModified:
		parts = append(parts, "Nothing new: unchanged since the last read")
	case added > 0:
		parts = append(parts, fmt.Sprintf("%s from %s", plural(added, "new "+things, "new "+things+"s"),
			plural(o.read.Seen, "entry", "entries")))
	default:
		parts = append(parts, fmt.Sprintf("Nothing new in %s", plural(o.read.Seen, "entry", "entries")))
	}
	if o.first && o.read.Seen > added && !o.read.NotModified {
		parts = append(parts, fmt.Sprintf("on a first read Pipeline adds only the newest %d from the last 30 days", feedFirstReadMost))
	}
	if source == SourceRepo && !o.read.LatestCommit.IsZero() {
		c := "latest commit " + o.read.LatestCommit.Format("2 January 2006")
		if active {
			c += ", counted as activity"
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, "; ")
}

// errReadTooSoon is a read asked for within a minute of the last one.
var errReadTooSoon = errors.New("read less than a minute ago")

// errReadBusy is a read asked for while another (the cron's) is going on.
var errReadBusy = errors.New("a read is going on")

// PullProject reads a project's feed and repository at now, due or not
// ("Read it now"), and stores what they gave as PullFeeds does. A source
// attempted less than a minute before is not read again (errReadTooSoon).
// It returns how many sources it read.
func PullProject(app core.App, projectId string, now time.Time) (int, error) {
	// One read at a time, the cron's included: a read asked for while
	// another runs is refused, never run beside it.
	lock := app.Store().GetOrSet(feedsLockKey, func() any { return &sync.Mutex{} }).(*sync.Mutex)
	if !lock.TryLock() {
		return 0, errReadBusy
	}
	defer lock.Unlock()
	// And at most once a minute a project, whatever its addresses.
	asked := app.Store().GetOrSet(feedsAskedKey, func() any { return &sync.Map{} }).(*sync.Map)
	if last, ok := asked.Load(projectId); ok && now.Sub(last.(time.Time)) < feedReadAgainAfter && !last.(time.Time).After(now) {
		return 0, errReadTooSoon
	}
	asked.Store(projectId, now)
	p, err := app.FindRecordById(ColProjects, projectId)
	if err != nil {
		return 0, fmt.Errorf("find project %s: %w", projectId, err)
	}
	sources := projectSources(p)
	for _, src := range sources {
		s, err := loadFeedState(app, p.Id, src.Source)
		if err != nil {
			return 0, err
		}
		if s == nil || s.URL != src.URL {
			continue
		}
		if at, err := time.Parse(dateLayout, s.LastAttemptAt); err == nil && now.Sub(at) < feedReadAgainAfter && !at.After(now) {
			return 0, errReadTooSoon
		}
	}
	reads := readSources(app, sources)
	for i, src := range sources {
		if err := storeReadOrFail(app, src, reads[i], now); err != nil {
			return i, err
		}
	}
	return len(sources), nil
}
