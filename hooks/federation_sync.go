package hooks

import (
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Cron sync_peers keeps the network whole whatever was missed (and
// forgets deliveries sent more than a month ago): for each
// trusted peer it reads which organisations have published projects
// (/ap/organisations), follows each (once), reads each one's outbox and
// keeps its projects, and removes the projects no longer there. A peer
// that is not trusted (pending, blocked, or removed) has no projects here
// after one sync; a blocked peer's followers and deliveries are dropped
// too.

// syncMaxPages caps the outbox pages read of one organisation (20 projects
// a page); syncMaxActors the organisations followed on one peer.
const (
	syncMaxPages  = 100
	syncMaxActors = 1000
)

// SyncPeers syncs every peer at now and answers how many remote projects
// it kept or removed.
func SyncPeers(app core.App, now time.Time) (int, error) {
	peers, err := app.FindAllRecords(ColPeers)
	if err != nil {
		return 0, fmt.Errorf("find peers: %w", err)
	}
	// Deliveries done are kept a month, to look into, then forgotten.
	if _, err := app.DB().NewQuery("DELETE FROM pipeline_ap_deliveries WHERE state = 'sent' AND sentAt < {:t}").
		Bind(dbx.Params{"t": Stamp(now.AddDate(0, 0, -30)).String()}).Execute(); err != nil {
		return 0, fmt.Errorf("forget old deliveries: %w", err)
	}
	total := 0
	for _, p := range peers {
		n, err := SyncPeer(app, p, now)
		total += n
		if err != nil {
			app.Logger().Warn("federation: sync a peer", "peer", p.GetString("url"), "error", err)
		}
	}
	// Projects of peers since removed (kept by no peer record) go with
	// their peer by cascade; none can be left.
	return total, nil
}

// syncing holds the peers being synced in this process, one sync each at a
// time.
var syncing sync.Map

// SyncPeer syncs one peer at now (nothing, when it is being synced
// already).
func SyncPeer(app core.App, peer *core.Record, now time.Time) (int, error) {
	if _, busy := syncing.LoadOrStore(peer.Id, true); busy {
		return 0, nil
	}
	defer syncing.Delete(peer.Id)
	if peer.GetString("state") != PeerTrusted {
		n, err := removePeerProjects(app, peer.Id)
		if err == nil && peer.GetString("state") == PeerBlocked {
			err = forgetPeer(app, peer.GetString("url"))
		}
		return n, err
	}
	base := peer.GetString("url")
	doc, err := fetchJSON(app, base+"/ap/organisations", now)
	if err != nil {
		return 0, fmt.Errorf("read the organisations of %s: %w", base, err)
	}
	actors := map[string]bool{}
	changed := 0
	items := stringList(doc["items"])
	whole := len(items) <= syncMaxActors
	for _, uri := range items {
		if stopping(app) {
			return changed, nil
		}
		if originOf(uri) != base || len(actors) >= syncMaxActors {
			continue
		}
		actors[uri] = true
		a, err := actorFor(app, uri, false, now)
		if err != nil {
			app.Logger().Warn("federation: read a peer's actor", "actor", uri, "error", err)
			continue
		}
		if err := followRemote(app, peer.Id, a, now); err != nil {
			app.Logger().Warn("federation: follow a peer's actor", "actor", uri, "error", err)
		}
		n, err := backfill(app, a, now)
		changed += n
		if err != nil {
			app.Logger().Warn("federation: read a peer's outbox", "actor", uri, "error", err)
		}
	}
	if !whole {
		return changed, nil // not all read: nothing is taken as gone
	}
	// Organisations that no longer publish anything on the peer.
	stale, err := app.FindAllRecords(ColRemoteProjects, dbx.HashExp{"peer": peer.Id})
	if err != nil {
		return changed, fmt.Errorf("find the projects of %s: %w", base, err)
	}
	var gone []*core.Record
	for _, r := range stale {
		if !actors[r.GetString("actor")] {
			gone = append(gone, r)
		}
	}
	return changed + len(gone), removeRemoteProjects(app, gone)
}

// backfill reads an actor's outbox, keeps each project in it and removes
// the actor's projects it no longer lists (only when it was read whole).
func backfill(app core.App, a remoteActor, now time.Time) (int, error) {
	outbox, err := fetchJSON(app, a.URI+"/outbox", now)
	if err != nil {
		return 0, err
	}
	seen := map[string]bool{}
	kept := 0
	next := asString(outbox["first"])
	whole := false
	for page := 0; page < syncMaxPages; page++ {
		if stopping(app) {
			return kept, nil
		}
		if next == "" {
			whole = true
			break
		}
		if originOf(next) != originOf(a.URI) {
			return kept, fmt.Errorf("the outbox of %s pages to another server", a.URI)
		}
		doc, err := fetchJSON(app, next, now)
		if err != nil {
			return kept, err
		}
		items, _ := doc["orderedItems"].([]any)
		for _, it := range items {
			act, _ := it.(map[string]any)
			obj, _ := act["object"].(map[string]any)
			if act == nil || obj == nil || asString(act["type"]) != "Create" || asString(obj["type"]) != "Page" {
				continue
			}
			seen[asString(obj["id"])] = true
			before, _ := app.FindFirstRecordByData(ColRemoteProjects, "uri", asString(obj["id"]))
			if err := keepRemoteProject(app, a, obj, now); err != nil {
				app.Logger().Warn("federation: keep a peer's project", "project", asString(obj["id"]), "error", err)
				continue
			}
			if after, err := app.FindFirstRecordByData(ColRemoteProjects, "uri", asString(obj["id"])); err == nil &&
				(before == nil || before.GetString("updated") != after.GetString("updated")) {
				kept++
			}
		}
		next = asString(doc["next"])
	}
	if !whole {
		return kept, nil
	}
	mine, err := app.FindAllRecords(ColRemoteProjects, dbx.HashExp{"actor": a.URI})
	if err != nil {
		return kept, fmt.Errorf("find the projects of %s: %w", a.URI, err)
	}
	var gone []*core.Record
	for _, r := range mine {
		if !seen[r.GetString("uri")] {
			gone = append(gone, r)
		}
	}
	return kept + len(gone), removeRemoteProjects(app, gone)
}

// syncOnTrust syncs a peer as soon as it is saved trusted, after the
// save, in the background, when the server is serving (cron sync_peers
// does it again every hour).
func syncOnTrust(e *core.RecordEvent) error {
	if err := e.Next(); err != nil {
		return err
	}
	peer, app := e.Record, e.App
	if peer.GetString("state") != PeerTrusted {
		return nil
	}
	backgroundOf(app).goRun(func() {
		if _, err := SyncPeer(app, peer, time.Now()); err != nil {
			app.Logger().Warn("federation: sync a peer", "peer", peer.GetString("url"), "error", err)
		}
	})
	return nil
}
