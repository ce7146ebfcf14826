package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// Saved searches on the projects list: someone signed in saves the list
// they are looking at and hears, at their email frequency, when a new
// project matches it. Saving and deleting are forms posting to
// /projects/saved, which go back to the list they came from.

// savedPanel is the saved searches panel of the projects list.
type savedPanel struct {
	Form    *form
	Items   []savedItem
	CanSave bool
	// Search is the list's own query, which the save form carries.
	Search string
}

type savedItem struct{ ID, Name, Href string }

// savedFiltersOf is the filters of a list's address that a saved search
// keeps.
func savedFiltersOf(q url.Values) hooks.SavedFilters {
	return hooks.SavedFilters{Phase: q["phase"], Seeking: q["seeking"], Organisation: q.Get("organisation"),
		Nation: q.Get("nation"), Region: q.Get("region")}
}

// savedHref is a saved search's list address.
func savedHref(query string, f hooks.SavedFilters) string {
	q := url.Values{}
	if query != "" {
		q.Set("q", query)
	}
	for k, v := range map[string]string{"organisation": f.Organisation, "nation": f.Nation, "region": f.Region} {
		if v != "" {
			q.Set(k, v)
		}
	}
	q["phase"], q["seeking"] = f.Phase, f.Seeking
	return "/projects?" + q.Encode()
}

// savedPanelFor is the panel for the person asking, or nil for a visitor.
func (s *Site) savedPanelFor(e *core.RequestEvent, q url.Values, f *form) (*savedPanel, error) {
	if viewerOf(e) == nil {
		return nil, nil
	}
	if f == nil {
		f = newForm(e, url.Values{"name": {strings.TrimSpace(q.Get("q"))}})
	}
	p := &savedPanel{Form: f, Search: q.Encode()}
	filters := savedFiltersOf(q)
	p.CanSave = strings.TrimSpace(q.Get("q")) != "" || len(filters.Phase)+len(filters.Seeking) > 0 ||
		filters.Organisation != "" || filters.Nation != "" || filters.Region != ""
	var list struct {
		Items []struct {
			ID      string             `json:"id"`
			Name    string             `json:"name"`
			Query   string             `json:"query"`
			Filters hooks.SavedFilters `json:"filters"`
		} `json:"items"`
	}
	if err := s.listAPI(e, hooks.ColSavedSearches, url.Values{"sort": {"name"}, "perPage": {"200"}, "skipTotal": {"1"}}, &list); err != nil {
		return nil, err
	}
	for _, it := range list.Items {
		p.Items = append(p.Items, savedItem{ID: it.ID, Name: it.Name, Href: savedHref(it.Query, it.Filters)})
	}
	return p, nil
}

// savedSearchAct: POST /projects/saved, saving the list's search or
// deleting a saved one.
func (s *Site) savedSearchAct(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	q, _ := url.ParseQuery(values.Get("search"))
	back := "/projects"
	if len(q) > 0 {
		back += "?" + q.Encode()
	}
	api := "/api/collections/" + hooks.ColSavedSearches + "/records"
	if id := values.Get("delete"); id != "" {
		a, err := s.call(e, http.MethodDelete, api+"/"+url.PathEscape(id), nil)
		if err != nil {
			return e.InternalServerError("", err)
		}
		if !a.OK() {
			return e.NotFoundError("No such saved search.", nil)
		}
		return redirectWith(e, back, "The saved search is deleted")
	}
	f := newForm(e, url.Values{"name": {strings.TrimSpace(values.Get("name"))}})
	f.required("name", "Enter a name for this search")
	if !f.Failed() {
		filters, _ := json.Marshal(savedFiltersOf(q))
		a, err := s.call(e, http.MethodPost, api, map[string]any{"name": f.Value("name"), "query": strings.TrimSpace(q.Get("q")),
			"filters": json.RawMessage(filters)})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			return redirectWith(e, back, "Your search “"+f.Value("name")+"” is saved")
		}
		f.apply(a, map[string]string{"name.validation_required": "Enter a name for this search"}, nil)
	}
	return s.showProjects(e, q, http.StatusBadRequest, f)
}
