package hooks

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// remoteInterest is Bristol's officer's interest of kind in the fixture's
// remote project.
func remoteInterest(t testing.TB, app core.App, kind string) *core.Record {
	t.Helper()
	in := newRecord(t, app, ColInterests)
	in.Set("remoteProject", fx.remoteX)
	in.Set("user", fx.officerB)
	in.Set("organisation", fx.bristol)
	in.Set("kind", kind)
	mustSave(t, app, in)
	return in
}

// wales is the fixture's trusted peer as an actor this instance has
// fetched.
func walesActor(t testing.TB, app core.App) remoteActor {
	t.Helper()
	a := remoteActor{URI: "https://pipeline.wales.example/ap/organisations/anytown", Inbox: "https://pipeline.wales.example/ap/organisations/anytown/inbox",
		Name: "Anytown Council", Username: "anytown", Fetched: time.Now().UTC().Format(time.RFC3339)}
	if _, err := app.DB().NewQuery(`INSERT INTO pipeline_ap_actors (uri, inbox, name, username, fetched) VALUES ({:u}, {:i}, {:n}, {:s}, {:f})`).
		Bind(dbx.Params{"u": a.URI, "i": a.Inbox, "n": a.Name, "s": a.Username, "f": a.Fetched}).Execute(); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestInterestFromAnotherPipeline(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	actor := walesActor(t, app)
	now := time.Now()
	interest := map[string]any{"id": "https://pipeline.wales.example/ap/interests/abc", "type": "Interest", "attributedTo": actor.URI,
		"object": "https://pipeline.example/projects/missed-bin-reporting", "kind": "reuse", "state": "open",
		"content": "<p>We would <b>reuse</b> this.</p>", "organisationName": "Anytown Council"}
	if err := handleActivity(app, actor, map[string]any{"type": "Create", "actor": actor.URI, "object": interest}, now); err != nil {
		t.Fatal(err)
	}
	in, err := app.FindFirstRecordByData(ColInterests, "remoteId", "https://pipeline.wales.example/ap/interests/abc")
	if err != nil {
		t.Fatal(err)
	}
	if in.GetString("project") != fx.pubA || in.GetString("user") != "" || in.GetString("message") != "We would reuse this." ||
		in.GetString("remoteVia") != "pipeline.wales.example" {
		t.Fatalf("kept %v", in.FieldsData())
	}
	// The team hears of it, from whom.
	n, err := app.FindFirstRecordByFilter(ColNotifications, "user = {:u} && kind = 'interestExpressed' && title ~ 'Anytown'", dbx.Params{"u": fx.officerA})
	if err != nil || !strings.HasPrefix(n.GetString("title"), "An officer of Anytown Council via pipeline.wales.example wants to reuse") {
		t.Fatalf("the team was not told: %v", err)
	}
	// Another peer cannot change it; a project that is a draft cannot get one.
	other := actor
	other.URI = "https://pipeline.wales.example/ap/organisations/elsewhere"
	interest["state"] = "withdrawn"
	if err := handleActivity(app, other, map[string]any{"type": "Update", "actor": other.URI, "object": interest}, now); err == nil {
		t.Fatal("another actor changed the interest")
	}
	draft := map[string]any{"id": "https://pipeline.wales.example/ap/interests/d", "type": "Interest", "attributedTo": actor.URI,
		"object": "https://pipeline.example/projects/secret-draft-plan", "kind": "join"}
	if err := handleActivity(app, actor, map[string]any{"type": "Create", "actor": actor.URI, "object": draft}, now); err == nil {
		t.Fatal("an interest in a draft was kept")
	}
	// It waits like any other: the coordinators' queue, the owner's reminder.
	old := Stamp(now.AddDate(0, 0, -8)).String()
	if _, err := app.DB().NewQuery("UPDATE interests SET created = {:t} WHERE id = {:id}").Bind(dbx.Params{"t": old, "id": in.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	q, err := CoordinatorQueues(app, now)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, qi := range q.UnansweredInterest {
		found = found || (qi.Id == in.Id && qi.From == "An officer of Anytown Council via pipeline.wales.example")
	}
	if !found {
		t.Fatalf("not in the coordinators' queue: %+v", q.UnansweredInterest)
	}
	if _, err := ChaseInterests(app, now); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindFirstRecordByFilter(ColNotifications, "user = {:u} && kind = {:k} && title ~ 'Anytown'",
		dbx.Params{"u": fx.officerA, "k": KindInterestWaiting}); err != nil {
		t.Fatalf("the owner was not reminded: %v", err)
	}
	// The owner's answer goes back to the sender.
	in, _ = app.FindRecordById(ColInterests, in.Id)
	in.Set("state", InterestCollaborating)
	mustSave(t, app, in)
	var body string
	if err := app.DB().NewQuery("SELECT body FROM pipeline_ap_deliveries WHERE inbox = {:i}").Bind(dbx.Params{"i": actor.Inbox}).Row(&body); err != nil ||
		!strings.Contains(body, `"type":"Accept"`) || !strings.Contains(body, `"state":"collaborating"`) || !strings.Contains(body, "/interests/abc") {
		t.Fatalf("no answer queued: %v %s", err, body)
	}
}

func TestAnswerToAnInterestSentFromHere(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	actor := walesActor(t, app)
	in := remoteInterest(t, app, InterestJoin)
	answer := map[string]any{"type": "Reject", "actor": actor.URI, "object": "https://pipeline.example/ap/interests/" + in.Id}
	// Not from the project's own server: refused.
	stranger := actor
	stranger.URI = "https://pipeline.elsewhere.example/ap/organisations/x"
	if err := answerInterest(app, stranger, answer, asString(answer["object"]), time.Now()); err == nil {
		t.Fatal("a stranger answered")
	}
	if err := handleActivity(app, actor, answer, time.Now()); err != nil {
		t.Fatal(err)
	}
	in, _ = app.FindRecordById(ColInterests, in.Id)
	if in.GetString("state") != InterestDeclined || in.GetDateTime("declinedAt").IsZero() {
		t.Fatalf("state %q", in.GetString("state"))
	}
	n, err := app.FindFirstRecordByFilter(ColNotifications, "user = {:u} && kind = {:k}", dbx.Params{"u": fx.officerB, "k": KindInterestAnswered})
	if err != nil || n.GetString("title") != "Anytown Council declined your interest in Burial plot booking" {
		t.Fatalf("the officer was not told: %v", err)
	}
	// Nothing is sent back about an answer received.
	var sent int
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM pipeline_ap_deliveries WHERE body LIKE '%Reject%' OR body LIKE '%\"Update\"%'").Row(&sent)
	if sent != 0 {
		t.Fatalf("%d activities echoed the answer", sent)
	}
}

func TestInterestWaitingOnAnotherPipelineReachesCoordinatorsHere(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	in := remoteInterest(t, app, InterestReuse)
	now := time.Now()
	if _, err := app.DB().NewQuery("UPDATE interests SET created = {:t} WHERE id = {:id}").
		Bind(dbx.Params{"t": Stamp(now.AddDate(0, 0, -22)).String(), "id": in.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	q, err := CoordinatorQueues(app, now)
	if err != nil || len(q.RemoteWaiting) != 1 || q.RemoteWaiting[0].Host != "pipeline.wales.example" || q.RemoteWaiting[0].Days != 22 {
		t.Fatalf("the queue of interest waiting elsewhere: %+v %v", q.RemoteWaiting, err)
	}
	if _, err := ChaseInterests(app, now); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindFirstRecordByFilter(ColNotifications, "user = {:u} && kind = {:k} && title ~ 'pipeline.wales.example'",
		dbx.Params{"u": fx.coordinator, "k": KindInterestEscalated}); err != nil {
		t.Fatalf("the coordinators here were not told: %v", err)
	}
	if _, err := app.FindFirstRecordByFilter(ColNotifications, "user = {:u} && kind = {:k}",
		dbx.Params{"u": fx.officerB, "k": KindInterestEscalated}); err != nil {
		t.Fatalf("the officer was not told: %v", err)
	}
	// Once only.
	if n, _ := ChaseInterests(app, now.Add(time.Hour)); n != 0 {
		t.Fatalf("%d more steps", n)
	}
}
