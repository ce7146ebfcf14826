package hooks

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// labelledProject is one entry of testdata/similar_projects.json: a real
// council project with a topic label given independently of the engine.
type labelledProject struct {
	Title        string   `json:"title"`
	Organisation string   `json:"organisation"`
	Source       string   `json:"source"`
	Topic        string   `json:"topic"`
	Summary      string   `json:"summary"`
	Tags         []string `json:"tags"`
	id           string
}

func loadLabelled(t testing.TB) []labelledProject {
	t.Helper()
	raw, err := os.ReadFile("testdata/similar_projects.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []labelledProject
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// loadLabelledInto stores the labelled projects, one organisation per
// distinct organisation name, in a fresh instance.
func loadLabelledInto(t testing.TB, app core.App, set []labelledProject) {
	t.Helper()
	orgs := map[string]string{}
	for i := range set {
		p := &set[i]
		if orgs[p.Organisation] == "" {
			org := saveRecord(t, app, ColOrganisations, map[string]any{
				"name": p.Organisation, "slug": fmt.Sprintf("eval-%d", len(orgs)), "kind": "other",
			})
			orgs[p.Organisation] = org.Id
		}
		rec := saveRecord(t, app, ColProjects, map[string]any{
			"title": p.Title, "summary": p.Summary, "tags": p.Tags,
			"organisation": orgs[p.Organisation], "visibility": VisibilityPublished,
		})
		p.id = rec.Id
	}
}

// precisionAt3 is the share of the top three suggestions (from other
// organisations) that share the project's topic.
func precisionAt3(set []labelledProject, suggest func(i int) []int) float64 {
	hits, total := 0, 0
	for i := range set {
		for _, j := range suggest(i) {
			total++
			if set[j].Topic == set[i].Topic {
				hits++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(hits) / float64(total)
}

// tfidfBaseline is plain TF-IDF cosine similarity over title and summary:
// the baseline the engine has to beat.
func tfidfBaseline(set []labelledProject) func(i int) []int {
	docs := make([]map[string]float64, len(set))
	df := map[string]int{}
	for i, p := range set {
		tf := map[string]float64{}
		for _, w := range strings.FieldsFunc(strings.ToLower(p.Title+" "+p.Summary), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			tf[w]++
		}
		for w := range tf {
			df[w]++
		}
		docs[i] = tf
	}
	n := float64(len(set))
	vec := make([]map[string]float64, len(set))
	for i, tf := range docs {
		v := map[string]float64{}
		norm := 0.0
		for w, c := range tf {
			x := c * math.Log(n/float64(df[w]))
			v[w] = x
			norm += x * x
		}
		for w := range v {
			v[w] /= math.Sqrt(norm)
		}
		vec[i] = v
	}
	return func(i int) []int {
		type scored struct {
			j int
			s float64
		}
		var all []scored
		for j := range set {
			if set[j].Organisation == set[i].Organisation {
				continue
			}
			s := 0.0
			for w, x := range vec[i] {
				s += x * vec[j][w]
			}
			all = append(all, scored{j, s})
		}
		sort.SliceStable(all, func(a, b int) bool { return all[a].s > all[b].s })
		var out []int
		for _, s := range all[:min(3, len(all))] {
			out = append(out, s.j)
		}
		return out
	}
}

// TestSimilarBeatsTheBaseline measures precision@3 on real council
// projects labelled by topic, for the engine and for plain TF-IDF cosine.
// The figures are recorded in docs/benchmarks.md.
func TestSimilarBeatsTheBaseline(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	Register(app)
	set := loadLabelled(t)
	loadLabelledInto(t, app, set)
	index := map[string]int{}
	for i, p := range set {
		index[p.id] = i
	}
	engine := func(i int) []int {
		p := mustRecord(t, app, ColProjects, set[i].id)
		hits, err := Similar(app, SimilarQuery{Text: ProjectText(p), ExcludeOrg: p.GetString("organisation"), ExcludeProject: p.Id, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, h := range hits {
			out = append(out, index[h.Id])
		}
		return out
	}
	ours, baseline := precisionAt3(set, engine), precisionAt3(set, tfidfBaseline(set))
	t.Logf("precision@3 on %d labelled projects: engine %.3f, TF-IDF cosine baseline %.3f", len(set), ours, baseline)
	if ours <= baseline || ours < 0.85 {
		t.Fatalf("the engine (%.3f) must reach 0.85 and beat the baseline (%.3f)", ours, baseline)
	}
}
