package hooks

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The federation outbox: every activity Pipeline sends is first stored,
// one row per activity and inbox (so none is ever sent twice to the same
// inbox), in the same transaction as the change it tells of, and then
// delivered by cron deliver_activities (and at once by the delivery loop
// when the server runs). A failure is tried again with back-off, keeping
// each inbox's activities in order; after maxAttempts, or an answer that
// says it will never be taken, the row is marked failed and kept.

// deliveryBatch caps the deliveries of one run.
const deliveryBatch = 200

// activityMu keeps one delivery run at a time in this process.
var activityMu sync.Mutex

// backgroundKey is where app.Store() keeps the app's background work.
const backgroundKey = "pipeline.background"

// deliveryKick wakes the delivery loop when there is something to send.
var deliveryKick = make(chan struct{}, 1)

// enqueueActivity stores act (signed, when sent, by owner: an
// organisation's id or instanceKeyOwner) for each inbox, once per inbox.
func enqueueActivity(app core.App, owner string, act map[string]any, inboxes []string, now time.Time) error {
	body, err := json.Marshal(act)
	if err != nil {
		return fmt.Errorf("encode an activity: %w", err)
	}
	id := asString(act["id"])
	for _, inbox := range inboxes {
		if inbox == "" {
			continue
		}
		if _, err := app.DB().NewQuery(`INSERT OR IGNORE INTO pipeline_ap_deliveries (activityId, inbox, signer, body, nextAttempt, created)
			VALUES ({:id}, {:inbox}, {:signer}, {:body}, {:now}, {:now})`).
			Bind(dbx.Params{"id": id, "inbox": inbox, "signer": owner, "body": string(body), "now": Stamp(now).String()}).Execute(); err != nil {
			return fmt.Errorf("store the activity %s for %s: %w", id, inbox, err)
		}
	}
	select {
	case deliveryKick <- struct{}{}:
	default:
	}
	return nil
}

// followerInboxes are the inboxes of an organisation's followers, each
// once.
func followerInboxes(app core.App, orgID string) ([]string, error) {
	var inboxes []string
	err := app.DB().NewQuery("SELECT DISTINCT inbox FROM pipeline_ap_followers WHERE organisation = {:o} ORDER BY inbox").
		Bind(dbx.Params{"o": orgID}).Column(&inboxes)
	if err != nil {
		return nil, fmt.Errorf("find the followers of %s: %w", orgID, err)
	}
	return inboxes, nil
}

type delivery struct {
	Id       int64  `db:"id"`
	Activity string `db:"activityId"`
	Inbox    string `db:"inbox"`
	Signer   string `db:"signer"`
	Body     string `db:"body"`
	Attempts int    `db:"attempts"`
}

// deliveryWorkers is how many inboxes are sent to at once (each inbox's
// activities one after another, in order).
const deliveryWorkers = 4

// DeliverActivities sends, at now, the activities that are due, and
// answers how many were delivered. A run already going (the delivery loop,
// or the cron job) is left to finish: this one does nothing.
func DeliverActivities(app core.App, now time.Time) (int, error) {
	if !activityMu.TryLock() {
		return 0, nil
	}
	defer activityMu.Unlock()
	var due []delivery
	err := app.DB().NewQuery(`SELECT id, activityId, inbox, signer, body, attempts FROM pipeline_ap_deliveries d
		WHERE state = 'pending' AND nextAttempt <= {:now}
		AND NOT EXISTS (SELECT 1 FROM pipeline_ap_deliveries o WHERE o.inbox = d.inbox AND o.state = 'pending' AND o.id < d.id AND o.nextAttempt > {:now})
		ORDER BY id LIMIT {:n}`).Bind(dbx.Params{"now": Stamp(now).String(), "n": deliveryBatch}).All(&due)
	if err != nil {
		return 0, fmt.Errorf("find due activities: %w", err)
	}
	var inboxes []string
	byInbox := map[string][]delivery{}
	for _, d := range due {
		if byInbox[d.Inbox] == nil {
			inboxes = append(inboxes, d.Inbox)
		}
		byInbox[d.Inbox] = append(byInbox[d.Inbox], d)
	}
	var mu sync.Mutex
	sent := 0
	work := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < min(deliveryWorkers, len(inboxes)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for inbox := range work {
				n := deliverToInbox(app, byInbox[inbox], now)
				mu.Lock()
				sent += n
				mu.Unlock()
			}
		}()
	}
	for _, inbox := range inboxes {
		if stopping(app) {
			break
		}
		work <- inbox
	}
	close(work)
	wg.Wait()
	return sent, nil
}

// deliverToInbox sends one inbox's due activities in order, stopping at
// the first that fails (the rest wait with it); it answers how many were
// delivered.
func deliverToInbox(app core.App, list []delivery, now time.Time) int {
	sent := 0
	for _, d := range list {
		if stopping(app) {
			return sent
		}
		if state := peerStateOf(app, originOf(d.Inbox)); state == PeerBlocked {
			markDelivery(app, d, "failed", "the peer is blocked", now)
			continue
		}
		res, _, err := signedRequest(app, http.MethodPost, d.Inbox, d.Signer, []byte(d.Body), time.Now())
		switch {
		case err == nil && res.StatusCode >= 200 && res.StatusCode < 300:
			markDelivery(app, d, "sent", "", now)
			sent++
		case err == nil && (res.StatusCode == http.StatusGone || res.StatusCode == http.StatusNotFound):
			// The inbox is no more: nor are its followers.
			markDelivery(app, d, "failed", res.Status, now)
			if _, err := app.DB().NewQuery("DELETE FROM pipeline_ap_followers WHERE inbox = {:i}").Bind(dbx.Params{"i": d.Inbox}).Execute(); err != nil {
				app.Logger().Error("federation: forget a gone inbox", "inbox", d.Inbox, "error", err)
			}
		case err == nil && res.StatusCode >= 400 && res.StatusCode < 500 && res.StatusCode != http.StatusTooManyRequests &&
			res.StatusCode != http.StatusRequestTimeout && res.StatusCode != http.StatusUnauthorized:
			// The server read it and will never take it (401 may be a key
			// it has not fetched yet, so it is tried again).
			markDelivery(app, d, "failed", res.Status, now)
		default:
			why := ""
			if err != nil {
				why = err.Error()
			} else {
				why = res.Status
			}
			retryInbox(app, d, why, now)
			return sent
		}
	}
	return sent
}

// stopping says whether the app is stopping its background work.
func stopping(app core.App) bool {
	b := backgroundOf(app)
	if b == nil {
		return false
	}
	select {
	case <-b.done:
		return true
	default:
		return false
	}
}

// markDelivery ends a delivery as sent or failed.
func markDelivery(app core.App, d delivery, state, why string, now time.Time) {
	sentAt := ""
	if state == "sent" {
		sentAt = Stamp(now).String()
	}
	if _, err := app.DB().NewQuery(`UPDATE pipeline_ap_deliveries SET state = {:s}, attempts = attempts + 1, lastError = {:e}, sentAt = {:at}
		WHERE id = {:id}`).Bind(dbx.Params{"s": state, "e": why, "at": sentAt, "id": d.Id}).Execute(); err != nil {
		app.Logger().Error("federation: mark a delivery", "id", d.Id, "error", err)
	}
	if state == "failed" {
		app.Logger().Warn("federation: delivery failed for good", "activity", d.Activity, "inbox", d.Inbox, "why", why)
	}
}

// retryInbox puts a failed delivery, and the inbox's later ones with it,
// off for the back-off of its attempts; past maxAttempts it has failed.
func retryInbox(app core.App, d delivery, why string, now time.Time) {
	if d.Attempts+1 >= maxAttempts {
		markDelivery(app, d, "failed", why, now)
		return
	}
	next := Stamp(now.Add(backoff(d.Attempts + 1))).String()
	if _, err := app.DB().NewQuery(`UPDATE pipeline_ap_deliveries SET attempts = attempts + 1, lastError = {:e}, nextAttempt = {:next}
		WHERE id = {:id}`).Bind(dbx.Params{"e": why, "next": next, "id": d.Id}).Execute(); err != nil {
		app.Logger().Error("federation: put off a delivery", "id", d.Id, "error", err)
	}
	if _, err := app.DB().NewQuery(`UPDATE pipeline_ap_deliveries SET nextAttempt = {:next}
		WHERE inbox = {:inbox} AND state = 'pending' AND id > {:id} AND nextAttempt < {:next}`).
		Bind(dbx.Params{"next": next, "inbox": d.Inbox, "id": d.Id}).Execute(); err != nil {
		app.Logger().Error("federation: put off an inbox", "inbox", d.Inbox, "error", err)
	}
}

// runDeliveryLoop delivers activities as soon as they are stored, and
// every few seconds, until the app stops. Cron deliver_activities does
// the same every minute, so nothing waits on this loop.
func runDeliveryLoop(app core.App, stop <-chan struct{}) {
	tick := time.NewTicker(3 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-deliveryKick:
			time.Sleep(200 * time.Millisecond) // let the change that stored it commit
		case <-tick.C:
		}
		if !app.IsBootstrapped() {
			return
		}
		if _, err := DeliverActivities(app, time.Now()); err != nil {
			app.Logger().Error("federation: deliver activities", "error", err)
		}
	}
}

// background is the work an app runs beside its requests while it serves
// (the delivery loop, a sync after a peer is trusted): started only while
// it runs, and waited for when it stops, so none outlives the app.
type background struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	stopped bool
	done    chan struct{}
}

// backgroundOf is the app's background work, or nil when it is not
// serving (a command, a test of the hooks alone).
func backgroundOf(app core.App) *background {
	b, _ := app.Store().Get(backgroundKey).(*background)
	return b
}

// goRun runs fn in the background unless the app is stopping; it says
// whether it did.
func (b *background) goRun(fn func()) bool {
	if b == nil {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		return false
	}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		fn()
	}()
	return true
}

// stop ends the background work and waits for it.
func (b *background) stop() {
	b.mu.Lock()
	if !b.stopped {
		b.stopped = true
		close(b.done)
	}
	b.mu.Unlock()
	b.wg.Wait()
}

// startDeliveryLoop runs the delivery loop while the server serves, and
// stops it (with any other background work) before the app terminates.
func startDeliveryLoop(se *core.ServeEvent) error {
	b := &background{done: make(chan struct{})}
	se.App.Store().Set(backgroundKey, b)
	se.App.OnTerminate().BindFunc(func(te *core.TerminateEvent) error {
		b.stop()
		return te.Next()
	})
	b.goRun(func() { runDeliveryLoop(se.App, b.done) })
	return se.Next()
}
