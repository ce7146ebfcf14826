package hooks

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestSimilarFindsOtherCouncilsWorkInTheirOwnWords(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	addProject(t, app, fx.camden, "Waste collection day finder", "Residents check when their refuse is collected and report a missed collection.", "", "waste")
	addProject(t, app, fx.camden, "Virtual assistant for the contact centre", "A webchat bot answers common questions.", "", "contact centre")
	addProject(t, app, fx.bristol, "Fix my council home", "Tenants report maintenance problems such as damp.", "", "housing")

	hits, err := Similar(app, SimilarQuery{Text: "Bins: report a missed bin", ExcludeOrg: fx.leeds})
	if err != nil || len(hits) == 0 || hits[0].Title != "Waste collection day finder" {
		t.Fatalf("bins: %+v %v", hits, err)
	}
	for _, h := range hits {
		if h.Organisation.Id == fx.leeds {
			t.Fatalf("the excluded organisation's project came back: %+v", h)
		}
	}
	hits, _ = Similar(app, SimilarQuery{Text: "Chatbot for residents' questions"})
	if len(hits) == 0 || hits[0].Title != "Virtual assistant for the contact centre" {
		t.Fatalf("chatbot: %+v", hits)
	}
	// Maintenance is what Bristol calls repairs.
	hits, _ = Similar(app, SimilarQuery{Text: "Housing repairs"})
	if len(hits) < 2 || hits[0].Title+hits[1].Title != "Fix my council homeHousing repairs online" && hits[1].Title+hits[0].Title != "Fix my council homeHousing repairs online" {
		t.Fatalf("repairs: %+v", hits)
	}
	if hits, _ := Similar(app, SimilarQuery{Text: "the and of council online"}); len(hits) != 0 {
		t.Fatalf("stop words alone matched: %+v", hits)
	}
	if hits, _ := Similar(app, SimilarQuery{Text: `" OR ( NEAR *`}); len(hits) != 0 {
		t.Fatalf("odd input matched: %+v", hits)
	}
}

func TestSimilarRoute(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "similar to a project: other organisations only, scored", URL: "/api/pipeline/similar?project=" + fx.pubB,
			ExpectedStatus: 200, ExpectedContent: []string{`"items":[`}, NotExpectedContent: []string{`"title":"Bristol parking permits"`, `"name":"Bristol City Council"`}},
		{Name: "similar to text as someone types", URL: "/api/pipeline/similar?text=missed%20bins",
			ExpectedStatus: 200, ExpectedContent: []string{`"title":"Missed bin reporting"`, `"organisation":{"id":"` + fx.leeds + `"`, `"score":`}},
		{Name: "a signed-in officer is not shown their own organisation's work", URL: "/api/pipeline/similar?text=missed%20bins",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200,
			ExpectedContent: []string{`"items":[]`}},
		{Name: "a visitor cannot ask about a draft", URL: "/api/pipeline/similar?project=" + fx.draftA,
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "drafts of other organisations never appear", URL: "/api/pipeline/similar?text=secret%20draft%20plan",
			Headers: map[string]string{"Authorization": fx.tokens["otherOfficer"]}, ExpectedStatus: 200,
			NotExpectedContent: []string{"Secret draft plan"}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}

func TestPublishingTellsOwnersOfSimilarProjects(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	p := saveRecord(t, app, ColProjects, map[string]any{
		"title": "Missed bin reports", "summary": "Residents report a missed bin collection online.",
		"organisation": fx.camden, "owner": fx.officerC, "visibility": VisibilityDraft,
	})
	if n := notificationsFor(t, app, fx.officerA); len(n) != 0 {
		t.Fatalf("a draft told other councils: %q", kindsOf(n))
	}
	p = mustRecord(t, app, ColProjects, p.Id)
	p.Set("visibility", VisibilityPublished)
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	got := notificationsFor(t, app, fx.officerA)
	if kindsOf(got) != KindSimilarProject || !strings.Contains(got[0].GetString("title"), "London Borough of Camden has published a project like Missed bin reporting") {
		t.Fatalf("owner of the similar project got %q", kindsOf(got))
	}
	if n := notificationsFor(t, app, fx.officerC); len(n) != 0 {
		t.Fatalf("the publisher was told about their own project: %q", kindsOf(n))
	}
}
