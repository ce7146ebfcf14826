package web

import (
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// homeView is the home page's content.
type homeView struct {
	Featured []homeProject
	Phases   []phaseCount
	Activity []homeUpdate
	Calls    []homeCall
	// Network are the latest projects of the other Pipelines this one
	// trusts.
	Network []hooks.RemoteHit
}

type homeProject struct {
	Slug    string `db:"slug"`
	Title   string `db:"title"`
	Summary string `db:"summary"`
	Phase   string `db:"phase"`
	OrgName string `db:"orgName"`
}

type phaseCount struct {
	Phase string
	N     int
}

type homeUpdate struct {
	Body    string `db:"body"`
	Created string `db:"created"`
	PhaseTo string `db:"phaseTo"`
	Slug    string `db:"slug"`
	Title   string `db:"title"`
	OrgName string `db:"orgName"`
}

type homeCall struct {
	Slug, Title, OrgName string
	Call                 *hooks.CallSummary
}

// homePage: GET /, featured projects, published projects by phase, the
// latest status updates and the partner calls closing soonest, as a
// visitor sees them.
func (s *Site) homePage(e *core.RequestEvent) error {
	db := e.App.DB()
	var v homeView
	if err := db.NewQuery(`SELECT p.slug, p.title, p.summary, p.phase, o.name AS orgName
		FROM projects p JOIN organisations o ON o.id = p.organisation
		WHERE p.featured = TRUE AND p.visibility = 'published' ORDER BY p.lastActivityAt DESC LIMIT 3`).All(&v.Featured); err != nil {
		return e.InternalServerError("", err)
	}
	var counts []struct {
		Phase string `db:"phase"`
		N     int    `db:"n"`
	}
	if err := db.NewQuery(`SELECT phase, COUNT(*) AS n FROM projects
		WHERE visibility = 'published' AND dormantSince = '' GROUP BY phase`).All(&counts); err != nil {
		return e.InternalServerError("", err)
	}
	byPhase := map[string]int{}
	for _, c := range counts {
		byPhase[c.Phase] = c.N
	}
	for _, ph := range phases {
		v.Phases = append(v.Phases, phaseCount{ph, byPhase[ph]})
	}
	if err := db.NewQuery(`SELECT u.body, u.created, u.phaseTo, p.slug, p.title, o.name AS orgName
		FROM updates u JOIN projects p ON p.id = u.project JOIN organisations o ON o.id = p.organisation
		WHERE p.visibility = 'published' ORDER BY u.created DESC LIMIT 8`).All(&v.Activity); err != nil {
		return e.InternalServerError("", err)
	}
	for i := range v.Activity {
		v.Activity[i].Created = formatDate(v.Activity[i].Created)
	}
	var soon []struct {
		Project string `db:"project"`
		Slug    string `db:"slug"`
		Title   string `db:"title"`
		OrgName string `db:"orgName"`
	}
	if err := db.NewQuery(`SELECT c.project, p.slug, p.title, o.name AS orgName
		FROM calls c JOIN projects p ON p.id = c.project JOIN organisations o ON o.id = p.organisation
		WHERE c.state = 'open' AND c.deadline > {:now} AND p.visibility = 'published' ORDER BY c.deadline LIMIT 3`).
		Bind(dbx.Params{"now": hooks.Stamp(time.Now()).String()}).All(&soon); err != nil {
		return e.InternalServerError("", err)
	}
	ids := make([]any, len(soon))
	for i, c := range soon {
		ids[i] = c.Project
	}
	calls, err := hooks.OpenCalls(e.App, ids)
	if err != nil {
		return e.InternalServerError("", err)
	}
	for _, c := range soon {
		if call := calls[c.Project]; call != nil {
			v.Calls = append(v.Calls, homeCall{Slug: c.Slug, Title: c.Title, OrgName: c.OrgName, Call: call})
		}
	}
	if v.Network, err = hooks.LatestRemote(e.App, 4); err != nil {
		return e.InternalServerError("", err)
	}
	return s.render(e, http.StatusOK, "home", Page{Title: "Councils' digital projects", Page: "index",
		Canonical: absolute(e.App, "/"), Data: v,
		Description: "Councils' digital projects, from concept to live, shared so that others can find, join, fund and reuse them."})
}
