package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

func TestUpdatesAccess(t *testing.T) {
	runMatrix(t, []accessCase{
		{name: "list updates", method: "GET", url: colURL(ColUpdates),
			want: map[string]want{
				"visitor": list(1), "ownOfficer": list(2), "otherOfficer": list(1), "pending": list(1),
				"orgAdmin": list(2), "coordinator": list(1), "superuser": list(2),
			}},
		{name: "view an update on a draft", method: "GET", url: recURL(ColUpdates, fx.updDraft),
			want: only(ok(`"body":"Draft progress."`), status(404), "ownOfficer", "orgAdmin", "superuser")},
		// Bristol is a partner on pubA, so its officers may report progress.
		{name: "post an update", method: "POST", url: colURL(ColUpdates),
			body: `{"project":"` + fx.pubA + `","body":"Usability testing done."}`,
			want: only(ok(`"phaseFrom":"discovery"`), status(400), "ownOfficer", "otherOfficer", "orgAdmin", "superuser"),
			after: func(t testing.TB, app *tests.TestApp, who string) {
				u, err := app.FindFirstRecordByData(ColUpdates, "body", "Usability testing done.")
				if err != nil {
					t.Fatal(err)
				}
				wantAuthor := map[string]string{"ownOfficer": fx.officerA, "otherOfficer": fx.officerB, "orgAdmin": fx.adminA}[who]
				if u.GetString("author") != wantAuthor {
					t.Fatalf("author = %q, want %q", u.GetString("author"), wantAuthor)
				}
			}},
		{name: "edit an update", method: "PATCH", url: recURL(ColUpdates, fx.updA), body: `{"body":"Corrected."}`,
			want: only(ok(`"body":"Corrected."`), status(404), "ownOfficer", "superuser")},
		{name: "delete an update", method: "DELETE", url: recURL(ColUpdates, fx.updA),
			want: only(status(204), status(404), "ownOfficer", "superuser")},
	})
}

func TestUpdatesForgery(t *testing.T) {
	cases := []accessCase{
		{name: "officer posts as a colleague", method: "POST", url: colURL(ColUpdates),
			body: `{"project":"` + fx.pubA + `","body":"x","author":"` + fx.officerA2 + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"author"`}}}},
		{name: "officer posts on a project that is not theirs", method: "POST", url: colURL(ColUpdates),
			body: `{"project":"` + fx.pubB + `","body":"x"}`,
			want: map[string]want{"ownOfficer": status(400)}},
		{name: "partner moves the phase", method: "POST", url: colURL(ColUpdates),
			body: `{"project":"` + fx.pubA + `","body":"x","phaseTo":"live"}`,
			want: map[string]want{"otherOfficer": {status: 400, content: []string{`"phaseTo"`}}}},
		{name: "officer forges where the phase started", method: "POST", url: colURL(ColUpdates),
			body: `{"project":"` + fx.pubA + `","body":"x","phaseFrom":"live"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"phaseFrom"`}}}},
		{name: "officer moves an update to another project", method: "PATCH", url: recURL(ColUpdates, fx.updA),
			body: `{"project":"` + fx.pubA2 + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"project"`}}}},
		{name: "owner moves the phase", method: "POST", url: colURL(ColUpdates),
			body: `{"project":"` + fx.pubA + `","body":"Into alpha.","phaseTo":"alpha"}`,
			want: map[string]want{"ownOfficer": ok(`"phaseFrom":"discovery"`, `"phaseTo":"alpha"`)},
			after: func(t testing.TB, app *tests.TestApp, _ string) {
				p, err := app.FindRecordById(ColProjects, fx.pubA)
				if err != nil {
					t.Fatal(err)
				}
				if p.GetString("phase") != "alpha" || p.GetDateTime("phaseStart").IsZero() {
					t.Fatalf("project phase = %q, phaseStart %v", p.GetString("phase"), p.GetDateTime("phaseStart"))
				}
			}},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}

// An update without an author (read from a team's feed, or posted by a
// superuser) was anyone's to edit or delete: the rule `author =
// @request.auth.id` matched a visitor's empty id. A feed's update is
// deleted only by the project's own organisation, and edited by nobody.
func TestUpdatesWithoutAnAuthor(t *testing.T) {
	authorless := func(source string) func(t testing.TB) *tests.TestApp {
		return func(t testing.TB) *tests.TestApp {
			app := newTestApp(t)
			col, err := app.FindCollectionByNameOrId(ColUpdates)
			if err != nil {
				t.Fatal(err)
			}
			u := core.NewRecord(col)
			u.Id = "authorlessupd01"
			u.Set("project", fx.pubA)
			u.Set("body", "Weeknote 47: testing the form")
			u.Set("source", source)
			if source != "" {
				u.Set("sourceUrl", "https://digital.leeds.example/2026/weeknote-47/")
			}
			if err := app.Save(u); err != nil {
				t.Fatal(err)
			}
			return app
		}
	}
	url := recURL(ColUpdates, "authorlessupd01")
	for _, c := range []struct {
		name, method, source, body string
		want                       map[string]want
	}{
		{"edit a written update without an author", "PATCH", "", `{"body":"Defaced."}`,
			only(ok(`"body":"Defaced."`), status(404), "superuser")},
		{"delete a written update without an author", "DELETE", "", "",
			only(status(204), status(404), "superuser")},
		{"edit an update read from a feed", "PATCH", SourceFeed, `{"body":"Defaced."}`,
			only(ok(`"body":"Defaced."`), status(404), "superuser")},
		{"delete an update read from a feed", "DELETE", SourceFeed, "",
			only(status(204), status(404), "ownOfficer", "orgAdmin", "superuser")},
		{"list updates read from a feed", "GET", SourceFeed, "",
			every(ok(`"source":"feed"`, `"sourceUrl":"https://digital.leeds.example/2026/weeknote-47/"`), ok(`"source":"feed"`))},
	} {
		u := url
		if c.method == "GET" {
			u = colURL(ColUpdates) + "?filter=" + "source%3D%22feed%22"
		}
		for who, w := range c.want {
			s := scenario(accessCase{name: c.name, method: c.method, url: u, body: c.body}, who, w)
			s.TestAppFactory = authorless(c.source)
			s.Test(t)
		}
	}
}
