package hooks

import (
	"html"
	"slices"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// What this instance tells the network. A project published goes out as
// Create, a published project changed (retiring it included) as Update,
// unpublished or deleted as Delete, and a status update as a Create of a
// Note linking to the project, all to the organisation's followers (peers
// and fediverse accounts), stored in the same transaction as the change.
// Drafts never leave the instance.

// federatedFields are the fields a project's object is made of: a change
// to any of them is news to followers.
var federatedFields = []string{"title", "summary", "description", "phase", "tags", "seeking", "phaseStart", "phaseEnd", "slug", "organisation"}

// projectActivity wraps a project's object (or its tombstone, for Delete)
// in an activity of typ at now.
func projectActivity(app core.App, typ string, p, org *core.Record, now time.Time) map[string]any {
	actor := actorURL(app, org.GetString("slug"))
	uri := instanceBase(app) + "/projects/" + p.GetString("slug")
	var obj any
	if typ == "Delete" {
		obj = map[string]any{"id": uri, "type": "Tombstone", "formerType": "Page"}
	} else {
		o := ProjectObject(app, p, org)
		delete(o, "@context")
		obj = o
	}
	return map[string]any{
		"@context":  []any{"https://www.w3.org/ns/activitystreams", pipelineContext(app)},
		"id":        uri + "#" + typ + "-" + strconv.FormatInt(now.UnixMilli(), 10),
		"type":      typ,
		"actor":     actor,
		"published": now.UTC().Format(time.RFC3339),
		"to":        []string{asPublic},
		"cc":        []string{actor + "/followers"},
		"object":    obj,
	}
}

// tellFollowers stores an activity of the organisation for each of its
// followers' inboxes.
func tellFollowers(app core.App, orgID string, act map[string]any, now time.Time) error {
	inboxes, err := followerInboxes(app, orgID)
	if err != nil || len(inboxes) == 0 {
		return err
	}
	return enqueueActivity(app, orgID, act, inboxes, now)
}

// projectNews is the activity a project's save is, if any: Create when it
// is published now, Update when a published project's object changed,
// Delete when it is no longer published.
func projectNews(p *core.Record, created bool) string {
	now := p.GetString("visibility") == VisibilityPublished
	was := !created && p.Original().GetString("visibility") == VisibilityPublished
	switch {
	case now && !was:
		return "Create"
	case !now && was:
		return "Delete"
	case now && slices.ContainsFunc(federatedFields, func(f string) bool {
		return p.Original().GetString(f) != p.GetString(f)
	}):
		return "Update"
	}
	return ""
}

// federateProjectSave tells followers of a project published, changed or
// unpublished, in the save's transaction. A project that moves to another
// address or organisation is a new object: the old one is deleted (for the
// old organisation's followers) and the new one created.
func federateProjectSave(e *core.RecordEvent) error {
	created := e.Record.IsNew()
	typ := projectNews(e.Record, created)
	if typ == "" {
		return e.Next()
	}
	return inTransaction(e, func(tx core.App) error {
		p, orig := e.Record, e.Record.Original()
		now := time.Now()
		tell := func(typ string, rec *core.Record) error {
			org, err := tx.FindRecordById(ColOrganisations, rec.GetString("organisation"))
			if err != nil {
				return nil // no organisation: nobody follows it
			}
			return tellFollowers(tx, org.Id, projectActivity(tx, typ, rec, org, now), now)
		}
		switch {
		case typ == "Delete":
			return tell("Delete", orig)
		case typ == "Update" && (orig.GetString("slug") != p.GetString("slug") || orig.GetString("organisation") != p.GetString("organisation")):
			if err := tell("Delete", orig); err != nil {
				return err
			}
			return tell("Create", p)
		}
		return tell(typ, p)
	})
}

// federateProjectDelete tells followers of a published project deleted.
func federateProjectDelete(e *core.RecordEvent) error {
	if e.Record.GetString("visibility") != VisibilityPublished {
		return e.Next()
	}
	return inTransaction(e, func(tx core.App) error {
		org, err := tx.FindRecordById(ColOrganisations, e.Record.GetString("organisation"))
		if err != nil {
			return nil
		}
		return tellFollowers(tx, org.Id, projectActivity(tx, "Delete", e.Record, org, time.Now()), time.Now())
	})
}

// federateStatusUpdate tells followers of a published project's status
// update, as a Note with a link to the project.
func federateStatusUpdate(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		p, err := tx.FindRecordById(ColProjects, e.Record.GetString("project"))
		if err != nil || p.GetString("visibility") != VisibilityPublished {
			return nil
		}
		org, err := tx.FindRecordById(ColOrganisations, p.GetString("organisation"))
		if err != nil {
			return nil
		}
		now := time.Now()
		published := now // a feed's update is dated as its entry
		if c := e.Record.GetDateTime("created"); e.Record.GetString("source") != "" && !c.IsZero() {
			published = c.Time()
		}
		actor := actorURL(tx, org.GetString("slug"))
		page := instanceBase(tx) + "/projects/" + p.GetString("slug")
		id := page + "#update-" + e.Record.Id
		text := e.Record.GetString("body")
		if to := e.Record.GetString("phaseTo"); to != "" {
			text = "Now in " + to + ". " + text
		}
		note := map[string]any{"id": id, "type": "Note", "attributedTo": actor, "context": page, "url": id,
			"published": published.UTC().Format(time.RFC3339), "to": []string{asPublic}, "cc": []string{actor + "/followers"},
			"content": `<p><a href="` + html.EscapeString(page) + `">` + html.EscapeString(p.GetString("title")) + `</a>: ` +
				html.EscapeString(clipText(text, 1000)) + `</p>`}
		act := map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": id + "-create", "type": "Create",
			"actor": actor, "published": note["published"], "to": note["to"], "cc": note["cc"], "object": note}
		return tellFollowers(tx, org.Id, act, now)
	})
}
