package hooks

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// similarNotifyScore is how alike (relative to a project's match with
// itself) another project must be for its owner to be told.
const similarNotifyScore = 0.3

// notifySimilarOwners tells the owners of the three projects most like a
// newly published one, in other councils, that it exists.
func notifySimilarOwners(app core.App, p *core.Record) error {
	hits, err := Similar(app, SimilarQuery{Text: ProjectText(p), ExcludeOrg: p.GetString("organisation"), ExcludeProject: p.Id, Limit: 3})
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
