package hooks

// Collection names. They are a public contract: integrations, feeds and
// tests rely on them, so they never change. Migrations spell them out as
// literals on purpose: a migration is a frozen record of history and must
// not move when runtime code is refactored.
const (
	ColOrganisations = "organisations"
	ColUsers         = "users"
	ColProjects      = "projects"
	ColUpdates       = "updates"
	ColInterests     = "interests"
	ColCalls         = "calls"
	ColPledges       = "pledges"
	ColNotifications = "notifications"
)

// User roles.
const (
	RoleOfficer     = "officer"
	RoleOrgAdmin    = "orgAdmin"
	RoleCoordinator = "coordinator"
)

// Membership states of a user in their organisation.
const (
	MembershipPending  = "pending"
	MembershipApproved = "approved"
	MembershipDeclined = "declined"
)

// Email frequencies a user can choose.
const (
	FrequencyImmediate = "immediate"
	FrequencyDaily     = "daily"
	FrequencyWeekly    = "weekly"
	FrequencyOff       = "off"
)

// Project phases, as GOV.UK service phases, in order.
var Phases = []string{"concept", "discovery", "alpha", "beta", "live", "retired"}

// Project visibility.
const (
	VisibilityDraft     = "draft"
	VisibilityPublished = "published"
)

// Interest states.
const (
	InterestOpen          = "open"
	InterestAcknowledged  = "acknowledged"
	InterestCollaborating = "collaborating"
	InterestDeclined      = "declined"
	InterestWithdrawn     = "withdrawn"
)

// Interest kinds.
const (
	InterestFollowing  = "following"
	InterestJoin       = "join"
	InterestReuse      = "reuse"
	InterestSimilar    = "similar"
	InterestContribute = "contribute"
)

// Call states.
const (
	CallOpen      = "open"
	CallFormed    = "formed"
	CallNotFormed = "notFormed"
	CallCancelled = "cancelled"
)

// Pledge states.
const (
	PledgeActive    = "active"
	PledgeWithdrawn = "withdrawn"
)

// Email delivery states of a notification.
const (
	EmailPending = "pending"
	EmailSent    = "sent"
	EmailSkipped = "skipped"
	EmailFailed  = "failed"
)
