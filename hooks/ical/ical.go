// Package ical writes iCalendar documents (RFC 5545) of all-day events,
// the format of Pipeline's calendar of phase ends, service assessments
// and partner call deadlines. It needs nothing of PocketBase.
package ical

import (
	"strings"
	"time"
)

// Event is one all-day event.
type Event struct {
	UID, Summary, Description, URL string
	Day                            time.Time
}

// Calendar is a published calendar of events.
type Calendar struct {
	Name   string
	Events []Event
}

// Escape escapes text for an iCalendar value (RFC 5545 3.3.11).
func Escape(s string) string {
	return escaper.Replace(s)
}

var escaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// writeLine folds a content line so that no line is longer than 75
// octets (RFC 5545 3.1), the space that starts a continuation line
// included, never inside a UTF-8 character, and ends it with CRLF.
func writeLine(b *strings.Builder, line string) {
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && (line[cut]&0xC0) == 0x80 {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// Bytes is the calendar as an iCalendar document, each event stamped at
// stamp.
func (c Calendar) Bytes(stamp time.Time) []byte {
	var b strings.Builder
	for _, l := range []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pipeline//Pipeline calendar//EN", "CALSCALE:GREGORIAN",
		"METHOD:PUBLISH", "X-WR-CALNAME:" + Escape(c.Name), "X-WR-TIMEZONE:Europe/London"} {
		writeLine(&b, l)
	}
	dtstamp := stamp.UTC().Format("20060102T150405Z")
	for _, ev := range c.Events {
		writeLine(&b, "BEGIN:VEVENT")
		writeLine(&b, "UID:"+ev.UID)
		writeLine(&b, "DTSTAMP:"+dtstamp)
		writeLine(&b, "DTSTART;VALUE=DATE:"+ev.Day.Format("20060102"))
		writeLine(&b, "DTEND;VALUE=DATE:"+ev.Day.AddDate(0, 0, 1).Format("20060102"))
		writeLine(&b, "SUMMARY:"+Escape(ev.Summary))
		writeLine(&b, "DESCRIPTION:"+Escape(ev.Description))
		writeLine(&b, "URL:"+ev.URL)
		writeLine(&b, "TRANSP:TRANSPARENT")
		writeLine(&b, "END:VEVENT")
	}
	writeLine(&b, "END:VCALENDAR")
	return []byte(b.String())
}
