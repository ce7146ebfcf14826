package web

import (
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// Posting a status update (/projects/{slug}/update), for approved officers
// of the project's organisation or of a partner organisation; only the
// project's own organisation may move it to another phase.

// updateFormView is the update form's page.
type updateFormView struct {
	P       *core.Record
	OrgName string
	Own     bool
	// Allowed is false when the person may not post on this project;
	// Approved says whether that is only for want of membership.
	Allowed, Approved bool
	Phases            radios
}

// updateTarget finds the project of an update page and what the person
// asking may do on it; ok is false when it answered already.
func (s *Site) updateTarget(e *core.RequestEvent, f *form) (updateFormView, bool, error) {
	if ok, err := requireSignIn(e); !ok {
		return updateFormView{}, false, err
	}
	p, err := e.App.FindFirstRecordByData(hooks.ColProjects, "slug", e.Request.PathValue("slug"))
	if err != nil || !canView(e, p) {
		return updateFormView{}, false, s.projectNotFound(e)
	}
	me := viewerOf(e)
	v := updateFormView{P: p, Approved: me.Approved}
	if org, err := e.App.FindRecordById(hooks.ColOrganisations, p.GetString("organisation")); err == nil {
		v.OrgName = org.GetString("name")
	}
	v.Own = me.Approved && me.Organisation == p.GetString("organisation")
	partner := me.Approved && me.Organisation != "" && containsString(p.GetStringSlice("partners"), me.Organisation) &&
		p.GetString("visibility") == hooks.VisibilityPublished
	v.Allowed = v.Own || partner
	pairs := []string{"", "No change"}
	for _, ph := range phases {
		if ph != p.GetString("phase") {
			pairs = append(pairs, ph, phaseNames[ph])
		}
	}
	if _, chosen := f.Values["phaseTo"]; !chosen {
		f.Values.Set("phaseTo", "")
	}
	v.Phases = radioField(f, "phaseTo", "Has the project moved to another phase?",
		"It is in "+phaseNames[p.GetString("phase")]+" now. If you choose a new phase, it starts today.", pairs...)
	return v, true, nil
}

// updatePage: GET /projects/{slug}/update.
func (s *Site) updatePage(e *core.RequestEvent) error {
	f := newForm(e, nil)
	v, ok, err := s.updateTarget(e, f)
	if !ok {
		return err
	}
	return s.showUpdate(e, http.StatusOK, v, f)
}

func (s *Site) showUpdate(e *core.RequestEvent, status int, v updateFormView, f *form) error {
	title := "Post an update on " + v.P.GetString("title")
	if !v.Allowed {
		title = "You cannot post an update on this project"
		if status == http.StatusOK {
			status = http.StatusForbidden
		}
	}
	return s.render(e, status, "update-form", Page{Title: title, Page: "update-form", Form: f, Data: v})
}

// postUpdate: POST /projects/{slug}/update.
func (s *Site) postUpdate(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	f := newForm(e, url.Values{"body": {values.Get("body")}, "phaseTo": {values.Get("phaseTo")}})
	v, ok, err := s.updateTarget(e, f)
	if !ok {
		return err
	}
	if !v.Allowed {
		return s.showUpdate(e, http.StatusForbidden, v, f)
	}
	switch body := f.Value("body"); {
	case body == "":
		f.add("body", "Enter what has happened")
	case len([]rune(body)) > 10000:
		f.add("body", "Your update must be 10,000 characters or fewer")
	}
	if to := f.Value("phaseTo"); to != "" && (!v.Own || phaseNames[to] == "") {
		f.add("phaseTo", "Choose a phase, or no change")
	}
	if !f.Failed() {
		body := map[string]string{"project": v.P.Id, "body": f.Value("body")}
		if v.Own {
			body["phaseTo"] = f.Value("phaseTo")
		}
		a, err := s.call(e, http.MethodPost, "/api/collections/"+hooks.ColUpdates+"/records", body)
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			return redirectWith(e, "/projects/"+v.P.GetString("slug"), "Your update is posted. Everyone following the project will hear of it.")
		}
		f.apply(a, map[string]string{"body.validation_required": "Enter what has happened",
			"body.validation_max_text_constraint": "Your update must be 10,000 characters or fewer"}, nil)
	}
	return s.showUpdate(e, http.StatusBadRequest, v, f)
}
