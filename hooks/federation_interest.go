package hooks

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Interest across instances. An officer's interest in a remote project is
// an interests record with remoteProject; it travels to the project's
// origin as a Create of an Interest object (its id is this instance's
// /ap/interests/{id}), signed by the officer's organisation, and its
// withdrawal or renewal as an Update. At the origin it becomes an interest
// from "an officer of <council> via <host>", with no local user, that the
// owner answers as any other; the answer comes back as Accept
// (acknowledged, collaborating) or Reject (declined), changes the
// officer's interest and so reaches their inbox and email.

// interestURI is the address of an interest sent from this instance.
func interestURI(app core.App, id string) string { return instanceBase(app) + "/ap/interests/" + id }

// interestObject is an interest as an ActivityStreams object.
func interestObject(app core.App, in, org, remote *core.Record) map[string]any {
	return map[string]any{"id": interestURI(app, in.Id), "type": "Interest", "attributedTo": actorURL(app, org.GetString("slug")),
		"object": remote.GetString("uri"), "kind": in.GetString("kind"), "state": in.GetString("state"),
		"content": in.GetString("message"), "published": in.GetDateTime("created").Time().UTC().Format(time.RFC3339),
		"organisationName": org.GetString("name"), "gss": org.GetString("gssCode")}
}

// sendInterest sends an interest in a remote project (typ Create or
// Update) to its origin, in the save's transaction.
func sendInterest(app core.App, in *core.Record, typ string) error {
	remote, err := app.FindRecordById(ColRemoteProjects, in.GetString("remoteProject"))
	if err != nil {
		return fieldError("remoteProject", "pipeline_not_found", "Choose a project.")
	}
	org, err := app.FindRecordById(ColOrganisations, in.GetString("organisation"))
	if err != nil {
		return fieldError("organisation", "pipeline_not_found", "Only an officer of an organisation can express interest in another Pipeline's project.")
	}
	actor := remote.GetString("actor")
	inbox := actor + "/inbox"
	if a, ok := cachedActor(app, actor); ok {
		inbox = a.Inbox
	}
	now := time.Now()
	self := actorURL(app, org.GetString("slug"))
	act := map[string]any{"@context": []any{"https://www.w3.org/ns/activitystreams", pipelineContext(app)},
		"id": interestURI(app, in.Id) + "#" + typ + "-" + fmt.Sprint(now.UnixMilli()), "type": typ, "actor": self, "to": []string{actor},
		"object": interestObject(app, in, org, remote)}
	return enqueueActivity(app, org.Id, act, []string{inbox}, now)
}

// federateInterestCreate sends a new interest in a remote project.
func federateInterestCreate(e *core.RecordEvent) error {
	if e.Record.GetString("remoteProject") == "" {
		return e.Next()
	}
	return inTransaction(e, func(tx core.App) error { return sendInterest(tx, e.Record, "Create") })
}

// federateInterestUpdate sends a change to an interest in a remote project
// (withdrawn, renewed, edited), or the owner's answer to an interest that
// came from another instance.
func federateInterestUpdate(e *core.RecordEvent) error {
	in, orig := e.Record, e.Record.Original()
	switch {
	case in.GetString("remoteProject") != "" && in.GetString("remoteId") == "":
		// The officer's own change (withdrawn, renewed, edited) goes to the
		// origin; an answer received from it is not sent back.
		answered := in.GetString("state") != orig.GetString("state") &&
			slices.Contains([]string{InterestAcknowledged, InterestCollaborating, InterestDeclined}, in.GetString("state"))
		changed := slices.ContainsFunc([]string{"state", "kind", "message"}, func(f string) bool { return in.GetString(f) != orig.GetString(f) })
		if answered || !changed {
			return e.Next()
		}
		return inTransaction(e, func(tx core.App) error { return sendInterest(tx, in, "Update") })
	case in.GetString("remoteId") != "" && in.GetString("state") != orig.GetString("state"):
		state := in.GetString("state")
		if !slices.Contains([]string{InterestAcknowledged, InterestCollaborating, InterestDeclined}, state) {
			return e.Next()
		}
		return inTransaction(e, func(tx core.App) error { return sendAnswer(tx, in, state) })
	}
	return e.Next()
}

// sendAnswer sends the owner's answer to an interest from another
// instance.
func sendAnswer(app core.App, in *core.Record, state string) error {
	p, err := app.FindRecordById(ColProjects, in.GetString("project"))
	if err != nil {
		return nil
	}
	org, err := app.FindRecordById(ColOrganisations, p.GetString("organisation"))
	if err != nil {
		return nil
	}
	typ := "Accept"
	if state == InterestDeclined {
		typ = "Reject"
	}
	to := in.GetString("remoteActor")
	inbox := to + "/inbox"
	if a, ok := cachedActor(app, to); ok {
		inbox = a.Inbox
	}
	now := time.Now()
	self := actorURL(app, org.GetString("slug"))
	act := map[string]any{"@context": []any{"https://www.w3.org/ns/activitystreams", pipelineContext(app)},
		"id": self + "#answer-" + shortHash(in.GetString("remoteId")+state+fmt.Sprint(now.UnixMilli())), "type": typ, "actor": self,
		"to": []string{to}, "object": in.GetString("remoteId"), "state": state, "target": instanceBase(app) + "/projects/" + p.GetString("slug")}
	return enqueueActivity(app, org.Id, act, []string{inbox}, now)
}

// receiveInterest keeps an interest (Create) or its change (Update) sent
// from a trusted peer about one of this instance's published projects.
func receiveInterest(app core.App, actor remoteActor, typ string, obj map[string]any, now time.Time) error {
	id := asString(obj["id"])
	if originOf(id) != originOf(actor.URI) || withoutFragment(asString(obj["attributedTo"])) != actor.URI {
		return fmt.Errorf("%w: the interest %s is not %s's", errRefusedActivity, id, actor.URI)
	}
	kind := asString(obj["kind"])
	if kind == InterestFollowing || !slices.Contains([]string{InterestJoin, InterestReuse, InterestSimilar, InterestContribute}, kind) {
		return fmt.Errorf("%w: the interest %s is of no known kind", errRefusedActivity, id)
	}
	message := clipText(plainText(asString(obj["content"])), 2000)
	existing, err := app.FindFirstRecordByData(ColInterests, "remoteId", id)
	if err == nil {
		if existing.GetString("remoteActor") != actor.URI {
			return fmt.Errorf("%w: the interest %s is another actor's", errRefusedActivity, id)
		}
		from, to := existing.GetString("state"), asString(obj["state"])
		if from == InterestDeclined {
			return nil // a declined interest stays declined
		}
		existing.Set("kind", kind)
		existing.Set("message", message)
		if to == InterestWithdrawn || (to == InterestOpen && from == InterestWithdrawn) {
			existing.Set("state", to)
		}
		if err := app.Save(existing); err != nil {
			return fmt.Errorf("change the interest %s: %w", id, err)
		}
		return nil
	}
	if typ != "Create" && asString(obj["state"]) != InterestOpen {
		return nil // a change to an interest never received here, and not open: nothing to keep
	}
	slug, ok := strings.CutPrefix(asString(obj["object"]), instanceBase(app)+"/projects/")
	if !ok {
		return fmt.Errorf("%w: the interest %s is not about a project here", errRefusedActivity, id)
	}
	p, err := app.FindFirstRecordByData(ColProjects, "slug", slug)
	if err != nil || p.GetString("visibility") != VisibilityPublished {
		return fmt.Errorf("%w: no such project", errRefusedActivity)
	}
	col, err := app.FindCachedCollectionByNameOrId(ColInterests)
	if err != nil {
		return err
	}
	name := clipText(strings.TrimSpace(asString(obj["organisationName"])), 300)
	if name == "" {
		name = actor.Name
	}
	gss := actor.GSS
	if gss == "" {
		gss = asString(obj["gss"])
	}
	in := core.NewRecord(col)
	in.Set("project", p.Id)
	in.Set("organisation", matchOrganisation(app, gss, actor.Username))
	in.Set("kind", kind)
	in.Set("message", message)
	in.Set("state", InterestOpen)
	in.Set("remoteActor", actor.URI)
	in.Set("remoteOrganisation", name)
	in.Set("remoteVia", hostOf(actor.URI))
	in.Set("remoteId", id)
	if err := app.Save(in); err != nil {
		return fmt.Errorf("%w: keep the interest %s: %v", errRefusedActivity, id, err)
	}
	return nil
}

// hostOf is an address's host.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

// answerInterest applies the origin's answer to an interest sent from
// here.
func answerInterest(app core.App, actor remoteActor, act map[string]any, objID string, now time.Time) error {
	id, ok := strings.CutPrefix(objID, instanceBase(app)+"/ap/interests/")
	if !ok {
		return nil
	}
	in, err := app.FindRecordById(ColInterests, id)
	if err != nil || in.GetString("remoteProject") == "" {
		return fmt.Errorf("%w: no such interest", errRefusedActivity)
	}
	remote, err := app.FindRecordById(ColRemoteProjects, in.GetString("remoteProject"))
	if err != nil || remote.GetString("actor") != actor.URI {
		return fmt.Errorf("%w: the interest was not sent to %s", errRefusedActivity, actor.URI)
	}
	state := asString(act["state"])
	if asString(act["type"]) == "Reject" {
		state = InterestDeclined
	}
	if !slices.Contains([]string{InterestAcknowledged, InterestCollaborating, InterestDeclined}, state) {
		state = InterestAcknowledged
	}
	if in.GetString("state") == state || in.GetString("state") == InterestWithdrawn {
		return nil
	}
	in.Set("state", state)
	if in.GetDateTime("respondedAt").IsZero() {
		in.Set("respondedAt", types.NowDateTime())
	}
	if state == InterestDeclined {
		in.Set("declinedAt", types.NowDateTime())
	}
	if err := app.Save(in); err != nil {
		return fmt.Errorf("answer the interest %s: %w", id, err)
	}
	return nil
}

// withdrawRemoteInterest withdraws an interest its sender deleted.
func withdrawRemoteInterest(app core.App, actor remoteActor, id string) error {
	in, err := app.FindFirstRecordByData(ColInterests, "remoteId", id)
	if err != nil {
		return nil
	}
	if in.GetString("remoteActor") != actor.URI {
		return fmt.Errorf("%w: the interest %s is another actor's", errRefusedActivity, id)
	}
	if in.GetString("state") == InterestDeclined || in.GetString("state") == InterestWithdrawn {
		return nil
	}
	in.Set("state", InterestWithdrawn)
	if err := app.Save(in); err != nil {
		return fmt.Errorf("withdraw the interest %s: %w", id, err)
	}
	return nil
}

// describeInterested names who expressed an interest: a person and their
// organisation, or an officer of a council on another Pipeline.
func describeInterested(app core.App, in *core.Record) string {
	if in.GetString("user") == "" && in.GetString("remoteOrganisation") != "" {
		return DescribeRemote(in.GetString("remoteOrganisation"), in.GetString("remoteVia"))
	}
	return describeUser(app, in.GetString("user"))
}

// DescribeRemote names an officer of another Pipeline's council.
func DescribeRemote(org, via string) string {
	return "An officer of " + org + " via " + via
}

// remoteInterestDeclinedRecently refuses an officer's new interest in a
// remote project declined less than Config.InterestRetry ago.
func remoteInterestDeclinedRecently(app core.App, user, remote string, now time.Time) (time.Time, error) {
	recs, err := app.FindRecordsByFilter(ColInterests, "user = {:u} && remoteProject = {:r} && state = {:s}", "-declinedAt,-updated", 1, 0,
		dbx.Params{"u": user, "r": remote, "s": InterestDeclined})
	if err != nil || len(recs) == 0 {
		return time.Time{}, err
	}
	cfg, err := LoadConfig(app)
	if err != nil {
		return time.Time{}, err
	}
	if until := declinedAt(recs[0]).Add(cfg.InterestRetry); now.Before(until) {
		return until, nil
	}
	return time.Time{}, nil
}

// interestValidate checks, on every save, that an interest is about one
// project (here, or of another Pipeline) and is someone's: a local
// officer's, or an officer's of another Pipeline (remoteActor).
func interestValidate(e *core.RecordEvent) error {
	r := e.Record
	local, remote := r.GetString("project"), r.GetString("remoteProject")
	switch {
	case local == "" && remote == "":
		return fieldError("project", "validation_required", "Cannot be blank.")
	case local != "" && remote != "":
		return fieldError("remoteProject", "pipeline_one_project", "Choose one project.")
	case r.GetString("user") == "" && r.GetString("remoteActor") == "":
		return fieldError("user", "validation_required", "Cannot be blank.")
	case r.GetString("remoteActor") != "" && (local == "" || r.GetString("user") != ""):
		return fieldError("remoteActor", "pipeline_invalid", "An interest from another Pipeline is about a project here, from no one here.")
	}
	return e.Next()
}
