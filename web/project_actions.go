package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// The project page's actions, for whoever is looking: following,
// interest and withdrawing it for another council's officer; confirming,
// adopting and closing for the owning organisation; featuring for a
// coordinator. Each button is a form posting to /projects/{slug}/act.

// interestKinds are the kinds of interest an officer can express, in the
// form's order.
var interestKinds = []string{"join", "We want to join", "reuse", "We want to reuse it", "similar", "We have done something similar",
	"contribute", "We can contribute money, people or skills"}

// closeReasons are the reasons a project closes as continued elsewhere.
var closeReasons = []string{"duplicate", "It duplicates the other project", "merged", "It merged into the other project",
	"startedElsewhere", "The work started elsewhere", "stopped", "It stopped; the work goes on in the other project"}

// stateNames and stateTags are the words and colours of an interest's
// state.
var (
	stateNames = map[string]string{"open": "Waiting for a reply", "acknowledged": "Acknowledged", "collaborating": "Collaborating",
		"declined": "Declined", "withdrawn": "Withdrawn"}
	stateTags = map[string]string{"open": "govuk-tag--yellow", "acknowledged": "govuk-tag--blue", "collaborating": "govuk-tag--green",
		"declined": "govuk-tag--red", "withdrawn": "govuk-tag--grey"}
)

func init() {
	funcs["stateName"] = func(s string) string { return nameOr(stateNames, s) }
	funcs["stateTag"] = func(s string) string { return stateTags[s] }
	funcs["interestName"] = func(k string) string { return nameOr(interestNames, k) }
	funcs["act"] = func(f *form, slug, action, label string) actButton {
		return actButton{Form: f, Slug: slug, Action: action, Label: label}
	}
}

// actButton is one button of the panel: a form of its own.
type actButton struct {
	Form                *form
	Slug, Action, Label string
}

// panelView is what the actions panel shows.
type panelView struct {
	// Who is "visitor", "waiting" (not an approved member yet), "own"
	// (an approved member of the owning organisation) or "other".
	Who       string
	Slug      string
	OrgName   string
	Adoptable bool
	HasOwner  bool
	// Mine is the person's own interest, if any; Active when not
	// withdrawn.
	Mine            *core.Record
	Active          bool
	Following       bool
	CanExpress      bool
	Partner         bool
	Manage          bool
	Coordinator     bool
	Featured        bool
	Closed          bool
	Form            *form
	InterestOptions radios
	ReasonOptions   []option
}

// panelFor works out the panel for the person asking; f is the form to
// show again (with its errors), or nil.
func panelFor(e *core.RequestEvent, p, org *core.Record, f *form) (panelView, error) {
	v := panelView{Who: "visitor", Slug: p.GetString("slug"), OrgName: org.GetString("name")}
	me := viewerOf(e)
	if me == nil {
		return v, nil
	}
	if f == nil {
		f = newForm(e, nil)
	}
	v.Form = f
	v.InterestOptions = radioField(f, "kind", "What is your organisation's interest?", v.OrgName+" will see your name, organisation and message.", interestKinds...)
	for i := 0; i+1 < len(closeReasons); i += 2 {
		v.ReasonOptions = append(v.ReasonOptions, option{Value: closeReasons[i], Label: closeReasons[i+1], Chosen: f.Value("reason") == closeReasons[i]})
	}
	published := p.GetString("visibility") == hooks.VisibilityPublished
	v.Coordinator = me.Coordinator
	v.Featured = p.GetBool("featured")
	v.Closed = p.GetString("closedReason") != ""
	switch {
	case !me.Approved:
		v.Who = "waiting"
	case me.Organisation == p.GetString("organisation"):
		v.Who = "own"
		v.HasOwner = p.GetString("owner") != ""
		v.Adoptable = p.GetString("dormantSince") != "" || !v.HasOwner
	default:
		v.Who = "other"
		mine, err := e.App.FindFirstRecordByFilter(hooks.ColInterests, "project = {:p} && user = {:u}", dbx.Params{"p": p.Id, "u": me.ID})
		if err == nil {
			v.Mine = mine
		}
		v.Active = v.Mine != nil && v.Mine.GetString("state") != "withdrawn"
		v.Following = v.Active && v.Mine.GetString("kind") == "following"
		v.CanExpress = v.Mine == nil || !v.Active || v.Following
		v.Partner = published && containsString(p.GetStringSlice("partners"), me.Organisation)
	}
	v.Manage = published && (v.Coordinator || v.Who == "own")
	return v, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// projectAct: POST /projects/{slug}/act, one of the panel's buttons or
// forms, done through the API as the person asking.
func (s *Site) projectAct(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	slug := e.Request.PathValue("slug")
	p, err := e.App.FindFirstRecordByData(hooks.ColProjects, "slug", slug)
	if err != nil || !canView(e, p) {
		return s.projectNotFound(e)
	}
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	back := "/projects/" + slug
	projectAPI := "/api/pipeline/projects/" + p.Id
	interestsAPI := "/api/collections/" + hooks.ColInterests + "/records"
	mine, _ := e.App.FindFirstRecordByFilter(hooks.ColInterests, "project = {:p} && user = {:u}", dbx.Params{"p": p.Id, "u": e.Auth.Id})
	f := newForm(e, url.Values{"kind": {values.Get("kind")}, "message": {values.Get("message")},
		"continuedIn": {values.Get("continuedIn")}, "reason": {values.Get("reason")}})
	var a apiAnswer
	var done string
	switch values.Get("action") {
	case "confirm":
		a, err = s.call(e, http.MethodPost, projectAPI+"/confirm", nil)
		done = "Thank you: the project is confirmed as accurate today"
	case "adopt":
		a, err = s.call(e, http.MethodPost, projectAPI+"/adopt", nil)
		done = "You have adopted this project and are now its owner"
	case "feature":
		a, err = s.call(e, http.MethodPost, projectAPI+"/feature", map[string]bool{"featured": !p.GetBool("featured")})
		done = "The home page features this project"
		if p.GetBool("featured") {
			done = "The home page no longer features this project"
		}
	case "follow":
		if mine != nil {
			a, err = s.call(e, http.MethodPatch, interestsAPI+"/"+mine.Id, map[string]string{"kind": "following", "message": "", "state": "open"})
		} else {
			a, err = s.call(e, http.MethodPost, interestsAPI, map[string]string{"project": p.Id, "kind": "following"})
		}
		done = "You are now following this project"
	case "unfollow":
		if mine == nil {
			return e.Redirect(http.StatusSeeOther, back)
		}
		a, err = s.call(e, http.MethodDelete, interestsAPI+"/"+mine.Id, nil)
		done = "You have stopped following this project"
	case "withdraw":
		if mine == nil {
			return e.Redirect(http.StatusSeeOther, back)
		}
		a, err = s.call(e, http.MethodPatch, interestsAPI+"/"+mine.Id, map[string]string{"state": "withdrawn"})
		done = "Your interest has been withdrawn"
	case "interest":
		if !oneOf(f.Value("kind"), interestKinds) {
			f.add("kind", "Choose what your organisation's interest is")
		}
		if len([]rune(f.Value("message"))) > 2000 {
			f.add("message", "Your message must be 2,000 characters or fewer")
		}
		if f.Failed() {
			return s.showProject(e, p, http.StatusBadRequest, f)
		}
		body := map[string]string{"kind": f.Value("kind"), "message": f.Value("message")}
		if mine != nil {
			if mine.GetString("state") == "withdrawn" {
				body["state"] = "open"
			}
			a, err = s.call(e, http.MethodPatch, interestsAPI+"/"+mine.Id, body)
		} else {
			body["project"] = p.Id
			a, err = s.call(e, http.MethodPost, interestsAPI, body)
		}
		org, _ := e.App.FindRecordById(hooks.ColOrganisations, p.GetString("organisation"))
		done = "Your interest has been sent"
		if org != nil {
			done += " to " + org.GetString("name")
		}
	case "pledge", "withdrawPledge", "cancelCall":
		f.Values = url.Values{"funding": {values.Get("funding")}, "days": {values.Get("days")}, "note": {values.Get("note")}}
		a, done, err = s.callAct(e, p, values.Get("action"), f)
		if err == nil && f.Failed() {
			return s.showProject(e, p, http.StatusBadRequest, f)
		}
		back += "#call"
	case "close":
		f.required("continuedIn", "Enter the project it continues in", "reason", "Choose why it is closing")
		var other *core.Record
		if f.Value("continuedIn") != "" {
			otherSlug := strings.TrimRight(f.Value("continuedIn"), "/")
			otherSlug = otherSlug[strings.LastIndex(otherSlug, "/")+1:]
			if other = viewableProject(e, slugToID(e.App, otherSlug)); other == nil {
				f.add("continuedIn", "No published project has that address")
			}
		}
		if f.Failed() {
			return s.showProject(e, p, http.StatusBadRequest, f)
		}
		a, err = s.call(e, http.MethodPost, projectAPI+"/close", map[string]string{"continuedIn": other.Id, "reason": f.Value("reason")})
		done = "The project is closed; its followers are invited to follow " + other.GetString("title")
	default:
		return e.BadRequestError("Unknown action.", nil)
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	if a.OK() {
		return redirectWith(e, back, done)
	}
	f.apply(a, map[string]string{"kind": "Choose what your organisation's interest is",
		"message.validation_max_text_constraint":   "Your message must be 2,000 characters or fewer",
		"funding.validation_max_number_constraint": "Funding must be £100,000,000 or less"}, nil)
	if len(f.Errors) > 0 && f.Problem == "" && !oneOf(values.Get("action"), []string{"interest", "", "close", "", "pledge", ""}) {
		// A button has no field of its own: say what went wrong above the panel.
		f.Problem, f.Errors = f.Errors[0].Message, nil
	}
	return s.showProject(e, p, a.Status, f)
}

// slugToID is the id of the project with slug, or "".
func slugToID(app core.App, slug string) string {
	p, err := app.FindFirstRecordByData(hooks.ColProjects, "slug", slug)
	if err != nil {
		return ""
	}
	return p.Id
}

// oneOf says whether v is one of the values of pairs (value, label…).
func oneOf(v string, pairs []string) bool {
	for i := 0; i < len(pairs); i += 2 {
		if pairs[i] == v {
			return true
		}
	}
	return false
}

// errProjectOrg wraps a failure to read a project's organisation.
func errProjectOrg(err error) error { return fmt.Errorf("read the project's organisation: %w", err) }
