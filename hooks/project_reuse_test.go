package hooks

import (
	"strings"
	"testing"
)

func TestReuseBothWaysAndOutcomeWanted(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	b := mustRecord(t, app, ColProjects, fx.pubB)
	b.Set("reuses", []string{fx.pubA})
	if err := app.Save(b); err != nil {
		t.Fatal(err)
	}
	h := handlerFor(t, app)
	_, body := get(t, h, "/api/pipeline/projects/"+fx.pubA+"/reuse")
	if !strings.Contains(string(body), `"reusedByOrganisations":1`) || !strings.Contains(string(body), `"title":"Bristol parking permits"`) {
		t.Fatalf("reuse: %s", body)
	}
	_, body = get(t, h, "/api/pipeline/projects/"+fx.pubB+"/reuse")
	if !strings.Contains(string(body), `"reuses":[{"id":"`+fx.pubA) {
		t.Fatalf("reuses: %s", body)
	}
	p := mustRecord(t, app, ColProjects, fx.pubA)
	p.Set("phase", "live")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if kindCount(t, app, fx.officerA, KindOutcomeWanted) != 1 {
		t.Fatal("the owner was not asked for the outcome")
	}
}
