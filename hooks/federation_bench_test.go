package hooks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// The federation's costs, for docs/benchmarks.md:
//
//	go test ./hooks -run '^$' -bench 'Inbox|Deliver|SearchRemote' -benchtime 200x
//
// BenchmarkInbox is one signed activity from a trusted peer accepted and
// kept (signature checked against a cached key, replay recorded, the remote
// project saved and indexed); BenchmarkDeliver sends one activity to 200
// followers' inboxes on a loopback server; BenchmarkSearchRemote searches
// 5,000 remote projects.

func BenchmarkInbox(b *testing.B) {
	b.Setenv(EnvFederationLoopback, "1")
	f := newFakeServer(b)
	app := federationApp(b)
	defer app.Cleanup()
	peer := newRecord(b, app, ColPeers)
	peer.Set("url", f.URL)
	peer.Set("state", PeerTrusted)
	mustSave(b, app, peer)
	mux := muxOf(b, app)
	type signed struct {
		body    []byte
		headers map[string]string
	}
	reqs := make([]signed, b.N)
	for i := range reqs {
		body, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("%s/a/%d", f.URL, i), "type": "Create", "actor": f.actor(),
			"object": map[string]any{"id": fmt.Sprintf("%s/projects/%d", f.URL, i%500), "type": "Page", "attributedTo": f.actor(),
				"name": fmt.Sprintf("Project %d about waste collection and recycling", i), "summary": "Residents report missed bins.",
				"updated": time.Now().Add(time.Duration(i) * time.Second).UTC().Format(time.RFC3339)}})
		reqs[i] = signed{body, signedHeaders(b, "/ap/inbox", body, f.actor()+"#main-key", f.key, time.Now())}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := httptest.NewRequest(http.MethodPost, "https://pipeline.example/ap/inbox", bytes.NewReader(reqs[i].body))
		for k, v := range reqs[i].headers {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		if w.Code != http.StatusAccepted {
			b.Fatalf("%d: %s", w.Code, w.Body.String())
		}
	}
}

func BenchmarkDeliver(b *testing.B) {
	b.Setenv(EnvFederationLoopback, "1")
	var got atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Add(1)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	app := federationApp(b)
	defer app.Cleanup()
	const followers = 200
	inboxes := make([]string, followers)
	for i := range inboxes {
		inboxes[i] = fmt.Sprintf("%s/inbox/%d", srv.URL, i)
	}
	now := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		act := map[string]any{"id": fmt.Sprintf("https://pipeline.example/x#%d", i), "type": "Update", "object": map[string]any{"name": "x"}}
		if err := enqueueActivity(app, fx.leeds, act, inboxes, now); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if n, err := DeliverActivities(app, now); err != nil || n != followers {
			b.Fatalf("delivered %d (%v)", n, err)
		}
	}
	b.ReportMetric(float64(followers), "inboxes/op")
}

func BenchmarkSearchRemote(b *testing.B) {
	app := federationApp(b)
	defer app.Cleanup()
	col, err := app.FindCollectionByNameOrId(ColRemoteProjects)
	if err != nil {
		b.Fatal(err)
	}
	words := []string{"waste", "parking", "housing", "library", "planning", "council tax", "school admissions", "care", "roads", "licensing"}
	err = app.RunInTransaction(func(tx core.App) error {
		for i := 0; i < 5000; i++ {
			r := core.NewRecord(col)
			w := words[i%len(words)]
			r.Set("uri", fmt.Sprintf("https://pipeline.wales.example/projects/p%d", i))
			r.Set("peer", fx.peerX)
			r.Set("actor", "https://pipeline.wales.example/ap/organisations/anytown")
			r.Set("organisationName", "Anytown Council")
			r.Set("title", fmt.Sprintf("%s service %d", w, i))
			r.Set("summary", "Residents use the "+w+" service online.")
			r.Set("url", fmt.Sprintf("https://pipeline.wales.example/projects/p%d", i))
			r.Set("remoteUpdated", Stamp(time.Now().Add(-time.Duration(i)*time.Minute)))
			if err := tx.SaveNoValidate(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hits, total, err := SearchRemote(app, SearchParams{Query: words[i%len(words)] + " service"})
		if err != nil || total == 0 || len(hits) == 0 {
			b.Fatalf("%d hits of %d (%v)", len(hits), total, err)
		}
	}
}
