package hooks

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"pipeline/hooks/httpsig"
)

// fakeServer is another server of the network on loopback: one actor
// (/actor) whose key the test holds, and an inbox that keeps what it is
// sent.
type fakeServer struct {
	*httptest.Server
	key      *rsa.PrivateKey
	received []map[string]any
}

func (f *fakeServer) actor() string { return f.URL + "/ap/organisations/anytown" }

func newFakeServer(t testing.TB) *fakeServer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeServer{key: key}
	pub, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/ap/organisations/anytown":
			w.Header().Set("Content-Type", activityJSON)
			_ = json.NewEncoder(w).Encode(map[string]any{"id": f.actor(), "type": "Person", "preferredUsername": "sam", "name": "Sam",
				"inbox": f.actor() + "/inbox", "publicKey": map[string]string{"id": f.actor() + "#main-key", "owner": f.actor(),
					"publicKeyPem": string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))}})
		case r.Method == http.MethodPost && r.URL.Path == "/ap/organisations/anytown/inbox":
			var m map[string]any
			_ = json.NewDecoder(r.Body).Decode(&m)
			f.received = append(f.received, m)
			w.WriteHeader(http.StatusAccepted)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// signedHeaders signs a POST of body to path (on the test app's host,
// pipeline.example) with key as keyID at date.
func signedHeaders(t testing.TB, path string, body []byte, keyID string, key *rsa.PrivateKey, date time.Time) map[string]string {
	t.Helper()
	r, _ := http.NewRequest(http.MethodPost, "https://pipeline.example"+path, bytes.NewReader(body))
	r.Header.Set("Date", date.UTC().Format(http.TimeFormat))
	if err := httpsig.Sign(r, body, keyID, key, date); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"Content-Type": activityJSON, "Date": r.Header.Get("Date"), "Digest": r.Header.Get("Digest"),
		"Signature": r.Header.Get("Signature")}
}

func TestInboxRefusesWhatItCannotTrust(t *testing.T) {
	t.Setenv(EnvFederationLoopback, "1")
	f := newFakeServer(t)
	page := func(id, actor string) []byte {
		b, _ := json.Marshal(map[string]any{"id": f.URL + "/activities/" + id, "type": "Create", "actor": actor,
			"object": map[string]any{"id": f.URL + "/projects/" + id, "type": "Page", "name": "Project " + id, "attributedTo": actor,
				"url": f.URL + "/projects/" + id}})
		return b
	}
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	now := time.Now()
	peer := func(state string) func(testing.TB) *tests.TestApp {
		return func(t testing.TB) *tests.TestApp {
			app := federationApp(t)
			if state != "" {
				rec := newRecord(t, app, ColPeers)
				rec.Set("url", f.URL)
				rec.Set("state", state)
				if err := app.Save(rec); err != nil {
					t.Fatal(err)
				}
			}
			return app
		}
	}
	kept := func(n int) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			got, _ := app.CountRecords(ColRemoteProjects)
			if int(got) != n+1 { // the fixture's own remote project, and those kept here
				t.Fatalf("%d remote projects, want %d", got-1, n)
			}
		}
	}
	post := func(name string, factory func(testing.TB) *tests.TestApp, path string, body []byte, headers map[string]string, status int,
		after func(testing.TB, *tests.TestApp, *http.Response)) tests.ApiScenario {
		return tests.ApiScenario{Name: name, Method: http.MethodPost, URL: "https://pipeline.example" + path, Body: bytes.NewReader(body), Headers: headers,
			ExpectedStatus: status, ExpectedContent: map[bool][]string{true: {"Activity refused"}, false: nil}[status >= 400],
			TestAppFactory: factory, AfterTestFunc: after}
	}
	good := page("good", f.actor())
	goodHeaders := signedHeaders(t, "/ap/inbox", good, f.actor()+"#main-key", f.key, now)
	tampered := page("tampered", f.actor())
	follow, _ := json.Marshal(map[string]any{"id": f.URL + "/follows/1", "type": "Follow", "actor": f.actor(),
		"object": "https://pipeline.example/ap/organisations/leeds"})
	foreign, _ := json.Marshal(map[string]any{"id": f.URL + "/a/x", "type": "Create", "actor": f.actor(), "object": map[string]any{
		"id": "https://elsewhere.example/projects/x", "type": "Page", "name": "X", "attributedTo": f.actor()}})
	for _, s := range []tests.ApiScenario{
		post("unsigned", peer(PeerTrusted), "/ap/inbox", good, map[string]string{"Content-Type": activityJSON}, 401, kept(0)),
		post("a trusted peer's signed project is kept", peer(PeerTrusted), "/ap/inbox", good, goodHeaders, 202, kept(1)),
		post("signed with another key", peer(PeerTrusted), "/ap/inbox", good,
			signedHeaders(t, "/ap/inbox", good, f.actor()+"#main-key", other, now), 401, kept(0)),
		post("a body changed after signing", peer(PeerTrusted), "/ap/inbox", bytes.Replace(tampered, []byte("Project"), []byte("Changed"), 1),
			signedHeaders(t, "/ap/inbox", tampered, f.actor()+"#main-key", f.key, now), 401, kept(0)),
		post("signed for another inbox", peer(PeerTrusted), "/ap/instance/inbox", good, goodHeaders, 401, kept(0)),
		post("stale: signed ten minutes ago", peer(PeerTrusted), "/ap/inbox", good,
			signedHeaders(t, "/ap/inbox", good, f.actor()+"#main-key", f.key, now.Add(-10*time.Minute)), 401, kept(0)),
		post("an activity in another actor's name", peer(PeerTrusted), "/ap/inbox", page("impostor", f.URL+"/someone-else"),
			signedHeaders(t, "/ap/inbox", page("impostor", f.URL+"/someone-else"), f.actor()+"#main-key", f.key, now), 401, kept(0)),
		post("a key nobody serves", peer(PeerTrusted), "/ap/inbox", good,
			signedHeaders(t, "/ap/inbox", good, f.URL+"/ap/organisations/nobody#main-key", f.key, now), 401, kept(0)),
		post("a trusted peer's server speaks only through its organisations", peer(PeerTrusted), "/ap/inbox", page("odd", f.URL+"/users/x"),
			signedHeaders(t, "/ap/inbox", page("odd", f.URL+"/users/x"), f.URL+"/users/x#main-key", f.key, now), 403, kept(0)),
		post("signed for another server", peer(PeerTrusted), "/ap/inbox", good, func() map[string]string {
			r, _ := http.NewRequest(http.MethodPost, "https://other.example/ap/inbox", bytes.NewReader(good))
			_ = httpsig.Sign(r, good, f.actor()+"#main-key", f.key, now)
			return map[string]string{"Content-Type": activityJSON, "Date": r.Header.Get("Date"), "Digest": r.Header.Get("Digest"), "Signature": r.Header.Get("Signature")}
		}(), 401, kept(0)),
		post("a pending peer may not publish here", peer(PeerPending), "/ap/inbox", good, goodHeaders, 403, kept(0)),
		post("nor a server that is no peer", peer(""), "/ap/inbox", good, goodHeaders, 403, kept(0)),
		post("a blocked peer may not even follow", peer(PeerBlocked), "/ap/organisations/leeds/inbox", follow,
			signedHeaders(t, "/ap/organisations/leeds/inbox", follow, f.actor()+"#main-key", f.key, now), 403,
			func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n := countRows(t, app, "pipeline_ap_followers"); n != 0 {
					t.Fatalf("%d followers", n)
				}
			}),
		post("anyone else may follow, and is answered Accept", peer(""), "/ap/organisations/leeds/inbox", follow,
			signedHeaders(t, "/ap/organisations/leeds/inbox", follow, f.actor()+"#main-key", f.key, now), 202,
			func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n := countRows(t, app, "pipeline_ap_followers"); n != 1 {
					t.Fatalf("%d followers", n)
				}
				var body string
				if err := app.DB().NewQuery("SELECT body FROM pipeline_ap_deliveries WHERE inbox = {:i}").
					Bind(map[string]any{"i": f.actor() + "/inbox"}).Row(&body); err != nil || !strings.Contains(body, `"type":"Accept"`) {
					t.Fatalf("no Accept queued: %v %s", err, body)
				}
			}),
		post("a project attributed to another server's actor is refused", peer(PeerTrusted), "/ap/inbox", foreign,
			signedHeaders(t, "/ap/inbox", foreign, f.actor()+"#main-key", f.key, now), 422, kept(0)),
	} {
		s.Test(t)
	}
}

func TestInboxRefusesAReplay(t *testing.T) {
	t.Setenv(EnvFederationLoopback, "1")
	f := newFakeServer(t)
	app := federationApp(t)
	defer app.Cleanup()
	rec := newRecord(t, app, ColPeers)
	rec.Set("url", f.URL)
	rec.Set("state", PeerTrusted)
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"id": f.URL + "/activities/1", "type": "Create", "actor": f.actor(),
		"object": map[string]any{"id": f.URL + "/projects/1", "type": "Page", "name": "Replayed", "attributedTo": f.actor()}})
	headers := signedHeaders(t, "/ap/inbox", body, f.actor()+"#main-key", f.key, time.Now())
	mux := muxOf(t, app)
	send := func() int {
		r := httptest.NewRequest(http.MethodPost, "https://pipeline.example/ap/inbox", bytes.NewReader(body))
		for k, v := range headers {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		return w.Code
	}
	if got := send(); got != 202 {
		t.Fatalf("first: %d", got)
	}
	if got := send(); got != 401 {
		t.Fatalf("the same request again: %d, want 401", got)
	}
	// Sent again, freshly signed (a retry after a lost answer): accepted
	// and done once.
	headers = signedHeaders(t, "/ap/inbox", body, f.actor()+"#main-key", f.key, time.Now().Add(time.Second))
	if got := send(); got != 202 {
		t.Fatalf("a retry: %d", got)
	}
	if n, _ := app.CountRecords(ColRemoteProjects); n != 2 {
		t.Fatalf("%d remote projects", n)
	}
}

// newRecord is a new record of collection.
func newRecord(t testing.TB, app core.App, collection string) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	return core.NewRecord(col)
}

// countRows counts a table's rows.
func countRows(t testing.TB, app core.App, table string) int {
	t.Helper()
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM " + table).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// muxOf is the app's router, as it serves.
func muxOf(t testing.TB, app core.App) http.Handler {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	if err := app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		var err error
		mux, err = e.Router.BuildMux()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return mux
}
