package hooks

import (
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Refusals say why. PocketBase checks a collection's create rule before
// any OnRecordCreateRequest hook and, when it fails, answers only "Failed
// to create record." with empty data (a failed delete rule: 404 "wasn't
// found"). explainRefusal runs first, on the record API's routes, and answers the reasons a caller can be
// told, one field each, in PocketBase's error shape (refuse); the custom
// routes answer their refusals the same way. What the caller may not see
// is never a reason: a project or call they cannot view is answered
// exactly as one that does not exist. Whatever it lets through, the rule
// still decides.

// refuse answers 400 with message, naming field and the reason's code.
func refuse(e *core.RequestEvent, field, code, message string) error {
	return e.BadRequestError(message, fieldError(field, code, message))
}

// createChecks are the reasons, collection by collection, that a caller's
// create would fail the create rule. Each returns a refusal or nil.
var createChecks = map[string]func(e *core.RequestEvent, c caller, body map[string]any) error{
	ColProjects:  explainProjectCreate,
	ColInterests: explainInterestCreate,
	ColPledges:   explainPledgeCreate,
	ColUpdates:   explainUpdateCreate,
	ColCalls:     explainCallCreate,
	// funding rounds (round_refusal.go)
	ColRounds:      explainRoundCreate,
	ColBids:        explainBidCreate,
	ColBidPartners: explainBidPartnerCreate,
	ColScores:      explainScoreCreate,
}

// explainRefusal is the router middleware in front of the record API: it
// explains creates (explainCreateRefusal) and deletes
// (explainDeleteRefusal) that PocketBase's rules would refuse without a
// reason.
func explainRefusal(e *core.RequestEvent) error {
	if e.HasSuperuserAuth() || !strings.HasPrefix(e.Request.URL.Path, "/api/collections/") {
		return e.Next()
	}
	switch {
	case e.Request.Method == http.MethodPost && strings.HasSuffix(e.Request.URL.Path, "/records"):
		return explainCreateRefusal(e)
	case e.Request.Method == http.MethodDelete && e.Request.PathValue("id") != "":
		return explainDeleteRefusal(e)
	}
	return e.Next()
}

// explainDeleteRefusal: published work is retired or closed, not deleted
// (the projects delete rule allows drafts only). Someone of the project's
// organisation, who can see it, is told so; anyone else gets PocketBase's
// answer, which for a project they cannot see is the same as for one that
// does not exist.
func explainDeleteRefusal(e *core.RequestEvent) error {
	col, err := e.App.FindCachedCollectionByNameOrId(e.Request.PathValue("collection"))
	if err != nil || col.Name != ColProjects {
		return e.Next()
	}
	p, err := e.App.FindRecordById(ColProjects, e.Request.PathValue("id"))
	if err != nil || p.GetString("visibility") != VisibilityPublished || !callerOf(e).memberOf(p.GetString("organisation")) {
		return e.Next()
	}
	return refuse(e, "id", "pipeline_published",
		"Published projects are not deleted: retire the project (phase retired) or close it as continued elsewhere. Only drafts can be deleted.")
}

// explainCreateRefusal explains a create the collection's create rule
// would refuse.
func explainCreateRefusal(e *core.RequestEvent) error {
	col, err := e.App.FindCachedCollectionByNameOrId(e.Request.PathValue("collection"))
	if err != nil {
		return e.Next()
	}
	check := createChecks[col.Name]
	if check == nil {
		return e.Next()
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.Next() // PocketBase answers a body it cannot read
	}
	c := callerOf(e)
	if c.user == nil {
		return e.BadRequestError("Sign in as an approved officer of an organisation to do this.", nil)
	}
	if err := check(e, c, info.Body); err != nil {
		return err
	}
	return e.Next()
}

// sentText is a field of the body as text, and whether it was sent.
func sentText(body map[string]any, field string) (string, bool) {
	v, ok := body[field]
	if !ok || v == nil {
		return "", false
	}
	s, _ := v.(string)
	return s, true
}

// notApproved refuses a caller whose membership is not approved.
func notApproved(e *core.RequestEvent, c caller) error {
	if c.approved() {
		return nil
	}
	return refuse(e, "organisation", "pipeline_not_approved",
		"Your membership of an organisation must be approved before you can do this.")
}

// forgedIdentity refuses a user or organisation other than the caller's.
func forgedIdentity(e *core.RequestEvent, c caller, body map[string]any, as string) error {
	if u, sent := sentText(body, "user"); sent && u != c.id() {
		return refuse(e, "user", "pipeline_forbidden_field", "You can only "+as+" as yourself: leave this field out.")
	}
	if o, sent := sentText(body, "organisation"); sent && o != c.organisation() {
		return refuse(e, "organisation", "pipeline_forbidden_field",
			"Pipeline sets this to your own organisation: leave this field out.")
	}
	return nil
}

// viewable finds the record id of collection if the caller may view it,
// and refuses field with the same answer when it does not exist.
func viewable(e *core.RequestEvent, collection, field, id, what string) (*core.Record, error) {
	notFound := refuse(e, field, "pipeline_not_found", "No such "+what+".")
	if id == "" {
		return nil, refuse(e, field, "validation_required", "Choose a "+what+".")
	}
	r, err := e.App.FindRecordById(collection, id)
	if err != nil {
		return nil, notFound
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, notFound
	}
	if ok, _ := e.App.CanAccessRecord(r, info, r.Collection().ViewRule); !ok {
		return nil, notFound
	}
	return r, nil
}

func explainProjectCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	org, sent := sentText(body, "organisation")
	if sent && org != "" && org != c.organisation() {
		return refuse(e, "organisation", "pipeline_forbidden_field", "You can only create projects for your own organisation.")
	}
	if err := notApproved(e, c); err != nil {
		return err
	}
	if org == "" {
		return refuse(e, "organisation", "validation_required", "Set this to your own organisation.")
	}
	return nil
}

func explainInterestCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	if err := forgedIdentity(e, c, body, "express interest"); err != nil {
		return err
	}
	if err := notApproved(e, c); err != nil {
		return err
	}
	id, _ := sentText(body, "project")
	if remote, sent := sentText(body, "remoteProject"); sent && remote != "" && id == "" {
		_, err := viewable(e, ColRemoteProjects, "remoteProject", remote, "project")
		return err
	}
	_, err := viewable(e, ColProjects, "project", id, "project")
	return err
}

func explainPledgeCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	if err := forgedIdentity(e, c, body, "pledge"); err != nil {
		return err
	}
	if err := notApproved(e, c); err != nil {
		return err
	}
	id, _ := sentText(body, "call")
	call, err := viewable(e, ColCalls, "call", id, "partner call")
	if err != nil {
		return err
	}
	project, err := e.App.FindRecordById(ColProjects, call.GetString("project"))
	if err != nil || project.GetString("visibility") != VisibilityPublished {
		return refuse(e, "call", "pipeline_not_found", "No such partner call.")
	}
	if project.GetString("organisation") == c.organisation() {
		return refuse(e, "call", "pipeline_own_call", "This is your own organisation's call: other organisations pledge to it.")
	}
	if call.GetString("state") != CallOpen || !call.GetDateTime("deadline").After(types.NowDateTime()) {
		return refuse(e, "call", "pipeline_call_closed", "This partner call is closed.")
	}
	return nil
}

func explainUpdateCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	if err := notApproved(e, c); err != nil {
		return err
	}
	id, _ := sentText(body, "project")
	project, err := viewable(e, ColProjects, "project", id, "project")
	if err != nil {
		return err
	}
	own := project.GetString("organisation") == c.organisation()
	partner := project.GetString("visibility") == VisibilityPublished && c.organisation() != "" &&
		slices.Contains(project.GetStringSlice("partners"), c.organisation())
	if !own && !partner {
		return refuse(e, "project", "pipeline_not_partner", "Only the project's organisation and its partners can post updates.")
	}
	return nil
}

func explainCallCreate(e *core.RequestEvent, c caller, body map[string]any) error {
	if err := notApproved(e, c); err != nil {
		return err
	}
	id, _ := sentText(body, "project")
	project, err := viewable(e, ColProjects, "project", id, "project")
	if err != nil {
		return err
	}
	if project.GetString("organisation") != c.organisation() {
		return refuse(e, "project", "pipeline_not_own", "Only the project's own organisation can open a partner call on it.")
	}
	return nil
}
