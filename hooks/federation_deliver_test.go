package hooks

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// follow makes inbox a follower of Leeds.
func follow(t testing.TB, app core.App, actor, inbox string) {
	t.Helper()
	if _, err := app.DB().NewQuery("INSERT INTO pipeline_ap_followers (organisation, actor, inbox) VALUES ({:o}, {:a}, {:i})").
		Bind(dbx.Params{"o": fx.leeds, "a": actor, "i": inbox}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// queued are the types of the activities waiting for inbox, in order.
func queued(t testing.TB, app core.App, inbox string) []string {
	t.Helper()
	var bodies []string
	if err := app.DB().NewQuery("SELECT body FROM pipeline_ap_deliveries WHERE inbox = {:i} ORDER BY id").
		Bind(dbx.Params{"i": inbox}).Column(&bodies); err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, b := range bodies {
		var act struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal([]byte(b), &act); err != nil {
			t.Fatal(err)
		}
		out = append(out, act.Type)
	}
	return out
}

func TestPublishingTellsFollowers(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	const inbox = "https://mastodon.example/inbox"
	follow(t, app, "https://mastodon.example/users/sam", inbox)
	follow(t, app, "https://mastodon.example/users/kim", inbox) // the same server's shared inbox

	draft, _ := app.FindRecordById(ColProjects, fx.draftA)
	draft.Set("summary", "Still a draft.")
	if err := app.Save(draft); err != nil {
		t.Fatal(err)
	}
	if got := queued(t, app, inbox); len(got) != 0 {
		t.Fatalf("a draft's change went out: %v", got)
	}
	// Each change is made as a request makes it: to the project as stored.
	change := func(field string, value any) {
		p, err := app.FindRecordById(ColProjects, fx.draftA)
		if err != nil {
			t.Fatal(err)
		}
		p.Set(field, value)
		mustSave(t, app, p)
	}
	change("contactEmail", "officer@leeds.test")
	change("visibility", VisibilityPublished)
	change("summary", "Now public.")
	change("lastActivityAt", Stamp(time.Now())) // not news
	upd := newRecord(t, app, ColUpdates)
	upd.Set("project", draft.Id)
	upd.Set("body", "Discovery is done.")
	mustSave(t, app, upd)
	change("visibility", VisibilityDraft)
	pub, _ := app.FindRecordById(ColProjects, fx.pubA2)
	if err := app.Delete(pub); err != nil {
		t.Fatal(err)
	}
	want := []string{"Create", "Update", "Create", "Delete", "Delete"}
	if got := queued(t, app, inbox); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("queued %v, want %v (each once for the shared inbox)", got, want)
	}
	var bodies []string
	_ = app.DB().NewQuery("SELECT body FROM pipeline_ap_deliveries").Column(&bodies)
	if !strings.Contains(bodies[2], `"type":"Note"`) || !strings.Contains(bodies[2], "Discovery is done.") {
		t.Fatalf("the status update: %s", bodies[2])
	}
}

func mustSave(t testing.TB, app core.App, r *core.Record) {
	t.Helper()
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
}

func TestDeliveriesRetryInOrderAndNeverTwice(t *testing.T) {
	t.Setenv(EnvFederationLoopback, "1")
	var up atomic.Bool
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !up.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("Signature") == "" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := r.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		got = append(got, b.String())
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	app := federationApp(t)
	defer app.Cleanup()
	now := time.Now()
	for _, id := range []string{"a1", "a2"} {
		if err := enqueueActivity(app, fx.leeds, map[string]any{"id": "https://pipeline.example/x#" + id, "type": "Update"},
			[]string{srv.URL + "/inbox"}, now); err != nil {
			t.Fatal(err)
		}
	}
	// The same activity again changes nothing.
	_ = enqueueActivity(app, fx.leeds, map[string]any{"id": "https://pipeline.example/x#a1", "type": "Update"}, []string{srv.URL + "/inbox"}, now)
	if n, err := DeliverActivities(app, now); err != nil || n != 0 {
		t.Fatalf("delivered %d while down (%v)", n, err)
	}
	var attempts []int
	_ = app.DB().NewQuery("SELECT attempts FROM pipeline_ap_deliveries ORDER BY id").Column(&attempts)
	if len(attempts) != 2 || attempts[0] != 1 || attempts[1] != 0 {
		t.Fatalf("attempts %v: the first is tried once, the second waits its turn", attempts)
	}
	up.Store(true)
	if n, _ := DeliverActivities(app, now.Add(30*time.Second)); n != 0 {
		t.Fatalf("delivered %d before the back-off ended", n)
	}
	if n, _ := DeliverActivities(app, now.Add(2*time.Minute)); n != 2 {
		t.Fatalf("delivered %d after the back-off, want 2", n)
	}
	if n, _ := DeliverActivities(app, now.Add(time.Hour)); n != 0 {
		t.Fatalf("delivered %d again", n)
	}
	if len(got) != 2 || !strings.Contains(got[0], "#a1") || !strings.Contains(got[1], "#a2") {
		t.Fatalf("received %v, want a1 then a2, once each", got)
	}
}

func TestDeliveriesRefuseInsideAddresses(t *testing.T) {
	app := federationApp(t) // no loopback switch
	defer app.Cleanup()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("a delivery reached loopback")
	}))
	defer srv.Close()
	for _, inbox := range []string{srv.URL + "/inbox", "http://169.254.169.254/inbox", "http://10.0.0.1/inbox"} {
		if err := enqueueActivity(app, fx.leeds, map[string]any{"id": "https://pipeline.example/y#" + inbox, "type": "Update"},
			[]string{inbox}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := DeliverActivities(app, time.Now()); n != 0 {
		t.Fatalf("delivered %d", n)
	}
}

func TestRemoteProjectsAreReadOnly(t *testing.T) {
	body := `{"uri":"https://pipeline.wales.example/projects/x","peer":"` + fx.peerX +
		`","actor":"https://pipeline.wales.example/ap/organisations/anytown","title":"Forged","url":"https://pipeline.wales.example/projects/x"}`
	runMatrix(t, []accessCase{
		{name: "list remote projects", method: "GET", url: colURL(ColRemoteProjects), want: every(list(1), list(1))},
		{name: "view a remote project", method: "GET", url: recURL(ColRemoteProjects, fx.remoteX),
			want: every(ok(`"title":"Burial plot booking"`), ok(`"title":"Burial plot booking"`))},
		{name: "create a remote project", method: "POST", url: colURL(ColRemoteProjects), body: body,
			want: every(status(403), ok(`"title":"Forged"`))},
		{name: "change a remote project", method: "PATCH", url: recURL(ColRemoteProjects, fx.remoteX), body: `{"title":"Changed"}`,
			want: every(status(403), ok(`"title":"Changed"`))},
		{name: "delete a remote project", method: "DELETE", url: recURL(ColRemoteProjects, fx.remoteX),
			want: every(status(403), status(204))},
	})
}

func TestInterestInARemoteProject(t *testing.T) {
	good := `{"remoteProject":"` + fx.remoteX + `","kind":"reuse","message":"We would reuse it."}`
	runMatrix(t, []accessCase{
		{name: "express interest in a remote project", method: "POST", url: colURL(ColInterests), body: good,
			want: map[string]want{"visitor": status(400), "pending": status(400),
				"ownOfficer":   ok(`"remoteProject":"`+fx.remoteX+`"`, `"project":""`, `"state":"open"`),
				"otherOfficer": ok(`"remoteProject":"` + fx.remoteX + `"`), "orgAdmin": ok(`"kind":"reuse"`),
				"coordinator": status(400), "superuser": status(400)},
			after: func(t testing.TB, app *tests.TestApp, who string) {
				var body string
				if err := app.DB().NewQuery("SELECT body FROM pipeline_ap_deliveries WHERE inbox = 'https://pipeline.wales.example/ap/organisations/anytown/inbox'").
					Row(&body); err != nil || !strings.Contains(body, `"type":"Interest"`) || !strings.Contains(body, "We would reuse it.") {
					t.Fatalf("the interest was not sent to its origin: %v %s", err, body)
				}
			}},
	})
	for _, s := range []tests.ApiScenario{
		{Name: "following a remote project is for its own Pipeline", Method: http.MethodPost, URL: colURL(ColInterests),
			Body: strings.NewReader(`{"remoteProject":"` + fx.remoteX + `","kind":"following"}`), ExpectedStatus: 400,
			ExpectedContent: []string{`"kind":{"code":"pipeline_remote_following"`}},
		{Name: "an unknown remote project", Method: http.MethodPost, URL: colURL(ColInterests),
			Body: strings.NewReader(`{"remoteProject":"nosuchproject00","kind":"join"}`), ExpectedStatus: 400,
			ExpectedContent: []string{`"remoteProject":{"code":"pipeline_not_found"`}},
		{Name: "not both a project and a remote one", Method: http.MethodPost, URL: colURL(ColInterests),
			Body: strings.NewReader(`{"project":"` + fx.pubB + `","remoteProject":"` + fx.remoteX + `","kind":"join"}`), ExpectedStatus: 400,
			ExpectedContent: []string{`"remoteProject":{"code":"pipeline_one_project"`}},
	} {
		s.Headers = map[string]string{"Authorization": fx.tokens["ownOfficer"], "Content-Type": "application/json"}
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}

func TestBlockingAPeerRemovesItsProjects(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	follow(t, app, "https://pipeline.wales.example/ap/instance", "https://pipeline.wales.example/ap/inbox")
	peer, _ := app.FindRecordById(ColPeers, fx.peerX)
	peer.Set("state", PeerBlocked)
	mustSave(t, app, peer)
	if n, _ := app.CountRecords(ColRemoteProjects); n != 0 {
		t.Fatalf("%d remote projects left", n)
	}
	if n := countRows(t, app, "pipeline_ap_followers"); n != 0 {
		t.Fatalf("%d followers of a blocked peer left", n)
	}
	if hits, _ := Similar(app, SimilarQuery{Title: "Burial plot booking", Limit: 5, MinScore: -1}); len(hits) > 0 && hits[0].Origin != nil {
		t.Fatalf("a blocked peer's project is still similar: %+v", hits[0])
	}
}
