package hooks

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"pipeline/hooks/similarity"
)

// Remote projects: the published projects of trusted peers, kept from
// their Create and Update activities and from their outboxes (cron
// sync_peers), and removed by their Delete activities, when a project no
// longer appears in its outbox, and when its peer is blocked or removed.
// Each is matched to the local organisation of the same council (by GSS
// code, or by slug where there is none), and joins the similarity index
// and the search of remote projects.

// remoteIndexPrefix marks a remote project's id in the similarity index.
const remoteIndexPrefix = "r:"

var markup = regexp.MustCompile(`(?s)<[^>]*>`)

// plainText is HTML as plain text: paragraphs kept as blank lines, every
// other tag dropped, entities read.
func plainText(s string) string {
	s = strings.NewReplacer("</p>", "\n\n", "<br>", "\n", "<br/>", "\n", "<br />", "\n").Replace(s)
	s = html.UnescapeString(markup.ReplaceAllString(s, ""))
	return strings.TrimSpace(s)
}

// clipText cuts s to at most n runes.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// remoteDate reads an ActivityStreams date or date-time.
func remoteDate(v any) string {
	s := asString(v)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Stamp(t).String()
		}
	}
	return ""
}

// stringList reads a list of strings (or one string).
func stringList(v any) []string {
	out := []string{}
	switch t := v.(type) {
	case string:
		out = append(out, t)
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// keepRemoteProject keeps a trusted peer's project from its object, after
// checking that the object is the actor's own: on the actor's server and
// attributed to it. An older version than the one kept changes nothing.
func keepRemoteProject(app core.App, actor remoteActor, obj map[string]any, now time.Time) error {
	peer, err := trustedPeer(app, actor.URI)
	if err != nil {
		return err
	}
	uri := asString(obj["id"])
	if originOf(uri) != originOf(actor.URI) || withoutFragment(asString(obj["attributedTo"])) != actor.URI {
		return fmt.Errorf("%w: the project %s is not %s's", errRefusedActivity, uri, actor.URI)
	}
	title := clipText(strings.TrimSpace(asString(obj["name"])), 300)
	if title == "" {
		return fmt.Errorf("%w: the project %s has no name", errRefusedActivity, uri)
	}
	page := asString(obj["url"])
	if originOf(page) != originOf(uri) {
		page = uri
	}
	tags := []string{}
	if list, ok := obj["tag"].([]any); ok {
		for _, t := range list {
			if m, ok := t.(map[string]any); ok && asString(m["type"]) == "Hashtag" {
				if name := strings.TrimPrefix(asString(m["name"]), "#"); name != "" && len(tags) < 30 {
					tags = append(tags, clipText(name, 60))
				}
			}
		}
	}
	updated := remoteDate(obj["updated"])
	col, err := app.FindCachedCollectionByNameOrId(ColRemoteProjects)
	if err != nil {
		return err
	}
	rec, err := app.FindFirstRecordByData(ColRemoteProjects, "uri", uri)
	if err != nil {
		rec = core.NewRecord(col)
	} else if rec.GetString("actor") != actor.URI && rec.GetDateTime("goneAt").IsZero() {
		// (A project gone from one organisation may come back from another
		// of the same server: it moved.)
		return fmt.Errorf("%w: the project %s is another actor's", errRefusedActivity, uri)
	} else if updated != "" && rec.GetString("remoteUpdated") > updated {
		return nil // an older version, delivered late
	}
	orgName := actor.Name
	gss := actor.GSS // the organisation's own word, before its project's
	if gss == "" {
		gss = asString(obj["gss"])
	}
	rec.Set("uri", uri)
	rec.Set("peer", peer.Id)
	rec.Set("actor", actor.URI)
	rec.Set("organisationName", clipText(orgName, 300))
	rec.Set("organisation", matchOrganisation(app, gss, actor.Username))
	rec.Set("gss", clipText(gss, 20))
	rec.Set("title", title)
	rec.Set("summary", clipText(plainText(asString(obj["summary"])), 2000))
	rec.Set("description", clipText(plainText(asString(obj["content"])), 20000))
	rec.Set("phase", clipText(asString(obj["phase"]), 40))
	rec.Set("tags", tags)
	rec.Set("seeking", stringList(obj["seeking"]))
	rec.Set("phaseStart", remoteDate(obj["phaseStart"]))
	rec.Set("phaseEnd", remoteDate(obj["phaseEnd"]))
	rec.Set("published", remoteDate(obj["published"]))
	rec.Set("remoteUpdated", updated)
	rec.Set("url", page)
	rec.Set("goneAt", "") // shared again
	if err := app.Save(rec); err != nil {
		return fmt.Errorf("%w: keep the project %s: %v", errRefusedActivity, uri, err)
	}
	return nil
}

// matchOrganisation is the local organisation of a remote one: the one
// with its GSS code or, when neither has one, its slug; "" when there is
// none. (A council, which has a GSS code, is never matched by slug: a
// peer's "leeds" without one is not Leeds City Council.)
func matchOrganisation(app core.App, gss, slug string) string {
	if gss != "" {
		if org, err := app.FindFirstRecordByData(ColOrganisations, "gssCode", gss); err == nil {
			return org.Id
		}
		return ""
	}
	if slug == "" {
		return ""
	}
	if org, err := app.FindFirstRecordByData(ColOrganisations, "slug", strings.ToLower(slug)); err == nil && org.GetString("gssCode") == "" {
		return org.Id
	}
	return ""
}

// noteRemoteUpdate records a status update of a remote project.
func noteRemoteUpdate(app core.App, actor remoteActor, note map[string]any) error {
	project := asString(note["context"])
	if project == "" {
		project = asString(note["inReplyTo"])
	}
	rec, err := app.FindFirstRecordByData(ColRemoteProjects, "uri", project)
	if err != nil || rec.GetString("actor") != actor.URI {
		return nil // not a project kept here
	}
	rec.Set("lastUpdate", clipText(plainText(asString(note["content"])), 2000))
	if at := remoteDate(note["published"]); at != "" {
		rec.Set("lastUpdateAt", at)
	}
	if err := app.Save(rec); err != nil {
		return fmt.Errorf("note an update of %s: %w", project, err)
	}
	return nil
}

// deleteRemote removes what an actor deleted: its project, or an interest
// it had sent.
func deleteRemote(app core.App, actor remoteActor, id string) error {
	if rec, err := app.FindFirstRecordByData(ColRemoteProjects, "uri", id); err == nil {
		if rec.GetString("actor") != actor.URI {
			return fmt.Errorf("%w: the project %s is another actor's", errRefusedActivity, id)
		}
		return removeRemoteProjects(app, []*core.Record{rec})
	}
	return withdrawRemoteInterest(app, actor, id)
}

// removeRemoteProjects takes remote projects away: each is deleted, or,
// when an officer's interest names it, kept as gone (goneAt), out of every
// list, so the interest keeps its project and its answer can still come.
func removeRemoteProjects(app core.App, recs []*core.Record) error {
	for _, rec := range recs {
		var named int
		if err := app.DB().NewQuery("SELECT COUNT(*) FROM interests WHERE remoteProject = {:r}").
			Bind(dbx.Params{"r": rec.Id}).Row(&named); err != nil {
			return fmt.Errorf("find interests in %s: %w", rec.GetString("uri"), err)
		}
		if named == 0 {
			if err := app.Delete(rec); err != nil {
				return fmt.Errorf("remove the remote project %s: %w", rec.GetString("uri"), err)
			}
			continue
		}
		if !rec.GetDateTime("goneAt").IsZero() {
			continue
		}
		rec.Set("goneAt", types.NowDateTime())
		if err := app.Save(rec); err != nil {
			return fmt.Errorf("mark the remote project %s gone: %w", rec.GetString("uri"), err)
		}
	}
	return nil
}

// removePeerProjects takes away every remote project of a peer.
func removePeerProjects(app core.App, peerID string) (int, error) {
	recs, err := app.FindAllRecords(ColRemoteProjects, dbx.HashExp{"peer": peerID, "goneAt": ""})
	if err != nil {
		return 0, fmt.Errorf("find the projects of a peer: %w", err)
	}
	return len(recs), removeRemoteProjects(app, recs)
}

// indexRemoteProject puts a saved remote project into the similarity
// index, and marks due the stored lists of the local projects it may
// enter or leave.
func indexRemoteProject(e *core.RecordEvent) error {
	ix, err := similarIndexOf(e.App)
	if err != nil {
		e.App.Logger().Error("federation: index a remote project", "error", err)
		return e.Next()
	}
	rec := e.Record
	id := remoteIndexPrefix + rec.Id
	due := localNeighbours(ix, id)
	if rec.GetDateTime("goneAt").IsZero() {
		ix.Put(id, remoteIndexOrg(rec), true, remoteText(rec))
		due = append(due, localNeighbours(ix, id)...)
	} else {
		ix.Remove(id)
	}
	markRemoteNeighbours(e.App, due)
	return e.Next()
}

// localNeighbours are the local projects nearest an indexed project.
func localNeighbours(ix *similarity.Index, id string) []string {
	var out []string
	for _, h := range ix.Similar(similarity.Query{ID: id, Limit: similarReach, MinScore: similarity.DefaultMinScore}) {
		if !strings.HasPrefix(h.ID, remoteIndexPrefix) {
			out = append(out, h.ID)
		}
	}
	return out
}

// markRemoteNeighbours marks local projects' stored lists due.
func markRemoteNeighbours(app core.App, due []string) {
	if err := markSimilarDue(app, due); err != nil {
		app.Logger().Error("federation: mark similar lists due", "error", err)
	}
}

// remoteIndexOrg is the organisation a remote project counts as in the
// similarity index: the matching local one, or its actor.
func remoteIndexOrg(rec *core.Record) string {
	if org := rec.GetString("organisation"); org != "" {
		return org
	}
	return "remote:" + rec.GetString("actor")
}

// unindexRemoteProject takes a deleted remote project out of the index.
func unindexRemoteProject(e *core.RecordEvent) error {
	if ix, err := similarIndexOf(e.App); err == nil {
		due := localNeighbours(ix, remoteIndexPrefix+e.Record.Id)
		ix.Remove(remoteIndexPrefix + e.Record.Id)
		markRemoteNeighbours(e.App, due)
	}
	return e.Next()
}

// remoteText is a remote project's text, as the similarity index reads it.
func remoteText(rec *core.Record) similarity.Text {
	return similarity.Text{Title: rec.GetString("title"), Summary: rec.GetString("summary"),
		Description: rec.GetString("description"), Tags: rec.GetStringSlice("tags")}
}

// removeProjectsOnPeerChange removes a peer's projects as soon as it is
// blocked (or no longer trusted), and deletes its follows and pending
// deliveries when it is blocked.
func removeProjectsOnPeerChange(e *core.RecordEvent) error {
	if err := e.Next(); err != nil {
		return err
	}
	if e.Record.GetString("state") == PeerTrusted {
		return nil
	}
	if _, err := removePeerProjects(e.App, e.Record.Id); err != nil {
		return err
	}
	if e.Record.GetString("state") == PeerBlocked {
		return forgetPeer(e.App, e.Record.GetString("url"))
	}
	return nil
}

// removeProjectsWithPeer takes a removed peer's projects away first.
func removeProjectsWithPeer(e *core.RecordEvent) error {
	if _, err := removePeerProjects(e.App, e.Record.Id); err != nil {
		return err
	}
	if err := forgetPeer(e.App, e.Record.GetString("url")); err != nil {
		return err
	}
	return e.Next()
}

// forgetPeer drops a blocked peer's followers and what was to be sent to
// it.
func forgetPeer(app core.App, origin string) error {
	like := dbx.Params{"o": origin + "/%"}
	if _, err := app.DB().NewQuery("DELETE FROM pipeline_ap_followers WHERE actor LIKE {:o}").Bind(like).Execute(); err != nil {
		return fmt.Errorf("forget a blocked peer's followers: %w", err)
	}
	if _, err := app.DB().NewQuery("UPDATE pipeline_ap_deliveries SET state = 'failed', lastError = 'the peer is blocked' WHERE state = 'pending' AND inbox LIKE {:o}").
		Bind(like).Execute(); err != nil {
		return fmt.Errorf("stop deliveries to a blocked peer: %w", err)
	}
	if _, err := app.DB().NewQuery("DELETE FROM pipeline_ap_following WHERE actor LIKE {:o}").Bind(like).Execute(); err != nil {
		return fmt.Errorf("forget follows of a blocked peer: %w", err)
	}
	return nil
}
