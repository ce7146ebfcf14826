package hooks

import (
	"encoding/json"
	"fmt"
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
		sq.Text, sq.ExcludeOrg, sq.ExcludeProject = projectText(p), p.GetString("organisation"), p.Id
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

// similarNotifyScore is how alike (relative to a project's match with
// itself) another project must be for its owner to be told.
const similarNotifyScore = 0.3

// notifySimilarOwners tells the owners of the three projects most like a
// newly published one, in other councils, that it exists.
func notifySimilarOwners(app core.App, p *core.Record) error {
	hits, err := Similar(app, SimilarQuery{Text: projectText(p), ExcludeOrg: p.GetString("organisation"), ExcludeProject: p.Id, Limit: 3})
	if err != nil {
		return err
	}
	orgName := "Another council"
	if org, err := app.FindRecordById(ColOrganisations, p.GetString("organisation")); err == nil {
		orgName = org.GetString("name")
	}
	for _, h := range hits {
		if h.Score < similarNotifyScore {
			continue
		}
		match, err := app.FindRecordById(ColProjects, h.Id)
		if err != nil {
			continue
		}
		err = notify(app, Notice{
			Kind: KindSimilarProject, Project: match.Id, URL: projectPath(p),
			Title: fmt.Sprintf("%s has published a project like %s: %s", orgName, match.GetString("title"), p.GetString("title")),
			Body:  p.GetString("summary"),
		}, p.GetString("owner"), ownerOrAdmins(app, match)...)
		if err != nil {
			return err
		}
	}
	return nil
}

// similarCacheKey names a similar-projects answer in the answer cache.
func similarCacheKey(q SimilarQuery) string {
	b, _ := json.Marshal(q) // plain strings and a number: cannot fail
	return "similar:" + string(b)
}

// tellSimilarOwnersOnCreate: when a project is created published, the
// owners of the closest projects in other councils hear of it, in the
// same transaction.
func tellSimilarOwnersOnCreate(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if e.Record.GetString("visibility") != VisibilityPublished {
			return nil
		}
		return notifySimilarOwners(tx, e.Record)
	})
}

// tellSimilarOwnersOnPublish does the same when a draft is published.
func tellSimilarOwnersOnPublish(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if e.Record.GetString("visibility") != VisibilityPublished || e.Record.Original().GetString("visibility") == VisibilityPublished {
			return nil
		}
		return notifySimilarOwners(tx, e.Record)
	})
}
