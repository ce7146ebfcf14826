package hooks

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
)

func TestAKeyLeadsToItsOwnerOnceAndOnItsOwnServer(t *testing.T) {
	t.Setenv(EnvFederationLoopback, "1")
	var hits atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", activityJSON)
		other := map[string]string{"/a": "/b", "/b": "/a"}[r.URL.Path]
		_ = json.NewEncoder(w).Encode(map[string]any{"id": srv.URL + r.URL.Path, "owner": srv.URL + other, "publicKeyPem": "x"})
	}))
	defer srv.Close()
	app := federationApp(t)
	defer app.Cleanup()
	if _, err := actorFor(app, srv.URL+"/a", false, time.Now()); err == nil {
		t.Fatal("a loop of keys gave an actor")
	}
	if n := hits.Load(); n > 2 {
		t.Fatalf("%d fetches for a loop of keys, want at most 2", n)
	}
}

func TestFetchesRefuseADocumentFromAnotherServer(t *testing.T) {
	t.Setenv(EnvFederationLoopback, "1")
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", activityJSON)
		_, _ = w.Write([]byte(`{"id":"x"}`))
	}))
	defer elsewhere.Close()
	peer := httptest.NewServer(http.RedirectHandler(elsewhere.URL+"/actor", http.StatusFound))
	defer peer.Close()
	app := federationApp(t)
	defer app.Cleanup()
	if _, err := fetchJSON(app, peer.URL+"/ap/organisations/x", time.Now()); err == nil || !strings.Contains(err.Error(), "another server") {
		t.Fatalf("a redirect to another server: %v", err)
	}
	t.Setenv(EnvFederationLoopback, "")
	if _, err := fetchJSON(app, "http://pipeline.wales.example/ap/organisations", time.Now()); err == nil {
		t.Fatal("plain http outside tests")
	}
}

func TestAStrangerCannotTakeAPeersActivityId(t *testing.T) {
	t.Setenv(EnvFederationLoopback, "1")
	peerSrv, stranger := newFakeServer(t), newFakeServer(t)
	app := federationApp(t)
	defer app.Cleanup()
	rec := newRecord(t, app, ColPeers)
	rec.Set("url", peerSrv.URL)
	rec.Set("state", PeerTrusted)
	mustSave(t, app, rec)
	mux := muxOf(t, app)
	send := func(f *fakeServer, body []byte) int {
		r := httptest.NewRequest(http.MethodPost, "https://pipeline.example/ap/inbox", bytes.NewReader(body))
		for k, v := range signedHeaders(t, "/ap/inbox", body, f.actor()+"#main-key", f.key, time.Now()) {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		return w.Code
	}
	id := peerSrv.URL + "/ap/organisations/anytown#Create-1"
	squat, _ := json.Marshal(map[string]any{"id": id, "type": "Follow", "actor": stranger.actor(), "object": "https://pipeline.example/ap/organisations/leeds"})
	if code := send(stranger, squat); code != http.StatusAccepted {
		t.Fatalf("the stranger's follow: %d", code)
	}
	real, _ := json.Marshal(map[string]any{"id": id, "type": "Create", "actor": peerSrv.actor(), "object": map[string]any{
		"id": peerSrv.URL + "/projects/p", "type": "Page", "name": "The peer's project", "attributedTo": peerSrv.actor()}})
	if code := send(peerSrv, real); code != http.StatusAccepted {
		t.Fatalf("the peer's activity: %d", code)
	}
	if _, err := app.FindFirstRecordByData(ColRemoteProjects, "title", "The peer's project"); err != nil {
		t.Fatal("the peer's activity was taken as done already")
	}
}

func TestARemoteProjectNamedByAnInterestIsKeptAsGone(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	in := remoteInterest(t, app, InterestJoin)
	actor := remoteActor{URI: "https://pipeline.wales.example/ap/organisations/anytown"}
	if err := deleteRemote(app, actor, "https://pipeline.wales.example/projects/burial-plots"); err != nil {
		t.Fatal(err)
	}
	rec, err := app.FindRecordById(ColRemoteProjects, fx.remoteX)
	if err != nil || rec.GetDateTime("goneAt").IsZero() {
		t.Fatalf("the project named by an interest: %v", err)
	}
	if hits, _, _ := SearchRemote(app, SearchParams{Query: "burial"}); len(hits) != 0 {
		t.Fatal("a gone project is still found")
	}
	if _, ok := RemoteProject(app, fx.remoteX); ok {
		t.Fatal("a gone project still has its page")
	}
	// Removing the peer keeps it too, and the interest.
	peer, _ := app.FindRecordById(ColPeers, fx.peerX)
	if err := app.Delete(peer); err != nil {
		t.Fatal(err)
	}
	if in, err = app.FindRecordById(ColInterests, in.Id); err != nil || in.GetString("remoteProject") != fx.remoteX {
		t.Fatalf("the interest lost its project: %v", err)
	}
	// A new interest in it is refused.
	s := tests.ApiScenario{Name: "interest in a gone project", Method: http.MethodPost, URL: colURL(ColInterests),
		Body:           strings.NewReader(`{"remoteProject":"` + fx.remoteX + `","kind":"join"}`),
		Headers:        map[string]string{"Authorization": fx.tokens["ownOfficer"], "Content-Type": "application/json"},
		ExpectedStatus: 400, ExpectedContent: []string{`"pipeline_gone"`},
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app := newTestApp(t)
			rec, _ := app.FindRecordById(ColRemoteProjects, fx.remoteX)
			rec.Set("goneAt", Stamp(time.Now()))
			mustSave(t, app, rec)
			return app
		}}
	s.Test(t)
}

func TestACouncilIsNeverMatchedBySlug(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	if got := matchOrganisation(app, "", "leeds"); got != "" {
		t.Fatalf("a peer's \"leeds\" without a GSS code was taken for Leeds City Council (%s)", got)
	}
	if got := matchOrganisation(app, "E08000035", "anything"); got != fx.leeds {
		t.Fatalf("Leeds by its GSS code: %q", got)
	}
}
