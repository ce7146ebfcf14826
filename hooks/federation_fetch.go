package hooks

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks/httpsig"
	"pipeline/hooks/safefetch"
)

// How Pipeline reaches other servers of the network: every address comes
// from a peer or a follower, so every request goes through safefetch
// (checked after resolving names and after redirects, capped at 1 MB and
// 10 s) and is signed with an HTTP Signature: the instance's own key for
// fetches, the organisation's for what it sends.

// actorTTL is how long a fetched actor (and its key) is trusted before it
// is fetched again; a signature that does not verify fetches it at once.
const actorTTL = 24 * time.Hour

var (
	fedClientMu sync.Mutex
	fedClients  = map[bool]*http.Client{}
)

// fedOptions are the fetch limits of federation: loopback only behind
// PIPELINE_FEDERATION_ALLOW_LOOPBACK=1.
func fedOptions() safefetch.Options {
	return safefetch.Options{AllowLoopback: os.Getenv(EnvFederationLoopback) == "1"}
}

// federationClient is the client federation uses (one with loopback let
// through, for tests, and one without).
func federationClient() *http.Client {
	o := fedOptions()
	fedClientMu.Lock()
	defer fedClientMu.Unlock()
	if fedClients[o.AllowLoopback] == nil {
		fedClients[o.AllowLoopback] = safefetch.NewClient(o)
	}
	return fedClients[o.AllowLoopback]
}

// instanceActorURL is the instance's own actor, which follows peers'
// organisations and signs its fetches.
func instanceActorURL(app core.App) string { return instanceBase(app) + "/ap/instance" }

// sharedInboxURL is where any activity for this instance may be sent.
func sharedInboxURL(app core.App) string { return instanceBase(app) + "/ap/inbox" }

// signerActor is the actor address of a key owner (an organisation's id,
// or instanceKeyOwner).
func signerActor(app core.App, owner string) (string, error) {
	if owner == instanceKeyOwner {
		return instanceActorURL(app), nil
	}
	org, err := app.FindRecordById(ColOrganisations, owner)
	if err != nil {
		return "", fmt.Errorf("find the organisation %s: %w", owner, err)
	}
	return actorURL(app, org.GetString("slug")), nil
}

// signedRequest sends method to target signed as owner (body for a POST),
// through safefetch, and answers the response and its body.
func signedRequest(app core.App, method, target, owner string, body []byte, now time.Time) (*http.Response, []byte, error) {
	if !federationAddress(target) {
		return nil, nil, fmt.Errorf("%w: %s is not https", safefetch.ErrRefused, target)
	}
	ctx, cancel := context.WithTimeout(context.Background(), safefetch.DefaultTimeout)
	defer cancel()
	var reader *bytes.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	var req *http.Request
	var err error
	if reader != nil {
		req, err = http.NewRequestWithContext(ctx, method, target, reader)
	} else {
		req, err = http.NewRequestWithContext(ctx, method, target, nil)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", safefetch.ErrRefused, err)
	}
	req.Header.Set("Accept", activityJSON+`, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`)
	req.Header.Set("User-Agent", "Pipeline (+"+instanceBase(app)+")")
	if body != nil {
		req.Header.Set("Content-Type", activityJSON)
	}
	key, err := actorPrivateKey(app, owner)
	if err != nil {
		return nil, nil, err
	}
	actor, err := signerActor(app, owner)
	if err != nil {
		return nil, nil, err
	}
	if err := httpsig.Sign(req, body, actor+"#main-key", key, now); err != nil {
		return nil, nil, err
	}
	return safefetch.Do(federationClient(), req, fedOptions())
}

// fetchJSON GETs an ActivityStreams document, signed as the instance. A
// document served from another server (after a redirect) is refused:
// trust is given to a server, and its documents must come from it.
func fetchJSON(app core.App, target string, now time.Time) (map[string]any, error) {
	res, body, err := signedRequest(app, http.MethodGet, target, instanceKeyOwner, nil, now)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", target, res.Status)
	}
	if res.Request != nil && originOf(res.Request.URL.String()) != originOf(target) {
		return nil, fmt.Errorf("fetch %s: it was served by another server, %s", target, originOf(res.Request.URL.String()))
	}
	if ct := res.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "json") {
		return nil, fmt.Errorf("fetch %s: %s is not ActivityStreams", target, ct)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("read %s: %w", target, err)
	}
	return doc, nil
}

// remoteActor is what Pipeline keeps of another server's actor.
type remoteActor struct {
	URI         string `db:"uri"`
	Inbox       string `db:"inbox"`
	SharedInbox string `db:"sharedInbox"`
	KeyID       string `db:"keyId"`
	PublicPem   string `db:"publicPem"`
	Name        string `db:"name"`
	Username    string `db:"username"`
	GSS         string `db:"gss"`
	Fetched     string `db:"fetched"`
}

// deliverTo is where activities for the actor go: its shared inbox when
// it has one, so that one server is sent an activity once.
func (a remoteActor) deliverTo() string {
	if a.SharedInbox != "" {
		return a.SharedInbox
	}
	return a.Inbox
}

// withoutFragment is an address without its #fragment.
func withoutFragment(raw string) string {
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		return raw[:i]
	}
	return raw
}

// federationAddress says whether an address may be reached by
// federation: https, or plain http on 127.0.0.0/8 with the test switch.
func federationAddress(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if u.Scheme == "https" {
		return true
	}
	return u.Scheme == "http" && fedOptions().AllowLoopback && strings.HasPrefix(u.Hostname(), "127.")
}

// originOf is an address's scheme and host (with a port, if any), in
// lower case, as peers' addresses are kept; "" if it is not an address.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	host := strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "https" && p == "443") || (u.Scheme == "http" && p == "80") {
		host = strings.ToLower(u.Hostname())
	}
	return strings.ToLower(u.Scheme) + "://" + host
}

// actorFor fetches (or reads from the cache, unless fresh is asked for)
// the actor at uri, checking that the document is the actor it claims
// and that its key belongs to it.
func actorFor(app core.App, uri string, fresh bool, now time.Time) (remoteActor, error) {
	return actorAt(app, uri, fresh, now, true)
}

// actorAt is actorFor; viaKey says whether the address may be a key's
// whose owner (on the same server, one step only) is the actor.
func actorAt(app core.App, uri string, fresh bool, now time.Time, viaKey bool) (remoteActor, error) {
	uri = withoutFragment(uri)
	var a remoteActor
	err := app.DB().NewQuery("SELECT * FROM pipeline_ap_actors WHERE uri = {:u}").Bind(dbx.Params{"u": uri}).One(&a)
	if err == nil && !fresh {
		if t, perr := time.Parse(time.RFC3339, a.Fetched); perr == nil && now.Sub(t) < actorTTL {
			return a, nil
		}
	} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("read the actor %s: %w", uri, err)
	}
	doc, err := fetchJSON(app, uri, now)
	if err != nil {
		return remoteActor{}, err
	}
	if owner := withoutFragment(asString(doc["owner"])); owner != "" && asString(doc["publicKeyPem"]) != "" && owner != uri {
		// The address was a key's: its owner is the actor, on the same
		// server, and its own document must hold the key.
		if !viaKey || originOf(owner) != originOf(uri) {
			return remoteActor{}, fmt.Errorf("the key at %s belongs to %s", uri, owner)
		}
		return actorAt(app, owner, fresh, now, false)
	}
	if asString(doc["id"]) != uri {
		return remoteActor{}, fmt.Errorf("the actor at %s says it is %q", uri, asString(doc["id"]))
	}
	key, _ := doc["publicKey"].(map[string]any)
	a = remoteActor{URI: uri, Inbox: asString(doc["inbox"]), Name: asString(doc["name"]),
		Username: asString(doc["preferredUsername"]), GSS: asString(doc["pipeline:gss"]), Fetched: now.UTC().Format(time.RFC3339)}
	if a.GSS == "" {
		a.GSS = asString(doc["gss"])
	}
	if ep, ok := doc["endpoints"].(map[string]any); ok {
		a.SharedInbox = asString(ep["sharedInbox"])
	}
	if key != nil && asString(key["owner"]) == uri {
		a.KeyID, a.PublicPem = asString(key["id"]), asString(key["publicKeyPem"])
	}
	if a.Inbox == "" || a.PublicPem == "" {
		return remoteActor{}, fmt.Errorf("the actor at %s has no inbox or key of its own", uri)
	}
	for _, box := range []string{a.Inbox, a.SharedInbox} {
		if box != "" && originOf(box) != originOf(uri) {
			return remoteActor{}, fmt.Errorf("the actor at %s has an inbox on another server", uri)
		}
	}
	if _, err := app.DB().NewQuery(`INSERT INTO pipeline_ap_actors (uri, inbox, sharedInbox, keyId, publicPem, name, username, gss, fetched)
		VALUES ({:uri}, {:inbox}, {:shared}, {:key}, {:pem}, {:name}, {:user}, {:gss}, {:fetched})
		ON CONFLICT (uri) DO UPDATE SET inbox = excluded.inbox, sharedInbox = excluded.sharedInbox, keyId = excluded.keyId,
			publicPem = excluded.publicPem, name = excluded.name, username = excluded.username, gss = excluded.gss, fetched = excluded.fetched`).
		Bind(dbx.Params{"uri": a.URI, "inbox": a.Inbox, "shared": a.SharedInbox, "key": a.KeyID, "pem": a.PublicPem,
			"name": a.Name, "user": a.Username, "gss": a.GSS, "fetched": a.Fetched}).Execute(); err != nil {
		return a, fmt.Errorf("keep the actor %s: %w", uri, err)
	}
	return a, nil
}

// cachedActor is an actor already fetched, without fetching.
func cachedActor(app core.App, uri string) (remoteActor, bool) {
	var a remoteActor
	err := app.DB().NewQuery("SELECT * FROM pipeline_ap_actors WHERE uri = {:u}").Bind(dbx.Params{"u": withoutFragment(uri)}).One(&a)
	return a, err == nil
}

// asString is v as a string: itself, or the id of an object.
func asString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		if id, ok := t["id"].(string); ok {
			return id
		}
	}
	return ""
}
