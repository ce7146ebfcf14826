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
