package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Following. Anyone in the fediverse whose signature verifies (and who is
// not on a blocked peer) may follow an organisation: the follow is kept
// and answered with an Accept, and the organisation's news is delivered to
// the follower's (shared) inbox from then on. This instance follows the
// organisations of the peers it trusts, as its own actor (/ap/instance).

// Follower limits for servers that are not trusted peers.
const (
	maxFollowersPerServer = 200
	maxFollowers          = 20000
)

// shortHash is a short, stable name for a longer string, for activity ids.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// localOrganisationOf is the organisation whose actor address uri is.
func localOrganisationOf(app core.App, uri string) (*core.Record, bool) {
	slug, ok := strings.CutPrefix(withoutFragment(uri), instanceBase(app)+"/ap/organisations/")
	if !ok || slug == "" || strings.Contains(slug, "/") {
		return nil, false
	}
	org, err := app.FindFirstRecordByData(ColOrganisations, "slug", slug)
	return org, err == nil
}

// acceptFollow keeps a follower of one of this instance's organisations
// and answers Accept.
func acceptFollow(app core.App, actor remoteActor, act map[string]any, now time.Time) error {
	org, ok := localOrganisationOf(app, asString(act["object"]))
	if !ok {
		return fmt.Errorf("%w: no such organisation to follow", errRefusedActivity)
	}
	if !isTrusted(app, actor.URI) {
		// Beyond trusted peers, a server may bring only so many followers.
		var fromServer, all int
		if err := app.DB().NewQuery(`SELECT (SELECT COUNT(*) FROM pipeline_ap_followers WHERE actor LIKE {:o}),
			(SELECT COUNT(*) FROM pipeline_ap_followers WHERE organisation = {:org})`).
			Bind(dbx.Params{"o": originOf(actor.URI) + "/%", "org": org.Id}).Row(&fromServer, &all); err != nil {
			return fmt.Errorf("count followers: %w", err)
		}
		if fromServer >= maxFollowersPerServer || all >= maxFollowers {
			return fmt.Errorf("%w: too many followers", errRefusedActivity)
		}
	}
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery(`INSERT INTO pipeline_ap_followers (organisation, actor, inbox) VALUES ({:o}, {:a}, {:i})
			ON CONFLICT (organisation, actor) DO UPDATE SET inbox = excluded.inbox`).
			Bind(dbx.Params{"o": org.Id, "a": actor.URI, "i": actor.deliverTo()}).Execute(); err != nil {
			return fmt.Errorf("keep a follower: %w", err)
		}
		self := actorURL(tx, org.GetString("slug"))
		accept := map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": self + "#accept-" + shortHash(asString(act["id"])+actor.URI),
			"type": "Accept", "actor": self, "to": []string{actor.URI},
			"object": map[string]any{"id": asString(act["id"]), "type": "Follow", "actor": actor.URI, "object": self}}
		return enqueueActivity(tx, org.Id, accept, []string{actor.Inbox}, now)
	})
}

// removeFollower forgets a follower that undid its follow.
func removeFollower(app core.App, actor remoteActor, follow map[string]any) error {
	target := ""
	if follow != nil {
		target = asString(follow["object"])
	}
	q := "DELETE FROM pipeline_ap_followers WHERE actor = {:a}"
	params := dbx.Params{"a": actor.URI}
	if org, ok := localOrganisationOf(app, target); ok {
		q += " AND organisation = {:o}"
		params["o"] = org.Id
	}
	if _, err := app.DB().NewQuery(q).Bind(params).Execute(); err != nil {
		return fmt.Errorf("forget a follower: %w", err)
	}
	return nil
}

// followRemote asks to follow a peer's organisation as this instance,
// once; it is asked again when the last ask was not accepted within a day.
func followRemote(app core.App, peerID string, actor remoteActor, now time.Time) error {
	var row struct {
		State   string `db:"state"`
		Created string `db:"created"`
	}
	err := app.DB().NewQuery("SELECT state, created FROM pipeline_ap_following WHERE actor = {:a}").Bind(dbx.Params{"a": actor.URI}).One(&row)
	if err == nil && (row.State == "accepted" || now.Sub(parseStamp(row.Created)) < 24*time.Hour) {
		return nil
	}
	self := instanceActorURL(app)
	follow := map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": self + "#follow-" + shortHash(actor.URI+now.String()), "type": "Follow", "actor": self, "object": actor.URI}
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery(`INSERT INTO pipeline_ap_following (actor, peer, followId, state, created) VALUES ({:a}, {:p}, {:f}, 'pending', {:t})
			ON CONFLICT (actor) DO UPDATE SET peer = excluded.peer, followId = excluded.followId, state = 'pending', created = excluded.created`).
			Bind(dbx.Params{"a": actor.URI, "p": peerID, "f": asString(follow["id"]), "t": Stamp(now).String()}).Execute(); err != nil {
			return fmt.Errorf("keep a follow: %w", err)
		}
		return enqueueActivity(tx, instanceKeyOwner, follow, []string{actor.Inbox}, now)
	})
}

// parseStamp reads a stored time, or the zero time.
func parseStamp(s string) time.Time {
	for _, layout := range []string{"2006-01-02 15:04:05.000Z", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// answerFollow records a peer's answer to this instance's follow.
func answerFollow(app core.App, actor remoteActor, accepted bool) error {
	state := "rejected"
	if accepted {
		state = "accepted"
	}
	_, err := app.DB().NewQuery("UPDATE pipeline_ap_following SET state = {:s} WHERE actor = {:a}").
		Bind(dbx.Params{"s": state, "a": actor.URI}).Execute()
	if err != nil {
		return fmt.Errorf("record a follow's answer: %w", err)
	}
	return nil
}

// handleAnswer is an Accept or Reject: of this instance's follow, or the
// answer to an interest sent from here.
func handleAnswer(app core.App, actor remoteActor, act, obj map[string]any, objID string, now time.Time) error {
	accepted := asString(act["type"]) == "Accept"
	if (obj != nil && asString(obj["type"]) == "Follow") || strings.Contains(objID, "#follow-") {
		return answerFollow(app, actor, accepted)
	}
	if _, err := trustedPeer(app, actor.URI); err != nil {
		return err
	}
	return answerInterest(app, actor, act, objID, now)
}

// instanceActorRoute: GET /ap/instance, this instance's own actor.
func instanceActorRoute(e *core.RequestEvent) error {
	key, err := ActorPublicKey(e.App, instanceKeyOwner)
	if err != nil {
		return e.InternalServerError("", err)
	}
	id := instanceActorURL(e.App)
	return writeActivity(e, map[string]any{
		"@context":          []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id":                id,
		"type":              "Application",
		"preferredUsername": "pipeline",
		"name":              e.App.Settings().Meta.AppName,
		"url":               instanceBase(e.App) + "/",
		"inbox":             id + "/inbox",
		"outbox":            id + "/outbox",
		"endpoints":         map[string]string{"sharedInbox": sharedInboxURL(e.App)},
		"publicKey":         map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": key},
	})
}

// instanceOutboxRoute: GET /ap/instance/outbox; the instance itself
// publishes nothing.
func instanceOutboxRoute(e *core.RequestEvent) error {
	return writeActivity(e, map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": instanceActorURL(e.App) + "/outbox", "type": "OrderedCollection", "totalItems": 0, "orderedItems": []any{}})
}

// organisationsRoute: GET /ap/organisations, the actors of the
// organisations with published projects, for peers to follow.
func organisationsRoute(e *core.RequestEvent) error {
	var slugs []string
	if err := e.App.DB().NewQuery(`SELECT o.slug FROM organisations o WHERE EXISTS
		(SELECT 1 FROM projects p WHERE p.organisation = o.id AND p.visibility = 'published') ORDER BY o.slug`).Column(&slugs); err != nil {
		return e.InternalServerError("", err)
	}
	items := make([]string, len(slugs))
	for i, s := range slugs {
		items[i] = actorURL(e.App, s)
	}
	return writeActivity(e, map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": instanceBase(e.App) + "/ap/organisations", "type": "Collection", "totalItems": len(items), "items": items})
}
