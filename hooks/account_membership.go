package hooks

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/mails"
)

// applyMembershipDefaults fills the role, email frequency and membership of
// a new user, placing them in the organisation their email domain admits.
func applyMembershipDefaults(app core.App, u *core.Record) error {
	if u.GetString("role") == "" {
		u.Set("role", RoleOfficer)
	}
	if u.GetString("emailFrequency") == "" {
		u.Set("emailFrequency", FrequencyDaily)
	}
	if u.GetString("membership") != "" {
		return nil
	}
	u.Set("membership", MembershipPending)
	org, err := organisationForEmail(app, u.Email())
	if err != nil {
		return err
	}
	if org != nil {
		u.Set("organisation", org.Id)
		if u.Verified() {
			u.Set("membership", MembershipApproved)
		}
	}
	return nil
}

// admitOnVerification approves a pending user the moment their address is
// verified, when its domain belongs to the organisation they are waiting for
// (or they have not chosen one).
func admitOnVerification(app core.App, u *core.Record) error {
	if !u.Verified() || u.Original().Verified() || u.GetString("membership") != MembershipPending {
		return nil
	}
	org, err := organisationForEmail(app, u.Email())
	if err != nil || org == nil {
		return err
	}
	if current := u.GetString("organisation"); current != "" && current != org.Id {
		return nil
	}
	u.Set("organisation", org.Id)
	u.Set("membership", MembershipApproved)
	return nil
}

// checkMembershipInvariants keeps the states that the access rules rely on
// consistent, however a user record is saved.
func checkMembershipInvariants(u *core.Record) error {
	membership := u.GetString("membership")
	if membership == MembershipApproved && !u.Verified() {
		return fieldError("membership", "pipeline_unverified",
			"This person must verify their email address before they can be approved.")
	}
	if membership == MembershipApproved && u.GetString("organisation") == "" && u.GetString("role") != RoleCoordinator {
		return fieldError("organisation", "pipeline_no_organisation", "Choose the organisation this person belongs to.")
	}
	if u.GetString("role") == RoleOrgAdmin && u.GetString("organisation") == "" {
		return fieldError("role", "pipeline_admin_without_organisation", "An organisation admin must belong to an organisation.")
	}
	return nil
}

// guardSignUp lets a person sign up with their own details and, optionally,
// the organisation they ask to join. Role and membership are decided by
// Pipeline. It then sends the verification email.
func guardSignUp(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if !c.superuser {
		if err := guardFields(e.Record, "name", "jobTitle", "emailFrequency", "organisation",
			core.FieldNameEmailVisibility, "avatar"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
	}
	if err := e.Next(); err != nil {
		return err
	}
	if !e.Record.Verified() {
		if err := mails.SendRecordVerification(e.App, e.Record); err != nil {
			e.App.Logger().Error("send verification email", "user", e.Record.Id, "error", err)
		}
	}
	return nil
}

// guardUserUpdate decides what each kind of caller may change on a user.
func guardUserUpdate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	var err error
	switch {
	case c.superuser:
	case c.id() == e.Record.Id:
		err = guardSelfUpdate(e.App, e.Record)
	case c.coordinator():
		err = guardCoordinatorUpdate(e.Record)
	case c.orgAdminOf(e.Record.Original().GetString("organisation")):
		err = guardAdminUpdate(e.Record)
	default:
		err = fieldError("id", "pipeline_forbidden", "You cannot change this person's account.")
	}
	if err != nil {
		return badRequest(e.RequestEvent, err)
	}
	return e.Next()
}

// guardSelfUpdate: people keep their own profile and may ask to join an
// organisation while they are not an approved member of one.
func guardSelfUpdate(app core.App, u *core.Record) error {
	orig := u.Original()
	if err := guardFields(u, "name", "jobTitle", "emailFrequency", "organisation", "membership", "mutedProjects",
		core.FieldNameEmailVisibility, "avatar"); err != nil {
		return err
	}
	orgChanged := u.GetString("organisation") != orig.GetString("organisation")
	if orgChanged && orig.GetString("membership") == MembershipApproved && orig.GetString("organisation") != "" {
		return fieldError("organisation", "pipeline_already_member",
			"You are already an approved member of an organisation. Ask a coordinator to move you.")
	}
	if m := u.GetString("membership"); m != orig.GetString("membership") &&
		!(m == MembershipPending && orig.GetString("membership") == MembershipDeclined) {
		return fieldError("membership", "pipeline_forbidden_field", "You cannot set your own membership.")
	}
	if orgChanged {
		u.Set("membership", MembershipPending)
		if u.GetString("organisation") != "" {
			// A verified address at the organisation's own domain needs no
			// one's approval.
			if err := admitByDomain(app, u); err != nil {
				return err
			}
		}
	}
	return nil
}

// admitByDomain approves a verified user who asks to join the organisation
// that their email domain belongs to.
func admitByDomain(app core.App, u *core.Record) error {
	if !u.Verified() {
		return nil
	}
	org, err := organisationForEmail(app, u.Email())
	if err != nil {
		return err
	}
	if org != nil && org.Id == u.GetString("organisation") {
		u.Set("membership", MembershipApproved)
	}
	return nil
}

// guardCoordinatorUpdate: coordinators decide membership anywhere and
// appoint organisation admins; only superusers appoint coordinators.
func guardCoordinatorUpdate(u *core.Record) error {
	if err := guardFields(u, "membership", "role", "organisation", "name", "jobTitle"); err != nil {
		return err
	}
	orig := u.Original()
	if u.GetString("role") != orig.GetString("role") &&
		(u.GetString("role") == RoleCoordinator || orig.GetString("role") == RoleCoordinator) {
		return fieldError("role", "pipeline_superuser_only", "Only a superuser can appoint or remove a coordinator.")
	}
	return nil
}

// guardAdminUpdate: an organisation admin approves or declines the people
// asking to join, and can remove an officer who has left.
func guardAdminUpdate(u *core.Record) error {
	if err := guardFields(u, "membership"); err != nil {
		return err
	}
	orig := u.Original()
	if orig.GetString("role") != RoleOfficer && u.GetString("membership") != orig.GetString("membership") {
		return fieldError("membership", "pipeline_superuser_only",
			"Only a coordinator can change the membership of an admin or a coordinator.")
	}
	from, to := orig.GetString("membership"), u.GetString("membership")
	allowed := map[string][]string{
		MembershipPending:  {MembershipApproved, MembershipDeclined},
		MembershipApproved: {MembershipDeclined},
	}
	if from != to && !slices.Contains(allowed[from], to) {
		return fieldError("membership", "pipeline_invalid_transition",
			fmt.Sprintf("Membership cannot go from %s to %s.", from, to))
	}
	return nil
}

// showEmailToManagers lets organisation admins see the addresses of the
// people in (or asking to join) their organisation, and coordinators see
// everyone's, so they can judge who is asking.
func showEmailToManagers(e *core.RecordEnrichEvent) error {
	if info := e.RequestInfo; info != nil && info.Auth != nil && info.Auth.Collection().Name == ColUsers {
		c := caller{user: info.Auth}
		if c.coordinator() || c.orgAdminOf(e.Record.GetString("organisation")) {
			e.Record.IgnoreEmailVisibility(true)
		}
	}
	return e.Next()
}

// membershipOnCreate sets a new person's organisation, role and membership
// (by email domain where it can) and checks they agree.
func membershipOnCreate(e *core.RecordEvent) error {
	if err := applyMembershipDefaults(e.App, e.Record); err != nil {
		return err
	}
	if err := checkMembershipInvariants(e.Record); err != nil {
		return err
	}
	return e.Next()
}

// membershipOnUpdate admits a person whose address was just verified at one
// of their organisation's domains, and checks membership still agrees.
func membershipOnUpdate(e *core.RecordEvent) error {
	if err := admitOnVerification(e.App, e.Record); err != nil {
		return err
	}
	if err := checkMembershipInvariants(e.Record); err != nil {
		return err
	}
	return e.Next()
}

// privateUserFields are a person's own settings: only they (and
// superusers) see them.
var privateUserFields = []string{"mutedProjects", "emailFrequency", "lastDigestAt"}

// hidePrivateSettings leaves a person's settings out of their record for
// everyone but them and superusers, in API answers and in realtime
// messages alike (a muted project can be a draft's id).
func hidePrivateSettings(e *core.RecordEnrichEvent) error {
	info := e.RequestInfo
	self := info != nil && info.Auth != nil && (info.Auth.IsSuperuser() ||
		(info.Auth.Collection().Name == ColUsers && info.Auth.Id == e.Record.Id))
	if !self {
		e.Record.Hide(privateUserFields...)
	}
	return e.Next()
}

// privateField finds a private field of a person in a sort or filter: as
// a field of people (email, mutedProjects …) or, through a relation, of
// any record (owner.email, user.mutedProjects).
var (
	privateField        = regexp.MustCompile(`(?i)(^|[^a-z0-9_.])(email|mutedprojects|emailfrequency|lastdigestat)([^a-z0-9_]|$)`)
	privateRelatedField = regexp.MustCompile(`(?i)\.(email|mutedprojects|emailfrequency|lastdigestat)([^a-z0-9_]|$)`)
)

// guardPrivateListing refuses, to anyone but a superuser, a list sorted or
// filtered by a field they may not read: a person's address or settings,
// on people or through a relation to them. The order or the count of a
// list would otherwise tell what the field holds.
func guardPrivateListing(e *core.RecordsListRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	people := e.Collection.Name == ColUsers
	q := e.Request.URL.Query()
	for _, param := range []string{"sort", "filter"} {
		v := q.Get(param)
		m := privateRelatedField.FindStringSubmatch(v)
		if m == nil && people {
			if pm := privateField.FindStringSubmatch(v); pm != nil {
				m = []string{pm[0], pm[2]}
			}
		}
		if m != nil {
			return badRequest(e.RequestEvent, fieldError(param, "pipeline_private_field",
				"Lists cannot be sorted or filtered by a person's "+m[1]+": only they can see it."))
		}
	}
	return e.Next()
}
