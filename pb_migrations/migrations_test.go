package pb_migrations

import (
	"os"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

func newMigratedApp(t *testing.T) *tests.TestApp {
	t.Helper()
	dir := t.TempDir()
	app, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

func TestEveryCurrentCouncilIsSeeded(t *testing.T) {
	app := newMigratedApp(t)

	total, err := app.CountRecords("organisations")
	if err != nil {
		t.Fatal(err)
	}
	if total != 397 {
		t.Fatalf("organisations = %d, want 397", total)
	}
	for nation, want := range map[string]int64{"england": 332, "scotland": 32, "wales": 22, "northernIreland": 11} {
		n, err := app.CountRecords("organisations", dbx.HashExp{"nation": nation})
		if err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%s: %d councils, want %d", nation, n, want)
		}
	}
	leeds, err := app.FindFirstRecordByData("organisations", "gssCode", "E08000035")
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{
		"name": "Leeds City Council", "shortName": "Leeds", "slug": "leeds", "kind": "metropolitanDistrict",
		"nation": "england", "region": "Yorkshire and The Humber", "code": "LDS",
	} {
		if got := leeds.GetString(field); got != want {
			t.Errorf("Leeds %s = %q, want %q", field, got, want)
		}
	}
	var missing int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM organisations WHERE gssCode = '' OR slug = '' OR kind = '' OR region = ''").Row(&missing); err != nil {
		t.Fatal(err)
	}
	if missing != 0 {
		t.Fatalf("%d councils lack a code, slug, kind or region", missing)
	}
}

func TestSeedingCouncilsTwiceAddsNothing(t *testing.T) {
	app := newMigratedApp(t)
	if err := seedCouncils(app); err != nil {
		t.Fatal(err)
	}
	total, err := app.CountRecords("organisations")
	if err != nil {
		t.Fatal(err)
	}
	if total != 397 {
		t.Fatalf("organisations after a second seeding = %d, want 397", total)
	}
}

func TestProductionDefaults(t *testing.T) {
	app := newMigratedApp(t)
	s := app.Settings()
	if s.Meta.AppName != "Pipeline" || s.Meta.SenderName != "Pipeline" || s.Meta.SenderAddress != DefaultSenderAddress {
		t.Errorf("meta = %q %q %q", s.Meta.AppName, s.Meta.SenderName, s.Meta.SenderAddress)
	}
	if !s.RateLimits.Enabled || len(s.RateLimits.Rules) == 0 {
		t.Error("rate limits are off")
	}
	if s.Backups.Cron != "0 3 * * *" || s.Backups.CronMaxKeep != 7 {
		t.Errorf("backups = %q keep %d", s.Backups.Cron, s.Backups.CronMaxKeep)
	}
}

func TestEveryCollectionHasTimestampsAndRules(t *testing.T) {
	app := newMigratedApp(t)
	for _, name := range []string{"organisations", "users", "projects", "updates", "interests", "calls", "pledges", "notifications"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"created", "updated"} {
			if c.Fields.GetByName(f) == nil {
				t.Errorf("%s has no %s field", name, f)
			}
		}
		if c.ListRule == nil || c.ViewRule == nil {
			t.Errorf("%s cannot be listed or viewed by anyone but superusers", name)
		}
	}
}

func TestLicenceShipsWithTheData(t *testing.T) {
	if !strings.Contains(CouncilsLicence, "mySociety") || !strings.Contains(CouncilsLicence, "MIT License") {
		t.Fatal("the councils data licence notice is missing")
	}
	if _, err := os.Stat("data/uk_local_authorities.LICENSE"); err != nil {
		t.Fatal(err)
	}
}

func TestMigrationsRollBack(t *testing.T) {
	app := newMigratedApp(t)
	var ours []*core.Migration
	for _, m := range core.AppMigrations.Items() {
		if strings.HasPrefix(m.File, "1763") {
			ours = append(ours, m)
		}
	}
	if len(ours) < 8 {
		t.Fatalf("found %d of Pipeline's migrations", len(ours))
	}
	for i := len(ours) - 1; i >= 0; i-- {
		if ours[i].Down == nil {
			continue
		}
		if err := ours[i].Down(app); err != nil {
			t.Fatalf("down %s: %v", ours[i].File, err)
		}
	}
	if _, err := app.FindCollectionByNameOrId("projects"); err == nil {
		t.Fatal("projects survived the down migrations")
	}
	for _, m := range ours {
		if m.File == "1763900100_seed_councils.go" || m.File == "1763900200_settings.go" {
			continue // their data is left in place by design
		}
		if err := m.Up(app); err != nil {
			t.Fatalf("up %s again after rolling back: %v", m.File, err)
		}
	}
}

func TestAccountEmailsLinkToPipelinePages(t *testing.T) {
	app := newMigratedApp(t)
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"/verify-email?token={TOKEN}":   users.VerificationTemplate.Body,
		"/reset-password?token={TOKEN}": users.ResetPasswordTemplate.Body,
		"/confirm-email?token={TOKEN}":  users.ConfirmEmailChangeTemplate.Body,
	} {
		if !strings.Contains(body, "{APP_URL}"+name) || strings.Contains(body, "/_/#/auth/") {
			t.Errorf("email template does not link to %s:\n%s", name, body)
		}
	}
}
