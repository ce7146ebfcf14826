package ops

import (
	"pipeline/hooks"

	"errors"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestSeedBenchIsDeterministicAndRefusesRealData(t *testing.T) {
	sizes := BenchSizes{Organisations: 405, Projects: 300, Users: 50, Interests: 400, Updates: 100, Calls: 20}
	titles := func() []string {
		app, err := tests.NewTestApp(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer app.Cleanup()
		hooks.Register(app)
		if _, err := SeedBench(app, sizes, 7, false); err != nil {
			t.Fatal(err)
		}
		for col, want := range map[string]int64{hooks.ColOrganisations: 405, hooks.ColProjects: 300, hooks.ColUsers: 50, hooks.ColInterests: 400, hooks.ColUpdates: 100, hooks.ColCalls: 20} {
			if n, _ := app.CountRecords(col); n != want {
				t.Fatalf("%s: %d, want %d", col, n, want)
			}
		}
		var wrong int
		_ = app.DB().NewQuery(`SELECT COUNT(*) FROM calls c WHERE c.pledgedFunding !=
			(SELECT COALESCE(SUM(funding), 0) FROM pledges WHERE call = c.id AND state = 'active')
			OR c.pledgedPartners != (SELECT COUNT(*) FROM pledges WHERE call = c.id AND state = 'active')`).Row(&wrong)
		if wrong > 0 {
			t.Fatalf("%d generated calls' totals disagree with their pledges", wrong)
		}
		var owned, strangers int
		_ = app.DB().NewQuery("SELECT COUNT(*) FROM projects WHERE owner != ''").Row(&owned)
		_ = app.DB().NewQuery("SELECT COUNT(*) FROM projects p JOIN users u ON u.id = p.owner WHERE u.organisation != p.organisation").Row(&strangers)
		if owned == 0 || strangers > 0 {
			t.Fatalf("%d projects have owners, %d of them from another organisation", owned, strangers)
		}
		var out []string
		_ = app.DB().Select("title").From(hooks.ColProjects).OrderBy("slug").Column(&out)
		// The generated data is searchable like any other.
		if res, err := hooks.Search(app, hooks.SearchParams{Query: "bins"}); err != nil || res.TotalItems == 0 {
			t.Fatalf("search over generated data: %v %v", res.TotalItems, err)
		}
		return out
	}
	a, b := titles(), titles()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("seed 7 gave different data: %q vs %q", a[i], b[i])
		}
	}
	app := newTestApp(t)
	defer app.Cleanup()
	if _, err := SeedBench(app, sizes, 7, false); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("seeding an instance with data: %v", err)
	}
}
