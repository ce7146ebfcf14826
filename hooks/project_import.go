package hooks

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Import limits.
const (
	importMaxRows  = 2000
	importMaxBytes = 2 << 20
)

// importColumns are the columns an import understands, by the header names
// of the downloadable template. Only "reference" is required; a column
// missing from a file leaves that field as it is.
var importColumns = []string{
	"reference", "title", "summary", "description", "phase", "phaseStart", "phaseEnd", "nextAssessment",
	"budgetBand", "seeking", "tags", "contactName", "contactEmail", "links", "visibility",
}

// ImportRow is what happened, or would happen, to one row of a file.
type ImportRow struct {
	Row       int               `json:"row"`
	Reference string            `json:"reference"`
	Outcome   string            `json:"outcome"` // create, update, unchanged or error
	Project   *OrganisationRef  `json:"project,omitempty"`
	Changes   []string          `json:"changes,omitempty"`
	Errors    map[string]string `json:"errors,omitempty"`
}

// ImportResult reports a whole file. Applied is true when the rows'
// outcomes were saved: never for a dry run, never when a row has errors.
type ImportResult struct {
	DryRun  bool           `json:"dryRun"`
	Applied bool           `json:"applied"`
	Rows    []ImportRow    `json:"rows"`
	Summary map[string]int `json:"summary"`
}

// ErrImportFile is a problem with the file as a whole.
var ErrImportFile = errors.New("import file")

// ErrImportTooLarge is a file over importMaxBytes. It is an ErrImportFile.
var ErrImportTooLarge = fmt.Errorf("%w: the file is larger than %d MiB, the most an import takes; split it into smaller files",
	ErrImportFile, importMaxBytes>>20)

// ErrImportRows is an import refused because some of its rows have errors;
// the result lists them and nothing was saved.
var ErrImportRows = errors.New("import rows")

// errRollback undoes an import's transaction without being an error of its
// own.
var errRollback = errors.New("import rolled back")

// ImportProjects reads a CSV of an organisation's projects and creates or
// updates them, matched on the reference column (kept as externalRef), so
// importing the same tracker again updates rather than duplicates. The
// file is read and checked whole before anything is written: a file that
// is too large (ErrImportTooLarge), has too many rows or a row that cannot
// be read is refused (ErrImportFile). Then every row is applied in one
// transaction, or none: if any row is invalid, nothing is saved, the
// result lists every row's outcome and field errors, and the error is
// ErrImportRows. With dryRun nothing is saved and every row's outcome is
// reported.
func ImportProjects(app core.App, org *core.Record, importer string, r io.Reader, dryRun bool, now time.Time) (ImportResult, error) {
	res := ImportResult{DryRun: dryRun, Rows: []ImportRow{}, Summary: map[string]int{"create": 0, "update": 0, "unchanged": 0, "error": 0}}
	file, err := readImportFile(r)
	if err != nil {
		return res, err
	}
	col, err := app.FindCollectionByNameOrId(ColProjects)
	if err != nil {
		return res, fmt.Errorf("import: projects collection: %w", err)
	}
	if dryRun {
		res.Rows, res.Summary = importRows(app, col, org, importer, file, false, now)
		return res, nil
	}
	err = app.RunInTransaction(func(tx core.App) error {
		res.Rows, res.Summary = importRows(tx, col, org, importer, file, true, now)
		if res.Summary["error"] > 0 {
			return errRollback
		}
		return nil
	})
	switch {
	case errors.Is(err, errRollback):
		for i := range res.Rows {
			if res.Rows[i].Outcome == "create" {
				res.Rows[i].Project = nil // its save was undone
			}
		}
		return res, ErrImportRows
	case err != nil:
		return res, fmt.Errorf("import: %w", err)
	}
	res.Applied = true
	return res, nil
}

// importFile is a CSV read whole: its columns by name and its rows, each
// with its row number in the file (the header is row 1).
type importFile struct {
	cols map[string]int
	rows []importLine
}

type importLine struct {
	n     int
	cells []string
}

// readImportFile reads and checks the whole file before anything is
// written: its size, its header, every row, and the number of rows.
func readImportFile(r io.Reader) (importFile, error) {
	var f importFile
	data, err := io.ReadAll(io.LimitReader(r, importMaxBytes+1))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || len(data) > importMaxBytes {
		return f, ErrImportTooLarge
	}
	if err != nil {
		return f, fmt.Errorf("%w: the file could not be read: %v", ErrImportFile, err)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return f, fmt.Errorf("%w: the file has no header row: %v", ErrImportFile, err)
	}
	f.cols = map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		for _, c := range importColumns {
			if strings.EqualFold(h, c) {
				f.cols[c] = i
			}
		}
		if strings.EqualFold(h, "id") {
			f.cols["id"] = i
		}
	}
	_, hasRef := f.cols["reference"]
	_, hasId := f.cols["id"]
	if !hasRef && !hasId {
		return f, fmt.Errorf("%w: the file needs a \"reference\" column (download the template)", ErrImportFile)
	}
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return f, fmt.Errorf("%w: row %d cannot be read: %v", ErrImportFile, n, err)
		}
		if allEmpty(rec) {
			continue
		}
		if len(f.rows) == importMaxRows {
			return f, fmt.Errorf("%w: a file can have at most %d rows", ErrImportFile, importMaxRows)
		}
		f.rows = append(f.rows, importLine{n: n, cells: rec})
	}
	return f, nil
}

// importRows tries every row of a file, saving each valid one when save
// is set, and reports each row and the totals.
func importRows(app core.App, col *core.Collection, org *core.Record, importer string, f importFile, save bool, now time.Time) ([]ImportRow, map[string]int) {
	rows := []ImportRow{}
	summary := map[string]int{"create": 0, "update": 0, "unchanged": 0, "error": 0}
	seen := map[string]int{}
	for _, line := range f.rows {
		cell := func(c string) (string, bool) {
			i, ok := f.cols[c]
			if !ok || i >= len(line.cells) {
				return "", ok
			}
			return undoFormulaGuard(strings.TrimSpace(line.cells[i])), true
		}
		ref, _ := cell("reference")
		id, _ := cell("id")
		row := ImportRow{Row: line.n, Reference: ref}
		key := ref
		if key == "" {
			key = "id:" + id
		}
		switch {
		case ref == "" && id == "":
			row.Errors = map[string]string{"reference": "Enter the project's reference from your tracker"}
		case seen[key] > 0:
			row.Errors = map[string]string{"reference": fmt.Sprintf("This project is also on row %d", seen[key])}
		default:
			seen[key] = line.n
			row = importRow(app, col, org, importer, row, id, cell, !save, now)
		}
		if row.Errors != nil {
			row.Outcome = "error"
		}
		summary[row.Outcome]++
		rows = append(rows, row)
	}
	return rows, summary
}

func allEmpty(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// importRow applies (or tries) one row.
func importRow(app core.App, col *core.Collection, org *core.Record, importer string, row ImportRow, id string,
	cell func(string) (string, bool), dryRun bool, now time.Time) ImportRow {
	// A row names its project by id (as exported) or by reference.
	var p *core.Record
	if id != "" {
		p, _ = app.FindFirstRecordByFilter(ColProjects, "organisation = {:o} && id = {:id}", dbx.Params{"o": org.Id, "id": id})
	}
	if p == nil && row.Reference != "" {
		p, _ = app.FindFirstRecordByFilter(ColProjects, "organisation = {:o} && externalRef = {:r}",
			dbx.Params{"o": org.Id, "r": row.Reference})
	}
	isNew := p == nil
	if isNew && row.Reference == "" {
		row.Errors = map[string]string{"reference": "No project of your organisation has this id; give new projects a reference"}
		return row
	}
	if isNew {
		p = core.NewRecord(col)
		p.Set("organisation", org.Id)
		p.Set("externalRef", row.Reference)
		p.Set("owner", importer)
		if err := applyProjectDefaults(app, p, now); err != nil {
			row.Errors = map[string]string{"reference": err.Error()}
			return row
		}
	} else if row.Reference != "" {
		p.Set("externalRef", row.Reference)
	}
	errs := map[string]string{}
	for _, c := range importColumns[1:] {
		v, present := cell(c)
		if !present {
			continue
		}
		if err := setImported(p, c, v); err != nil {
			errs[c] = err.Error()
		}
	}
	if len(errs) == 0 {
		if err := needsContact(p); err != nil {
			var ve validation.Errors
			if errors.As(err, &ve) {
				for field, fe := range ve {
					errs[field] = fe.Error()
				}
			}
		}
	}
	if len(errs) == 0 {
		if err := app.Validate(p); err != nil {
			var ve validation.Errors
			if !errors.As(err, &ve) {
				errs["reference"] = err.Error()
			}
			for field, fe := range ve {
				errs[field] = upperFirst(fe.Error())
			}
		}
	}
	if len(errs) > 0 {
		row.Errors = errs
		return row
	}
	changes := changedFields(p)
	switch {
	case isNew:
		row.Outcome = "create"
	case len(changes) == 0:
		row.Outcome = "unchanged"
	default:
		row.Outcome = "update"
		row.Changes = changes
	}
	if !dryRun && row.Outcome != "unchanged" {
		if !isNew {
			p.Set("lastActivityAt", Stamp(now))
		}
		if err := app.Save(p); err != nil {
			row.Errors = map[string]string{"reference": "This row could not be saved: " + err.Error()}
			return row
		}
	}
	if p.Id != "" {
		row.Project = &OrganisationRef{Id: p.Id, Name: p.GetString("title"), Slug: p.GetString("slug")}
	}
	return row
}

// setImported puts one cell into a project, in the form its field wants.
func setImported(p *core.Record, field, v string) error {
	switch field {
	case "phase", "budgetBand", "visibility":
		v = strings.ToLower(v)
		if field == "budgetBand" {
			v = normaliseBudget(v)
		}
		if v == "" {
			return nil // keep the default or the current value
		}
		p.Set(field, v)
	case "phaseStart", "phaseEnd", "nextAssessment":
		if v == "" {
			p.Set(field, "")
			return nil
		}
		t, err := parseImportDate(v)
		if err != nil {
			return err
		}
		p.Set(field, Stamp(t))
	case "seeking":
		var out []string
		for _, s := range splitList(v) {
			s = strings.ToLower(s)
			if !slices.Contains([]string{"partners", "funding", "skills", "research", "reuse", "conversation"}, s) {
				return fmt.Errorf("%q is not one of partners, funding, skills, research, reuse or conversation", s)
			}
			out = append(out, s)
		}
		p.Set(field, out)
	case "tags":
		p.Set(field, splitList(v))
	case "links":
		var links []Link
		for _, item := range strings.Split(v, ";") {
			if strings.TrimSpace(item) == "" {
				continue
			}
			label, url, found := strings.Cut(item, "|")
			if !found {
				label, url = "", label
			}
			links = append(links, Link{Label: strings.TrimSpace(label), URL: strings.TrimSpace(url)})
		}
		p.Set(field, links)
	default:
		p.Set(field, v)
	}
	return nil
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' }) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// normaliseBudget accepts the bands' names and the ways trackers write them.
func normaliseBudget(v string) string {
	v = strings.NewReplacer("£", "", ",", "", " ", "", "000", "k").Replace(strings.ToLower(v))
	switch v {
	case "", "unknown", "notknown":
		return "unknown"
	case "under50k", "0-50k", "0to50k", "<50k":
		return "under50k"
	case "50to100k", "50k-100k", "50-100k", "50kto100k":
		return "50to100k"
	case "100to250k", "100k-250k", "100-250k", "100kto250k":
		return "100to250k"
	case "250to500k", "250k-500k", "250-500k", "250kto500k":
		return "250to500k"
	case "500kto1m", "500k-1m", "500-1m", "500kto1million":
		return "500kto1m"
	case "over1m", ">1m", "1m+", "over1million":
		return "over1m"
	}
	return v // validation names the bad value
}

// parseImportDate reads the dates trackers write, and the API's project
// dates (guardProjectDates): a day as 2027-03-31, 31/03/2027, 31 March
// 2027 or 31 Mar 2027, or a PocketBase or RFC 3339 time. A day that does
// not exist (2027-02-30) is an error, not the next one.
func parseImportDate(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "2 January 2006", "2 Jan 2006",
		"2006-01-02 15:04:05.000Z", "2006-01-02 15:04:05Z", "2006-01-02 15:04:05", time.RFC3339Nano} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date like 2027-03-31 or 31/03/2027", v)
}

// ImportTemplate is the CSV template officers download.
func ImportTemplate() string {
	return strings.Join(importColumns, ",") + "\r\n" +
		`DIG-042,Report a missed bin,Residents report a missed bin online.,"What the problem is, what we are doing and what we want from others.",alpha,2026-09-01,2027-03-31,,100to250k,partners; reuse,waste; bins,Sam Jones,sam.jones@council.gov.uk,Beta service | https://www.example.gov.uk/bins,draft` + "\r\n"
}
