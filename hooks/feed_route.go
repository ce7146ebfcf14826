package hooks

import (
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// What the owning organisation sees of its project's feed and repository,
// and "Read it now": GET /api/pipeline/projects/{id}/feeds and POST
// /api/pipeline/projects/{id}/feeds/read. Only
// approved officers of the project's organisation may use them: the
// state holds the errors of addresses they gave.

// FeedStatus is what the owner sees of one source: when it was last read
// and what it gave, or what went wrong, and when it is read next.
type FeedStatus struct {
	// Source is "feed" or "repo"; URL the address read.
	Source string `json:"source"`
	URL    string `json:"url"`
	// LastReadAt is the last good read, LastAttemptAt the last attempt
	// (stored dates; empty if never).
	LastReadAt    string `json:"lastReadAt"`
	LastAttemptAt string `json:"lastAttemptAt"`
	// LastResult says what the last good read gave; LastError what went
	// wrong since, if anything.
	LastResult string `json:"lastResult"`
	LastError  string `json:"lastError"`
	// Failures in a row, since FailingSince.
	Failures     int    `json:"failures"`
	FailingSince string `json:"failingSince"`
	// NextAttemptAt is when pull_feeds reads it next (empty: at its next
	// run).
	NextAttemptAt string `json:"nextAttemptAt"`
}

// FeedStatuses are a project's sources as their owner sees them: one for
// each address it has, in the order feed, repository.
func FeedStatuses(app core.App, p *core.Record) ([]FeedStatus, error) {
	out := []FeedStatus{}
	for _, src := range projectSources(p) {
		st := FeedStatus{Source: src.Source, URL: src.URL}
		s, err := loadFeedState(app, p.Id, src.Source)
		if err != nil {
			return nil, err
		}
		if s != nil && s.URL == src.URL {
			st.LastReadAt, st.LastAttemptAt, st.LastResult, st.LastError = s.LastReadAt, s.LastAttemptAt, s.LastResult, s.LastError
			st.Failures, st.FailingSince, st.NextAttemptAt = s.Failures, s.FirstFailureAt, s.NextAttemptAt
		}
		out = append(out, st)
	}
	return out, nil
}

// ownFeeds finds the project of the route for an approved officer of its
// organisation, or answers: 404 for one the caller may not see, 403 for
// one of another organisation.
func ownFeeds(e *core.RequestEvent) (*core.Record, error) {
	p, err := viewableRecord(e, ColProjects, e.Request.PathValue("id"), "No such project.")
	if err != nil {
		return nil, err
	}
	if !(caller{user: e.Auth}).memberOf(p.GetString("organisation")) {
		return nil, e.ForbiddenError("Only officers of the project's organisation can see or read its feeds.", nil)
	}
	return p, nil
}

// feedsRoute: GET /api/pipeline/projects/{id}/feeds, the state of the
// project's sources.
func feedsRoute(e *core.RequestEvent) error {
	p, err := ownFeeds(e)
	if err != nil {
		return err
	}
	st, err := FeedStatuses(e.App, p)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, map[string]any{"sources": st})
}

// pullRoute: POST /api/pipeline/projects/{id}/feeds/read, read the project's
// sources now. It answers their state after the read; a project with no
// address answers 400 naming feedUrl, and a second read within a minute
// 429.
func pullRoute(e *core.RequestEvent) error {
	p, err := ownFeeds(e)
	if err != nil {
		return err
	}
	if len(projectSources(p)) == 0 {
		return refuse(e, "feedUrl", "validation_required", "Give the project a feed or a repository to read first.")
	}
	if _, err := PullProject(e.App, p.Id, time.Now()); err != nil {
		if errors.Is(err, errReadTooSoon) {
			return e.TooManyRequestsError("Pipeline read this project's feeds less than a minute ago. Wait a minute, then try again.", nil)
		}
		if errors.Is(err, errReadBusy) {
			return e.TooManyRequestsError("Pipeline is reading feeds at the moment. Wait a minute, then try again.", nil)
		}
		return e.InternalServerError("", err)
	}
	if p, err = e.App.FindRecordById(ColProjects, p.Id); err != nil {
		return e.InternalServerError("", err)
	}
	st, err := FeedStatuses(e.App, p)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, map[string]any{"sources": st})
}
