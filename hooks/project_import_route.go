package hooks

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// importRoute: POST /api/pipeline/import, for organisation admins (their
// own organisation) and coordinators (?organisation=<slug>). The CSV comes
// as the multipart field "file" or as a text/csv body; dryRun=1 (query or
// form) checks it without saving.
func importRoute(e *core.RequestEvent) error {
	c := callerOf(e)
	orgId := c.organisation()
	if c.coordinator() && e.Request.URL.Query().Get("organisation") != "" {
		org, err := e.App.FindFirstRecordByData(ColOrganisations, "slug", e.Request.URL.Query().Get("organisation"))
		if err != nil {
			return e.NotFoundError("No such organisation.", nil)
		}
		orgId = org.Id
	} else if !c.orgAdminOf(orgId) {
		return e.ForbiddenError("Only organisation admins can import projects.", nil)
	}
	org, err := e.App.FindRecordById(ColOrganisations, orgId)
	if err != nil {
		return e.NotFoundError("No such organisation.", nil)
	}
	var body io.Reader = e.Request.Body
	dryRun := e.Request.URL.Query().Get("dryRun") == "1" || e.Request.URL.Query().Get("dryRun") == "true"
	if strings.HasPrefix(e.Request.Header.Get("Content-Type"), "multipart/form-data") {
		f, _, err := e.Request.FormFile("file")
		if err != nil {
			return e.BadRequestError("Choose a CSV file to import.", fieldError("file", "pipeline_no_file", "Choose a CSV file to import."))
		}
		defer f.Close()
		body = f
		if v := e.Request.FormValue("dryRun"); v == "1" || v == "true" {
			dryRun = true
		}
	}
	res, err := ImportProjects(e.App, org, c.id(), body, dryRun, time.Now())
	if errors.Is(err, ErrImportFile) {
		msg := upperFirst(strings.TrimPrefix(err.Error(), ErrImportFile.Error()+": ")) + "."
		return e.BadRequestError(msg, fieldError("file", "pipeline_bad_file", msg))
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, res)
}

// importTemplateRoute answers the CSV template an import understands.
func importTemplateRoute(e *core.RequestEvent) error {
	e.Response.Header().Set("Content-Disposition", `attachment; filename="pipeline-import-template.csv"`)
	return e.Blob(http.StatusOK, "text/csv; charset=utf-8", []byte(ImportTemplate()))
}
