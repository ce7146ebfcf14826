package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// remoteProject keeps a trusted peer's project, as the inbox would.
func remoteProject(t testing.TB, app core.App, title string) *core.Record {
	t.Helper()
	peers, _ := app.FindCollectionByNameOrId(hooks.ColPeers)
	peer := core.NewRecord(peers)
	peer.Load(map[string]any{"url": "https://pipeline.york.example", "state": hooks.PeerTrusted})
	if err := app.Save(peer); err != nil {
		t.Fatal(err)
	}
	col, _ := app.FindCollectionByNameOrId(hooks.ColRemoteProjects)
	r := core.NewRecord(col)
	r.Load(map[string]any{"uri": "https://pipeline.york.example/projects/bins", "peer": peer.Id, "title": title,
		"actor": "https://pipeline.york.example/ap/organisations/york", "organisationName": "City of York Council",
		"summary": "Residents report a missed bin collection <script>alert(1)</script>.", "phase": "beta",
		"tags": []string{"bins", "waste"}, "url": "https://pipeline.york.example/projects/bins"})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRemoteProjectsAreListedWithTheirOrigin(t *testing.T) {
	b := newBrowser(t)
	r := remoteProject(t, b.app, "Missed bin collection reports")
	status, page := b.get("/projects/" + fx.published)
	if status != 200 || !strings.Contains(page, `href="https://pipeline.york.example/projects/bins"`) || !strings.Contains(page, "on pipeline.york.example") {
		t.Fatalf("the project page's similar work lacks the remote project (%d)", status)
	}
	status, page = b.get("/projects?q=missed+bin")
	if status != 200 || !strings.Contains(page, "On other Pipelines") || !strings.Contains(page, `href="/network/projects/`+r.Id+`"`) {
		t.Fatalf("the projects list lacks the remote project (%d)", status)
	}
	if strings.Contains(page, "<script>alert(1)</script>") {
		t.Fatal("a remote summary's markup reached the page")
	}
	status, page = b.get("/network/projects/" + r.Id)
	if status != 200 || !strings.Contains(page, "City of York Council") || !strings.Contains(page, "Sign in") {
		t.Fatalf("a visitor on the remote project's page: %d", status)
	}
	if status, _ := b.get("/network/projects/nosuchproject1"); status != http.StatusNotFound {
		t.Fatalf("an unknown remote project: %d", status)
	}
}
