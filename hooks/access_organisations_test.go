package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestOrganisationsAccess(t *testing.T) {
	runMatrix(t, []accessCase{
		{name: "list organisations", method: "GET", url: colURL(ColOrganisations) + "?perPage=1",
			want: every(list(397), list(397))},
		{name: "view organisation", method: "GET", url: recURL(ColOrganisations, fx.leeds),
			want: every(ok(`"name":"Leeds City Council"`, `"gssCode":"E08000035"`), ok(`"slug":"leeds"`))},
		{name: "create organisation", method: "POST", url: colURL(ColOrganisations),
			body: `{"name":"Test Digital Network","kind":"network"}`,
			want: only(ok(`"slug":"test-digital-network"`), status(400), "coordinator", "superuser")},
		{name: "update organisation profile", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"description":"Leeds digital team"}`,
			want: only(ok(`"description":"Leeds digital team"`), status(404), "orgAdmin", "coordinator", "superuser")},
		{name: "delete organisation", method: "DELETE", url: recURL(ColOrganisations, fx.fife),
			want: every(status(403), status(204))},
	})
}

func TestOrganisationsForgery(t *testing.T) {
	cases := []accessCase{
		{name: "admin renames their organisation", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"name":"Hacked"}`, want: map[string]want{"orgAdmin": {status: 400, content: []string{`"name":{"code":"pipeline_forbidden_field"`}}}},
		{name: "admin changes GSS code and slug", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"gssCode":"E99999999","slug":"x"}`, want: map[string]want{"orgAdmin": {status: 400, content: []string{`"gssCode"`, `"slug"`}}}},
		{name: "admin claims another organisation's domain", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"emailDomains":["leeds.test","bristol.test"]}`, want: map[string]want{"orgAdmin": {status: 400, content: []string{`pipeline_domain_not_yours`}}}},
		{name: "admin claims a webmail domain", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"emailDomains":["leeds.test","gmail.com"]}`, want: map[string]want{"orgAdmin": {status: 400, content: []string{`"emailDomains"`}}}},
		{name: "admin adds a badly written domain", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"emailDomains":["leeds.test","not a domain"]}`, want: map[string]want{"orgAdmin": {status: 400, content: []string{`pipeline_invalid_domain`}}}},
		{name: "admin keeps own domain with new spelling", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"emailDomains":[" @LEEDS.test "]}`, want: map[string]want{"orgAdmin": ok(`"emailDomains":["leeds.test"]`)}},
		{name: "admin edits another organisation", method: "PATCH", url: recURL(ColOrganisations, fx.bristol),
			body: `{"description":"x"}`, want: map[string]want{"orgAdmin": status(404)}},
		{name: "coordinator gives a domain already taken", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"emailDomains":["bristol.test"]}`, want: map[string]want{"coordinator": {status: 400, content: []string{`pipeline_domain_taken`}}}},
		{name: "coordinator adds a second domain", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"emailDomains":["leeds.test","leedscc.test"]}`, want: map[string]want{"coordinator": ok(`"leedscc.test"`)}},
		{name: "coordinator adds a malformed domain", method: "PATCH", url: recURL(ColOrganisations, fx.leeds),
			body: `{"emailDomains":["not a domain"]}`, want: map[string]want{"coordinator": {status: 400, content: []string{`pipeline_invalid_domain`}}}},
		{name: "coordinator creates an organisation with a taken slug", method: "POST", url: colURL(ColOrganisations),
			body: `{"name":"Leeds","slug":"leeds","kind":"network"}`, want: map[string]want{"coordinator": {status: 400, content: []string{`"slug":{"code":"validation_not_unique"`}}}},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}

// An organisation that still has projects or approved members cannot be
// deleted: they would be left belonging nowhere.
func TestOrganisationInUseCannotBeDeleted(t *testing.T) {
	for name, id := range map[string]string{"with projects": fx.leeds, "with members": fx.camden} {
		(&tests.ApiScenario{
			Name: "superuser deletes an organisation " + name, Method: "DELETE",
			URL:            recURL(ColOrganisations, id),
			Headers:        map[string]string{"Authorization": fx.tokens["superuser"]},
			TestAppFactory: newTestApp, ExpectedStatus: 400, ExpectedContent: []string{`"status":400`},
		}).Test(t)
	}
}
