package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pipeline/hooks"
)

func TestCoordinatorsKeepPeersWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	co := addCoordinator(t, b)
	b.signIn("co@network.test")
	if status, page := b.get("/coordinator/peers"); status != 200 || !strings.Contains(page, "This instance has no peers yet.") {
		t.Fatalf("the peers page: %d", status)
	}
	form := url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"add"}, "url": {"http://pipeline.leeds.example"}, "state": {"trusted"}}
	status, page, _ := b.post("/coordinator/peers", form)
	if status != http.StatusBadRequest || !strings.Contains(page, "A peer must be served over HTTPS") || !strings.Contains(page, `href="#f-url"`) {
		t.Fatalf("a plain-http peer: %d", status)
	}
	if !strings.Contains(page, `value="http://pipeline.leeds.example"`) {
		t.Fatal("what was typed is lost")
	}
	form.Set("url", "https://Pipeline.Leeds.example/")
	form.Set("note", "Agreed with Leeds's digital team.")
	if status, _, h := b.post("/coordinator/peers", form); status != http.StatusSeeOther || h.Get("Location") != "/coordinator/peers" {
		t.Fatalf("add a peer: %d", status)
	}
	_, page = b.get("/coordinator/peers")
	for _, want := range []string{"Peer added: https://Pipeline.Leeds.example/", "https://pipeline.leeds.example", "Trusted", "Agreed with Leeds"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	peer, err := b.app.FindFirstRecordByData(hooks.ColPeers, "url", "https://pipeline.leeds.example")
	if err != nil || peer.GetString("state") != hooks.PeerTrusted || peer.GetString("addedBy") != co.Id {
		t.Fatalf("the peer: %v", err)
	}
	if status, page, _ := b.post("/coordinator/peers", form); status != http.StatusBadRequest || !strings.Contains(page, "already on the list") {
		t.Fatalf("the same peer again: %d", status)
	}
	block := url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"state"}, "id": {peer.Id}, "url": {"https://pipeline.leeds.example"}, "state": {"blocked"}}
	if status, _, _ := b.post("/coordinator/peers", block); status != http.StatusSeeOther {
		t.Fatalf("block: %d", status)
	}
	if p, _ := b.app.FindRecordById(hooks.ColPeers, peer.Id); p.GetString("state") != hooks.PeerBlocked {
		t.Fatal("not blocked")
	}
	// An officer, a visitor, and a form without its token change nothing.
	o := b.another()
	o.signIn("officer@leeds.test")
	if status, _ := o.get("/coordinator/peers"); status != http.StatusForbidden {
		t.Fatalf("an officer: %d", status)
	}
	remove := url.Values{"csrf": {o.cookie(csrfCookie)}, "action": {"remove"}, "id": {peer.Id}, "url": {"x"}}
	if status, _, _ := o.post("/coordinator/peers", remove); status < 400 {
		t.Fatalf("an officer removing a peer: %d", status)
	}
	remove.Set("csrf", "forged")
	if status, _, _ := b.post("/coordinator/peers", remove); status < 400 {
		t.Fatalf("a forged token: %d", status)
	}
	if _, err := b.app.FindRecordById(hooks.ColPeers, peer.Id); err != nil {
		t.Fatal("the peer was removed")
	}
	remove.Set("csrf", b.cookie(csrfCookie))
	if status, _, _ := b.post("/coordinator/peers", remove); status != http.StatusSeeOther {
		t.Fatalf("remove: %d", status)
	}
	if _, err := b.app.FindRecordById(hooks.ColPeers, peer.Id); err == nil {
		t.Fatal("the peer is still there")
	}
}
