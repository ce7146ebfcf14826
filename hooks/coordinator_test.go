package hooks

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

func TestStatsFromKnownFixtures(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	now := time.Now().UTC()
	// Known answers: 3 published projects (pubA, pubA2, pubB), all in
	// discovery; pubB chased (stage 2), pubA2 dormant.
	_, err := app.DB().Update(ColProjects, dbx.Params{"chaseStage": 2}, dbx.HashExp{"id": fx.pubB}).Execute()
	if err == nil {
		_, err = app.DB().Update(ColProjects, dbx.Params{"dormantSince": Stamp(now).String(), "chaseStage": 4}, dbx.HashExp{"id": fx.pubA2}).Execute()
	}
	if err != nil {
		t.Fatal(err)
	}
	// Two interests beyond following: one answered 36 hours after it
	// came, one not; one following, which does not count.
	created := now.Add(-72 * time.Hour)
	if _, err := app.DB().Update(ColInterests, dbx.Params{"created": Stamp(created).String(), "respondedAt": Stamp(created.Add(36 * time.Hour)).String(), "state": InterestAcknowledged},
		dbx.HashExp{"id": fx.intB}).Execute(); err != nil {
		t.Fatal(err)
	}
	saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubB, "user": fx.officerC, "kind": InterestReuse})
	saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubB, "user": fx.officerA2, "kind": InterestFollowing})

	s, err := Stats(app, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.ProjectsByPhase["discovery"] != 3 || s.ProjectsByPhase["live"] != 0 {
		t.Errorf("by phase %v", s.ProjectsByPhase)
	}
	if s.Freshness != (Freshness{Active: 1, Stale: 1, Dormant: 1}) {
		t.Errorf("freshness %+v", s.Freshness)
	}
	if s.Interest.Total != 2 || s.Interest.Answered != 1 || s.Interest.ResponseRate != 0.5 || s.Interest.MedianHoursToFirstResponse != 36 {
		t.Errorf("interest %+v", s.Interest)
	}
	if len(s.OpenCalls) != 1 || s.OpenCalls[0].ProjectRef.Slug != "missed-bin-reporting" || s.OpenCalls[0].Progress != 33 {
		t.Errorf("open calls %+v", s.OpenCalls)
	}
	// Leeds, Bristol and Camden were active (projects, interest, pledges).
	if s.ActiveOrganisations90d != 3 {
		t.Errorf("active organisations %d", s.ActiveOrganisations90d)
	}
	if len(s.NewProjectsByMonth) != 12 || s.NewProjectsByMonth[11].Month != now.Format("2006-01") || s.NewProjectsByMonth[11].Count != 3 {
		t.Errorf("by month %+v", s.NewProjectsByMonth)
	}
}

func TestCoordinatorEndpointsAreForCoordinatorsOnly(t *testing.T) {
	for _, url := range []string{"/api/pipeline/stats", "/api/pipeline/coordinator/queues"} {
		runMatrix(t, []accessCase{{name: url, method: "GET", url: url,
			want: map[string]want{
				"visitor": status(401), "ownOfficer": status(403), "otherOfficer": status(403), "pending": status(403),
				"orgAdmin": status(403), "coordinator": ok(`{"`),
			}}})
	}
	(&tests.ApiScenario{Name: "a superuser sees the stats", Method: "GET", URL: "/api/pipeline/stats", TestAppFactory: newTestApp,
		Headers: map[string]string{"Authorization": fx.tokens["superuser"]}, ExpectedStatus: 200, ExpectedContent: []string{`"projectsByPhase"`}}).Test(t)
}

func TestQueues(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	now := time.Now().UTC()
	if _, err := app.DB().Update(ColProjects, dbx.Params{"chaseStage": 1}, dbx.HashExp{"id": fx.pubB}).Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().Update(ColInterests, dbx.Params{"created": Stamp(now.AddDate(0, 0, -9)).String()}, dbx.HashExp{"id": fx.intB}).Execute(); err != nil {
		t.Fatal(err)
	}
	q, err := CoordinatorQueues(app, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.StaleProjects) != 1 || q.StaleProjects[0].Id != fx.pubB {
		t.Errorf("stale %+v", q.StaleProjects)
	}
	if len(q.UnansweredInterest) != 1 || q.UnansweredInterest[0].Days != 9 || !strings.HasPrefix(q.UnansweredInterest[0].From, "Bea Bristol") {
		t.Errorf("unanswered %+v", q.UnansweredInterest)
	}
	// Bristol has no admin, so its pending request is the coordinator's.
	if len(q.MembershipRequests) != 1 || q.MembershipRequests[0].Id != fx.pendingB {
		t.Errorf("requests %+v", q.MembershipRequests)
	}
}

func TestClustersOfSimilarWork(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	fife := mustRecord(t, app, ColOrganisations, fx.fife)
	addProject(t, app, fx.camden, "Missed bin collections", "Report a missed bin collection online; crews see it.", "", "bins")
	addProject(t, app, fife.Id, "Missed bin reporting service", "Residents report missed bins and waste collections.", "", "bins")
	clusters, err := SimilarClusters(app)
	if err != nil {
		t.Fatal(err)
	}
	if len(clusters) != 1 || clusters[0].Organisations != 3 {
		t.Fatalf("clusters %+v", clusters)
	}
}

func TestNudgeAndIntroduce(t *testing.T) {
	for _, c := range []accessCase{
		{name: "nudge about a project", method: "POST", url: "/api/pipeline/coordinator/nudge", body: `{"project":"` + fx.pubB + `","message":"Is this still going?"}`,
			want: map[string]want{"coordinator": ok(`"ok":true`), "orgAdmin": status(403), "visitor": status(401)},
			after: func(t testing.TB, app *tests.TestApp, _ string) {
				if kindCount(t, app, fx.officerB, KindNudge) != 1 {
					t.Fatal("the owner was not nudged")
				}
				if n, _ := app.CountRecords(ColNudges); n != 1 {
					t.Fatalf("%d nudges logged", n)
				}
			}},
		{name: "nudge about interest", method: "POST", url: "/api/pipeline/coordinator/nudge", body: `{"interest":"` + fx.intB + `","message":"Please answer Bristol."}`,
			want: map[string]want{"coordinator": ok(`"ok":true`)},
			after: func(t testing.TB, app *tests.TestApp, _ string) {
				if kindCount(t, app, fx.officerA, KindNudge) != 1 {
					t.Fatal("the project's team was not nudged")
				}
			}},
		{name: "nudge without a message", method: "POST", url: "/api/pipeline/coordinator/nudge", body: `{"project":"` + fx.pubB + `"}`,
			want: map[string]want{"coordinator": {status: 400, content: []string{`"message"`}}}},
		{name: "introduce", method: "POST", url: "/api/pipeline/coordinator/introduce", body: `{"projects":["` + fx.pubA + `","` + fx.pubB + `"],"message":"You are both working on this."}`,
			want: map[string]want{"coordinator": ok(`"told":2`), "ownOfficer": status(403)},
			after: func(t testing.TB, app *tests.TestApp, _ string) {
				found := false
				for _, n := range notificationsFor(t, app, fx.officerA) {
					if n.GetString("kind") == KindIntroduction && strings.Contains(n.GetString("body"), "Bristol parking permits (Bristol City Council)") {
						found = true
					}
				}
				if !found {
					t.Fatalf("owner got %q", kindsOf(notificationsFor(t, app, fx.officerA)))
				}
			}},
		{name: "feature a project", method: "POST", url: "/api/pipeline/projects/" + fx.pubA + "/feature", body: `{"featured":true}`,
			want: map[string]want{"coordinator": ok(`"featured":true`), "ownOfficer": status(403)}},
		{name: "feature a draft", method: "POST", url: "/api/pipeline/projects/" + fx.draftA + "/feature", body: `{"featured":true}`,
			want: map[string]want{"coordinator": status(404)}},
	} {
		runAs(t, c)
	}
}
