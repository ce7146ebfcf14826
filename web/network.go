package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// A project of another Pipeline of the network (/network/projects/{id}):
// what its origin says of it, a link to its page there, and for an
// approved officer the same interest form as a local project's, which
// sends the interest to the origin.

// networkProjectView is a remote project's page.
type networkProjectView struct {
	P               hooks.RemoteHit
	Record          *core.Record
	Signed          bool
	CanExpress      bool
	Approved        bool
	Own             bool
	Mine            *core.Record
	InterestOptions radios
}

// networkProjectPage: GET /network/projects/{id}.
func (s *Site) networkProjectPage(e *core.RequestEvent) error {
	return s.showNetworkProject(e, http.StatusOK, newForm(e, nil))
}

func (s *Site) showNetworkProject(e *core.RequestEvent, status int, f *form) error {
	id := e.Request.PathValue("id")
	hit, ok := hooks.RemoteProject(e.App, id)
	if !ok {
		return s.notFound(e, "Project", "/projects", "browse projects")
	}
	rec, err := e.App.FindRecordById(hooks.ColRemoteProjects, id)
	if err != nil {
		return s.notFound(e, "Project", "/projects", "browse projects")
	}
	v := networkProjectView{P: hit, Record: rec}
	if me := viewerOf(e); me != nil {
		v.Signed, v.Approved = true, me.Approved
		v.Own = me.Organisation != "" && me.Organisation == rec.GetString("organisation")
		v.CanExpress = me.Approved && me.Organisation != "" && !v.Own
		mine, err := e.App.FindFirstRecordByFilter(hooks.ColInterests, "remoteProject = {:r} && user = {:u} && state != 'declined'",
			dbx.Params{"r": id, "u": me.ID})
		if err == nil {
			v.Mine = mine
			v.CanExpress = v.CanExpress && mine.GetString("state") == "withdrawn"
		}
	}
	v.InterestOptions = radioField(f, "kind", "What is your organisation's interest?", "", interestKinds...)
	return s.render(e, status, "network-project", Page{Title: hit.Title + " (on " + hit.Origin.Host + ")", Page: "network-project",
		Description: clip(hit.Summary, 300), Form: f, Data: v})
}

// networkInterest: POST /network/projects/{id}/interest, an officer's
// interest in a remote project, sent to its origin.
func (s *Site) networkInterest(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	id := e.Request.PathValue("id")
	hit, found := hooks.RemoteProject(e.App, id)
	if !found {
		return s.notFound(e, "Project", "/projects", "browse projects")
	}
	f := newForm(e, url.Values{"kind": {values.Get("kind")}, "message": {strings.TrimSpace(values.Get("message"))}})
	if !oneOf(f.Value("kind"), interestKinds) {
		f.add("kind", "Choose what your organisation's interest is")
	}
	if len([]rune(f.Value("message"))) > 2000 {
		f.add("message", "Your message must be 2,000 characters or fewer")
	}
	if f.Failed() {
		return s.showNetworkProject(e, http.StatusBadRequest, f)
	}
	interests := "/api/collections/" + hooks.ColInterests + "/records"
	body := map[string]string{"kind": f.Value("kind"), "message": f.Value("message")}
	var a apiAnswer
	mine, ferr := e.App.FindFirstRecordByFilter(hooks.ColInterests, "remoteProject = {:r} && user = {:u} && state = 'withdrawn'",
		dbx.Params{"r": id, "u": viewerOf(e).ID})
	if ferr == nil {
		body["state"] = "open"
		a, err = s.call(e, http.MethodPatch, interests+"/"+mine.Id, body)
	} else {
		body["remoteProject"] = id
		a, err = s.call(e, http.MethodPost, interests, body)
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	if !a.OK() {
		f.apply(a, nil, map[string]string{"remoteProject": "kind", "organisation": "kind"})
		return s.showNetworkProject(e, a.Status, f)
	}
	return redirectWith(e, "/network/projects/"+id, "Your interest has been sent to "+hit.Organisation.Name+" on "+hit.Origin.Host)
}
