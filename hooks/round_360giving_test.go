package hooks

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The standard's schemas could not be downloaded here (no network), so the
// export is checked against what the 360Giving Data Standard requires of
// every grant (schema 1.x: id, title, description, currency,
// amountAwarded, awardDate, recipientOrganization or recipientIndividual,
// fundingOrganization, each organisation with id and name) and against
// the conventions of its identifiers. See hooks/testdata/README.md.

var (
	grantIdPattern = regexp.MustCompile(`^360G-[A-Za-z0-9_-]+-[A-Za-z0-9]+$`)
	orgIdPattern   = regexp.MustCompile(`^([A-Z]{2}-[A-Z]{2,6}-[A-Za-z0-9]+|360G-[A-Za-z0-9_-]+-org-[a-z0-9-]+)$`)
	currencyCode   = regexp.MustCompile(`^[A-Z]{3}$`)
)

// check360Giving checks a 360Giving package of want grants.
func check360Giving(t *testing.T, body string, want int) {
	t.Helper()
	var pkg map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &pkg); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
	var grants []map[string]any
	if err := json.Unmarshal(pkg["grants"], &grants); err != nil {
		t.Fatalf("no grants array: %v\n%s", err, body)
	}
	if len(grants) != want {
		t.Fatalf("%d grants, want %d", len(grants), want)
	}
	for _, g := range grants {
		for _, field := range []string{"id", "title", "description", "currency", "awardDate"} {
			if s, _ := g[field].(string); strings.TrimSpace(s) == "" {
				t.Errorf("grant %v: %s missing or not a string", g["id"], field)
			}
		}
		if !grantIdPattern.MatchString(g["id"].(string)) {
			t.Errorf("grant id %q has no 360G prefix", g["id"])
		}
		if !currencyCode.MatchString(g["currency"].(string)) || g["currency"] != "GBP" {
			t.Errorf("grant %v: currency %v", g["id"], g["currency"])
		}
		if n, ok := g["amountAwarded"].(float64); !ok || n <= 0 {
			t.Errorf("grant %v: amountAwarded %v", g["id"], g["amountAwarded"])
		}
		if _, err := time.Parse("2006-01-02", g["awardDate"].(string)); err != nil {
			t.Errorf("grant %v: awardDate %v is not a date", g["id"], g["awardDate"])
		}
		if _, err := time.Parse(time.RFC3339, g["dateModified"].(string)); err != nil {
			t.Errorf("grant %v: dateModified %v is not a date-time", g["id"], g["dateModified"])
		}
		for _, field := range []string{"recipientOrganization", "fundingOrganization"} {
			orgs, _ := g[field].([]any)
			if len(orgs) == 0 {
				t.Errorf("grant %v: no %s", g["id"], field)
			}
			for _, o := range orgs {
				org, _ := o.(map[string]any)
				id, _ := org["id"].(string)
				name, _ := org["name"].(string)
				if !orgIdPattern.MatchString(id) || name == "" {
					t.Errorf("grant %v: %s %v is not an org-id with a name", g["id"], field, org)
				}
			}
		}
		locations, _ := g["beneficiaryLocation"].([]any)
		for _, l := range locations {
			loc, _ := l.(map[string]any)
			if loc["name"] == "" || loc["countryCode"] != "GB" || !regexp.MustCompile(`^[ENSW][0-9]{8}$`).MatchString(loc["geoCode"].(string)) {
				t.Errorf("grant %v: beneficiary location %v", g["id"], loc)
			}
		}
	}
}

func TestOrgIds(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	for id, want := range map[string]string{fx.leeds: "GB-LAE-LDS", fx.cardiff: "GB-LAW-CRF", fx.fife: "GB-LAS-FIF"} {
		org, err := app.FindRecordById(ColOrganisations, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := orgId(org, "360G-x"); got != want {
			t.Errorf("org-id of %s = %s, want %s", org.GetString("name"), got, want)
		}
		org.Set("code", "")
		if got := orgId(org, "360G-x"); got != "360G-x-org-"+org.GetString("slug") {
			t.Errorf("org-id of %s without a code = %s", org.GetString("name"), got)
		}
	}
}
