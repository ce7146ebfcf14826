package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// Organisation admin (/admin/members): approve or decline people asking
// to join, remove officers who have left, and keep the organisation's
// email domains and profile. Coordinators see requests to join every
// organisation. Lists are read, and changes made, through the record API
// as the admin.

var roleNames = map[string]string{"officer": "Officer", "orgAdmin": "Organisation admin", "coordinator": "Coordinator"}

func init() {
	funcs["roleName"] = func(r string) string { return nameOr(roleNames, r) }
	funcs["adminButton"] = func(f *form, action, id, name, orgName, label string) adminButton {
		return adminButton{Form: f, Action: action, ID: id, Name: name, OrgName: orgName, Label: label}
	}
}

// adminButton is one button of the admin page: a form of its own.
type adminButton struct {
	Form                             *form
	Action, ID, Name, OrgName, Label string
}

// adminView is the page.
type adminView struct {
	Me          *viewer
	Allowed     bool
	Org         *apiRecord
	OrgSlug     string
	Requests    []adminPerson
	Members     []adminPerson
	Confirming  string
	DomainsForm *form
	ProfileForm *form
}

type adminPerson struct {
	ID, Name, JobTitle, Email, Role, OrgName, Created string
	Verified, You, Removable                          bool
}

// adminUser is what the page reads of a person from the API.
type adminUser struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	JobTitle     string `json:"jobTitle"`
	Email        string `json:"email"`
	Role         string `json:"role"`
	Verified     bool   `json:"verified"`
	Created      string `json:"created"`
	Organisation string `json:"organisation"`
	Expand       struct {
		Organisation *apiRecord `json:"organisation"`
	} `json:"expand"`
}

var emailDomain = regexp.MustCompile(`(?i)^@?[a-z0-9-]+(\.[a-z0-9-]+)+$`)

// adminPage: GET /admin/members.
func (s *Site) adminPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	return s.showAdmin(e, http.StatusOK, newForm(e, nil), nil, nil, "")
}

func (s *Site) showAdmin(e *core.RequestEvent, status int, f, domains, profile *form, confirming string) error {
	me := viewerOf(e)
	v := adminView{Me: me, Allowed: me.Coordinator || (me.OrgAdmin && me.Organisation != ""), Confirming: confirming}
	if !v.Allowed {
		if status == http.StatusOK {
			status = http.StatusForbidden
		}
		return s.render(e, status, "admin-members", Page{Title: "Organisation admin", Page: "admin--members", Form: f, Data: v})
	}
	filter := "membership = 'pending' && organisation = '" + me.Organisation + "'"
	if me.Coordinator {
		filter = "membership = 'pending' && organisation != ''"
	}
	var requests struct {
		Items []adminUser `json:"items"`
	}
	if err := s.listAPI(e, hooks.ColUsers, url.Values{"filter": {filter}, "expand": {"organisation"}, "sort": {"created"},
		"perPage": {"500"}, "skipTotal": {"1"}}, &requests); err != nil {
		return e.InternalServerError("", err)
	}
	for _, u := range requests.Items {
		p := adminPerson{ID: u.ID, Name: u.Name, JobTitle: u.JobTitle, Email: u.Email, Verified: u.Verified, Created: formatDate(u.Created)}
		if p.Email == "" {
			p.Email = "Hidden"
		}
		if o := u.Expand.Organisation; o != nil {
			p.OrgName = o.Name
		}
		v.Requests = append(v.Requests, p)
	}
	if me.Organisation != "" {
		a, err := s.call(e, http.MethodGet, "/api/collections/"+hooks.ColOrganisations+"/records/"+me.Organisation, nil)
		if err != nil {
			return e.InternalServerError("", err)
		}
		var org apiRecord
		var extra struct {
			EmailDomains []string `json:"emailDomains"`
			ShortName    string   `json:"shortName"`
			Website      string   `json:"website"`
			Description  string   `json:"description"`
		}
		if a.OK() {
			_ = a.decode(&org)
			_ = a.decode(&extra)
			v.Org = &org
		}
		if domains == nil {
			domains = newForm(e, url.Values{"emailDomains": {strings.Join(extra.EmailDomains, "\n")}})
		}
		if profile == nil {
			profile = newForm(e, url.Values{"shortName": {extra.ShortName}, "website": {extra.Website}, "description": {extra.Description}})
		}
		v.DomainsForm, v.ProfileForm = domains, profile
		var members struct {
			Items []adminUser `json:"items"`
		}
		if err := s.listAPI(e, hooks.ColUsers, url.Values{"filter": {"membership = 'approved' && organisation = '" + me.Organisation + "'"},
			"sort": {"name"}, "perPage": {"500"}, "skipTotal": {"1"}}, &members); err != nil {
			return e.InternalServerError("", err)
		}
		for _, u := range members.Items {
			p := adminPerson{ID: u.ID, Name: u.Name, JobTitle: u.JobTitle, Email: u.Email, Role: u.Role, You: u.ID == me.ID}
			p.Removable = !p.You && (u.Role == hooks.RoleOfficer || (me.Coordinator && u.Role == hooks.RoleOrgAdmin))
			v.Members = append(v.Members, p)
		}
	}
	return s.render(e, status, "admin-members", Page{Title: "Organisation admin", Page: "admin--members", Form: f, Data: v})
}

// adminAct: POST /admin/members.
func (s *Site) adminAct(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	me := viewerOf(e)
	id, name := values.Get("id"), values.Get("name")
	orgName := values.Get("orgName")
	if orgName == "" {
		orgName = "your organisation"
	}
	person := usersAPI + "/records/" + url.PathEscape(id)
	var a apiAnswer
	var done string
	switch values.Get("action") {
	case "approved", "declined":
		a, err = s.call(e, http.MethodPatch, person, map[string]string{"membership": values.Get("action")})
		done = name + " is now a member of " + orgName
		if values.Get("action") == "declined" {
			done = "You have declined " + name + "'s request to join " + orgName
		}
	case "removeAsk":
		return s.showAdmin(e, http.StatusOK, newForm(e, nil), nil, nil, id)
	case "remove":
		a, err = s.call(e, http.MethodPatch, person, map[string]string{"membership": "declined"})
		done = name + " is no longer a member of " + orgName
	case "domains":
		f := newForm(e, url.Values{"emailDomains": {values.Get("emailDomains")}})
		domains := []string{}
		for _, d := range regexp.MustCompile(`[\n,;]+`).Split(f.Value("emailDomains"), -1) {
			if d = strings.TrimSpace(d); d == "" {
				continue
			}
			if !emailDomain.MatchString(d) {
				f.add("emailDomains", d+" is not an email domain. Enter domains like leeds.gov.uk, one on each line, without anything before the @")
			}
			domains = append(domains, d)
		}
		if !f.Failed() {
			a, err = s.call(e, http.MethodPatch, "/api/collections/"+hooks.ColOrganisations+"/records/"+me.Organisation, map[string]any{"emailDomains": domains})
			if err == nil && !a.OK() {
				f.apply(a, nil, nil)
			}
		}
		if err != nil {
			return e.InternalServerError("", err)
		}
		if f.Failed() {
			return s.showAdmin(e, http.StatusBadRequest, f, f, nil, "")
		}
		done = "The email domains are saved"
		if len(domains) == 0 {
			done = "There are no email domains now: everyone who asks to join needs approving"
		}
	case "profile":
		f := newForm(e, url.Values{"shortName": {strings.TrimSpace(values.Get("shortName"))}, "website": {strings.TrimSpace(values.Get("website"))},
			"description": {values.Get("description")}})
		website := f.Value("website")
		if website != "" && !strings.HasPrefix(strings.ToLower(website), "http://") && !strings.HasPrefix(strings.ToLower(website), "https://") {
			website = "https://" + website
		}
		if website != "" && (!isWebAddress(website) || !strings.Contains(website, ".") || strings.ContainsAny(website, " \t")) {
			f.add("website", "Enter a web address, like https://www.leeds.gov.uk")
		}
		if len([]rune(f.Value("shortName"))) > 100 {
			f.add("shortName", "Short name must be 100 characters or fewer")
		}
		if len([]rune(f.Value("description"))) > 2000 {
			f.add("description", "About your organisation must be 2,000 characters or fewer")
		}
		if !f.Failed() {
			a, err = s.call(e, http.MethodPatch, "/api/collections/"+hooks.ColOrganisations+"/records/"+me.Organisation,
				map[string]string{"shortName": f.Value("shortName"), "website": website, "description": f.Value("description")})
			if err == nil && !a.OK() {
				f.apply(a, map[string]string{"website": "Enter a web address, like https://www.leeds.gov.uk"}, nil)
			}
		}
		if err != nil {
			return e.InternalServerError("", err)
		}
		if f.Failed() {
			return s.showAdmin(e, http.StatusBadRequest, f, nil, f, "")
		}
		done = "The organisation's profile is saved"
	default:
		return e.BadRequestError("Unknown action.", nil)
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	if a.OK() {
		return redirectWith(e, "/admin/members", done)
	}
	f := newForm(e, nil)
	f.apply(a, nil, nil)
	if len(f.Errors) > 0 && f.Problem == "" {
		f.Problem, f.Errors = f.Errors[0].Message, nil
	}
	return s.showAdmin(e, a.Status, f, nil, nil, "")
}
