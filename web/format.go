package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"

	"pipeline/hooks"
)

// The words the pages use for stored values, the same as the UI's
// (ui/src/js/format.mjs).
var (
	phases     = []string{"concept", "discovery", "alpha", "beta", "live", "retired"}
	phaseNames = map[string]string{"concept": "Concept", "discovery": "Discovery", "alpha": "Alpha", "beta": "Beta",
		"live": "Live", "retired": "Retired"}
	phaseTags = map[string]string{"concept": "govuk-tag--grey", "discovery": "govuk-tag--light-blue", "alpha": "govuk-tag--purple",
		"beta": "govuk-tag--orange", "live": "govuk-tag--green", "retired": "govuk-tag--grey"}
	budgetNames = map[string]string{"unknown": "Not known", "under50k": "Under £50,000", "50to100k": "£50,000 to £100,000",
		"100to250k": "£100,000 to £250,000", "250to500k": "£250,000 to £500,000", "500kto1m": "£500,000 to £1 million",
		"over1m": "Over £1 million"}
	seekingOrder = []string{"partners", "funding", "skills", "research", "reuse", "conversation"}
	seekingNames = map[string]string{"partners": "Partners to deliver with", "funding": "Funding", "skills": "Skills or people",
		"research": "Shared research or ideas", "reuse": "Reuse of something that exists", "conversation": "A conversation"}
	interestNames = map[string]string{"following": "Following", "join": "Wants to join", "reuse": "Wants to reuse",
		"similar": "Has done something similar", "contribute": "Can contribute"}
	nations     = []string{"england", "scotland", "wales", "northernIreland"}
	nationNames = map[string]string{"england": "England", "scotland": "Scotland", "wales": "Wales", "northernIreland": "Northern Ireland"}
	regions     = []string{"East Midlands", "East of England", "London", "North East", "North West", "South East", "South West",
		"West Midlands", "Yorkshire and The Humber"}
	kindOrder = []string{"county", "district", "unitary", "londonBorough", "metropolitanDistrict", "cityCorporation",
		"combinedAuthority", "strategicAuthority", "other"}
	kindNames = map[string]string{"county": "County council", "district": "District council", "unitary": "Unitary authority",
		"londonBorough": "London borough", "metropolitanDistrict": "Metropolitan district", "cityCorporation": "City corporation",
		"combinedAuthority": "Combined authority", "strategicAuthority": "Strategic authority", "other": "Other organisation"}
	reasonWords = map[string]string{"duplicate": "it duplicated", "merged": "it merged into",
		"startedElsewhere": "the work started elsewhere, in", "stopped": "it stopped, and the work goes on in"}
)

// london is the time zone dates are shown in.
var london = func() *time.Location {
	if l, err := time.LoadLocation("Europe/London"); err == nil {
		return l
	}
	return time.UTC
}()

// funcs are the templates' helpers.
var funcs = template.FuncMap{
	"phaseName":   func(p string) string { return nameOr(phaseNames, p) },
	"phaseTag":    func(p string) string { return phaseTags[p] },
	"seekingName": func(s string) string { return nameOr(seekingNames, s) },
	"budgetName": func(b string) string {
		if n, ok := budgetNames[b]; ok {
			return n
		}
		return "Not known"
	},
	"nationName": func(n string) string { return nationNames[n] },
	"kindName":   func(k string) string { return nameOr(kindNames, k) },
	"reasonWords": func(r string) string {
		if w, ok := reasonWords[r]; ok {
			return w
		}
		return "it continues in"
	},
	"date":       formatDate,
	"plural":     plural,
	"paragraphs": paragraphs,
	"interestWords": func(kinds map[string]int) string {
		var parts []string
		for _, k := range []string{"following", "join", "reuse", "similar", "contribute"} {
			n := kinds[k]
			if n == 0 {
				continue
			}
			w := strings.ToLower(nameOr(interestNames, k)[:1]) + nameOr(interestNames, k)[1:]
			if n > 1 {
				w += fmt.Sprintf(" (%d people)", n)
			}
			parts = append(parts, w)
		}
		return strings.Join(parts, ", ")
	},
	"first3": func(words []string) string { return strings.Join(words[:min(3, len(words))], ", ") },
}

func nameOr(names map[string]string, v string) string {
	if n, ok := names[v]; ok {
		return n
	}
	return v
}

// formatDate is "3 March 2027" for a stored date (a types.DateTime, a
// time or its text), or "" when it is empty.
func formatDate(v any) string {
	var t time.Time
	switch x := v.(type) {
	case types.DateTime:
		t = x.Time()
	case time.Time:
		t = x
	case string:
		d, err := types.ParseDateTime(x)
		if err != nil {
			return ""
		}
		t = d.Time()
	}
	if t.IsZero() {
		return ""
	}
	return t.In(london).Format("2 January 2006")
}

// plural is "1 project", "3 projects".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// paragraphs splits text on blank lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// freshness is the project's status tag: dormant, needs confirming or up
// to date (none for a retired project), as the UI says it. Dates are as
// stored.
func freshness(phase, dormantSince string, chaseStage int, lastActivity, lastConfirmed string, now time.Time) (label, class string) {
	if phase == "retired" {
		return "", ""
	}
	if dormantSince != "" {
		return "Dormant", "govuk-tag--grey"
	}
	seen := latest(lastActivity, lastConfirmed)
	if chaseStage > 0 || now.Sub(seen) >= 90*24*time.Hour {
		return "Needs confirming", "govuk-tag--yellow"
	}
	return "Up to date", "govuk-tag--green"
}

// freshnessOfHit is a listed project's status tag.
func freshnessOfHit(h hooks.SearchHit, now time.Time) (string, string) {
	return freshness(h.Phase, h.DormantSince, h.ChaseStage, h.LastActivityAt, h.LastConfirmedAt, now)
}

// lastSeen is "Confirmed or updated 12 days ago", from the later of the
// two stored dates.
func lastSeen(lastActivity, lastConfirmed string, now time.Time) string {
	seen := latest(lastActivity, lastConfirmed)
	if seen.IsZero() {
		return ""
	}
	switch days := int(now.Sub(seen).Hours() / 24); {
	case days <= 0:
		return "Confirmed or updated today"
	case days == 1:
		return "Confirmed or updated yesterday"
	default:
		return fmt.Sprintf("Confirmed or updated %d days ago", days)
	}
}

// latest is the later of stored dates, or the zero time.
func latest(dates ...string) time.Time {
	var seen time.Time
	for _, v := range dates {
		if d, err := types.ParseDateTime(v); err == nil && d.Time().After(seen) {
			seen = d.Time()
		}
	}
	return seen
}
