package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// The peers page (/coordinator/peers): the other Pipelines this one
// federates with, kept by coordinators. A coordinator adds a peer by its
// address, trusts, blocks or sets it back to pending, and removes it; each
// change goes through the record API as the coordinator, so the same
// checks apply as to an integrator.

var peerStateNames = map[string]string{hooks.PeerPending: "Pending", hooks.PeerTrusted: "Trusted", hooks.PeerBlocked: "Blocked"}
var peerStateTags = map[string]string{hooks.PeerPending: "govuk-tag--grey", hooks.PeerTrusted: "govuk-tag--green", hooks.PeerBlocked: "govuk-tag--red"}

// peersView is the page.
type peersView struct {
	Allowed bool
	Peers   []peerRow
	States  radios
}

type peerRow struct {
	ID, URL, State, StateName, StateTag, Note, Added string
	Projects                                         int
	Moves                                            []option
}

// peersPage: GET /coordinator/peers.
func (s *Site) peersPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	return s.showPeers(e, http.StatusOK, newForm(e, url.Values{"state": {hooks.PeerTrusted}}))
}

func (s *Site) showPeers(e *core.RequestEvent, status int, f *form) error {
	v := peersView{Allowed: viewerOf(e).Coordinator}
	page := Page{Title: "Peers: other Pipelines", Page: "peers", Form: f}
	if !v.Allowed {
		if status == http.StatusOK {
			status = http.StatusForbidden
		}
		page.Data = v
		return s.render(e, status, "peers", page)
	}
	var list struct {
		Items []struct {
			ID      string `json:"id"`
			URL     string `json:"url"`
			State   string `json:"state"`
			Note    string `json:"note"`
			Created string `json:"created"`
		} `json:"items"`
	}
	a, err := s.call(e, http.MethodGet, "/api/collections/"+hooks.ColPeers+"/records?sort=url&perPage=500&skipTotal=1", nil)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if err := a.decode(&list); err != nil || !a.OK() {
		return e.InternalServerError("", err)
	}
	for _, p := range list.Items {
		row := peerRow{ID: p.ID, URL: p.URL, State: p.State, StateName: nameOr(peerStateNames, p.State), StateTag: peerStateTags[p.State],
			Note: p.Note, Added: formatDate(p.Created)}
		n, _ := e.App.CountRecords(hooks.ColRemoteProjects, dbx.HashExp{"peer": p.ID})
		row.Projects = int(n)
		for _, to := range []string{hooks.PeerTrusted, hooks.PeerPending, hooks.PeerBlocked} {
			if to != p.State {
				row.Moves = append(row.Moves, option{Value: to, Label: map[string]string{hooks.PeerTrusted: "Trust",
					hooks.PeerPending: "Set to pending", hooks.PeerBlocked: "Block"}[to]})
			}
		}
		v.Peers = append(v.Peers, row)
	}
	v.States = radioField(f, "state", "Trust it now?", "You can change this at any time.",
		hooks.PeerTrusted, "Trusted: show its projects here and accept its officers' interest",
		hooks.PeerPending, "Pending: note it, but accept nothing from it yet",
		hooks.PeerBlocked, "Blocked: refuse everything from it")
	page.Data = v
	return s.render(e, status, "peers", page)
}

// peersAct: POST /coordinator/peers: add a peer, change one's state, or
// remove one.
func (s *Site) peersAct(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	peers := "/api/collections/" + hooks.ColPeers + "/records"
	id := values.Get("id")
	switch values.Get("action") {
	case "add":
		f := newForm(e, url.Values{"url": {strings.TrimSpace(values.Get("url"))}, "state": {values.Get("state")},
			"note": {strings.TrimSpace(values.Get("note"))}})
		f.required("url", "Enter the peer's address, like https://pipeline.council.gov.uk")
		if f.Failed() {
			return s.showPeers(e, http.StatusBadRequest, f)
		}
		a, err := s.call(e, http.MethodPost, peers, map[string]string{"url": f.Value("url"), "state": f.Value("state"), "note": f.Value("note")})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if !a.OK() {
			f.apply(a, map[string]string{"url.validation_not_unique": "This peer is already on the list"}, nil)
			return s.showPeers(e, a.Status, f)
		}
		return redirectWith(e, "/coordinator/peers", "Peer added: "+f.Value("url"))
	case "state":
		to := values.Get("state")
		a, err := s.call(e, http.MethodPatch, peers+"/"+url.PathEscape(id), map[string]string{"state": to})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if !a.OK() {
			f := newForm(e, nil)
			f.apply(a, nil, nil)
			return s.showPeers(e, a.Status, f)
		}
		return redirectWith(e, "/coordinator/peers", values.Get("url")+" is now "+strings.ToLower(nameOr(peerStateNames, to)))
	case "remove":
		a, err := s.call(e, http.MethodDelete, peers+"/"+url.PathEscape(id), nil)
		if err != nil {
			return e.InternalServerError("", err)
		}
		if !a.OK() {
			f := newForm(e, nil)
			f.apply(a, nil, nil)
			return s.showPeers(e, a.Status, f)
		}
		return redirectWith(e, "/coordinator/peers", "Peer removed, with its projects: "+values.Get("url"))
	}
	f := newForm(e, nil)
	f.Problem = "Choose what to do"
	return s.showPeers(e, http.StatusBadRequest, f)
}
