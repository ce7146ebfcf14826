package hooks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// checkOrganisationDomains normalises emailDomains and makes sure no other
// organisation already claims one of them.
func checkOrganisationDomains(app core.App, org *core.Record) error {
	domains, err := normaliseDomains(recordDomains(org))
	if err != nil {
		return fieldError("emailDomains", "pipeline_invalid_domain", upperFirst(err.Error())+".")
	}
	org.Set("emailDomains", domains)
	for _, d := range domains {
		others, err := app.FindRecordsByFilter(ColOrganisations,
			"id != {:id} && emailDomains ~ {:quoted}", "", 0, 0,
			dbx.Params{"id": org.Id, "quoted": `"` + d + `"`})
		if err != nil {
			return fmt.Errorf("check domain %s: %w", d, err)
		}
		for _, other := range others {
			if slices.Contains(recordDomains(other), d) {
				return fieldError("emailDomains", "pipeline_domain_taken",
					fmt.Sprintf("%s already belongs to %s.", d, other.GetString("name")))
			}
		}
	}
	return nil
}

// guardOrganisationUpdate lets organisation admins keep their profile and
// email domains, and leaves identity (name, codes, kind) to coordinators.
func guardOrganisationUpdate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if c.superuser || c.coordinator() {
		return e.Next()
	}
	if err := guardFields(e.Record, "shortName", "website", "description", "emailDomains"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	// An admin may only add the domain of their own address: listing
	// anyone else's would let it capture that domain's people. Badly
	// written domains are reported as such first.
	domains, err := normaliseDomains(recordDomains(e.Record))
	if err != nil {
		return badRequest(e.RequestEvent, fieldError("emailDomains", "pipeline_invalid_domain", upperFirst(err.Error())+"."))
	}
	own := EmailDomain(c.user.Email())
	before := recordDomains(e.Record.Original())
	for _, d := range domains {
		if !slices.Contains(before, d) && d != own {
			return badRequest(e.RequestEvent, fieldError("emailDomains", "pipeline_domain_not_yours",
				fmt.Sprintf("You can only add %s, the domain of your own email address. Ask a coordinator to add %s.", own, d)))
		}
	}
	return e.Next()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// organisationCreateDefaults gives a new organisation a slug from its name
// and checks its email domains.
func organisationCreateDefaults(e *core.RecordEvent) error {
	if e.Record.GetString("slug") == "" {
		e.Record.Set("slug", Slugify(e.Record.GetString("name")))
	}
	if err := checkOrganisationDomains(e.App, e.Record); err != nil {
		return err
	}
	return e.Next()
}

// organisationUpdateDomains checks an organisation's email domains on every
// save.
func organisationUpdateDomains(e *core.RecordEvent) error {
	if err := checkOrganisationDomains(e.App, e.Record); err != nil {
		return err
	}
	return e.Next()
}
