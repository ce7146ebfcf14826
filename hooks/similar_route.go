package hooks

import (
	"encoding/json"
	"strconv"

	"github.com/pocketbase/pocketbase/core"
)

// similarRoute: GET /api/pipeline/similar?project=<id> or ?text=<title and
// summary>. It answers {"items":[{id, slug, title, phase, organisation,
// score}]}: other organisations' projects, most similar first.
func similarRoute(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	sq := SimilarQuery{Limit: limit}
	c := callerOf(e)
	if c.approved() {
		sq.IncludeDraftsOf = c.organisation()
	}
	if id := q.Get("project"); id != "" {
		p, err := viewableRecord(e, ColProjects, id, "No such project.")
		if err != nil {
			return err
		}
		sq.Text, sq.ExcludeOrg, sq.ExcludeProject = ProjectText(p), p.GetString("organisation"), p.Id
	} else {
		sq.Text = q.Get("text")
		if len(sq.Text) > 2000 {
			sq.Text = sq.Text[:2000]
		}
		sq.ExcludeOrg = q.Get("organisation")
		if sq.ExcludeOrg == "" {
			sq.ExcludeOrg = c.organisation()
		}
	}
	if sq.IncludeDraftsOf == sq.ExcludeOrg {
		sq.IncludeDraftsOf = ""
	}
	return serveCached(e, similarCacheKey(sq), func() (any, error) {
		items, err := Similar(e.App, sq)
		if err != nil {
			return nil, e.InternalServerError("", err)
		}
		return map[string]any{"items": items}, nil
	})
}

// similarCacheKey names a similar-projects answer in the answer cache.
func similarCacheKey(q SimilarQuery) string {
	b, _ := json.Marshal(q) // plain strings and a number: cannot fail
	return "similar:" + string(b)
}
