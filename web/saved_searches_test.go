package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pipeline/hooks"
)

func TestSavedSearchesWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	b.signIn("officer@bristol.test")
	status, page := b.get("/projects?q=bins&phase=concept")
	if status != 200 || !strings.Contains(page, `id="save-search"`) || !strings.Contains(page, `name="search" value="phase=concept&amp;q=bins"`) {
		t.Fatalf("the save form: %d", status)
	}
	search := "phase=concept&q=bins"
	status, page, _ = b.post("/projects/saved", url.Values{"csrf": {b.cookie(csrfCookie)}, "search": {search}, "name": {" "}})
	if status != http.StatusBadRequest || !strings.Contains(page, "Enter a name for this search") {
		t.Fatalf("no name: %d", status)
	}
	status, _, h := b.post("/projects/saved", url.Values{"csrf": {b.cookie(csrfCookie)}, "search": {search}, "name": {"Bins"}})
	if status != http.StatusSeeOther || h.Get("Location") != "/projects?"+search {
		t.Fatalf("save: %d %s", status, h.Get("Location"))
	}
	saved, err := b.app.FindFirstRecordByData(hooks.ColSavedSearches, "name", "Bins")
	if err != nil || saved.GetString("query") != "bins" || !strings.Contains(saved.GetString("filters"), "concept") {
		t.Fatalf("saved: %v %s", err, saved.GetString("filters"))
	}
	if _, page = b.get("/projects?" + search); !strings.Contains(page, "Your search “Bins” is saved") || !strings.Contains(page, `href="/projects?phase=concept&amp;q=bins">Bins</a>`) {
		t.Fatal("the list after saving")
	}
	// Another person cannot delete it.
	o := b.another()
	o.signIn("officer@leeds.test")
	if status, _, _ := o.post("/projects/saved", url.Values{"csrf": {o.cookie(csrfCookie)}, "delete": {saved.Id}}); status != http.StatusNotFound {
		t.Fatalf("someone else deleting: %d", status)
	}
	if status, _, _ = b.post("/projects/saved", url.Values{"csrf": {b.cookie(csrfCookie)}, "delete": {saved.Id}, "search": {search}}); status != http.StatusSeeOther {
		t.Fatalf("delete: %d", status)
	}
	if _, err := b.app.FindRecordById(hooks.ColSavedSearches, saved.Id); err == nil {
		t.Fatal("not deleted")
	}
	// Signed in, the list holds one's own drafts.
	if _, page = o.get("/projects?q=secret"); !strings.Contains(page, "Secret draft plan") {
		t.Fatal("the owner's draft is not in their list")
	}
	if _, page = b.get("/projects?q=secret"); strings.Contains(page, "Secret draft plan") {
		t.Fatal("another council's draft is in the list")
	}
}
