// Package hooks holds Pipeline's domain bound to PocketBase: the
// server-side rules that protect fields clients must not set, membership of
// organisations, notifications and the outbox, search and similar
// projects, partner calls, coordination and open data. Register is the
// table of contents; main and every test factory call it, so tests
// exercise exactly the production wiring.
//
// Files are named feature first (project_*.go, call_*.go, notify_*.go …;
// base_*.go for what every feature uses), routes.go is the one route
// table, and this file binds every record hook, collection by collection,
// in the order they run.
package hooks

import (
	"sync/atomic"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// Register binds every Pipeline hook, route and scheduled job to app.
func Register(app core.App) {
	bindOrganisationHooks(app)
	bindUserHooks(app)
	bindSignInHooks(app)
	bindProjectHooks(app)
	bindUpdateHooks(app)
	bindInterestHooks(app)
	bindCallHooks(app)
	bindPledgeHooks(app)
	bindRoundHooks(app)
	bindPeerHooks(app)
	bindFederationHooks(app)
	bindBidHooks(app)
	bindBidPartnerHooks(app)
	bindScoreHooks(app)
	bindNotificationHooks(app)
	bindSavedSearchHooks(app)
	app.OnMailerSend().BindFunc(printDevMail)
	app.OnServe().BindFunc(warmSimilarIndex)
	app.OnServe().BindFunc(warmSearchRanker)
	app.OnServe().BindFunc(startDeliveryLoop)
	bindRoutes(app)
	scheduleJobs(app)
}

// Handlers of one PocketBase hook run in the order they are bound here.
// Each calls e.Next(); one that works in the record's transaction
// (inTransaction) does its part after the handlers below it and the save.
// A record's create runs: …Request (API calls only) → Create → Validate →
// the save → AfterCreateSuccess once committed; an update likewise.

// bindOrganisationHooks binds what runs when an organisation is saved.
func bindOrganisationHooks(app core.App) {
	onRecord(app.OnRecordCreate(ColOrganisations), "organisations.create.defaults", organisationCreateDefaults)
	onRecord(app.OnRecordUpdate(ColOrganisations), "organisations.update.domains", organisationUpdateDomains)
	onRecord(app.OnRecordUpdateRequest(ColOrganisations), "organisations.updateRequest.guard", guardOrganisationUpdate)
	bindAnswerInvalidation(app, ColOrganisations)
}

// bindUserHooks binds what runs when a person signs up or is changed.
func bindUserHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColUsers), "users.createRequest.guard", guardSignUp)
	onRecord(app.OnRecordUpdateRequest(ColUsers), "users.updateRequest.guard", guardUserUpdate)
	onRecord(app.OnRecordCreate(ColUsers), "users.create.membership", membershipOnCreate)
	onRecord(app.OnRecordCreate(ColUsers), "users.create.notify", notifyMembershipOnSave)
	onRecord(app.OnRecordUpdate(ColUsers), "users.update.membership", membershipOnUpdate)
	onRecord(app.OnRecordUpdate(ColUsers), "users.update.notify", notifyMembershipOnSave)
	onRecord(app.OnRecordEnrich(ColUsers), "users.enrich.email", showEmailToManagers)
	onRecord(app.OnRecordEnrich(ColUsers), "users.enrich.private", hidePrivateSettings)
	app.OnRecordsListRequest().BindFunc(guardPrivateListing)
}

// bindSignInHooks binds the per-account limit on password guesses to
// every auth collection (users and superusers).
func bindSignInHooks(app core.App) {
	onRecord(app.OnRecordAuthWithPasswordRequest(), "auth.withPasswordRequest.limit", limitPasswordGuesses)
}

// bindProjectHooks binds what runs when a project is saved. On create:
// defaults, then (in the transaction, after the save) the owners of
// similar work are told, with publishedAt stamped before the save. On
// update: the chase is reset by activity, similar owners are told when a
// draft is published, publishedAt is stamped, and the owner is asked for
// the outcome when the project goes live or retires. Once committed, the
// similarity index takes the change (and marks the stored lists it may
// move as due) before the answer cache starts a new generation. (The
// search ranker needs no hook: it follows the database's own log.)
func bindProjectHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColProjects), "projects.createRequest.guard", guardProjectCreate)
	onRecord(app.OnRecordUpdateRequest(ColProjects), "projects.updateRequest.guard", guardProjectUpdate)
	onRecord(app.OnRecordCreate(ColProjects), "projects.create.defaults", projectCreateDefaults)
	onRecord(app.OnRecordCreate(ColProjects), "projects.create.similar", tellSimilarOwnersOnCreate)
	onRecord(app.OnRecordCreate(ColProjects), "projects.create.published", markPublishedOnSave)
	onRecord(app.OnRecordValidate(ColProjects), "projects.validate", projectValidate)
	onRecord(app.OnRecordUpdate(ColProjects), "projects.update.chase", projectUpdateResetChase)
	onRecord(app.OnRecordUpdate(ColProjects), "projects.update.similar", tellSimilarOwnersOnPublish)
	onRecord(app.OnRecordUpdate(ColProjects), "projects.update.published", markPublishedOnSave)
	onRecord(app.OnRecordUpdate(ColProjects), "projects.update.outcome", askForOutcome)
	onRecord(app.OnRecordAfterCreateSuccess(ColProjects), "projects.afterCreate.similar", indexProjectSave)
	onRecord(app.OnRecordAfterUpdateSuccess(ColProjects), "projects.afterUpdate.similar", indexProjectSave)
	onRecord(app.OnRecordAfterDeleteSuccess(ColProjects), "projects.afterDelete.similar", indexProjectDelete)
	bindAnswerInvalidation(app, ColProjects)
}

// bindUpdateHooks binds what runs when a status update is posted or edited.
func bindUpdateHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColUpdates), "updates.createRequest.guard", guardUpdateCreate)
	onRecord(app.OnRecordUpdateRequest(ColUpdates), "updates.updateRequest.guard", guardUpdateEdit)
	onRecord(app.OnRecordCreate(ColUpdates), "updates.create.record", recordStatusUpdate)
	bindAnswerInvalidation(app, ColUpdates)
}

// bindInterestHooks binds what runs when interest is expressed or answered.
func bindInterestHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColInterests), "interests.createRequest.guard", guardInterestCreate)
	onRecord(app.OnRecordUpdateRequest(ColInterests), "interests.updateRequest.guard", guardInterestUpdate)
	onRecord(app.OnRecordCreate(ColInterests), "interests.create.defaults", interestCreateDefaults)
	onRecord(app.OnRecordCreate(ColInterests), "interests.create.notify", notifyInterestOnCreate)
	onRecord(app.OnRecordUpdate(ColInterests), "interests.update.notify", notifyInterestOnUpdate)
	bindAnswerInvalidation(app, ColInterests) // a project's page says who is interested
}

// bindCallHooks binds what runs when a partner call is opened or changed.
func bindCallHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColCalls), "calls.createRequest.guard", guardCallCreate)
	onRecord(app.OnRecordUpdateRequest(ColCalls), "calls.updateRequest.guard", guardCallUpdate)
	onRecord(app.OnRecordCreate(ColCalls), "calls.create.defaults", callCreateDefaults)
	bindAnswerInvalidation(app, ColCalls)
}

// bindPledgeHooks binds what runs when an organisation pledges. The
// recount and the notice share the pledge's transaction.
func bindPledgeHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColPledges), "pledges.createRequest.guard", guardPledgeCreate)
	onRecord(app.OnRecordUpdateRequest(ColPledges), "pledges.updateRequest.guard", guardPledgeUpdate)
	// The notice is bound first so that its part runs last, after the
	// recount: it gives the totals with this pledge in them.
	onRecord(app.OnRecordCreate(ColPledges), "pledges.create.notify", announcePledge)
	onRecord(app.OnRecordCreate(ColPledges), "pledges.create.recount", pledgeCreate)
	onRecord(app.OnRecordUpdate(ColPledges), "pledges.update.recount", pledgeUpdateRecount)
	bindAnswerInvalidation(app, ColPledges)
}

// bindRoundHooks binds what runs when a funder creates or changes a
// funding round. Deciding a round carries out its awards and tells every
// bidder and partner in the round's transaction.
func bindRoundHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColRounds), "rounds.createRequest.guard", guardRoundCreate)
	onRecord(app.OnRecordUpdateRequest(ColRounds), "rounds.updateRequest.guard", guardRoundUpdate)
	onRecord(app.OnRecordCreate(ColRounds), "rounds.create.defaults", roundCreateDefaults)
	onRecord(app.OnRecordUpdate(ColRounds), "rounds.update.decided", roundUpdateDecided)
	bindAnswerInvalidation(app, ColRounds)
}

// bindPeerHooks binds the checks of another instance's address.
func bindPeerHooks(app core.App) {
	onRecord(app.OnRecordValidate(ColPeers), "peers.validate", peerValidate)
	onRecord(app.OnRecordCreateRequest(ColPeers), "peers.createRequest.guard", guardPeerCreate)
	onRecord(app.OnRecordUpdateRequest(ColPeers), "peers.updateRequest.guard", guardPeerUpdate)
}

// bindFederationHooks binds what tells the network of a change, and what
// keeps remote projects in step.
func bindFederationHooks(app core.App) {
	onRecord(app.OnRecordCreate(ColProjects), "projects.create.federate", federateProjectSave)
	onRecord(app.OnRecordUpdate(ColProjects), "projects.update.federate", federateProjectSave)
	onRecord(app.OnRecordDelete(ColProjects), "projects.delete.federate", federateProjectDelete)
	onRecord(app.OnRecordCreate(ColUpdates), "updates.create.federate", federateStatusUpdate)
	onRecord(app.OnRecordCreate(ColInterests), "interests.create.federate", federateInterestCreate)
	onRecord(app.OnRecordUpdate(ColInterests), "interests.update.federate", federateInterestUpdate)
	onRecord(app.OnRecordValidate(ColInterests), "interests.validate.remote", interestValidate)
	onRecord(app.OnRecordUpdate(ColPeers), "peers.update.untrusted", removeProjectsOnPeerChange)
	onRecord(app.OnRecordDelete(ColPeers), "peers.delete.projects", removeProjectsWithPeer)
	onRecord(app.OnRecordAfterCreateSuccess(ColPeers), "peers.afterCreate.sync", syncOnTrust)
	onRecord(app.OnRecordAfterUpdateSuccess(ColPeers), "peers.afterUpdate.sync", syncOnTrust)
	onRecord(app.OnRecordAfterCreateSuccess(ColRemoteProjects), "remoteProjects.afterCreate.similar", indexRemoteProject)
	onRecord(app.OnRecordAfterUpdateSuccess(ColRemoteProjects), "remoteProjects.afterUpdate.similar", indexRemoteProject)
	onRecord(app.OnRecordAfterDeleteSuccess(ColRemoteProjects), "remoteProjects.afterDelete.similar", unindexRemoteProject)
	bindAnswerInvalidation(app, ColRemoteProjects)
	bindAnswerInvalidation(app, ColPeers)
}

// bindBidHooks binds what runs when a council drafts or changes a bid.
func bindBidHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColBids), "bids.createRequest.guard", guardBidCreate)
	onRecord(app.OnRecordUpdateRequest(ColBids), "bids.updateRequest.guard", guardBidUpdate)
	onRecord(app.OnRecordCreate(ColBids), "bids.create.defaults", bidCreateDefaults)
	bindAnswerInvalidation(app, ColBids)
}

// bindBidPartnerHooks binds what runs when a lead invites a partner and
// the partner answers; each notice shares the save's transaction.
func bindBidPartnerHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColBidPartners), "bidPartners.createRequest.guard", guardBidPartnerCreate)
	onRecord(app.OnRecordUpdateRequest(ColBidPartners), "bidPartners.updateRequest.guard", guardBidPartnerUpdate)
	onRecord(app.OnRecordCreate(ColBidPartners), "bidPartners.create.invite", bidPartnerCreate)
	onRecord(app.OnRecordUpdate(ColBidPartners), "bidPartners.update.answer", bidPartnerAnswered)
	bindAnswerInvalidation(app, ColBidPartners)
}

// bindScoreHooks binds what runs when an assessor scores a bid.
func bindScoreHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColScores), "scores.createRequest.guard", guardScoreCreate)
	onRecord(app.OnRecordUpdateRequest(ColScores), "scores.updateRequest.guard", guardScoreUpdate)
}

// bindNotificationHooks binds what runs when a notification is written or
// read.
func bindNotificationHooks(app core.App) {
	onRecord(app.OnRecordUpdateRequest(ColNotifications), "notifications.updateRequest.guard", guardNotificationUpdate)
	onRecord(app.OnRecordCreate(ColNotifications), "notifications.create.outbox", notificationCreateDefaults)
}

// bindSavedSearchHooks binds what runs when an officer saves a search.
func bindSavedSearchHooks(app core.App) {
	onRecord(app.OnRecordCreateRequest(ColSavedSearches), "savedSearches.createRequest.guard", guardSavedSearchCreate)
	onRecord(app.OnRecordUpdateRequest(ColSavedSearches), "savedSearches.updateRequest.guard", guardSavedSearchUpdate)
	onRecord(app.OnRecordValidate(ColSavedSearches), "savedSearches.validate", validateSavedSearch)
}

// bindAnswerInvalidation starts a new generation of the answer cache after
// every committed write to collection.
func bindAnswerInvalidation(app core.App, collection string) {
	onRecord(app.OnRecordAfterCreateSuccess(collection), collection+".afterCreate.answers", invalidateAnswers)
	onRecord(app.OnRecordAfterUpdateSuccess(collection), collection+".afterUpdate.answers", invalidateAnswers)
	onRecord(app.OnRecordAfterDeleteSuccess(collection), collection+".afterDelete.answers", invalidateAnswers)
}

// hookTrace, when set, is told the id of every Pipeline record hook as it
// starts. Tests use it to check which of them run, in which order.
var hookTrace atomic.Pointer[func(id string)]

// onRecord binds fn to h under id.
func onRecord[T hook.Tagger](h *hook.TaggedHook[T], id string, fn func(T) error) {
	h.Bind(&hook.Handler[T]{Id: id, Func: func(e T) error {
		if trace := hookTrace.Load(); trace != nil {
			(*trace)(id)
		}
		return fn(e)
	}})
}
