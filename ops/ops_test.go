package ops

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"pipeline/hooks"
	_ "pipeline/pb_migrations"
)

// freshApp is a new, empty instance built by the real migrations, with
// exactly the production hooks bound.
func freshApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	hooks.Register(app)
	return app
}

// newTestApp is an instance that is in use: someone has signed up.
func newTestApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app := freshApp(t)
	org, err := app.FindFirstRecordByData(hooks.ColOrganisations, "slug", "leeds")
	if err != nil {
		t.Fatal(err)
	}
	users, err := app.FindCollectionByNameOrId(hooks.ColUsers)
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(users)
	u.SetEmail("someone@leeds.gov.uk")
	u.SetPassword("a-long-password-1")
	u.Set("name", "Someone Real")
	u.Set("organisation", org.Id)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	return app
}
