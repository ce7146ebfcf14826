package hooks

import (
	"fmt"
	"strings"

	"pipeline/hooks/similarity"

	"github.com/pocketbase/pocketbase/core"
)

// similarNotifyCorpus is how many public projects an instance needs before
// owners are emailed about similar ones: with fewer, how rare a word is
// means little, and projects that share only "online" or "register" would
// look alike.
const similarNotifyCorpus = 50

// notifySimilarOwners tells the owners of the three projects most like a
// newly published one, in other councils, that it exists, and why they
// look alike: only close matches (similarity.NotifyMinScore), and each
// person once.
func notifySimilarOwners(app core.App, p *core.Record) error {
	ix, err := similarIndexOf(app)
	if err != nil {
		return err
	}
	if ix.Public() < similarNotifyCorpus {
		return nil // too few projects to tell a telling word from a common one
	}
	t := ProjectText(p)
	hits, err := Similar(app, SimilarQuery{Project: p.Id, Title: t.Title, Text: t.Summary, Description: t.Description, Tags: t.Tags,
		ExcludeOrg: p.GetString("organisation"), Limit: 3, MinScore: similarity.NotifyMinScore})
	if err != nil {
		return err
	}
	orgName := "Another council"
	if org, err := app.FindRecordById(ColOrganisations, p.GetString("organisation")); err == nil {
		orgName = org.GetString("name")
	}
	told := map[string]bool{p.GetString("owner"): true}
	for _, h := range hits {
		match, err := app.FindRecordById(ColProjects, h.Id)
		if err != nil {
			continue
		}
		// Each person hears once, of the closest of their projects.
		var to []string
		for _, uid := range ownerOrAdmins(app, match) {
			if !told[uid] {
				told[uid] = true
				to = append(to, uid)
			}
		}
		err = notify(app, Notice{
			Kind: KindSimilarProject, Project: match.Id, URL: projectPath(p),
			Title: fmt.Sprintf("%s has published a project like %s: %s", orgName, match.GetString("title"), p.GetString("title")),
			Body:  strings.TrimSpace(p.GetString("summary") + "\n\nWhy we think they are alike: " + similarWhy(h)),
		}, p.GetString("owner"), to...)
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
