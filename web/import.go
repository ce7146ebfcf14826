package web

import (
	"io"
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// Importing projects from a council's own tracker (/admin/import), for
// organisation admins and coordinators: check the file first (a dry run
// showing every row's outcome and field errors), then import it, all or
// nothing. The checked file travels back in the result's form, so the
// journey needs no script and nothing is kept on the server between the
// two steps; the API checks it again when it is imported.

// importView is the import page.
type importView struct {
	Allowed bool
	Result  *hooks.ImportResult
	// CSV is the checked file, for the import button.
	CSV        string
	Applicable int
}

var (
	outcomeWords = map[string]string{"create": "New project", "update": "Update", "unchanged": "No change", "error": "Cannot import"}
	outcomeTags  = map[string]string{"create": "govuk-tag--green", "update": "govuk-tag--blue", "unchanged": "govuk-tag--grey", "error": "govuk-tag--red"}
)

func init() {
	funcs["outcomeWord"] = func(o string) string { return outcomeWords[o] }
	funcs["outcomeTag"] = func(o string) string { return outcomeTags[o] }
}

// maxImportForm is the most a posted import form may hold: the API's own
// limit (2 MiB) and room for the rest of the form.
const maxImportForm = 3 << 20

func mayImport(v *viewer) bool { return v != nil && v.Approved && v.OrgAdmin }

// importPage: GET /admin/import.
func (s *Site) importPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	v := importView{Allowed: mayImport(viewerOf(e))}
	status := http.StatusOK
	if !v.Allowed {
		status = http.StatusForbidden
	}
	return s.render(e, status, "import", Page{Title: "Import projects", Page: "admin--import", Form: newForm(e, nil), Data: v})
}

// importFile: POST /admin/import, the file (to check) or the checked text
// (to import).
func (s *Site) importFile(e *core.RequestEvent) error {
	e.Request.Body = http.MaxBytesReader(e.Response, e.Request.Body, maxImportForm)
	if err := e.Request.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		f := newForm(e, nil)
		f.add("file", "The file must be smaller than 2 MB: split it into smaller files")
		return s.render(e, http.StatusRequestEntityTooLarge, "import", Page{Title: "Import projects", Page: "admin--import", Form: f,
			Data: importView{Allowed: true}})
	}
	if !csrfOK(e) {
		_, _, err := s.posted(e)
		return err
	}
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	f := newForm(e, nil)
	v := importView{Allowed: mayImport(viewerOf(e))}
	if !v.Allowed {
		return s.render(e, http.StatusForbidden, "import", Page{Title: "Import projects", Page: "admin--import", Form: f, Data: v})
	}
	dryRun := e.Request.FormValue("step") != "import"
	var csv []byte
	if dryRun {
		file, _, err := e.Request.FormFile("file")
		if err != nil {
			f.add("file", "Choose a CSV file to import")
			return s.render(e, http.StatusBadRequest, "import", Page{Title: "Import projects", Page: "admin--import", Form: f, Data: v})
		}
		defer file.Close()
		if csv, err = io.ReadAll(file); err != nil {
			return e.InternalServerError("", err)
		}
	} else {
		csv = []byte(e.Request.FormValue("csv"))
	}
	q := url.Values{}
	if dryRun {
		q.Set("dryRun", "1")
	}
	a, err := s.callRaw(e, http.MethodPost, "/api/pipeline/import?"+q.Encode(), "text/csv", csv)
	if err != nil {
		return e.InternalServerError("", err)
	}
	status := http.StatusOK
	var res hooks.ImportResult
	switch {
	case a.OK():
		if err := a.decode(&res); err != nil {
			return e.InternalServerError("", err)
		}
	case a.Status == http.StatusBadRequest && a.Data["file"].Code == "pipeline_rows_invalid":
		// Rows with problems: nothing was imported; show them as a dry run would.
		a2, err := s.callRaw(e, http.MethodPost, "/api/pipeline/import?dryRun=1", "text/csv", csv)
		if err != nil {
			return e.InternalServerError("", err)
		}
		if err := a2.decode(&res); err != nil {
			return e.InternalServerError("", err)
		}
		f.Problem = sentence(a.Message)
		status = http.StatusBadRequest
	default:
		f.apply(a, nil, nil)
		return s.render(e, a.Status, "import", Page{Title: "Import projects", Page: "admin--import", Form: f, Data: v})
	}
	v.Result = &res
	if res.DryRun && res.Summary["error"] == 0 {
		v.Applicable = res.Summary["create"] + res.Summary["update"]
		v.CSV = string(csv)
	}
	return s.render(e, status, "import", Page{Title: "Import projects", Page: "admin--import", Form: f, Data: v})
}
