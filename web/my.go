package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// My Pipeline (/my): the organisation's projects, interest received and
// sent, notifications and email settings, in GOV.UK tabs (without
// JavaScript, sections one after another). Every list is read through the
// record API as the person, and every button is a form posting to /my.

// myView is the page.
type myView struct {
	Me            *viewer
	OrgName       string
	Membership    string
	Verified      bool
	Projects      []myProject
	NeedConfirm   int
	Received      []myInterest
	Waiting       int
	Sent          []myInterest
	Notifications []myNotice
	Unread        int
	Frequencies   radios
	Muted         []option
}

type myProject struct {
	ID, Slug, Title, Phase, Visibility string
	Fresh, FreshClass, LastSeen        string
	Retired, CanConfirm, CanAdopt      bool
}

type myInterest struct {
	ID, Kind, State, Message, Created string
	From                              string
	ProjectSlug, ProjectTitle         string
	ProjectOrg                        string
	// ProjectPath is the page of the project: here, or of one on another
	// Pipeline.
	ProjectPath string
	Answers     []option
}

type myNotice struct {
	ID, Title, Body, URL, Created string
	Unread                        bool
}

// myButton is one button of My Pipeline: a form of its own. Hidden is
// the rest of its label for screen readers (which project, whose
// interest).
type myButton struct {
	Form                           *form
	Action, ID, Title, State, From string
	Label, Hidden                  string
}

func init() {
	funcs["myButton"] = func(f *form, action, id, title, state, from, label, hidden string) myButton {
		return myButton{Form: f, Action: action, ID: id, Title: title, State: state, From: from, Label: label, Hidden: hidden}
	}
}

// answers are the replies an interest in a state can get.
var answers = map[string][]string{
	"open":          {"acknowledged", "collaborating", "declined"},
	"acknowledged":  {"collaborating", "declined"},
	"collaborating": {"declined"},
}

var answerWords = map[string]string{"acknowledged": "Acknowledge", "collaborating": "Collaborate", "declined": "Decline"}

// listAPI reads a list from the record API as the person asking.
func (s *Site) listAPI(e *core.RequestEvent, collection string, q url.Values, into any) error {
	a, err := s.call(e, http.MethodGet, "/api/collections/"+collection+"/records?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	if !a.OK() {
		return fmt.Errorf("list %s: %d %s", collection, a.Status, a.Message)
	}
	return a.decode(into)
}

// apiRecord is the fields the page reads of records from the API.
type apiRecord struct {
	ID             string   `json:"id"`
	Slug           string   `json:"slug"`
	Title          string   `json:"title"`
	Name           string   `json:"name"`
	Phase          string   `json:"phase"`
	Visibility     string   `json:"visibility"`
	DormantSince   string   `json:"dormantSince"`
	ChaseStage     int      `json:"chaseStage"`
	LastActivityAt string   `json:"lastActivityAt"`
	LastConfirmed  string   `json:"lastConfirmedAt"`
	Owner          string   `json:"owner"`
	Kind           string   `json:"kind"`
	State          string   `json:"state"`
	Message        string   `json:"message"`
	Body           string   `json:"body"`
	URL            string   `json:"url"`
	ReadAt         string   `json:"readAt"`
	Created        string   `json:"created"`
	EmailFrequency string   `json:"emailFrequency"`
	MutedProjects  []string `json:"mutedProjects"`
	// An interest from or in another Pipeline's project.
	RemoteOrganisation string `json:"remoteOrganisation"`
	RemoteVia          string `json:"remoteVia"`
	OrganisationName   string `json:"organisationName"`
	Expand             struct {
		Project       *apiRecord  `json:"project"`
		RemoteProject *apiRecord  `json:"remoteProject"`
		User          *apiRecord  `json:"user"`
		Organisation  *apiRecord  `json:"organisation"`
		MutedProjects []apiRecord `json:"mutedProjects"`
	} `json:"expand"`
}

type apiList struct {
	Items      []apiRecord `json:"items"`
	TotalItems int         `json:"totalItems"`
}

// myPage: GET /my.
func (s *Site) myPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	return s.showMy(e, http.StatusOK, newForm(e, nil))
}

func (s *Site) showMy(e *core.RequestEvent, status int, f *form) error {
	me := viewerOf(e)
	v := myView{Me: me, Membership: e.Auth.GetString("membership"), Verified: e.Auth.Verified()}
	if org, err := e.App.FindRecordById(hooks.ColOrganisations, me.Organisation); err == nil {
		v.OrgName = org.GetString("name")
	}
	now := time.Now()
	if me.Member {
		var projects apiList
		if err := s.listAPI(e, hooks.ColProjects, url.Values{"filter": {"organisation = '" + me.Organisation + "'"},
			"sort": {"-lastActivityAt"}, "perPage": {"500"}, "skipTotal": {"1"}}, &projects); err != nil {
			return e.InternalServerError("", err)
		}
		for _, p := range projects.Items {
			mp := myProject{ID: p.ID, Slug: p.Slug, Title: p.Title, Phase: p.Phase, Visibility: p.Visibility,
				Retired: p.Phase == "retired" && p.DormantSince == ""}
			mp.Fresh, mp.FreshClass = freshness(p.Phase, p.DormantSince, p.ChaseStage, p.LastActivityAt, p.LastConfirmed, now)
			mp.LastSeen = lastSeen(p.LastActivityAt, p.LastConfirmed, now)
			mp.CanConfirm = !mp.Retired
			mp.CanAdopt = p.DormantSince != "" || p.Owner == ""
			if p.Visibility == hooks.VisibilityPublished && (p.DormantSince != "" || p.ChaseStage > 0) {
				v.NeedConfirm++
			}
			v.Projects = append(v.Projects, mp)
		}
		var received apiList
		if err := s.listAPI(e, hooks.ColInterests, url.Values{"filter": {"project.organisation = '" + me.Organisation + "' && kind != 'following'"},
			"expand": {"project,user,organisation"}, "sort": {"-created"}, "perPage": {"500"}, "skipTotal": {"1"}}, &received); err != nil {
			return e.InternalServerError("", err)
		}
		for _, i := range received.Items {
			mi := interestItem(i)
			for _, to := range answers[i.State] {
				mi.Answers = append(mi.Answers, option{Value: to, Label: answerWords[to]})
			}
			if i.State == "open" {
				v.Waiting++
			}
			v.Received = append(v.Received, mi)
		}
	}
	var sent apiList
	if err := s.listAPI(e, hooks.ColInterests, url.Values{"filter": {"user = '" + me.ID + "'"}, "expand": {"project,project.organisation,remoteProject"},
		"sort": {"-created"}, "perPage": {"500"}, "skipTotal": {"1"}}, &sent); err != nil {
		return e.InternalServerError("", err)
	}
	for _, i := range sent.Items {
		v.Sent = append(v.Sent, interestItem(i))
	}
	var notices apiList
	if err := s.listAPI(e, hooks.ColNotifications, url.Values{"filter": {"user = '" + me.ID + "'"}, "sort": {"-created"}, "perPage": {"50"},
		"skipTotal": {"1"}}, &notices); err != nil {
		return e.InternalServerError("", err)
	}
	for _, n := range notices.Items {
		v.Notifications = append(v.Notifications, myNotice{ID: n.ID, Title: n.Title, Body: n.Body, URL: siteOrWebAddress(n.URL),
			Created: formatDate(n.Created), Unread: n.ReadAt == ""})
	}
	v.Unread = me.Unread
	var self apiRecord
	a, err := s.call(e, http.MethodGet, usersAPI+"/records/"+me.ID+"?expand=mutedProjects", nil)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if a.OK() {
		_ = a.decode(&self)
	}
	if _, chosen := f.Values["emailFrequency"]; !chosen {
		f.Values.Set("emailFrequency", self.EmailFrequency)
	}
	v.Frequencies = radioField(f, "emailFrequency", "How often should Pipeline email you?",
		"Whatever you choose, your notifications are always in My Pipeline. Emails about your account and your sign-in are always sent.",
		"immediate", "As things happen (at most one email an hour about each project)", "daily", "Once a day (a digest)",
		"weekly", "Once a week (a digest)", "off", "Never: I will check Pipeline myself")
	titles := map[string]string{}
	for _, p := range self.Expand.MutedProjects {
		titles[p.ID] = p.Title
	}
	for k, id := range self.MutedProjects {
		title := titles[id]
		if title == "" {
			title = "A project you can no longer see"
		}
		oid := "f-mutedProjects"
		if k > 0 {
			oid += fmt.Sprintf("-%d", k+1)
		}
		v.Muted = append(v.Muted, option{Value: id, Label: title, Chosen: true, Name: "mutedProjects", ID: oid})
	}
	return s.render(e, status, "my", Page{Title: "My Pipeline", Page: "my", Script: "yes", Form: f, Data: v})
}

// interestItem is an interest as the page lists it.
func interestItem(i apiRecord) myInterest {
	mi := myInterest{ID: i.ID, Kind: i.Kind, State: i.State, Message: i.Message, Created: formatDate(i.Created)}
	var from []string
	if u := i.Expand.User; u != nil && u.Name != "" {
		from = append(from, u.Name)
	}
	if o := i.Expand.Organisation; o != nil && o.Name != "" {
		from = append(from, o.Name)
	}
	mi.From = strings.Join(from, ", ")
	if i.RemoteOrganisation != "" && i.Expand.User == nil {
		mi.From = hooks.DescribeRemote(i.RemoteOrganisation, i.RemoteVia)
	}
	if mi.From == "" {
		mi.From = "Someone"
	}
	if p := i.Expand.Project; p != nil {
		mi.ProjectSlug, mi.ProjectTitle, mi.ProjectPath = p.Slug, p.Title, "/projects/"+p.Slug
		if o := p.Expand.Organisation; o != nil {
			mi.ProjectOrg = o.Name
		}
	}
	if p := i.Expand.RemoteProject; p != nil {
		mi.ProjectTitle, mi.ProjectPath, mi.ProjectOrg = p.Title, "/network/projects/"+p.ID, p.OrganisationName+", on another Pipeline"
	}
	return mi
}

// siteOrWebAddress is a notice's address if it is a web address or a
// path on this site, else "" (never javascript:, never //host).
func siteOrWebAddress(u string) string {
	if isWebAddress(u) || (strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !strings.HasPrefix(u, "/\\")) {
		return u
	}
	return ""
}

// myAct: POST /my, one of the page's buttons or its settings form.
func (s *Site) myAct(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	id := values.Get("id")
	interest := "/api/collections/" + hooks.ColInterests + "/records/" + id
	title := values.Get("title")
	if title == "" {
		title = "the project"
	}
	var a apiAnswer
	var done, tab string
	switch values.Get("action") {
	case "confirm", "adopt":
		a, err = s.call(e, http.MethodPost, "/api/pipeline/projects/"+url.PathEscape(id)+"/"+values.Get("action"), nil)
		done, tab = title+" is confirmed as still accurate", "projects"
		if values.Get("action") == "adopt" {
			done = "You have adopted " + title + ": you are now its owner, and it is confirmed as still accurate"
		}
	case "answer":
		state := values.Get("state")
		if answerWords[state] == "" {
			return e.BadRequestError("Unknown answer.", nil)
		}
		a, err = s.call(e, http.MethodPatch, interest, map[string]string{"state": state})
		from := values.Get("from")
		done, tab = map[string]string{
			"acknowledged":  "You have acknowledged the interest from " + from + " in " + title,
			"collaborating": "You are now collaborating with " + from + " on " + title,
			"declined":      "You have declined the interest from " + from + " in " + title,
		}[state], "interest-received"
	case "unfollow":
		a, err = s.call(e, http.MethodDelete, interest, nil)
		done, tab = "You are no longer following "+title, "interest-sent"
	case "withdraw":
		a, err = s.call(e, http.MethodPatch, interest, map[string]string{"state": "withdrawn"})
		done, tab = "You have withdrawn your interest in "+title, "interest-sent"
	case "renew":
		a, err = s.call(e, http.MethodPatch, interest, map[string]string{"state": "open"})
		done, tab = "You have renewed your interest in "+title+": it is waiting for a reply", "interest-sent"
	case "readAll":
		return s.readAllNotices(e)
	case "settings":
		f := newForm(e, url.Values{"emailFrequency": {values.Get("emailFrequency")}})
		if !oneOf(f.Value("emailFrequency"), []string{"immediate", "", "daily", "", "weekly", "", "off", ""}) {
			f.add("emailFrequency", "Choose how often Pipeline should email you")
			return s.showMy(e, http.StatusBadRequest, f)
		}
		body := map[string]any{"emailFrequency": f.Value("emailFrequency")}
		if values.Get("hasMuted") != "" {
			muted := values["mutedProjects"]
			if muted == nil {
				muted = []string{}
			}
			body["mutedProjects"] = muted
		}
		a, err = s.call(e, http.MethodPatch, usersAPI+"/records/"+e.Auth.Id, body)
		done, tab = "Your email settings are saved", "settings"
	default:
		return e.BadRequestError("Unknown action.", nil)
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	if a.OK() {
		return redirectWith(e, "/my#"+tab, done)
	}
	f := newForm(e, nil)
	f.apply(a, nil, nil)
	if len(f.Errors) > 0 && f.Problem == "" {
		f.Problem, f.Errors = f.Errors[0].Message, nil
	}
	return s.showMy(e, a.Status, f)
}

// readAllNotices marks every unread notice read, each through the API.
func (s *Site) readAllNotices(e *core.RequestEvent) error {
	var unread apiList
	if err := s.listAPI(e, hooks.ColNotifications, url.Values{"filter": {"user = '" + e.Auth.Id + "' && readAt = ''"}, "fields": {"id"},
		"perPage": {"500"}, "skipTotal": {"1"}}, &unread); err != nil {
		return e.InternalServerError("", err)
	}
	at := time.Now().UTC().Format("2006-01-02 15:04:05.000Z")
	for _, n := range unread.Items {
		a, err := s.call(e, http.MethodPatch, "/api/collections/"+hooks.ColNotifications+"/records/"+n.ID, map[string]string{"readAt": at})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if !a.OK() {
			return e.InternalServerError("", fmt.Errorf("mark a notice read: %d %s", a.Status, a.Message))
		}
	}
	return redirectWith(e, "/my#notifications", plural(len(unread.Items), "notification is", "notifications are")+" marked as read")
}
