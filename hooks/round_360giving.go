package hooks

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The awards of a decided round as open grants data in the 360Giving Data
// Standard (https://standard.threesixtygiving.org/): a package
// {"grants": […]} at /export/rounds/{id}/360giving.json, and the same
// grants in the standard's spreadsheet columns at …/360giving.csv.
//
// Identifiers: a grant is the round's 360Giving prefix (prefix360, or
// DefaultPrefix360 when the funder has none yet), "-" and the bid's id.
// An organisation is identified in the org-id scheme (https://org-id.guide)
// by its local authority register code where it has one: GB-LAE- in
// England, GB-LAS- in Scotland, GB-LAW- in Wales and GB-LANI- in Northern
// Ireland (Leeds: GB-LAE-LDS). An organisation without one (a government
// department, a network) gets the round's prefix, "-org-" and its slug,
// as the standard advises for organisations with no registered identifier.
// Beneficiary locations are the areas of the lead and its confirmed
// partners, by GSS code.

// DefaultPrefix360 stands in for a funder's 360Giving prefix until the
// round sets prefix360. It is not a registered prefix: a funder publishing
// to the 360Giving registry asks 360Giving for its own.
const DefaultPrefix360 = "360G-pipeline"

// orgIdSchemes are the org-id lists of UK local authorities, by nation.
var orgIdSchemes = map[string]string{
	"england": "GB-LAE", "scotland": "GB-LAS", "wales": "GB-LAW", "northernIreland": "GB-LANI",
}

// geoCodeTypes name the kind of area a GSS code's entity (its first three
// characters) stands for, as ONS names them.
var geoCodeTypes = map[string]string{
	"E06": "UA", "E07": "NMD", "E08": "MD", "E09": "LONB", "E10": "CTY", "E47": "CA",
	"S12": "CA", "W06": "UA", "N09": "LGD",
}

// Grant is one 360Giving grant.
type Grant struct {
	Id                    string           `json:"id"`
	Title                 string           `json:"title"`
	Description           string           `json:"description"`
	Currency              string           `json:"currency"`
	AmountAwarded         int              `json:"amountAwarded"`
	AwardDate             string           `json:"awardDate"`
	RecipientOrganization []GrantOrg       `json:"recipientOrganization"`
	FundingOrganization   []GrantOrg       `json:"fundingOrganization"`
	BeneficiaryLocation   []GrantLocation  `json:"beneficiaryLocation,omitzero"`
	GrantProgramme        []GrantProgramme `json:"grantProgramme"`
	DateModified          string           `json:"dateModified"`
	DataSource            string           `json:"dataSource,omitzero"`
}

// GrantOrg is a recipient or funding organisation.
type GrantOrg struct {
	Id   string `json:"id"`
	Name string `json:"name"`
}

// GrantLocation is a beneficiary location.
type GrantLocation struct {
	Name        string `json:"name"`
	GeoCode     string `json:"geoCode,omitzero"`
	GeoCodeType string `json:"geoCodeType,omitzero"`
	CountryCode string `json:"countryCode"`
}

// GrantProgramme is the round a grant was made in.
type GrantProgramme struct {
	Code  string `json:"code"`
	Title string `json:"title"`
}

// orgId is an organisation's identifier in the org-id scheme, or one made
// from prefix when it has no register code.
func orgId(org *core.Record, prefix string) string {
	if scheme := orgIdSchemes[org.GetString("nation")]; scheme != "" && org.GetString("code") != "" {
		return scheme + "-" + org.GetString("code")
	}
	return prefix + "-org-" + org.GetString("slug")
}

// round360GivingRoute: GET /export/rounds/{id}/360giving.json and .csv, the
// awards of a decided round. A round not decided, or not visible, is not
// found.
func round360GivingRoute(e *core.RequestEvent) error {
	file := e.Request.PathValue("file")
	if file != "360giving.json" && file != "360giving.csv" {
		return notFoundText(e)
	}
	round, err := e.App.FindRecordById(ColRounds, e.Request.PathValue("id"))
	if err != nil || round.GetString("state") != RoundDecided {
		return notFoundText(e)
	}
	grants, err := RoundGrants(e.App, round)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if file == "360giving.csv" {
		openDataHeaders(e, "text/csv; charset=utf-8")
		e.Response.Header().Set("Content-Disposition", `attachment; filename="`+round.Id+`-360giving.csv"`)
		return writeGrantsCSV(e.Response, grants)
	}
	openDataHeaders(e, "application/json")
	body, err := json.Marshal(map[string]any{"grants": grants})
	if err != nil {
		return e.InternalServerError("", err)
	}
	_, err = e.Response.Write(body)
	return err
}

// RoundGrants are the funded bids of a decided round as 360Giving grants,
// in the order they were made.
func RoundGrants(app core.App, round *core.Record) ([]Grant, error) {
	prefix := round.GetString("prefix360")
	if prefix == "" {
		prefix = DefaultPrefix360
	}
	funder, err := app.FindRecordById(ColOrganisations, round.GetString("funder"))
	if err != nil {
		return nil, fmt.Errorf("funder of round %s: %w", round.Id, err)
	}
	bids, err := app.FindRecordsByFilter(ColBids, "round = {:r} && state = 'funded'", "awardedAt,id", 0, 0, dbx.Params{"r": round.Id})
	if err != nil {
		return nil, fmt.Errorf("awards of round %s: %w", round.Id, err)
	}
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	grants := make([]Grant, 0, len(bids))
	for _, bid := range bids {
		project, err := app.FindRecordById(ColProjects, bid.GetString("project"))
		if err != nil {
			return nil, fmt.Errorf("project of bid %s: %w", bid.Id, err)
		}
		lead, err := app.FindRecordById(ColOrganisations, bid.GetString("organisation"))
		if err != nil {
			return nil, fmt.Errorf("lead of bid %s: %w", bid.Id, err)
		}
		description := project.GetString("summary")
		if d := project.GetString("description"); d != "" {
			description += "\n\n" + d
		}
		g := Grant{
			Id: prefix + "-" + bid.Id, Title: project.GetString("title"), Description: description,
			Currency: "GBP", AmountAwarded: bid.GetInt("awarded"),
			AwardDate:             round.GetDateTime("decidedAt").Time().UTC().Format("2006-01-02"),
			RecipientOrganization: []GrantOrg{{Id: orgId(lead, prefix), Name: lead.GetString("name")}},
			FundingOrganization:   []GrantOrg{{Id: orgId(funder, prefix), Name: funder.GetString("name")}},
			GrantProgramme:        []GrantProgramme{{Code: round.Id, Title: round.GetString("title")}},
			DateModified:          bid.GetDateTime("updated").Time().UTC().Format("2006-01-02T15:04:05Z"),
		}
		if base != "" {
			g.DataSource = base + projectPath(project)
		}
		partners, err := bidPartnerRecords(app, bid.Id, PartnerConfirmed)
		if err != nil {
			return nil, err
		}
		for _, org := range append([]*core.Record{lead}, partnerOrgs(app, partners)...) {
			if gss := org.GetString("gssCode"); gss != "" {
				g.BeneficiaryLocation = append(g.BeneficiaryLocation, GrantLocation{
					Name: org.GetString("name"), GeoCode: gss, GeoCodeType: geoCodeTypes[gss[:min(3, len(gss))]], CountryCode: "GB"})
			}
		}
		grants = append(grants, g)
	}
	return grants, nil
}

// partnerOrgs are the organisations of partners, in the order given.
func partnerOrgs(app core.App, partners []*core.Record) []*core.Record {
	var out []*core.Record
	for _, p := range partners {
		if org, err := app.FindRecordById(ColOrganisations, p.GetString("organisation")); err == nil {
			out = append(out, org)
		}
	}
	return out
}

// writeGrantsCSV writes grants in the 360Giving spreadsheet's column
// titles: one row a grant, one set of Beneficiary Location columns for
// each location (the first unnumbered, then :1:, :2: …).
func writeGrantsCSV(out interface{ Write([]byte) (int, error) }, grants []Grant) error {
	locations := 0
	for _, g := range grants {
		locations = max(locations, len(g.BeneficiaryLocation))
	}
	header := []string{"Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
		"Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
		"Grant Programme:Code", "Grant Programme:Title", "Last Modified", "Data Source"}
	for i := range locations {
		p := "Beneficiary Location:"
		if i > 0 {
			p = fmt.Sprintf("Beneficiary Location:%d:", i)
		}
		header = append(header, p+"Name", p+"Geographic Code", p+"Geographic Code Type", p+"Country Code")
	}
	w := csv.NewWriter(out)
	if err := w.Write(header); err != nil {
		return fmt.Errorf("write 360Giving header: %w", err)
	}
	for _, g := range grants {
		row := []string{g.Id, g.Title, g.Description, g.Currency, fmt.Sprint(g.AmountAwarded), g.AwardDate,
			g.RecipientOrganization[0].Id, g.RecipientOrganization[0].Name, g.FundingOrganization[0].Id, g.FundingOrganization[0].Name,
			g.GrantProgramme[0].Code, g.GrantProgramme[0].Title, g.DateModified, g.DataSource}
		for i := range locations {
			if i < len(g.BeneficiaryLocation) {
				l := g.BeneficiaryLocation[i]
				row = append(row, l.Name, l.GeoCode, l.GeoCodeType, l.CountryCode)
			} else {
				row = append(row, "", "", "", "")
			}
		}
		if err := w.Write(csvSafe(row)); err != nil {
			return fmt.Errorf("write 360Giving grant %s: %w", g.Id, err)
		}
	}
	w.Flush()
	return w.Error()
}
