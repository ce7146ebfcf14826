package hooks

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// access says who may call a route. It is checked before the handler runs;
// the handler still answers only what the caller may see (a route open to
// anyone answers visitors with what visitors may read).
type access int

const (
	// anyone: visitors too.
	anyone access = iota
	// signedLink: anyone holding a valid signed one-click link; the
	// handler checks the link's signature, expiry and action.
	signedLink
	// officer: a signed-in person of the users collection.
	officer
	// coordinator: an approved coordinator of the users collection.
	coordinator
	// coordinatorOrSuperuser: an approved coordinator, or a superuser.
	coordinatorOrSuperuser
)

// route is one of Pipeline's own endpoints, beside PocketBase's record API.
type route struct {
	method  string
	path    string
	who     access
	handler func(*core.RequestEvent) error
	// maxBody is the request body limit when it is not PocketBase's.
	maxBody int64
	// cachedGzip marks a route answered from the answer cache, which keeps
	// its answers gzipped, so the API's gzip middleware leaves it alone.
	cachedGzip bool
}

// routes is every custom route, in one table. The web UI's pages and
// assets are served by ServePublic, bound last by main.
func routes() []route {
	const (
		get  = http.MethodGet
		post = http.MethodPost
		api  = "/api/pipeline"
		proj = api + "/projects/{id}"
	)
	return []route{
		// Who is signed in (the pages' scripts ask, holding no token).
		{method: get, path: api + "/me", who: officer, handler: meRoute},

		// Finding work.
		{method: get, path: api + "/search", who: anyone, handler: searchRoute, cachedGzip: true},
		{method: get, path: api + "/similar", who: anyone, handler: similarRoute, cachedGzip: true},

		// A project's life.
		{method: post, path: proj + "/confirm", who: officer, handler: confirmRoute},
		{method: post, path: proj + "/adopt", who: officer, handler: adoptRoute},
		{method: post, path: proj + "/close", who: officer, handler: closeRoute},
		{method: get, path: proj + "/reuse", who: anyone, handler: reuseRoute},
		{method: get, path: proj + "/interest", who: anyone, handler: interestSummaryRoute},
		{method: post, path: proj + "/feature", who: coordinator, handler: featureRoute},
		{method: get, path: proj + "/feeds", who: officer, handler: feedsRoute},
		{method: post, path: proj + "/feeds/read", who: officer, handler: pullRoute},

		// Partner calls.
		{method: get, path: api + "/calls/{id}/pledgers", who: anyone, handler: pledgersRoute},

		// Funding rounds.
		{method: post, path: api + "/bids/{id}/submit", who: officer, handler: submitBidRoute},
		{method: post, path: api + "/bids/{id}/award", who: officer, handler: awardBidRoute},
		{method: get, path: api + "/rounds/{id}/stats", who: anyone, handler: roundStatsRoute},

		// One-click links from emails: a GET is a person following the
		// link, a POST is RFC 8058's one-click unsubscribe.
		{method: get, path: api + "/" + LinkConfirm, who: signedLink, handler: linkHandler(LinkConfirm, confirmByLink)},
		{method: post, path: api + "/" + LinkConfirm, who: signedLink, handler: linkHandler(LinkConfirm, confirmByLink)},
		{method: get, path: api + "/" + LinkUnsubscribe, who: signedLink, handler: linkHandler(LinkUnsubscribe, unsubscribeByLink)},
		{method: post, path: api + "/" + LinkUnsubscribe, who: signedLink, handler: linkHandler(LinkUnsubscribe, unsubscribeByLink)},
		{method: get, path: api + "/" + LinkMute, who: signedLink, handler: linkHandler(LinkMute, muteByLink)},
		{method: post, path: api + "/" + LinkMute, who: signedLink, handler: linkHandler(LinkMute, muteByLink)},

		// An organisation's own work.
		{method: get, path: api + "/portfolio", who: officer, handler: portfolioRoute},
		{method: get, path: api + "/portfolio.csv", who: officer, handler: portfolioCSVRoute},
		{method: get, path: api + "/import/template.csv", who: anyone, handler: importTemplateRoute},
		{method: post, path: api + "/import", who: officer, handler: importRoute, maxBody: importMaxBytes + 64<<10},

		// Coordination.
		{method: get, path: api + "/stats", who: coordinatorOrSuperuser, handler: statsRoute},
		{method: get, path: api + "/coordinator/queues", who: coordinator, handler: queuesRoute},
		{method: post, path: api + "/coordinator/nudge", who: coordinator, handler: nudgeRoute},
		{method: post, path: api + "/coordinator/introduce", who: coordinator, handler: introduceRoute},

		// The fediverse (federation_actor.go): discovery, actors, outboxes,
		// Pipeline's JSON-LD context. Project objects are the project
		// page's (web), asked for with Accept: application/activity+json.
		{method: get, path: "/.well-known/webfinger", who: anyone, handler: webfingerRoute},
		{method: get, path: "/.well-known/nodeinfo", who: anyone, handler: nodeinfoLinksRoute},
		{method: get, path: "/nodeinfo/2.1", who: anyone, handler: nodeinfoRoute},
		{method: get, path: "/ns/pipeline", who: anyone, handler: pipelineContextRoute},
		{method: get, path: "/ap/organisations/{slug}", who: anyone, handler: actorRoute},
		{method: get, path: "/ap/organisations/{slug}/outbox", who: anyone, handler: outboxRoute},
		{method: get, path: "/ap/organisations/{slug}/followers", who: anyone, handler: followersRoute},
		{method: post, path: "/ap/organisations/{slug}/inbox", who: anyone, handler: inboxRoute, maxBody: inboxMaxBody},
		{method: get, path: "/ap/organisations", who: anyone, handler: organisationsRoute},
		{method: get, path: "/ap/instance", who: anyone, handler: instanceActorRoute},
		{method: get, path: "/ap/instance/outbox", who: anyone, handler: instanceOutboxRoute},
		{method: post, path: "/ap/instance/inbox", who: anyone, handler: inboxRoute, maxBody: inboxMaxBody},
		{method: post, path: "/ap/inbox", who: anyone, handler: inboxRoute, maxBody: inboxMaxBody},

		// Open data.
		{method: get, path: "/export/projects.csv", who: anyone, handler: exportCSV},
		{method: get, path: "/export/projects.json", who: anyone, handler: exportJSON},
		{method: get, path: "/feeds/projects.atom", who: anyone, handler: cachedPublicGET(projectsFeed)},
		{method: get, path: "/feeds/organisations/{file}", who: anyone, handler: cachedPublicGET(organisationFeed)},
		{method: get, path: "/feeds/projects/{file}", who: anyone, handler: cachedPublicGET(projectUpdatesFeed)},
		{method: get, path: "/calendar.ics", who: anyone, handler: cachedPublicGET(calendar)},
		{method: get, path: "/export/rounds/{id}/{file}", who: anyone, handler: round360GivingRoute},
	}
}

// bindRoutes adds the route table, the API's gzip middleware and the
// explanation of refused creates and deletes (explainRefusal) to the router when
// the server starts.
func bindRoutes(app core.App) {
	table := routes()
	selfCompressed := map[string]bool{}
	for _, r := range table {
		if r.cachedGzip {
			selfCompressed[r.path] = true
		}
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(apiGzip(selfCompressed))
		se.Router.BindFunc(explainRefusal)
		for _, r := range table {
			rt := se.Router.Route(r.method, r.path, r.handler)
			switch r.who {
			case officer:
				rt.Bind(apis.RequireAuth(ColUsers))
			case coordinator:
				rt.Bind(apis.RequireAuth(ColUsers)).BindFunc(requireCoordinator)
			case coordinatorOrSuperuser:
				rt.Bind(apis.RequireAuth()).BindFunc(requireCoordinator)
			}
			if r.maxBody > 0 {
				rt.BindFunc(limitBody(r.maxBody))
			}
		}
		return se.Next()
	})
}

// limitBody caps a route's request body at limit bytes. A body over it is
// answered 413 by the handler, which sees the error on reading (isTooLarge)
// and can say what the limit is; a body that announces its length is
// answered at once.
func limitBody(limit int64) func(e *core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		if e.Request.ContentLength > limit {
			return e.Error(http.StatusRequestEntityTooLarge,
				fmt.Sprintf("The request is too large: this address takes at most %d KiB.", limit>>10), nil)
		}
		e.Request.Body = http.MaxBytesReader(e.Response, e.Request.Body, limit)
		return e.Next()
	}
}

// isTooLarge reports whether err comes from reading a body over its limit.
func isTooLarge(err error) bool {
	var tooLarge *http.MaxBytesError
	return err != nil && (errors.As(err, &tooLarge) || errors.Is(err, apis.ErrRequestEntityTooLarge) ||
		strings.Contains(err.Error(), "request body too large"))
}
