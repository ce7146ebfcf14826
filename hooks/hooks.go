// Package hooks holds all of Pipeline's behaviour bound to PocketBase: the
// server-side rules that protect fields clients must not set, membership of
// organisations, defaults, routes and commands. Register is the table of
// contents; main and every test factory call it, so tests exercise exactly
// the production wiring.
package hooks

import "github.com/pocketbase/pocketbase/core"

// Register binds every Pipeline hook to app.
func Register(app core.App) {
	registerOrganisations(app)
	registerMembership(app)
	registerProjects(app)
	registerUpdates(app)
	registerInterests(app)
	registerCalls(app)
	registerPledges(app)
	registerNotifications(app)
	registerEvents(app)
	registerLinkRoutes(app)
	registerProjectRoutes(app)
	registerInterestRoutes(app)
	registerCompression(app)
	registerAnswerCache(app)
	registerSearchRoutes(app)
	registerSimilar(app)
	registerOpenData(app)
	registerSavedSearches(app)
	registerImport(app)
	registerCallLifecycle(app)
	registerCallRoutes(app)
	registerCoordinatorRoutes(app)
	registerContinuation(app)
	registerPortfolio(app)
	registerDelivery(app)
	registerCron(app)
}
