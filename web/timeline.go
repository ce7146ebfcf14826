package web

import (
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"pipeline/hooks"
)

// The timeline of phases across councils (/timeline): published projects
// with phase dates, each drawn as a bar on a shared date axis beside its
// dates in words. Filters are a GET form, so a timeline can be shared.

const timelineLimit = 200

// timelineView is the page.
type timelineView struct {
	Tag, Phase, Nation, Region string
	Phases, Nations, Regions   []option
	Filtered                   bool
	About                      string
	Total                      int
	Rows                       []timelineRow
	From, To                   string
	TodayX                     float64
}

// timelineItem is a project as the timeline reads it from the API.
type timelineItem struct {
	apiRecord
	PhaseStart string `json:"phaseStart"`
	PhaseEnd   string `json:"phaseEnd"`
}

type timelineRow struct {
	Slug, Title, OrgSlug, OrgName, Phase, Started, Ends string
	X, W, StartTick, EndTick, TodayX                    float64
	Open, HasStartTick, HasEndTick                      bool
}

// timelinePage: GET /timeline.
func (s *Site) timelinePage(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	v := timelineView{Tag: strings.TrimSpace(q.Get("tag")), Phase: q.Get("phase"), Nation: q.Get("nation"), Region: q.Get("region")}
	if phaseNames[v.Phase] == "" {
		v.Phase = ""
	}
	if nationNames[v.Nation] == "" {
		v.Nation = ""
	}
	if !slices.Contains(regions, v.Region) {
		v.Region = ""
	}
	for _, p := range phases {
		v.Phases = append(v.Phases, option{Value: p, Label: phaseNames[p], Chosen: p == v.Phase})
	}
	for _, n := range nations {
		v.Nations = append(v.Nations, option{Value: n, Label: nationNames[n], Chosen: n == v.Nation})
	}
	for _, r := range regions {
		v.Regions = append(v.Regions, option{Value: r, Label: r, Chosen: r == v.Region})
	}
	v.Filtered = v.Tag != "" || v.Phase != "" || v.Nation != "" || v.Region != ""
	var words []string
	parts := []string{`visibility = "published"`, `(phaseStart != "" || phaseEnd != "")`}
	quote := func(s string) string { return strconv.Quote(s) }
	if v.Tag != "" {
		parts = append(parts, "tags ~ "+quote(v.Tag))
		words = append(words, "tagged “"+v.Tag+"”")
	}
	if v.Phase != "" {
		parts = append(parts, "phase = "+quote(v.Phase))
		words = append(words, "in the "+phaseNames[v.Phase]+" phase")
	}
	if v.Nation != "" {
		parts = append(parts, "organisation.nation = "+quote(v.Nation))
		words = append(words, "in "+nationNames[v.Nation])
	}
	if v.Region != "" {
		parts = append(parts, "organisation.region = "+quote(v.Region))
		words = append(words, "in "+v.Region)
	}
	v.About = strings.Join(words, ", ")
	var list struct {
		Items      []timelineItem `json:"items"`
		TotalItems int            `json:"totalItems"`
	}
	if err := s.listAPI(e, hooks.ColProjects, url.Values{"filter": {strings.Join(parts, " && ")}, "sort": {"phaseStart"},
		"expand": {"organisation"}, "perPage": {strconv.Itoa(timelineLimit)}}, &list); err != nil {
		return e.InternalServerError("", err)
	}
	v.Total = len(list.Items)
	if list.TotalItems > v.Total {
		v.Total = list.TotalItems
	}
	at := func(s string) (time.Time, bool) {
		d, err := types.ParseDateTime(s)
		return d.Time(), err == nil && !d.IsZero()
	}
	// Projects with only an end date sort by it, among the others' starts.
	slices.SortStableFunc(list.Items, func(a, b timelineItem) int {
		ka, kb := or(a.PhaseStart, a.PhaseEnd), or(b.PhaseStart, b.PhaseEnd)
		return strings.Compare(ka, kb)
	})
	today := time.Now()
	from, to := today, today
	for _, p := range list.Items {
		for _, d := range []string{p.PhaseStart, p.PhaseEnd} {
			if t, ok := at(d); ok {
				if t.Before(from) {
					from = t
				}
				if t.After(to) {
					to = t
				}
			}
		}
	}
	if to.Sub(from) < 30*24*time.Hour {
		from, to = minTime(from, today.AddDate(0, -6, 0)), maxTime(to, today.AddDate(0, 6, 0))
	}
	x := func(t time.Time) float64 {
		return math.Round(float64(t.Sub(from))/float64(to.Sub(from))*1000) / 10
	}
	v.From, v.To = from.In(london).Format("Jan 2006"), to.In(london).Format("Jan 2006")
	v.TodayX = x(today)
	for _, p := range list.Items {
		r := timelineRow{Slug: p.Slug, Title: p.Title, Phase: p.Phase, Started: or(formatDate(p.PhaseStart), "Not set"),
			Ends: or(formatDate(p.PhaseEnd), "Not set"), TodayX: v.TodayX}
		if o := p.Expand.Organisation; o != nil {
			r.OrgSlug, r.OrgName = o.Slug, o.Name
		}
		start, hasStart := at(p.PhaseStart)
		end, hasEnd := at(p.PhaseEnd)
		x1, x2 := 0.0, 100.0
		if hasStart {
			x1 = x(start)
		}
		if hasEnd {
			x2 = x(end)
		}
		left, width := math.Min(x1, x2), math.Max(math.Abs(x2-x1), 0.8)
		r.X, r.W = math.Min(left, 100-width), width
		r.Open = !hasStart || !hasEnd
		r.HasStartTick, r.StartTick = hasStart && !hasEnd, math.Min(x1, 99.2)
		r.HasEndTick, r.EndTick = !hasStart && hasEnd, math.Max(x2-0.8, 0)
		v.Rows = append(v.Rows, r)
	}
	return s.render(e, http.StatusOK, "timeline", Page{Title: "Timeline of phases across councils", Page: "timeline", Script: "yes",
		Canonical: absolute(e.App, "/timeline"), Data: v})
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
