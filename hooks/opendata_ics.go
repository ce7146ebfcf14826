package hooks

import (
	"pipeline/hooks/ical"

	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// calendar: GET /calendar.ics, the phase ends, service assessments and
// partner call deadlines of published projects (?organisation=<slug>
// narrows it to one organisation's).
func calendar(e *core.RequestEvent) error {
	// Only projects with a date to show are read for their dates; a call's
	// deadline shows whatever dates its project has.
	dated, params := "(p.phaseEnd != '' OR p.nextAssessment != '')", dbx.Params{}
	byOrg := ""
	name := e.App.Settings().Meta.AppName + ": phases, assessments and partner calls"
	if slug := e.Request.URL.Query().Get("organisation"); slug != "" {
		org, err := e.App.FindFirstRecordByData(ColOrganisations, "slug", slug)
		if err != nil {
			return notFoundText(e)
		}
		byOrg, params["org"] = "p.organisation = {:org}", org.Id
		name = org.GetString("name") + " on " + e.App.Settings().Meta.AppName
	}
	where := dated
	if byOrg != "" {
		where += " AND " + byOrg
	}
	var events []ical.Event
	host := appHost(e.App)
	err := eachOpenProject(e.App, where, params, "p.id", 0, func(p OpenProject) error {
		add := func(kind, date, summary string) {
			t, err := time.Parse("2006-01-02 15:04:05.000Z", date)
			if err != nil {
				return
			}
			events = append(events, ical.Event{UID: kind + "-" + p.Id + "@" + host, Day: t, URL: p.URL,
				Summary: summary, Description: p.Organisation + ". " + p.Summary})
		}
		add("phase-end", p.PhaseEnd, fmt.Sprintf("%s: %s phase ends", p.Title, p.Phase))
		add("assessment", p.NextAssessment, p.Title+": service assessment")
		return nil
	})
	if err != nil {
		return err
	}
	calls := []struct {
		Id       string `db:"id"`
		Deadline string `db:"deadline"`
		Title    string `db:"title"`
		Slug     string `db:"slug"`
		OrgName  string `db:"orgName"`
		Desc     string `db:"description"`
	}{}
	q := `SELECT c.id, c.deadline, c.description, p.title, p.slug, o.name AS orgName FROM calls c
		JOIN projects p ON p.id = c.project JOIN organisations o ON o.id = p.organisation
		WHERE p.visibility = 'published' AND c.state = 'open'`
	if byOrg != "" {
		q += " AND " + byOrg
	}
	if err := e.App.DB().NewQuery(q).Bind(params).All(&calls); err != nil {
		return err
	}
	base := strings.TrimRight(e.App.Settings().Meta.AppURL, "/")
	for _, c := range calls {
		t, err := time.Parse("2006-01-02 15:04:05.000Z", c.Deadline)
		if err != nil {
			continue
		}
		events = append(events, ical.Event{UID: "call-" + c.Id + "@" + host, Day: t, URL: base + "/projects/" + c.Slug,
			Summary: c.Title + ": partner call closes", Description: c.OrgName + ". " + c.Desc})
	}

	openDataHeaders(e, "text/calendar; charset=utf-8")
	e.Response.Header().Set("Content-Disposition", `inline; filename="pipeline.ics"`)
	return e.Blob(http.StatusOK, "text/calendar; charset=utf-8", ical.Calendar{Name: name, Events: events}.Bytes(time.Now()))
}
