package hooks

// This file is the one place for the names Pipeline and its users share:
// collections, the values of their select fields, notification kinds, cron
// ids, one-click link actions, the fields of the config record and the
// environment variables the binary reads. Migrations spell the same names
// out as literals on purpose (see below).

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
	// ColConfig is the one-record collection of thresholds a superuser
	// changes in the dashboard (Collections › config) without a rebuild.
	ColConfig = "config"
	// ColNudges logs coordinators' nudges and introductions.
	ColNudges = "nudges"
	// ColSavedSearches holds the searches officers ask to be told about.
	ColSavedSearches = "savedSearches"
	// Funding rounds: a funder's rounds, the bids councils make, the
	// partners of each bid and the funder's private scores.
	ColRounds      = "rounds"
	ColBids        = "bids"
	ColBidPartners = "bidPartners"
	ColScores      = "scores"
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

// Pledge states. A pledge is released when its call does not form.
const (
	PledgeActive    = "active"
	PledgeWithdrawn = "withdrawn"
	PledgeReleased  = "released"
)

// Round states, in order. A round is published once it leaves draft.
const (
	RoundDraft     = "draft"
	RoundOpen      = "open"
	RoundAssessing = "assessing"
	RoundDecided   = "decided"
)

// Bid states.
const (
	BidDraft       = "draft"
	BidSubmitted   = "submitted"
	BidWithdrawn   = "withdrawn"
	BidShortlisted = "shortlisted"
	BidFunded      = "funded"
	BidNotFunded   = "notFunded"
)

// Bid partner states: only a confirmed partner counts.
const (
	PartnerInvited   = "invited"
	PartnerConfirmed = "confirmed"
	PartnerDeclined  = "declined"
)

// Email delivery states of a notification.
const (
	EmailPending = "pending"
	EmailSent    = "sent"
	EmailSkipped = "skipped"
	EmailFailed  = "failed"
)

// Stages of the freshness chase, kept in a project's chaseStage.
const (
	chaseNone      = 0 // fresh, or not chased yet
	chaseAsked     = 1 // owner asked "Is this still accurate?"
	chaseReminded  = 2 // owner reminded
	chaseEscalated = 3 // organisation admins copied
	chaseDormant   = 4 // dormant; followers told
)

// Notification kinds.
const (
	KindInterestExpressed = "interestExpressed"
	KindInterestAnswered  = "interestAnswered"
	KindProjectUpdate     = "projectUpdate"
	KindMembershipRequest = "membershipRequest"
	KindMembershipDecided = "membershipDecided"
	KindProjectDormant    = "projectDormant"
	KindStaleProject      = "staleProject"
	KindStaleReminder     = "staleReminder"
	KindStaleAdmins       = "staleAdmins"
	KindDatePassed        = "datePassed"
	KindInterestWaiting   = "interestWaiting"
	KindInterestEscalated = "interestEscalated"
	KindInterestCheck     = "interestCheck"
	KindSimilarProject    = "similarProject"
	KindSavedSearchMatch  = "savedSearchMatch"
	KindNudge             = "nudge"
	KindIntroduction      = "introduction"
	KindContinuedIn       = "continuedIn"
	KindOutcomeWanted     = "outcomeWanted"
	// partner calls
	KindCallProgress  = "callProgress"
	KindCallPledge    = "callPledge"
	KindCallReminder  = "callReminder"
	KindCallFormed    = "callFormed"
	KindCallNotFormed = "callNotFormed"
	KindCallCancelled = "callCancelled"
	// funding rounds
	KindBidInvitation    = "bidInvitation"
	KindBidPartnerAnswer = "bidPartnerAnswer"
	KindBidSubmitted     = "bidSubmitted"
	KindRoundClosed      = "roundClosed"
	KindRoundDecided     = "roundDecided"
)

// Actions a signed link can carry out without signing in.
const (
	LinkConfirm     = "confirm"     // a project is still accurate
	LinkUnsubscribe = "unsubscribe" // no more email at all
	LinkMute        = "mute"        // no more email about one project
)

// Cron job ids. They are a contract: administrators see and run the jobs
// by these names in the dashboard (Settings › Crons) and the crons API.
// The schedule of each is in base_cron.go.
const (
	CronDeliverNotifications = "deliver_notifications"
	CronSendDigests          = "send_digests"
	CronChaseStaleProjects   = "chase_stale_projects"
	CronCheckPassedDates     = "check_passed_dates"
	CronChaseInterests       = "chase_interests"
	CronMatchSavedSearches   = "match_saved_searches"
	CronResolveCalls         = "resolve_calls"
	CronRemindCalls          = "remind_calls"
	CronRefreshSimilar       = "refresh_similar"
	CronCloseRounds          = "close_rounds"
	CronSyncPeers            = "sync_peers"
	CronDeliverActivities    = "deliver_activities"
)

// Fields of the config record (collection config): thresholds in days
// unless the name says otherwise. LoadConfig reads them.
const (
	CfgChaseAfterDays       = "chaseAfterDays"
	CfgChaseReminderDays    = "chaseReminderDays"
	CfgChaseAdminsDays      = "chaseAdminsDays"
	CfgChaseDormantDays     = "chaseDormantDays"
	CfgInterestReminderDays = "interestReminderDays"
	CfgInterestEscalateDays = "interestEscalateDays"
	CfgInterestCheckDays    = "interestCheckDays"
	CfgInterestRetryDays    = "interestRetryDays"
	CfgLinkExpiryDays       = "linkExpiryDays"
	CfgCoalesceMinutes      = "coalesceMinutes"
	CfgDigestHour           = "digestHour"
	CfgWeeklyDigestDay      = "weeklyDigestDay"
	CfgLinkSecret           = "linkSecret"
	CfgSignInMaxFailures    = "signInMaxFailures"
	CfgSignInWindowMinutes  = "signInWindowMinutes"
)

// Environment variables the binary reads.
const (
	// EnvAnswerCache set to "off" turns the answer cache off (benchmarks
	// use it to measure the uncached path).
	EnvAnswerCache = "PIPELINE_ANSWER_CACHE"
	// EnvPublicDir serves the UI from a folder instead of the copy embedded
	// at build time, for working on the UI without rebuilding.
	EnvPublicDir = "PIPELINE_PUBLIC_DIR"
	// EnvFederationLoopback set to "1" lets peers on 127.0.0.0/8 be plain
	// http, for tests of several instances on one machine; nothing else
	// is ever let through.
	EnvFederationLoopback = "PIPELINE_FEDERATION_ALLOW_LOOPBACK"
)

// Peers (other Pipeline instances) and their states.
const (
	ColPeers    = "peers"
	PeerPending = "pending"
	PeerTrusted = "trusted"
	PeerBlocked = "blocked"
	// ColRemoteProjects holds trusted peers' published projects.
	ColRemoteProjects = "remoteProjects"
)

// Where an app keeps its answer cache, its similarity index and its
// search ranker, in
// app.Store().
const (
	answerCacheKey  = "pipeline.answerCache"
	similarIndexKey = "pipeline.similarIndex"
	searchRankerKey = "pipeline.searchRanker"
)

// The demo's inbox: in demo mode (`pipeline demo`) every email is caught
// in this table instead of being sent, and DemoMailKey is set in
// app.Store() so that the pages serve it at /demo/mail.
const (
	DemoMailTable = "demo_mail"
	DemoMailKey   = "pipeline.demoMail"
)

// Report once (issue 19): a project's news read from its team's feed and
// repository. The cron id and the environment variable are contracts like
// the others above; the tables are the server's own, outside the record
// API.
const (
	// CronPullFeeds reads every project's feed and repository that is due.
	CronPullFeeds = "pull_feeds"
	// EnvFeedsLoopback set to "1" lets feeds on 127.0.0.0/8 through, for
	// tests that serve feeds on this machine; nothing else is ever let
	// through.
	EnvFeedsLoopback = "PIPELINE_FEEDS_ALLOW_LOOPBACK"
	// KindFeedFailing tells a project's owner, once, that its feed or
	// repository has failed for a week.
	KindFeedFailing = "feedFailing"
	// Where an update came from (updates.source): a feed, a repository,
	// or (empty) an officer who wrote it.
	SourceFeed = "feed"
	SourceRepo = "repo"

	feedSourcesTable = "pipeline_feed_sources"
	feedEntriesTable = "pipeline_feed_entries"
)
