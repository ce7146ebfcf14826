package hooks

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// A project's public contact is someone's choice, never silently its
// owner's account address: publishing needs a contact email.
func TestPublishingNeedsAChosenContact(t *testing.T) {
	const base = `"title":"Tree maintenance requests","summary":"Report a tree.","organisation":"`
	noContact := func(t testing.TB, app *tests.TestApp, _ string) {
		p, err := app.FindFirstRecordByData(ColProjects, "slug", "tree-maintenance-requests")
		if err != nil {
			t.Fatal(err)
		}
		if got := p.GetString("contactEmail"); got != "" {
			t.Fatalf("contactEmail = %q: the owner's address was made the contact without being chosen", got)
		}
	}
	for _, c := range []accessCase{
		{name: "publish without a contact", method: "POST", url: colURL(ColProjects),
			body: `{` + base + fx.leeds + `","visibility":"published"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"contactEmail":{"code":"pipeline_contact_required"`}}}},
		{name: "publish with a chosen contact", method: "POST", url: colURL(ColProjects),
			body: `{` + base + fx.leeds + `","visibility":"published","contactName":"Trees team","contactEmail":"trees@leeds.test"}`,
			want: map[string]want{"ownOfficer": ok(`"contactEmail":"trees@leeds.test"`)}},
		{name: "a draft without a contact", method: "POST", url: colURL(ColProjects),
			body: `{` + base + fx.leeds + `"}`, after: noContact,
			want: map[string]want{"ownOfficer": ok(`"contactEmail":""`)}},
		{name: "publish a draft that has no contact", method: "PATCH", url: recURL(ColProjects, fx.draftA),
			body: `{"visibility":"published"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"contactEmail":{"code":"pipeline_contact_required"`}}}},
		{name: "publish a draft with its contact", method: "PATCH", url: recURL(ColProjects, fx.draftA),
			body: `{"visibility":"published","contactEmail":"officer@leeds.test"}`,
			want: map[string]want{"ownOfficer": ok(`"visibility":"published"`)}},
	} {
		runAs(t, c)
	}
}

func TestImportNeedsAContactToPublish(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	csv := "reference,title,summary,contactEmail,visibility\r\n" +
		"C-1,Published without contact,S.,,published\r\n" +
		"C-2,A draft without contact,S.,,draft\r\n"
	res, err := ImportProjects(app, mustRecord(t, app, ColOrganisations, fx.leeds), fx.adminA, strings.NewReader(csv), true, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows[0].Errors["contactEmail"] == "" || res.Rows[1].Outcome != "create" {
		t.Fatalf("rows: %+v", res.Rows)
	}
	res, err = ImportProjects(app, mustRecord(t, app, ColOrganisations, fx.leeds), fx.adminA,
		strings.NewReader(strings.Replace(csv, "C-1,Published without contact,S.,,published\r\n", "", 1)), false, testNow)
	if err != nil {
		t.Fatal(err)
	}
	p, err := app.FindFirstRecordByData(ColProjects, "externalRef", "C-2")
	if err != nil || p.GetString("contactEmail") != "" {
		t.Fatalf("imported draft's contact %q (the importer's address must not become it): %v", p.GetString("contactEmail"), err)
	}
}
