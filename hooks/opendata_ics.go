package hooks

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// icsEvent is one all-day event of the calendar.
type icsEvent struct {
	uid, summary, description, url string
	day                            time.Time
}

// icsEscape escapes text for an iCalendar value (RFC 5545 3.3.11).
func icsEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// icsLine folds a content line at 75 octets (RFC 5545 3.1), never inside
// a UTF-8 character.
func icsLine(b *strings.Builder, line string) {
	for len(line) > 75 {
		cut := 75
		for cut > 0 && (line[cut]&0xC0) == 0x80 {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// calendar: GET /calendar.ics, the phase ends, service assessments and
// partner call deadlines of published projects (?organisation=<slug>
// narrows it to one organisation's).
func calendar(e *core.RequestEvent) error {
	// Only projects with a date to show are read.
	where, params := "(p.phaseEnd != '' OR p.nextAssessment != '')", dbx.Params{}
	name := e.App.Settings().Meta.AppName + ": phases, assessments and partner calls"
	if slug := e.Request.URL.Query().Get("organisation"); slug != "" {
		org, err := e.App.FindFirstRecordByData(ColOrganisations, "slug", slug)
		if err != nil {
			return notFoundText(e)
		}
		where, params["org"] = where+" AND p.organisation = {:org}", org.Id
		name = org.GetString("name") + " on " + e.App.Settings().Meta.AppName
	}
	var events []icsEvent
	host := appHost(e.App)
	err := eachOpenProject(e.App, where, params, "p.id", 0, func(p OpenProject) error {
		add := func(kind, date, summary string) {
			t, err := time.Parse("2006-01-02 15:04:05.000Z", date)
			if err != nil {
				return
			}
			events = append(events, icsEvent{uid: kind + "-" + p.Id + "@" + host, day: t, url: p.URL,
				summary: summary, description: p.Organisation + ". " + p.Summary})
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
	if where != "" {
		q += " AND " + where
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
		events = append(events, icsEvent{uid: "call-" + c.Id + "@" + host, day: t, url: base + "/projects/" + c.Slug,
			summary: c.Title + ": partner call closes", description: c.OrgName + ". " + c.Desc})
	}

	var b strings.Builder
	for _, l := range []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pipeline//Pipeline calendar//EN", "CALSCALE:GREGORIAN",
		"METHOD:PUBLISH", "X-WR-CALNAME:" + icsEscape(name), "X-WR-TIMEZONE:Europe/London"} {
		icsLine(&b, l)
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	for _, ev := range events {
		icsLine(&b, "BEGIN:VEVENT")
		icsLine(&b, "UID:"+ev.uid)
		icsLine(&b, "DTSTAMP:"+stamp)
		icsLine(&b, "DTSTART;VALUE=DATE:"+ev.day.Format("20060102"))
		icsLine(&b, "DTEND;VALUE=DATE:"+ev.day.AddDate(0, 0, 1).Format("20060102"))
		icsLine(&b, "SUMMARY:"+icsEscape(ev.summary))
		icsLine(&b, "DESCRIPTION:"+icsEscape(ev.description))
		icsLine(&b, "URL:"+ev.url)
		icsLine(&b, "TRANSP:TRANSPARENT")
		icsLine(&b, "END:VEVENT")
	}
	icsLine(&b, "END:VCALENDAR")
	openDataHeaders(e, "text/calendar; charset=utf-8")
	e.Response.Header().Set("Content-Disposition", `inline; filename="pipeline.ics"`)
	return e.Blob(http.StatusOK, "text/calendar; charset=utf-8", []byte(b.String()))
}
