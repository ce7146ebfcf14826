package hooks

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestSimilarFindsOtherCouncilsWork(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	finder := addProject(t, app, fx.camden, "Waste collection day finder", "Residents check when their bin is collected and report a missed collection.", "", "waste")
	addProject(t, app, fx.camden, "Webchat bot for the contact centre", "A chatbot answers residents' common questions.", "", "contact centre")
	addProject(t, app, fx.bristol, "Fix my council home", "Tenants report repairs and damp in their homes.", "", "housing")

	hits, err := Similar(app, SimilarQuery{Text: "Bins: report a missed bin collection", ExcludeOrg: fx.leeds})
	if err != nil || len(hits) == 0 || hits[0].Title != "Waste collection day finder" {
		t.Fatalf("bins: %+v %v", hits, err)
	}
	if len(hits[0].Shared) == 0 {
		t.Errorf("no words said why they matched: %+v", hits[0])
	}
	for _, h := range hits {
		if h.Organisation.Id == fx.leeds {
			t.Fatalf("the excluded organisation's project came back: %+v", h)
		}
	}
	hits, _ = Similar(app, SimilarQuery{Title: "Chatbot", Text: "A chatbot for residents' questions"})
	if len(hits) == 0 || hits[0].Title != "Webchat bot for the contact centre" {
		t.Fatalf("chatbot: %+v", hits)
	}
	hits, _ = Similar(app, SimilarQuery{Title: "Housing repairs", Text: "Report repairs to council homes"})
	if len(hits) < 2 || !slices.ContainsFunc(hits[:2], func(h SimilarHit) bool { return h.Title == "Fix my council home" }) {
		t.Fatalf("repairs: %+v", hits)
	}
	if hits, _ := Similar(app, SimilarQuery{Text: "the and of"}); len(hits) != 0 {
		t.Fatalf("function words alone matched: %+v", hits)
	}
	if hits, _ := Similar(app, SimilarQuery{Text: `" OR ( NEAR *`}); len(hits) != 0 {
		t.Fatalf("odd input matched: %+v", hits)
	}
	// A stored project's list is computed by refresh_similar and then
	// read; it says the same as ranking at once.
	live, _ := Similar(app, SimilarQuery{Project: fx.pubA, ExcludeOrg: fx.leeds, Limit: 3})
	if n, err := RefreshSimilar(app, testNow); err != nil || n == 0 {
		t.Fatalf("RefreshSimilar = %d, %v", n, err)
	}
	if _, ok, _ := storedSimilar(app, fx.pubA); !ok {
		t.Fatal("pubA's list was not stored")
	}
	stored, _ := Similar(app, SimilarQuery{Project: fx.pubA, ExcludeOrg: fx.leeds, Limit: 3})
	if len(live) == 0 || len(stored) != len(live) || stored[0].Id != live[0].Id {
		t.Fatalf("stored %+v, live %+v", stored, live)
	}
	// A save that changes no words leaves the stored lists as they are,
	// even of the projects most like it.
	if !slices.ContainsFunc(stored, func(h SimilarHit) bool { return h.Id == finder.Id }) {
		t.Fatalf("the finder is not among pubA's similar projects: %+v", stored)
	}
	other := mustRecord(t, app, ColProjects, finder.Id)
	other.Set("phase", "beta")
	if err := app.Save(other); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := storedSimilar(app, fx.pubA); !ok {
		t.Fatal("a phase change made pubA's list due")
	}
	// A save that changes the words marks the lists it may change as due.
	p := mustRecord(t, app, ColProjects, fx.pubB)
	p.Set("title", "Missed bin collections")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if list, ok, _ := storedSimilar(app, fx.pubA); ok && (len(list) == 0 || list[0].ID != fx.pubB) {
		t.Fatal("pubA's stored list is still taken as current after a like project changed")
	}
	if hits, _ := Similar(app, SimilarQuery{Project: fx.pubA, ExcludeOrg: fx.leeds, Limit: 3}); len(hits) == 0 || hits[0].Id != fx.pubB {
		t.Fatalf("after the change: %+v", hits)
	}
}

func TestYourCouncilAlreadyHas(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "an officer sees their own organisation's like projects, drafts included", URL: "/api/pipeline/similar?scope=own&title=Secret%20draft%20plan",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200,
			ExpectedContent: []string{`"title":"Secret draft plan"`, `"visibility":"draft"`}, NotExpectedContent: []string{"Bristol"}},
		{Name: "another council's officer sees only their own", URL: "/api/pipeline/similar?scope=own&title=Secret%20draft%20plan",
			Headers: map[string]string{"Authorization": fx.tokens["otherOfficer"]}, ExpectedStatus: 200,
			NotExpectedContent: []string{"Secret draft plan", `"name":"Leeds City Council"`}},
		{Name: "a visitor has no organisation of their own", URL: "/api/pipeline/similar?scope=own&title=bins",
			ExpectedStatus: 403, ExpectedContent: []string{"Only approved officers"}},
		{Name: "an organisation admin sees their organisation's, drafts included", URL: "/api/pipeline/similar?scope=own&title=Secret%20draft%20plan",
			Headers: map[string]string{"Authorization": fx.tokens["orgAdmin"]}, ExpectedStatus: 200,
			ExpectedContent: []string{`"title":"Secret draft plan"`}},
		{Name: "a coordinator of no organisation has none of their own, and sees no council's draft", URL: "/api/pipeline/similar?scope=own&title=Secret%20draft%20plan",
			Headers: map[string]string{"Authorization": fx.tokens["coordinator"]}, ExpectedStatus: 403,
			ExpectedContent: []string{"Only approved officers"}, NotExpectedContent: []string{"Secret draft plan"}},
		{Name: "a superuser belongs to no organisation", URL: "/api/pipeline/similar?scope=own&title=bins",
			Headers: map[string]string{"Authorization": fx.tokens["superuser"]}, ExpectedStatus: 403, ExpectedContent: []string{"Only approved officers"}},
		{Name: "nor does a pending member", URL: "/api/pipeline/similar?scope=own&title=bins",
			Headers: map[string]string{"Authorization": fx.tokens["pending"]}, ExpectedStatus: 403, ExpectedContent: []string{"Only approved officers"}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
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
	// Owners are told only once the instance has enough projects to learn
	// which words are telling.
	p := saveRecord(t, app, ColProjects, map[string]any{
		"title": "Missed bin reports", "summary": "Residents report a missed bin collection online.",
		"organisation": fx.camden, "owner": fx.officerC, "visibility": VisibilityPublished,
	})
	if n := notificationsFor(t, app, fx.officerA); len(n) != 0 {
		t.Fatalf("a handful of projects told other councils: %q", kindsOf(n))
	}
	if err := app.Delete(p); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < similarNotifyCorpus; i++ {
		w := fmt.Sprintf("w%03dq", i)
		addProject(t, app, fx.fife, "Project "+w, "Work on "+w+" and "+w+"x.", "")
	}
	emptyOutbox(t, app)
	p = saveRecord(t, app, ColProjects, map[string]any{
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
	if body := got[0].GetString("body"); !strings.Contains(body, "Why we think they are alike: They share the word") || !strings.Contains(body, "“missed bin”") {
		t.Errorf("the notice does not say why: %q", body)
	}
	if n := notificationsFor(t, app, fx.officerC); len(n) != 0 {
		t.Fatalf("the publisher was told about their own project: %q", kindsOf(n))
	}
}
