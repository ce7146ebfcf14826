package hooks

import (
	"encoding/csv"
	"encoding/json"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// csvColumns are the CSV export's columns, in order. They are a contract.
var csvColumns = []string{
	"id", "slug", "title", "summary", "description", "organisation", "organisationSlug", "organisationGssCode",
	"partners", "phase", "phaseStart", "phaseEnd", "nextAssessment", "budgetBand", "seeking", "tags", "links",
	"contactName", "contactEmail", "lastConfirmedAt", "lastActivityAt", "dormantSince", "outcome", "url", "created", "updated",
	"reference", "closedReason", "continuedIn", "outcomeWorked", "outcomeDidNotWork", "outcomeReusable", "outcomeSavings",
}

func (p OpenProject) csvRow() []string {
	links := make([]string, len(p.Links))
	for i, l := range p.Links {
		links[i] = l.Label + " | " + l.URL
	}
	return []string{
		p.Id, p.Slug, p.Title, p.Summary, p.Description, p.Organisation, p.OrganisationSlug, p.OrganisationGSS,
		strings.Join(p.Partners, "; "), p.Phase, p.PhaseStart, p.PhaseEnd, p.NextAssessment, p.BudgetBand,
		strings.Join(p.Seeking, "; "), strings.Join(p.Tags, "; "), strings.Join(links, "; "),
		p.ContactName, p.ContactEmail, p.LastConfirmedAt, p.LastActivityAt, p.DormantSince, p.Outcome, p.URL, p.Created, p.Updated,
		p.Reference, p.ClosedReason, p.ContinuedIn, p.OutcomeWorked, p.OutcomeDidNotWork, p.OutcomeReusable, p.OutcomeSavings,
	}
}

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula, and the guard's own quote, so that a value that
// really begins with a quote survives a round trip.
const formulaStarts = "=+-@\t\r'"

// csvSafe stops a spreadsheet from reading a cell as a formula: a cell
// beginning with one of formulaStarts gets a leading quote.
// undoFormulaGuard takes it off again.
func csvSafe(row []string) []string {
	for i, v := range row {
		if v != "" && strings.ContainsRune(formulaStarts, rune(v[0])) {
			row[i] = "'" + v
		}
	}
	return row
}

// undoFormulaGuard undoes exactly csvSafe's guard on one cell, so that an
// export imported again gives back the same values: a quote before one of
// formulaStarts is taken off. Any other cell is left as it is.
func undoFormulaGuard(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.ContainsRune(formulaStarts, rune(v[1])) {
		return v[1:]
	}
	return v
}

// exportCSV: GET /export/projects.csv, every published project, one row
// each, in UTF-8 with a header row.
func exportCSV(e *core.RequestEvent) error {
	openDataHeaders(e, "text/csv; charset=utf-8")
	e.Response.Header().Set("Content-Disposition", `attachment; filename="projects.csv"`)
	w := csv.NewWriter(e.Response)
	if err := w.Write(csvColumns); err != nil {
		return err
	}
	err := eachOpenProject(e.App, "", nil, "p.created ASC, p.id ASC", 0, func(p OpenProject) error {
		return w.Write(csvSafe(p.csvRow()))
	})
	w.Flush()
	if err != nil {
		e.App.Logger().Error("CSV export", "error", err)
		return err
	}
	return w.Error()
}

// exportJSON: GET /export/projects.json, {"projects":[…]} of every
// published project.
func exportJSON(e *core.RequestEvent) error {
	openDataHeaders(e, "application/json; charset=utf-8")
	if _, err := e.Response.Write([]byte(`{"projects":[`)); err != nil {
		return err
	}
	first := true
	err := eachOpenProject(e.App, "", nil, "p.created ASC, p.id ASC", 0, func(p OpenProject) error {
		b, err := json.Marshal(p)
		if err != nil {
			return err
		}
		if !first {
			b = append([]byte(","), b...)
		}
		first = false
		_, err = e.Response.Write(b)
		return err
	})
	if err != nil {
		e.App.Logger().Error("JSON export", "error", err)
		return err
	}
	_, err = e.Response.Write([]byte("]}\n"))
	return err
}
