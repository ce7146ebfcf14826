package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var day = time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)

// unfold joins folded lines again (RFC 5545 3.1).
func unfold(doc string) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(doc, "\r\n ", ""), "\r\n"), "\r\n")
}

func TestCalendarDocument(t *testing.T) {
	long := strings.Repeat("Résumé of work; ", 12)
	doc := string(Calendar{Name: "Leeds, on Pipeline", Events: []Event{{UID: "call-1@host", Day: day, URL: "https://host/projects/x",
		Summary: "Bins: partner call closes", Description: long}}}.Bytes(time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)))
	for _, l := range strings.Split(doc, "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("folding split a character: %q", l)
		}
	}
	lines := unfold(doc)
	for _, want := range []string{"BEGIN:VCALENDAR", `X-WR-CALNAME:Leeds\, on Pipeline`, "UID:call-1@host", "DTSTAMP:20261201T093000Z",
		"DTSTART;VALUE=DATE:20270331", "DTEND;VALUE=DATE:20270401", "SUMMARY:Bins: partner call closes",
		"DESCRIPTION:" + Escape(long), "END:VCALENDAR"} {
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("no line %q in\n%s", want, doc)
		}
	}
	if got := Escape("a;b,c\\d\r\ne\nf"); got != `a\;b\,c\\d\ne\nf` {
		t.Errorf("Escape = %s", got)
	}
}

func FuzzCalendarLines(f *testing.F) {
	f.Add("Bins", "Missed bins; and, more")
	f.Add(strings.Repeat("é", 80), "line\r\nbreak")
	f.Add("", "\\")
	f.Fuzz(func(t *testing.T, summary, description string) {
		if !utf8.ValidString(summary) || !utf8.ValidString(description) {
			return
		}
		doc := string(Calendar{Name: "n", Events: []Event{{UID: "u", Day: day, Summary: summary, Description: description}}}.Bytes(day))
		for _, l := range strings.Split(doc, "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("bad line %q", l)
			}
		}
		// Nothing a project says can start a property of its own.
		found := 0
		for _, l := range unfold(doc) {
			if strings.HasPrefix(l, "SUMMARY:") || strings.HasPrefix(l, "DESCRIPTION:") {
				found++
			}
			if strings.ContainsAny(l, "\r\n") {
				t.Fatalf("a line break survived: %q", l)
			}
		}
		if found != 2 {
			t.Fatalf("%d summary and description lines in\n%s", found, doc)
		}
	})
}
