package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestProjectsAccess(t *testing.T) {
	newProject := `{"title":"Tree maintenance requests","summary":"Report a tree that needs attention.","organisation":"` + fx.leeds + `"}`
	runMatrix(t, []accessCase{
		// Drafts are seen only inside the owning organisation.
		{name: "list projects", method: "GET", url: colURL(ColProjects),
			want: map[string]want{
				"visitor": list(3), "ownOfficer": list(4), "otherOfficer": list(3), "pending": list(3),
				"orgAdmin": list(4), "coordinator": list(3), "superuser": list(4),
			}},
		{name: "view a draft", method: "GET", url: recURL(ColProjects, fx.draftA),
			want: only(ok(`"title":"Secret draft plan"`), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "view a published project", method: "GET", url: recURL(ColProjects, fx.pubA),
			want: every(ok(`"title":"Missed bin reporting"`), ok(`"slug":"missed-bin-reporting"`))},
		{name: "create a project for Leeds", method: "POST", url: colURL(ColProjects), body: newProject,
			want: only(ok(`"slug":"tree-maintenance-requests"`, `"visibility":"draft"`, `"phase":"concept"`), status(400),
				"ownOfficer", "orgAdmin", "superuser"),
			after: func(t testing.TB, app *tests.TestApp, who string) {
				p, err := app.FindFirstRecordByData(ColProjects, "slug", "tree-maintenance-requests")
				if err != nil {
					t.Fatal(err)
				}
				wantOwner := map[string]string{"ownOfficer": fx.officerA, "orgAdmin": fx.adminA, "superuser": ""}[who]
				if p.GetString("owner") != wantOwner {
					t.Fatalf("owner = %q, want %q", p.GetString("owner"), wantOwner)
				}
				if p.GetDateTime("lastConfirmedAt").IsZero() || p.GetDateTime("lastActivityAt").IsZero() {
					t.Fatal("freshness dates not set")
				}
			}},
		{name: "update a project", method: "PATCH", url: recURL(ColProjects, fx.pubA), body: `{"summary":"Changed summary"}`,
			want: only(ok(`"summary":"Changed summary"`), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{name: "delete a draft", method: "DELETE", url: recURL(ColProjects, fx.draftA),
			want: only(status(204), status(404), "ownOfficer", "orgAdmin", "superuser")},
	})
}

func TestProjectsForgery(t *testing.T) {
	create := func(extra string) string {
		return `{"title":"Forged project","summary":"Summary.","organisation":"` + fx.leeds + `"` + extra + `}`
	}
	cases := []accessCase{
		{name: "officer creates a project for another organisation", method: "POST", url: colURL(ColProjects),
			body: `{"title":"Forged","summary":"S","organisation":"` + fx.bristol + `"}`,
			want: map[string]want{"ownOfficer": status(400), "otherOfficer": ok(`"organisation":"` + fx.bristol + `"`)}},
		{name: "officer creates a project owned by a colleague", method: "POST", url: colURL(ColProjects),
			body: create(`,"owner":"` + fx.officerA2 + `"`),
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"owner"`}}}},
		{name: "officer backdates freshness", method: "POST", url: colURL(ColProjects),
			body: create(`,"lastActivityAt":"2020-01-01 00:00:00.000Z","lastConfirmedAt":"2020-01-01 00:00:00.000Z"`),
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"lastActivityAt"`, `"lastConfirmedAt"`}}}},
		{name: "officer marks a project dormant", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"dormantSince":"2026-01-01 00:00:00.000Z"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"dormantSince"`}}}},
		{name: "officer moves a project to another organisation", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"organisation":"` + fx.bristol + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"organisation"`}}}},
		{name: "partner edits the project", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"summary":"Partner edit"}`, want: map[string]want{"otherOfficer": status(404)}},
		{name: "owner hands the project to a colleague", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"owner":"` + fx.officerA2 + `"}`,
			want: map[string]want{"ownOfficer": ok(`"owner":"` + fx.officerA2 + `"`), "orgAdmin": ok(`"owner":"` + fx.officerA2 + `"`)}},
		{name: "colleague takes the project", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"owner":"` + fx.officerA2 + `"}`,
			want: map[string]want{"ownOfficer2": {status: 400, content: []string{`"owner"`}}}},
		{name: "owner hands the project outside the organisation", method: "PATCH", url: recURL(ColProjects, fx.pubA),
			body: `{"owner":"` + fx.officerB + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`pipeline_owner_not_member`}}}},
		{name: "officer deletes a published project", method: "DELETE", url: recURL(ColProjects, fx.pubA),
			want: map[string]want{
				"ownOfficer": {status: 400, content: []string{`"code":"pipeline_published"`, "retire"}},
				"orgAdmin":   {status: 400, content: []string{`"code":"pipeline_published"`, "retire"}},
			}},
		{name: "bad input gets field errors", method: "POST", url: colURL(ColProjects),
			body: `{"title":"","summary":"","organisation":"` + fx.leeds + `","phase":"finished","links":[{"label":"x","url":"javascript:alert(1)"}]}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"links"`}}}},
		{name: "missing fields get field errors", method: "POST", url: colURL(ColProjects),
			body: `{"title":"","summary":"","organisation":"` + fx.leeds + `","phase":"finished"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"title":{"code":"validation_required"`, `"summary"`, `"phase"`}}}},
		{name: "tags and links are tidied", method: "POST", url: colURL(ColProjects),
			body: create(`,"tags":[" Waste ","waste","Bins"],"links":[{"label":"","url":"https://leeds.example/bins"}]`),
			want: map[string]want{"ownOfficer": ok(`"tags":["waste","bins"]`, `"label":"leeds.example"`)}},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}
