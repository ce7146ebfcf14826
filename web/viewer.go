package web

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// viewer is what the layout shows of the person signed in: their name,
// the parts of the site their role opens, and their unread notices.
type viewer struct {
	ID, Name, Email, Organisation string
	// Approved is an approved membership; Member is one with an
	// organisation (a coordinator may have none).
	Approved, Member, Pending bool
	OrgAdmin, Coordinator     bool
	Unread                    int
	rec                       *core.Record
}

// viewerKey is where a request keeps its viewer, worked out once.
const viewerKey = "pipelineViewer"

// viewerOf is the officer signed in to the request, or nil. It is worked
// out once a request (its unread count is a query) and again only when
// the request's auth record changes (signing in or out, a changed
// membership).
func viewerOf(e *core.RequestEvent) *viewer {
	u := e.Auth
	if u == nil || u.Collection().Name != hooks.ColUsers {
		return nil
	}
	if v, ok := e.Get(viewerKey).(*viewer); ok && v.rec == u {
		return v
	}
	v := newViewer(e, u)
	e.Set(viewerKey, v)
	return v
}

// newViewer reads what the layout shows of u.
func newViewer(e *core.RequestEvent, u *core.Record) *viewer {
	v := &viewer{ID: u.Id, Name: u.GetString("name"), Email: u.Email(), Organisation: u.GetString("organisation"), rec: u}
	v.Approved = u.GetString("membership") == hooks.MembershipApproved
	v.Member = v.Approved && v.Organisation != ""
	v.Pending = u.GetString("membership") == hooks.MembershipPending
	role := u.GetString("role")
	v.Coordinator = v.Approved && role == hooks.RoleCoordinator
	v.OrgAdmin = v.Approved && (role == hooks.RoleOrgAdmin || role == hooks.RoleCoordinator)
	var n struct {
		N int `db:"n"`
	}
	if err := e.App.DB().NewQuery("SELECT COUNT(*) AS n FROM " + hooks.ColNotifications + " WHERE user = {:u} AND readAt = ''").
		Bind(dbx.Params{"u": u.Id}).One(&n); err == nil {
		v.Unread = n.N
	}
	return v
}
