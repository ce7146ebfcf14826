package hooks

import (
	"encoding/json"
	"strconv"

	"github.com/pocketbase/pocketbase/core"
)

// similarRoute: GET /api/pipeline/similar?project=<id>, or
// ?title=<title>&text=<summary> as someone types (?text= alone also
// works). It answers {"items":[{id, slug, title, phase, visibility,
// organisation, score, shared}]}: other organisations' projects, most
// similar first, weak matches left out; shared are the words that matched.
// With &scope=own, an approved officer gets their own organisation's
// projects instead, drafts included ("your council already has …").
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
		sq.Project, sq.ExcludeOrg = p.Id, p.GetString("organisation")
	} else {
		sq.Title, sq.Text = clip(q.Get("title"), 300), clip(q.Get("text"), 2000)
		sq.ExcludeOrg = q.Get("organisation")
		if sq.ExcludeOrg == "" {
			sq.ExcludeOrg = c.organisation()
		}
	}
	if q.Get("scope") == "own" {
		if !c.approved() || c.organisation() == "" {
			return e.ForbiddenError("Only approved officers see their own organisation's similar projects.", nil)
		}
		sq.OnlyOrg, sq.ExcludeOrg = c.organisation(), ""
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

// clip cuts s to at most n bytes, on a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// similarCacheKey names a similar-projects answer in the answer cache.
func similarCacheKey(q SimilarQuery) string {
	b, _ := json.Marshal(q) // plain strings and numbers: cannot fail
	return "similar:" + string(b)
}
