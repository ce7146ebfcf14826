package pb_migrations

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"golang.org/x/text/unicode/norm"
)

// councilsCSV is mySociety's "UK Local Authority Names and Codes" (MIT
// licence; the notice ships beside it in data/uk_local_authorities.LICENSE).
//
//go:embed data/uk_local_authorities.csv
var councilsCSV []byte

// CouncilsLicence is the licence notice of the embedded councils data.
//
//go:embed data/uk_local_authorities.LICENSE
var CouncilsLicence string

// councilKinds maps the register's authority types to organisation kinds.
var councilKinds = map[string]string{
	"NMD":  "district",
	"NID":  "district",
	"UA":   "unitary",
	"SCO":  "unitary",
	"WPA":  "unitary",
	"MD":   "metropolitanDistrict",
	"LBO":  "londonBorough",
	"CTY":  "county",
	"COMB": "combinedAuthority",
	"SRA":  "strategicAuthority",
	"CC":   "cityCorporation",
}

var nations = map[string]string{
	"England":          "england",
	"Scotland":         "scotland",
	"Wales":            "wales",
	"Northern Ireland": "northernIreland",
}

// Council is one current UK council from the embedded register.
type Council struct {
	Name, ShortName, Slug, Kind, Nation, Region, GSSCode, Code string
}

func init() {
	m.Register(seedCouncils, func(app core.App) error {
		// Seeded organisations may already be referenced by projects and
		// people; removing them is not something a down migration should do.
		return nil
	})
}

// Councils parses the embedded register and returns the current councils.
func Councils() ([]Council, error) {
	r := csv.NewReader(bytes.NewReader(councilsCSV))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read councils header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, want := range []string{"official-name", "nice-name", "gss-code", "nation", "region", "local-authority-type", "current-authority", "local-authority-code"} {
		if _, ok := col[want]; !ok {
			return nil, fmt.Errorf("councils data lacks column %q", want)
		}
	}
	var out []Council
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read councils: %w", err)
		}
		if rec[col["current-authority"]] != "True" {
			continue
		}
		kind, ok := councilKinds[rec[col["local-authority-type"]]]
		if !ok {
			return nil, fmt.Errorf("council %s has unknown type %q", rec[col["gss-code"]], rec[col["local-authority-type"]])
		}
		nation, ok := nations[rec[col["nation"]]]
		if !ok {
			return nil, fmt.Errorf("council %s has unknown nation %q", rec[col["gss-code"]], rec[col["nation"]])
		}
		short := strings.TrimSpace(rec[col["nice-name"]])
		out = append(out, Council{
			Name:      strings.TrimSpace(rec[col["official-name"]]),
			ShortName: short,
			Slug:      slugify(short),
			Kind:      kind,
			Nation:    nation,
			Region:    strings.TrimSpace(rec[col["region"]]),
			GSSCode:   strings.TrimSpace(rec[col["gss-code"]]),
			Code:      strings.TrimSpace(rec[col["local-authority-code"]]),
		})
	}
	return out, nil
}

// seedCouncils inserts every current council that is not already present
// (matched by GSS code), so running it over existing data is harmless.
func seedCouncils(app core.App) error {
	councils, err := Councils()
	if err != nil {
		return err
	}
	orgs, err := app.FindCollectionByNameOrId("organisations")
	if err != nil {
		return fmt.Errorf("find organisations: %w", err)
	}
	for _, c := range councils {
		existing, err := app.FindFirstRecordByFilter(orgs, "gssCode = {:g}", dbx.Params{"g": c.GSSCode})
		if err == nil && existing != nil {
			continue
		}
		rec := core.NewRecord(orgs)
		rec.Set("name", c.Name)
		rec.Set("shortName", c.ShortName)
		rec.Set("slug", c.Slug)
		rec.Set("kind", c.Kind)
		rec.Set("nation", c.Nation)
		rec.Set("region", c.Region)
		rec.Set("gssCode", c.GSSCode)
		rec.Set("code", c.Code)
		rec.Set("emailDomains", []string{})
		if err := app.Save(rec); err != nil {
			return fmt.Errorf("seed council %s (%s): %w", c.Name, c.GSSCode, err)
		}
	}
	return nil
}

// slugify turns a name into lower-case ASCII words joined by hyphens.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// drop accents
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	return b.String()
}
