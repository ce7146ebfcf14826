package hooks

import (
	"testing"

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
