package hooks

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// SearchParamsFrom reads a search from an address's query string, the same
// names the projects list uses: q, phase (repeatable), organisation,
// nation, region, seeking (repeatable), updatedSince (a date, or a number
// of days), dormant=1, call=open, sort, page, perPage.
func SearchParamsFrom(q url.Values, now time.Time) SearchParams {
	p := SearchParams{
		Query:        q.Get("q"),
		Organisation: q.Get("organisation"),
		Nation:       q.Get("nation"),
		Region:       q.Get("region"),
		Dormant:      q.Get("dormant") == "1" || q.Get("dormant") == "true",
		OpenCall:     q.Get("call") == "open",
		Sort:         q.Get("sort"),
	}
	for _, ph := range q["phase"] {
		if slices.Contains(Phases, ph) {
			p.Phases = append(p.Phases, ph)
		}
	}
	for _, s := range q["seeking"] {
		if slices.Contains([]string{"partners", "funding", "skills", "research", "reuse", "conversation"}, s) {
			p.Seeking = append(p.Seeking, s)
		}
	}
	if since := q.Get("updatedSince"); since != "" {
		if days, err := strconv.Atoi(since); err == nil && days > 0 && days < 36500 {
			// To the minute, so that repeated lists share a cached answer.
			p.UpdatedSince = now.AddDate(0, 0, -days).Truncate(time.Minute)
		} else if t, err := time.Parse("2006-01-02", since); err == nil {
			p.UpdatedSince = t
		}
	}
	p.Page, _ = strconv.Atoi(q.Get("page"))
	p.PerPage, _ = strconv.Atoi(q.Get("perPage"))
	return p
}

// searchRoute: GET /api/pipeline/search. Visitors see published projects;
// approved officers also see their own organisation's drafts.
func searchRoute(e *core.RequestEvent) error {
	p := SearchParamsFrom(e.Request.URL.Query(), time.Now())
	if c := callerOf(e); c.approved() {
		p.ViewerOrganisation = c.organisation()
	}
	return serveCached(e, searchCacheKey(p), func() (any, error) {
		res, err := Search(e.App, p)
		if err != nil {
			return nil, e.InternalServerError("Search failed.", err)
		}
		return res, nil
	})
}

// searchCacheKey names a search's answer in the answer cache: every
// parameter, the viewer's organisation included.
func searchCacheKey(p SearchParams) string {
	b, _ := json.Marshal(p) // plain strings, numbers and a time: cannot fail
	return "search:" + string(b)
}
