package hooks

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// publicMailDomains are address providers anyone can sign up with. They can
// never admit people to an organisation automatically.
var publicMailDomains = []string{
	"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk",
	"live.com", "live.co.uk", "msn.com", "yahoo.com", "yahoo.co.uk", "icloud.com",
	"me.com", "mac.com", "aol.com", "btinternet.com", "sky.com", "virginmedia.com",
	"talktalk.net", "protonmail.com", "proton.me", "gmx.com", "gmx.co.uk", "mail.com",
	"yandex.com", "zoho.com", "fastmail.com", "tutanota.com", "hey.com",
	// Shared public-sector suffixes: claiming one would admit a whole sector.
	"gov.uk", "gov.scot", "gov.wales", "llyw.cymru", "nhs.uk", "nhs.net", "police.uk",
	"sch.uk", "ac.uk", "org.uk", "co.uk", "uk",
}

var domainPattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)

// normaliseDomains cleans a list of email domains (lower case, no "@" or
// spaces, no duplicates) and reports the first one that is unusable.
func normaliseDomains(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, d := range in {
		d = strings.ToLower(strings.TrimSpace(d))
		d = strings.TrimPrefix(d, "@")
		if d == "" || slices.Contains(out, d) {
			continue
		}
		if !domainPattern.MatchString(d) {
			return nil, fmt.Errorf("%q is not an email domain, like council.gov.uk", d)
		}
		if slices.Contains(publicMailDomains, d) {
			return nil, fmt.Errorf("%q is shared by many people or organisations, so it cannot admit people to one organisation", d)
		}
		out = append(out, d)
	}
	if len(out) > 20 {
		return nil, fmt.Errorf("an organisation can have at most 20 email domains")
	}
	return out, nil
}

// recordDomains reads an organisation's emailDomains as a list.
func recordDomains(org *core.Record) []string {
	var out []string
	raw := org.GetString("emailDomains")
	if raw == "" || raw == "null" {
		return nil
	}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil
	}
	return out
}

// EmailDomain returns the lower-case domain of an email address.
func EmailDomain(email string) string {
	at := strings.LastIndex(email, "@")
	if at < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(email[at+1:]))
}

// organisationForEmail finds the organisation whose email domains admit the
// given address: an exact domain match, or the longest listed parent domain
// (digital.council.gov.uk is admitted by council.gov.uk). It returns nil
// when none does.
func organisationForEmail(app core.App, email string) (*core.Record, error) {
	domain := EmailDomain(email)
	if domain == "" {
		return nil, nil
	}
	orgs, err := app.FindRecordsByFilter(ColOrganisations, "emailDomains != '' && emailDomains != '[]' && emailDomains != 'null'", "", 0, 0)
	if err != nil {
		return nil, fmt.Errorf("find organisations with email domains: %w", err)
	}
	var best *core.Record
	bestLen := 0
	for _, org := range orgs {
		for _, d := range recordDomains(org) {
			if (domain == d || strings.HasSuffix(domain, "."+d)) && len(d) > bestLen {
				best, bestLen = org, len(d)
			}
		}
	}
	return best, nil
}
