package hooks

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The export is validated against the 360Giving Data Standard's own JSON
// schemas (hooks/testdata/360giving, see its README), then checked for
// what the schemas leave to conventions: identifiers with the 360G and
// org-id prefixes, GBP, dates.

// grantSchemaRef is the address the package schema refers to the grant
// schema by (its 1.4.2 release); it is resolved to the stored 1.4.3 one.
const grantSchemaRef = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"

var packageSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	load := func(name string) (any, error) {
		f, err := os.Open(filepath.Join("testdata", "360giving", name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return jsonschema.UnmarshalJSON(f)
	}
	pkg, err := load("360-giving-package-schema.json")
	if err != nil {
		return nil, err
	}
	grant, err := load("360-giving-schema.json")
	if err != nil {
		return nil, err
	}
	grantID, _ := grant.(map[string]any)["$id"].(string)
	items := pkg.(map[string]any)["properties"].(map[string]any)["grants"].(map[string]any)["items"].(map[string]any)
	if items["$ref"] != grantSchemaRef {
		return nil, fmt.Errorf("the package schema refers to %v, not %s", items["$ref"], grantSchemaRef)
	}
	items["$ref"] = grantID
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(grantID, grant); err != nil {
		return nil, err
	}
	pkgID, _ := pkg.(map[string]any)["$id"].(string)
	if err := c.AddResource(pkgID, pkg); err != nil {
		return nil, err
	}
	return c.Compile(pkgID)
})

// validate360Giving validates a package against the standard's schemas.
func validate360Giving(t *testing.T, body string) {
	t.Helper()
	schema, err := packageSchema()
	if err != nil {
		t.Fatalf("the 360Giving schemas: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("not valid 360Giving data:\n%v\n%s", err, body)
	}
}

var (
	grantIdPattern = regexp.MustCompile(`^360G-[A-Za-z0-9_-]+-[A-Za-z0-9]+$`)
	orgIdPattern   = regexp.MustCompile(`^([A-Z]{2}-[A-Z]{2,6}-[A-Za-z0-9]+|360G-[A-Za-z0-9_-]+-org-[a-z0-9-]+)$`)
	currencyCode   = regexp.MustCompile(`^[A-Z]{3}$`)
)

// check360Giving checks a 360Giving package of want grants.
func check360Giving(t *testing.T, body string, want int) {
	t.Helper()
	validate360Giving(t, body)
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

// TestThe360GivingSchemaRefusesBadGrants keeps the validation honest: a
// grant missing what the standard requires, or with a malformed date, is
// refused by the stored schemas.
func TestThe360GivingSchemaRefusesBadGrants(t *testing.T) {
	schema, err := packageSchema()
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"no grants":       `{"grants":[]}`,
		"a bare grant":    `{"grants":[{"id":"360G-x-1"}]}`,
		"a bad awardDate": `{"grants":[{"id":"360G-x-1","title":"t","description":"d","currency":"GBP","amountAwarded":1,"awardDate":"31/03/2027","recipientOrganization":[{"id":"GB-LAE-LDS","name":"Leeds"}],"fundingOrganization":[{"id":"GB-LAE-LDS","name":"Leeds"}]}]}`,
	} {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(doc) == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}
