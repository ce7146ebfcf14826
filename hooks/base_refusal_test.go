package hooks

import (
	"net/http"
	"strings"
	"testing"
)

// Every refusal of a create names the field and the reason, in
// PocketBase's error shape, where PocketBase's create rule alone would say
// "Failed to create record." with empty data.
func TestCreateRefusalsNameTheField(t *testing.T) {
	refused := func(field, code string, words ...string) want {
		return want{status: 400, content: append([]string{`"data":{"` + field + `":{"code":"` + code + `"`}, words...),
			not: []string{"Failed to create record"}}
	}
	for _, c := range []accessCase{
		{name: "a project for another organisation", method: "POST", url: colURL(ColProjects),
			body: `{"title":"Bristol's bins","summary":"S","organisation":"` + fx.bristol + `"}`,
			want: map[string]want{"ownOfficer": refused("organisation", "pipeline_forbidden_field", "own organisation")}},
		{name: "a project by someone waiting for approval", method: "POST", url: colURL(ColProjects),
			body: `{"title":"Waiting","summary":"S","organisation":"` + fx.leeds + `"}`,
			want: map[string]want{"pending": refused("organisation", "pipeline_not_approved", "approved")}},
		{name: "a project without an organisation", method: "POST", url: colURL(ColProjects),
			body: `{"title":"Nowhere","summary":"S"}`,
			want: map[string]want{"ownOfficer": refused("organisation", "validation_required")}},
		{name: "an interest as a colleague", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.pubB + `","kind":"join","user":"` + fx.officerA2 + `"}`,
			want: map[string]want{"ownOfficer": refused("user", "pipeline_forbidden_field", "yourself")}},
		{name: "an interest for another organisation", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.pubB + `","kind":"join","organisation":"` + fx.camden + `"}`,
			want: map[string]want{"ownOfficer": refused("organisation", "pipeline_forbidden_field", "your own organisation")}},
		{name: "an interest in a draft the caller cannot see", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.draftA + `","kind":"join"}`,
			want: map[string]want{"otherOfficer": refused("project", "pipeline_not_found")}},
		{name: "a pledge as someone else", method: "POST", url: colURL(ColPledges),
			body: `{"call":"` + fx.callA + `","funding":1000,"user":"` + fx.officerC + `"}`,
			want: map[string]want{"otherOfficer": refused("user", "pipeline_forbidden_field")}},
		{name: "a pledge to one's own organisation's call", method: "POST", url: colURL(ColPledges),
			body: `{"call":"` + fx.callA + `","funding":1000}`,
			want: map[string]want{"ownOfficer": refused("call", "pipeline_own_call")}},
		{name: "a pledge to a call on a draft", method: "POST", url: colURL(ColPledges),
			body: `{"call":"` + fx.callDraft + `","funding":1000}`,
			want: map[string]want{"otherOfficer": refused("call", "pipeline_not_found")}},
		{name: "an update on a project one is not a partner of", method: "POST", url: colURL(ColUpdates),
			body: `{"project":"` + fx.pubA + `","body":"Hello"}`,
			want: map[string]want{"camdenOfficer": refused("project", "pipeline_not_partner")}},
		{name: "a call on another organisation's project", method: "POST", url: colURL(ColCalls),
			body: `{"project":"` + fx.pubA + `","description":"D","goalPartners":2,"deadline":"2099-01-01 00:00:00.000Z"}`,
			want: map[string]want{"otherOfficer": refused("project", "pipeline_not_own")}},
		{name: "a project by a visitor", method: "POST", url: colURL(ColProjects),
			body: `{"title":"Anon","summary":"S","organisation":"` + fx.leeds + `"}`,
			want: map[string]want{"visitor": {status: 400, content: []string{"Sign in"}, not: []string{"Failed to create record"}}}},
	} {
		runAs(t, c)
	}
}

// A refusal never tells what the caller may not see: an interest in a
// draft of another organisation is answered exactly as one in a project
// that does not exist.
func TestCreateRefusalsKeepHiddenThingsHidden(t *testing.T) {
	h := newAPIHarness(t, nil)
	defer h.close()
	ask := func(collection, body string) (int, string) {
		status, resp := h.do(apiRequest{method: http.MethodPost, url: colURL(collection), token: fx.tokens["otherOfficer"], body: []byte(body)})
		return status, string(resp)
	}
	for _, c := range []struct{ collection, hidden, missing string }{
		{ColInterests, `{"project":"` + fx.draftA + `","kind":"join"}`, `{"project":"nosuchproject12","kind":"join"}`},
		{ColUpdates, `{"project":"` + fx.draftA + `","body":"x"}`, `{"project":"nosuchproject12","body":"x"}`},
		{ColCalls, `{"project":"` + fx.draftA + `","description":"D","goalPartners":2}`, `{"project":"nosuchproject12","description":"D","goalPartners":2}`},
		{ColPledges, `{"call":"` + fx.callDraft + `","funding":1}`, `{"call":"nosuchcall12345","funding":1}`},
	} {
		s1, hidden := ask(c.collection, c.hidden)
		s2, missing := ask(c.collection, c.missing)
		if s1 != s2 || hidden != missing {
			t.Errorf("%s: hidden and missing answered differently:\n%d %s\n%d %s", c.collection, s1, hidden, s2, missing)
		}
	}
}

// The custom routes refuse in the same shape, naming the field.
func TestRouteRefusalsNameTheField(t *testing.T) {
	for _, c := range []accessCase{
		{name: "nudge about no such project", method: "POST", url: "/api/pipeline/coordinator/nudge",
			body: `{"project":"nosuchproject12","message":"Hello"}`,
			want: map[string]want{"coordinator": {status: 400, content: []string{`"data":{"project":{"code":"pipeline_not_found"`}}}},
		{name: "nudge about no such interest", method: "POST", url: "/api/pipeline/coordinator/nudge",
			body: `{"interest":"nosuchinterest","message":"Hello"}`,
			want: map[string]want{"coordinator": {status: 400, content: []string{`"data":{"interest":{"code":"pipeline_not_found"`}}}},
		{name: "introduce one project", method: "POST", url: "/api/pipeline/coordinator/introduce",
			body: `{"projects":["` + fx.pubA + `"],"message":"Hello"}`,
			want: map[string]want{"coordinator": {status: 400, content: []string{`"data":{"projects":{"code":"pipeline_too_few"`}}}},
		{name: "introduce a draft", method: "POST", url: "/api/pipeline/coordinator/introduce",
			body: `{"projects":["` + fx.pubA + `","` + fx.draftA + `"],"message":"Hello"}`,
			want: map[string]want{"coordinator": {status: 400, content: []string{`"data":{"projects":{"code":"pipeline_not_found"`}}}},
	} {
		runAs(t, c)
	}
}

// Published work is retired or closed, not deleted, and the owners are
// told so; a project the caller cannot see is answered as a missing one.
func TestDeletingPublishedWorkSaysWhy(t *testing.T) {
	h := newAPIHarness(t, nil)
	defer h.close()
	del := func(who, id string) (int, string) {
		status, body := h.do(apiRequest{method: http.MethodDelete, url: recURL(ColProjects, id), token: fx.tokens[who]})
		return status, string(body)
	}
	status, body := del("ownOfficer", fx.pubA)
	if status != http.StatusBadRequest || !strings.Contains(body, "retire") || !strings.Contains(body, `"id":{"code":"pipeline_published"`) {
		t.Fatalf("owner deletes their published project: %d %s, want 400 saying it is retired or closed", status, body)
	}
	if _, err := h.app.FindRecordById(ColProjects, fx.pubA); err != nil {
		t.Fatal("the published project was deleted")
	}
	s1, hidden := del("otherOfficer", fx.draftA)
	s2, missing := del("otherOfficer", "nosuchproject12")
	if s1 != http.StatusNotFound || s1 != s2 || hidden != missing {
		t.Fatalf("another organisation's draft and a missing project answered differently:\n%d %s\n%d %s", s1, hidden, s2, missing)
	}
	if status, body := del("ownOfficer", fx.draftA); status != http.StatusNoContent {
		t.Fatalf("owner deletes their draft: %d %s, want 204", status, body)
	}
}
