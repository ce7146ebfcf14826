package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// joinView is the join page: where the person's membership stands, and
// the organisations they may ask to join, by nation.
type joinView struct {
	Me                      *viewer
	Membership, OrgName     string
	Verified, JoinsOnVerify bool
	Groups                  []orgGroup
}

// orgGroup is one nation's organisations in the list.
type orgGroup struct {
	Label string
	Orgs  []option
}

// requireSignIn sends a visitor to sign in, then back to this page.
func requireSignIn(e *core.RequestEvent) (bool, error) {
	if viewerOf(e) != nil {
		return true, nil
	}
	return false, e.Redirect(http.StatusSeeOther, "/sign-in?next="+url.QueryEscape(e.Request.URL.RequestURI()))
}

// joinPage: GET /join.
func (s *Site) joinPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	f := newForm(e, url.Values{"organisation": {e.Auth.GetString("organisation")}})
	return s.showJoin(e, http.StatusOK, f)
}

func (s *Site) showJoin(e *core.RequestEvent, status int, f *form) error {
	u := e.Auth
	v := joinView{Me: viewerOf(e), Membership: u.GetString("membership"), Verified: u.Verified()}
	if org, err := e.App.FindRecordById(hooks.ColOrganisations, u.GetString("organisation")); err == nil {
		v.OrgName = org.GetString("name")
		domain := hooks.EmailDomain(u.Email())
		for _, d := range org.GetStringSlice("emailDomains") {
			d = strings.ToLower(d)
			if domain == d || strings.HasSuffix(domain, "."+d) {
				v.JoinsOnVerify = !v.Verified && v.Membership == hooks.MembershipPending
			}
		}
	}
	if v.Membership != hooks.MembershipApproved {
		orgs, err := e.App.FindRecordsByFilter(hooks.ColOrganisations, "", "name", 0, 0)
		if err != nil {
			return e.InternalServerError("", fmt.Errorf("read organisations: %w", err))
		}
		byNation := map[string][]option{}
		for _, o := range orgs {
			n := o.GetString("nation")
			if nationNames[n] == "" {
				n = ""
			}
			byNation[n] = append(byNation[n], option{Value: o.Id, Label: o.GetString("name"), Chosen: f.Has("organisation", o.Id)})
		}
		for _, n := range append(append([]string{}, nations...), "") {
			if list := byNation[n]; len(list) > 0 {
				label := nationNames[n]
				if n == "" {
					label = "Other"
				}
				v.Groups = append(v.Groups, orgGroup{Label: label, Orgs: list})
			}
		}
	}
	return s.render(e, status, "join", Page{Title: "Ask to join an organisation", Page: "join", Form: f, Data: v})
}

// join: POST /join asks to join (or changes or renews the request); an
// address at the organisation's own domain joins at once.
func (s *Site) join(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	f := newForm(e, url.Values{"organisation": {values.Get("organisation")}})
	f.required("organisation", "Choose your organisation")
	if !f.Failed() {
		body := map[string]string{"organisation": f.Value("organisation")}
		if e.Auth.GetString("membership") == hooks.MembershipDeclined {
			body["membership"] = hooks.MembershipPending
		}
		a, err := s.call(e, http.MethodPatch, usersAPI+"/records/"+e.Auth.Id, body)
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			u, err := e.App.FindRecordById(hooks.ColUsers, e.Auth.Id)
			if err != nil {
				return e.InternalServerError("", fmt.Errorf("read the person again: %w", err))
			}
			e.Auth = u
			name := "the organisation"
			if org, err := e.App.FindRecordById(hooks.ColOrganisations, u.GetString("organisation")); err == nil {
				name = org.GetString("name")
			}
			m := message{Heading: "Your request has been sent", Body: "Your request has been sent to " + name + ". We will email you when it is decided.",
				Link: "/my", LinkText: "Go to My Pipeline", Button: true}
			if u.GetString("membership") == hooks.MembershipApproved {
				m.Heading, m.Body = "You are now a member of "+name, "You can now publish "+name+"’s projects and reply to interest in them."
			}
			return s.render(e, http.StatusOK, "message", Page{Title: m.Heading, Page: "join", Data: m})
		}
		f.apply(a, map[string]string{"organisation": "Choose your organisation"}, nil)
	}
	return s.showJoin(e, http.StatusBadRequest, f)
}
