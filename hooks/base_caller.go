package hooks

import "github.com/pocketbase/pocketbase/core"

// caller describes who is making an API request, in the terms the access
// rules use.
type caller struct {
	superuser bool
	user      *core.Record // nil for visitors and superusers
}

func callerOf(e *core.RequestEvent) caller {
	if e.HasSuperuserAuth() {
		return caller{superuser: true}
	}
	if e.Auth != nil && e.Auth.Collection().Name == ColUsers {
		return caller{user: e.Auth}
	}
	return caller{}
}

func (c caller) id() string {
	if c.user == nil {
		return ""
	}
	return c.user.Id
}

func (c caller) organisation() string {
	if c.user == nil {
		return ""
	}
	return c.user.GetString("organisation")
}

func (c caller) approved() bool {
	return c.user != nil && c.user.GetString("membership") == MembershipApproved
}

func (c caller) coordinator() bool {
	return c.approved() && c.user.GetString("role") == RoleCoordinator
}

// orgAdminOf is true when the caller is an approved admin of organisation.
func (c caller) orgAdminOf(organisation string) bool {
	return c.approved() && organisation != "" && c.user.GetString("role") == RoleOrgAdmin &&
		c.organisation() == organisation
}

// memberOf is true when the caller is an approved member of organisation.
func (c caller) memberOf(organisation string) bool {
	return c.approved() && organisation != "" && c.organisation() == organisation
}

// viewableRecord finds the record id of a collection that the caller may
// view under its view rule. It answers 404 with notFound both when there
// is no such record and when the caller may not see it, so that hidden
// records (drafts) cannot be told from missing ones.
func viewableRecord(e *core.RequestEvent, collection, id, notFound string) (*core.Record, error) {
	r, err := e.App.FindRecordById(collection, id)
	if err != nil {
		return nil, e.NotFoundError(notFound, nil)
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, e.BadRequestError("", err)
	}
	if ok, _ := e.App.CanAccessRecord(r, info, r.Collection().ViewRule); !ok {
		return nil, e.NotFoundError(notFound, nil)
	}
	return r, nil
}

// requireCoordinator lets only approved coordinators (and superusers)
// through.
func requireCoordinator(e *core.RequestEvent) error {
	c := callerOf(e)
	if !c.superuser && !c.coordinator() {
		return e.ForbiddenError("Only coordinators can do this.", nil)
	}
	return e.Next()
}
