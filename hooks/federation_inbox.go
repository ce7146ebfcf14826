package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks/httpsig"
)

// The inbox: what other servers send. Every request must carry an HTTP
// Signature that verifies with its actor's key (fetched through
// safefetch), be fresh (its Date within httpsig.MaxSkew) and never seen
// before (its signature is remembered for twice that). An actor from a
// blocked peer is refused. Following and unfollowing are open to the whole
// fediverse (a Mastodon account may follow a council); everything else is
// accepted only from trusted peers, and refused before any key is fetched
// from anyone else. Every refusal is logged.

// inboxMaxBody caps an activity.
const inboxMaxBody = 1 << 20

// keyRefetchAfter is how long after fetching an actor a signature that
// does not verify may fetch it again.
const keyRefetchAfter = 5 * time.Minute

// parseRFC3339 reads a time, or the zero time.
func parseRFC3339(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// errRefusedActivity marks an activity refused for what it says (not for
// its signature); the inbox answers 422.
var errRefusedActivity = errors.New("activity refused")

// inboxRoute: POST /ap/inbox, /ap/instance/inbox and
// /ap/organisations/{slug}/inbox.
func inboxRoute(e *core.RequestEvent) error {
	if slug := e.Request.PathValue("slug"); slug != "" {
		if _, err := actorOf(e); err != nil {
			return err
		}
	}
	now := time.Now()
	body, err := io.ReadAll(io.LimitReader(e.Request.Body, inboxMaxBody+1))
	if err != nil || len(body) > inboxMaxBody {
		return refuseActivity(e, http.StatusRequestEntityTooLarge, "too large", "", nil)
	}
	var act map[string]any
	if err := json.Unmarshal(body, &act); err != nil {
		return refuseActivity(e, http.StatusBadRequest, "not JSON", "", err)
	}
	actor, status, why, err := verifyInbound(e, body, act, now)
	if status != 0 {
		return refuseActivity(e, status, why, asString(act["actor"]), err)
	}
	// An activity is done once: its id (the sender's own, on its server)
	// is claimed in the transaction that does it, so a copy delivered
	// again, or at the same time, changes nothing.
	key := ""
	if id := asString(act["id"]); id != "" && originOf(id) == originOf(actor.URI) {
		key = "act:" + actor.URI + " " + id
	}
	err = e.App.RunInTransaction(func(tx core.App) error {
		if key != "" {
			seen, err := seenBefore(tx, key, now)
			if err != nil {
				return err
			}
			if seen {
				return errAlreadyDone
			}
		}
		return handleActivity(tx, actor, act, now)
	})
	switch {
	case err == nil || errors.Is(err, errAlreadyDone):
		return e.NoContent(http.StatusAccepted)
	case errors.Is(err, errRefusedActivity):
		return refuseActivity(e, http.StatusUnprocessableEntity, "refused", actor.URI, err)
	case errors.Is(err, errUntrusted):
		return refuseActivity(e, http.StatusForbidden, "not a trusted peer", actor.URI, err)
	}
	return e.InternalServerError("", err)
}

// errAlreadyDone is an activity done before.
var errAlreadyDone = errors.New("activity already done")

// receivedKey is how a signature or activity id is remembered: its kind
// and a hash.
func receivedKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return key[:4] + hex.EncodeToString(sum[:])
}

// errUntrusted is an activity that only a trusted peer may send.
var errUntrusted = errors.New("only trusted peers may send this")

// refuseActivity logs and answers a refused request.
func refuseActivity(e *core.RequestEvent, status int, why, actor string, err error) error {
	detail := ""
	if err != nil {
		detail = err.Error()
	}
	e.App.Logger().Warn("federation: activity refused", "why", why, "actor", actor, "ip", e.RealIP(),
		"path", e.Request.URL.Path, "status", status, "error", detail)
	return e.Error(status, "Activity refused: "+why+".", nil)
}

// verifyInbound checks an activity's signature, freshness, novelty and
// sender, answering the verified actor, or the status (never 0) and
// reason to refuse with, and the error behind it if any.
func verifyInbound(e *core.RequestEvent, body []byte, act map[string]any, now time.Time) (remoteActor, int, string, error) {
	r := e.Request
	if r.Header.Get("Signature") == "" {
		return remoteActor{}, http.StatusUnauthorized, "unsigned", nil
	}
	keyID, err := httpsig.KeyID(r)
	if err != nil || keyID == "" {
		return remoteActor{}, http.StatusUnauthorized, "bad signature", err
	}
	// What can be told without fetching anything, first: the request is
	// for this server, and fresh.
	if !strings.EqualFold(r.Host, hostOf(instanceBase(e.App))) {
		return remoteActor{}, http.StatusUnauthorized, "signed for another server", nil
	}
	if date, err := http.ParseTime(r.Header.Get("Date")); err != nil || now.Sub(date) > httpsig.MaxSkew || date.Sub(now) > httpsig.MaxSkew {
		return remoteActor{}, http.StatusUnauthorized, "stale", nil
	}
	claimed := withoutFragment(keyID)
	state := peerStateOf(e.App, originOf(claimed))
	if state == PeerBlocked {
		return remoteActor{}, http.StatusForbidden, "blocked peer", nil
	}
	if typ := asString(act["type"]); typ != "Follow" && typ != "Undo" && !isTrusted(e.App, claimed) {
		// Only a follow is taken from a server that is not a trusted
		// peer: nothing else is worth fetching its key for.
		return remoteActor{}, http.StatusForbidden, "not a trusted peer", nil
	}
	if originOf(claimed) == "" || originOf(claimed) == originOf(instanceBase(e.App)) {
		return remoteActor{}, http.StatusUnauthorized, "bad key", nil
	}
	actor, err := actorFor(e.App, claimed, false, now)
	if err != nil {
		return remoteActor{}, http.StatusUnauthorized, "unknown actor", err
	}
	key, err := parsePublicKey(actor.PublicPem)
	if err == nil {
		err = httpsig.Verify(r, body, key, now)
	}
	if err != nil && strings.Contains(err.Error(), "does not verify") && now.Sub(parseRFC3339(actor.Fetched)) > keyRefetchAfter {
		// The actor may have a new key: fetch it again, once, and not
		// more often than keyRefetchAfter.
		if again, ferr := actorFor(e.App, claimed, true, now); ferr == nil {
			if key, perr := parsePublicKey(again.PublicPem); perr == nil {
				actor, err = again, httpsig.Verify(r, body, key, now)
			}
		}
	}
	if err != nil {
		return remoteActor{}, http.StatusUnauthorized, "signature does not verify", err
	}
	if actor.KeyID != "" && actor.KeyID != keyID {
		return remoteActor{}, http.StatusUnauthorized, "not the actor's key", nil
	}
	if withoutFragment(asString(act["actor"])) != actor.URI {
		return remoteActor{}, http.StatusUnauthorized, "signed by another actor", nil
	}
	sig, err := httpsig.SignatureBytes(r)
	if err != nil {
		return remoteActor{}, http.StatusUnauthorized, "bad signature", err
	}
	seen, err := seenBefore(e.App, "sig:"+string(sig), now)
	if err != nil {
		return remoteActor{}, http.StatusInternalServerError, "store", err
	}
	if seen {
		return remoteActor{}, http.StatusUnauthorized, "replayed", nil
	}
	return actor, 0, "", nil
}

// seenBefore remembers key (a signature, an activity id) and says whether
// it was already remembered. Signatures are forgotten once twice
// httpsig.MaxSkew old (a request that old is stale anyway); activity ids
// after a week.
func seenBefore(app core.App, key string, now time.Time) (bool, error) {
	k := receivedKey(key)
	res, err := app.DB().NewQuery("INSERT OR IGNORE INTO pipeline_ap_received (key, received) VALUES ({:k}, {:t})").
		Bind(dbx.Params{"k": k, "t": Stamp(now).String()}).Execute()
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	if n > 0 && strings.HasPrefix(key, "sig:") {
		_, _ = app.DB().NewQuery(`DELETE FROM pipeline_ap_received WHERE
			(substr(key, 1, 4) = 'sig:' AND received < {:sig}) OR received < {:act}`).
			Bind(dbx.Params{"sig": Stamp(now.Add(-2 * httpsig.MaxSkew)).String(), "act": Stamp(now.Add(-7 * 24 * time.Hour)).String()}).Execute()
	}
	return n == 0, nil
}

// peerStateOf is the state of the peer at origin, or "" when it is not a
// peer.
func peerStateOf(app core.App, origin string) string {
	if origin == "" {
		return ""
	}
	p, err := app.FindFirstRecordByData(ColPeers, "url", origin)
	if err != nil {
		return ""
	}
	return p.GetString("state")
}

// isTrusted says whether an actor speaks for a trusted peer.
func isTrusted(app core.App, actorURI string) bool {
	_, err := trustedPeer(app, actorURI)
	return err == nil
}

// trustedPeer is the trusted peer an actor belongs to, or errUntrusted. A
// peer is a Pipeline: only its organisations and its own instance actor
// speak for it.
func trustedPeer(app core.App, actorURI string) (*core.Record, error) {
	origin := originOf(actorURI)
	path := strings.TrimPrefix(withoutFragment(actorURI), origin)
	slug, isOrg := strings.CutPrefix(path, "/ap/organisations/")
	if !(isOrg && slug != "" && !strings.Contains(slug, "/")) && path != "/ap/instance" {
		return nil, errUntrusted
	}
	p, err := app.FindFirstRecordByData(ColPeers, "url", origin)
	if err != nil || p.GetString("state") != PeerTrusted {
		return nil, errUntrusted
	}
	return p, nil
}

// handleActivity does what a verified activity asks.
func handleActivity(app core.App, actor remoteActor, act map[string]any, now time.Time) error {
	obj, _ := act["object"].(map[string]any)
	objID := asString(act["object"])
	objType := ""
	if obj != nil {
		objType = asString(obj["type"])
	}
	switch asString(act["type"]) {
	case "Follow":
		return acceptFollow(app, actor, act, now)
	case "Undo":
		if objType == "Follow" || objType == "" {
			return removeFollower(app, actor, obj)
		}
		return nil
	case "Accept", "Reject":
		return handleAnswer(app, actor, act, obj, objID, now)
	case "Create", "Update":
		if obj == nil {
			return nil
		}
		if _, err := trustedPeer(app, actor.URI); err != nil {
			return err
		}
		switch objType {
		case "Page":
			return keepRemoteProject(app, actor, obj, now)
		case "Note":
			return noteRemoteUpdate(app, actor, obj)
		case "Interest":
			return receiveInterest(app, actor, asString(act["type"]), obj, now)
		}
		return nil
	case "Delete":
		if _, err := trustedPeer(app, actor.URI); err != nil {
			return err
		}
		return deleteRemote(app, actor, objID)
	}
	return nil // other activities (likes, boosts) mean nothing here
}
