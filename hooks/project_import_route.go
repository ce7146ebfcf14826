package hooks

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
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
		f, hdr, err := e.Request.FormFile("file")
		if isTooLarge(err) || (err == nil && hdr.Size > importMaxBytes) {
			return importTooLarge(e)
		}
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
	switch {
	case errors.Is(err, ErrImportTooLarge):
		return importTooLarge(e)
	case errors.Is(err, ErrImportFile):
		msg := upperFirst(strings.TrimPrefix(err.Error(), ErrImportFile.Error()+": ")) + "."
		return e.BadRequestError(msg, fieldError("file", "pipeline_bad_file", msg))
	case errors.Is(err, ErrImportRows):
		return e.BadRequestError(importRowsMessage(res), importRowErrors(res))
	case err != nil:
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, res)
}

// importTooLarge answers a file over the import's limit: 413, never a
// file cut short.
func importTooLarge(e *core.RequestEvent) error {
	msg := upperFirst(strings.TrimPrefix(ErrImportTooLarge.Error(), ErrImportFile.Error()+": ")) + "."
	return e.Error(http.StatusRequestEntityTooLarge, msg, fieldError("file", "pipeline_file_too_large", msg))
}

// importRowsMessage says that nothing was imported and which rows are at
// fault.
func importRowsMessage(res ImportResult) string {
	var bad []string
	for _, r := range res.Rows {
		if r.Outcome == "error" {
			bad = append(bad, strconv.Itoa(r.Row))
		}
	}
	which := "row " + bad[0] + " has"
	if len(bad) > 1 {
		which = "rows " + strings.Join(bad[:len(bad)-1], ", ") + " and " + bad[len(bad)-1] + " have"
	}
	return fmt.Sprintf("Nothing was imported: %s problems. Fix them and import the file again.", which)
}

// importRowErrors is the error data of an import refused for its rows:
// the file, and under "rows" each bad row's field errors by row number.
func importRowErrors(res ImportResult) validation.Errors {
	rows := validation.Errors{}
	for _, r := range res.Rows {
		if len(r.Errors) == 0 {
			continue
		}
		fields := validation.Errors{}
		for field, msg := range r.Errors {
			fields[field] = validation.NewError("pipeline_import_invalid", msg)
		}
		rows[strconv.Itoa(r.Row)] = fields
	}
	return validation.Errors{
		"file": validation.NewError("pipeline_rows_invalid", importRowsMessage(res)),
		"rows": rows,
	}
}

// importTemplateRoute answers the CSV template an import understands.
func importTemplateRoute(e *core.RequestEvent) error {
	e.Response.Header().Set("Content-Disposition", `attachment; filename="pipeline-import-template.csv"`)
	return e.Blob(http.StatusOK, "text/csv; charset=utf-8", []byte(ImportTemplate()))
}
