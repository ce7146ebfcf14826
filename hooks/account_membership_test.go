package hooks

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

func newUser(t *testing.T, app core.App, email string, verified bool, org string) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(ColUsers)
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(col)
	u.SetEmail(email)
	u.SetPassword(fixturePassword)
	u.SetVerified(verified)
	u.Set("name", "Test Person")
	u.Set("organisation", org)
	if err := app.Save(u); err != nil {
		t.Fatalf("save %s: %v", email, err)
	}
	return u
}

func TestMembershipByEmailDomain(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()

	cases := []struct {
		email      string
		verified   bool
		chosen     string
		wantOrg    string
		membership string
	}{
		{"a@leeds.test", true, "", fx.leeds, MembershipApproved},
		{"b@LEEDS.test", true, "", fx.leeds, MembershipApproved},
		{"c@digital.leeds.test", true, "", fx.leeds, MembershipApproved}, // subdomain of a listed domain
		{"d@leeds.test", false, "", fx.leeds, MembershipPending},         // waits for verification
		{"e@leeds.test", true, fx.bristol, fx.leeds, MembershipApproved}, // the domain decides
		{"f@example.org", true, fx.bristol, fx.bristol, MembershipPending},
		{"g@example.org", true, "", "", MembershipPending},
		{"h@notleeds.test", true, "", "", MembershipPending}, // not a subdomain
	}
	for _, c := range cases {
		u := newUser(t, app, c.email, c.verified, c.chosen)
		if u.GetString("organisation") != c.wantOrg || u.GetString("membership") != c.membership {
			t.Errorf("%s: organisation %q membership %q, want %q %q", c.email,
				u.GetString("organisation"), u.GetString("membership"), c.wantOrg, c.membership)
		}
		if u.GetString("role") != RoleOfficer || u.GetString("emailFrequency") != FrequencyDaily {
			t.Errorf("%s: role %q frequency %q", c.email, u.GetString("role"), u.GetString("emailFrequency"))
		}
	}
}

func TestVerificationAdmitsByDomain(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()

	u, err := app.FindRecordById(ColUsers, fx.unverified)
	if err != nil {
		t.Fatal(err)
	}
	if u.GetString("membership") != MembershipPending || u.GetString("organisation") != fx.leeds {
		t.Fatalf("before verification: %q in %q", u.GetString("membership"), u.GetString("organisation"))
	}
	u.SetVerified(true)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	if u.GetString("membership") != MembershipApproved {
		t.Fatalf("after verification membership = %q, want approved", u.GetString("membership"))
	}

	// Someone waiting for an organisation their domain does not belong to
	// still waits after verifying.
	other := newUser(t, app, "x@example.org", false, fx.bristol)
	other.SetVerified(true)
	if err := app.Save(other); err != nil {
		t.Fatal(err)
	}
	if other.GetString("membership") != MembershipPending {
		t.Fatalf("membership = %q, want pending", other.GetString("membership"))
	}
}

func TestVerificationThroughTheAPI(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	u, err := app.FindRecordById(ColUsers, fx.unverified)
	if err != nil {
		t.Fatal(err)
	}
	token, err := u.NewVerificationToken()
	if err != nil {
		t.Fatal(err)
	}
	(&tests.ApiScenario{
		Name: "confirm verification", Method: "POST",
		URL:                   "/api/collections/users/confirm-verification",
		Body:                  strings.NewReader(`{"token":"` + token + `"}`),
		Headers:               map[string]string{"Content-Type": "application/json"},
		TestAppFactory:        func(testing.TB) *tests.TestApp { return app },
		DisableTestAppCleanup: true,
		ExpectedStatus:        204,
	}).Test(t)
}

func TestOrganisationForEmailPrefersTheLongestDomain(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	fife, err := app.FindRecordById(ColOrganisations, fx.fife)
	if err != nil {
		t.Fatal(err)
	}
	fife.Set("emailDomains", []string{"schools.leeds.test"})
	if err := app.Save(fife); err != nil {
		t.Fatal(err)
	}
	for email, want := range map[string]string{
		"a@schools.leeds.test":   fx.fife,
		"a@x.schools.leeds.test": fx.fife,
		"a@leeds.test":           fx.leeds,
		"a@libraries.leeds.test": fx.leeds,
		"not-an-email":           "",
		"a@bristol.test":         fx.bristol,
	} {
		org, err := organisationForEmail(app, email)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if org != nil {
			got = org.Id
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", email, got, want)
		}
	}
}

func TestApprovedNeedsVerifiedAndOrganisation(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	u, err := app.FindRecordById(ColUsers, fx.unverified)
	if err != nil {
		t.Fatal(err)
	}
	u.Set("membership", MembershipApproved)
	if err := app.Save(u); err == nil {
		t.Fatal("an unverified user was approved")
	}
	admin, err := app.FindRecordById(ColUsers, fx.adminA)
	if err != nil {
		t.Fatal(err)
	}
	admin.Set("organisation", "")
	if err := app.Save(admin); err == nil {
		t.Fatal("an organisation admin was left without an organisation")
	}
}
