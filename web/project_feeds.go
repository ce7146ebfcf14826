package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"pipeline/hooks"
)

// Report once on the project's edit page: the addresses of the team's
// feed and repository are fields of the form; below it the owning
// organisation sees when each was last read, what it gave and any
// problem, and can read them now (a form of its own, posting to
// /projects/{slug}/feeds, answered by the API's
// /api/pipeline/projects/{id}/feeds/read as the person).

// feedView is one source as the edit page shows it.
type feedView struct {
	Name, URL              string
	LastRead, LastAttempt  string
	LastResult, LastError  string
	FailingSince, NextRead string
	// NeverRead: Pipeline has not tried this address yet.
	NeverRead bool
}

// feedViews are the project's sources as its owner sees them.
func feedViews(app core.App, p *core.Record) ([]feedView, error) {
	statuses, err := hooks.FeedStatuses(app, p)
	if err != nil {
		return nil, err
	}
	out := make([]feedView, 0, len(statuses))
	for _, st := range statuses {
		v := feedView{Name: "Feed", URL: st.URL, LastRead: formatDateTime(st.LastReadAt), LastAttempt: formatDateTime(st.LastAttemptAt),
			LastResult: st.LastResult, LastError: st.LastError, FailingSince: formatDateTime(st.FailingSince),
			NextRead: formatDateTime(st.NextAttemptAt)}
		if st.Source == hooks.SourceRepo {
			v.Name = "Repository"
		}
		v.NeverRead = st.LastAttemptAt == ""
		out = append(out, v)
	}
	return out, nil
}

// formatDateTime is "3 March 2027 at 10:04am" for a stored date, or "".
func formatDateTime(stored string) string {
	d, err := types.ParseDateTime(stored)
	if err != nil || d.IsZero() {
		return ""
	}
	return d.Time().In(london).Format("2 January 2006 at 3:04pm")
}

// readFeedsNow: POST /projects/{slug}/feeds, "Read it now".
func (s *Site) readFeedsNow(e *core.RequestEvent) error {
	if _, ok, err := s.posted(e); !ok {
		return err
	}
	p, v, ok, err := s.projectFormTarget(e)
	if !ok {
		return err
	}
	if p == nil {
		return s.projectNotFound(e)
	}
	if v.Refused != "" {
		return s.showProjectForm(e, http.StatusForbidden, v, newForm(e, nil))
	}
	a, err := s.call(e, http.MethodPost, "/api/pipeline/projects/"+p.Id+"/feeds/read", nil)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if a.OK() {
		var answer struct {
			Sources []hooks.FeedStatus `json:"sources"`
		}
		if err := a.decode(&answer); err != nil {
			return e.InternalServerError("", err)
		}
		return redirectWith(e, "/projects/"+p.GetString("slug")+"/edit#feeds", readNowMessage(answer.Sources))
	}
	f := newForm(e, projectFormValues(e, p))
	f.apply(a, map[string]string{
		"feedUrl": "Enter the address of your team's feed or repository, and save the project, before reading it",
	}, nil)
	if a.Status == http.StatusTooManyRequests && strings.Contains(a.Message, "less than a minute ago") {
		f.Problem = sentence(a.Message) // the feeds were read a moment ago
	}
	return s.showProjectForm(e, a.Status, v, f)
}

// readNowMessage says what reading the sources now did.
func readNowMessage(sources []hooks.FeedStatus) string {
	var failed []string
	for _, st := range sources {
		if st.LastError != "" {
			name := "feed"
			if st.Source == hooks.SourceRepo {
				name = "repository"
			}
			failed = append(failed, name)
		}
	}
	if len(failed) > 0 {
		return "Pipeline could not read the " + strings.Join(failed, " or the ") + ": the problem is shown below"
	}
	switch {
	case len(sources) == 2:
		return "Pipeline has read the feed and the repository: what they gave is shown below"
	case len(sources) == 1 && sources[0].Source == hooks.SourceRepo:
		return "Pipeline has read the repository: what it gave is shown below"
	}
	return "Pipeline has read the feed: what it gave is shown below"
}

// sourceHost is the host of an update's source, for "Read the rest on …".
func sourceHost(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
