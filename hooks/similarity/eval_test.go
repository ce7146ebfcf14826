package similarity

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// labelled is one real council project of testdata/council_projects.json,
// with a topic given by the people who gathered it, before any tuning.
type labelled struct {
	Title        string   `json:"title"`
	Organisation string   `json:"organisation"`
	Source       string   `json:"source"`
	Topic        string   `json:"topic"`
	Summary      string   `json:"summary"`
	Tags         []string `json:"tags"`
}

func loadSet(t testing.TB) []labelled {
	t.Helper()
	raw, err := os.ReadFile("testdata/council_projects.json")
	if err != nil {
		t.Fatal(err)
	}
	var set []labelled
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	return set
}

// suggester gives, for project i, the indexes of its top suggestions from
// other organisations, best first.
type suggester func(i, n int) []int

// precisionAt3 is the share of the top three suggestions for each query
// that share its topic; a missing suggestion counts as a miss.
func precisionAt3(set []labelled, queries []int, s suggester) float64 {
	hits := 0
	for _, i := range queries {
		for _, j := range s(i, 3) {
			if set[j].Topic == set[i].Topic {
				hits++
			}
		}
	}
	return float64(hits) / float64(3*len(queries))
}

// ndcgAt5 is the mean normalised discounted cumulative gain of the top
// five suggestions, a suggestion being relevant when it shares the topic.
func ndcgAt5(set []labelled, queries []int, s suggester) float64 {
	total := 0.0
	for _, i := range queries {
		relevant := 0
		for j := range set {
			if set[j].Topic == set[i].Topic && set[j].Organisation != set[i].Organisation {
				relevant++
			}
		}
		ideal := 0.0
		for r := 0; r < min(5, relevant); r++ {
			ideal += 1 / math.Log2(float64(r+2))
		}
		if ideal == 0 {
			continue
		}
		dcg := 0.0
		for r, j := range s(i, 5) {
			if set[j].Topic == set[i].Topic {
				dcg += 1 / math.Log2(float64(r+2))
			}
		}
		total += dcg / ideal
	}
	return total / float64(len(queries))
}

// baseline is the reference the engine must beat: plain TF-IDF cosine over
// the title (twice), summary and description, words cut to 6 letters.
func baseline(set []labelled) suggester {
	words := func(s string) []string {
		var out []string
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if r := []rune(w); len(r) > 6 {
				w = string(r[:6])
			}
			out = append(out, w)
		}
		return out
	}
	df := map[string]int{}
	tfs := make([]map[string]float64, len(set))
	for i, p := range set {
		tf := map[string]float64{}
		for _, w := range words(p.Title + " " + p.Title + " " + p.Summary) {
			tf[w]++
		}
		for w := range tf {
			df[w]++
		}
		tfs[i] = tf
	}
	vecs := make([]map[string]float64, len(set))
	for i, tf := range tfs {
		v, norm := map[string]float64{}, 0.0
		for w, c := range tf {
			x := c * math.Log(float64(len(set))/float64(df[w]))
			v[w], norm = x, norm+x*x
		}
		for w := range v {
			v[w] /= math.Sqrt(norm)
		}
		vecs[i] = v
	}
	return func(i, n int) []int {
		type sc struct {
			j int
			s float64
		}
		var all []sc
		for j := range set {
			if set[j].Organisation == set[i].Organisation {
				continue
			}
			s := 0.0
			for w, x := range vecs[i] {
				s += x * vecs[j][w]
			}
			all = append(all, sc{j, s})
		}
		slices.SortStableFunc(all, func(a, b sc) int {
			if a.s > b.s {
				return -1
			} else if a.s < b.s {
				return 1
			}
			return 0
		})
		out := []int{}
		for _, s := range all[:min(n, len(all))] {
			out = append(out, s.j)
		}
		return out
	}
}

// engine indexes the whole set with p, as an instance would hold it.
func engine(set []labelled, p Params) suggester {
	ix := NewIndex(p)
	for i, pr := range set {
		ix.Put(fmt.Sprint(i), pr.Organisation, true, Text{Title: pr.Title, Summary: pr.Summary, Tags: pr.Tags})
	}
	return func(i, n int) []int {
		var out []int
		for _, h := range ix.Similar(Query{ID: fmt.Sprint(i), ExcludeOrg: set[i].Organisation, Limit: n}) {
			var j int
			fmt.Sscan(h.ID, &j)
			out = append(out, j)
		}
		return out
	}
}

// folds splits the set's indexes into k folds, the same way every run.
func folds(n, k int) [][]int {
	order := rand.New(rand.NewPCG(2026, 12)).Perm(n)
	out := make([][]int, k)
	for i, idx := range order {
		out[i%k] = append(out[i%k], idx)
	}
	return out
}

// grid is the settings tried when tuning: field weights, word pairs and
// neighbour feedback.
func grid() []Params {
	var out []Params
	for _, title := range []float64{2, 3} {
		for _, tags := range []float64{1, 2} {
			for _, pairs := range []float64{0, 0.5} {
				for _, fb := range []struct {
					docs int
					w    float64
				}{{0, 0}, {3, 0.5}, {5, 1}, {8, 1}, {8, 2}} {
					for _, floor := range []float64{0, 0.1, 0.2} {
						if fb.docs == 0 && floor > 0 {
							continue
						}
						out = append(out, Params{Title: title, Summary: 1, Description: 0.5, Tags: tags, Pairs: pairs,
							FeedbackDocs: fb.docs, FeedbackWeight: fb.w, FeedbackMinScore: floor, MaxTerms: 60})
					}
				}
			}
		}
	}
	return out
}

// TestSimilarProjectsCrossValidated tunes the engine's settings on four
// folds of the labelled set and scores them on the fifth, five times, next
// to the TF-IDF baseline on the same fold. The figures are recorded in
// docs/benchmarks.md; run with -v to see them.
func TestSimilarProjectsCrossValidated(t *testing.T) {
	set := loadSet(t)
	topics, orgs := map[string]bool{}, map[string]bool{}
	for _, p := range set {
		topics[p.Topic], orgs[p.Organisation] = true, true
	}
	t.Logf("%d projects, %d topics, %d organisations", len(set), len(topics), len(orgs))
	base := baseline(set)
	candidates := grid()
	engines := make([]suggester, len(candidates))
	for c, p := range candidates {
		engines[c] = engine(set, p)
	}
	k := 5
	fs := folds(len(set), k)
	var ours, theirs, oursN, theirsN []float64
	for f := range fs {
		var train []int
		for g := range fs {
			if g != f {
				train = append(train, fs[g]...)
			}
		}
		bestC, bestP := 0, -1.0
		for c := range candidates {
			if p := precisionAt3(set, train, engines[c]); p > bestP {
				bestC, bestP = c, p
			}
		}
		test := fs[f]
		ours = append(ours, precisionAt3(set, test, engines[bestC]))
		theirs = append(theirs, precisionAt3(set, test, base))
		oursN = append(oursN, ndcgAt5(set, test, engines[bestC]))
		theirsN = append(theirsN, ndcgAt5(set, test, base))
		t.Logf("fold %d (%d projects): engine p@3 %.3f nDCG@5 %.3f; baseline p@3 %.3f nDCG@5 %.3f; chosen %+v (train p@3 %.3f)",
			f+1, len(test), ours[f], oursN[f], theirs[f], theirsN[f], candidates[bestC], bestP)
	}
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	t.Logf("mean over %d folds: engine p@3 %.3f nDCG@5 %.3f; baseline p@3 %.3f nDCG@5 %.3f", k, mean(ours), mean(oursN), mean(theirs), mean(theirsN))

	// The settings Pipeline runs with are what the same tuning chooses on
	// the whole set.
	all := make([]int, len(set))
	for i := range all {
		all[i] = i
	}
	bestC, bestP := 0, -1.0
	for c := range candidates {
		if p := precisionAt3(set, all, engines[c]); p > bestP {
			bestC, bestP = c, p
		}
	}
	if candidates[bestC] != DefaultParams {
		t.Errorf("tuning on the whole set chooses %+v (p@3 %.3f), but DefaultParams is %+v", candidates[bestC], bestP, DefaultParams)
	}

	// Weak matches are left out: MinScore is the least score at which, on
	// the training folds, at least 80%% of what is shown shares the topic.
	scores := scoredSuggestions(set, DefaultParams)
	var shownP, filled []float64
	for f := range fs {
		var train []int
		for g := range fs {
			if g != f {
				train = append(train, fs[g]...)
			}
		}
		tau := chooseThreshold(set, train, scores)
		p, fill := thresholded(set, fs[f], scores, tau)
		shownP, filled = append(shownP, p), append(filled, fill)
		t.Logf("fold %d: threshold %.2f shows %.0f%% of the top-3 slots, %.3f of them on topic", f+1, tau, 100*fill, p)
	}
	t.Logf("with the threshold: %.3f of suggestions shown are on topic, %.0f%% of slots filled; MinScore on the whole set %.2f (DefaultMinScore %.2f)",
		mean(shownP), 100*mean(filled), chooseThreshold(set, all, scores), DefaultMinScore)
	// Owners are told of a new project only when it is a closer match: at
	// least 90% on topic.
	var notifyP, notifyFill []float64
	for f := range fs {
		var train []int
		for g := range fs {
			if g != f {
				train = append(train, fs[g]...)
			}
		}
		p, fill := thresholded(set, fs[f], scores, thresholdFor(set, train, scores, 0.9))
		notifyP, notifyFill = append(notifyP, p), append(notifyFill, fill)
	}
	t.Logf("owners told: %.3f on topic, for %.0f%% of the top-3 slots; NotifyMinScore on the whole set %.2f (constant %.2f)",
		mean(notifyP), 100*mean(notifyFill), thresholdFor(set, all, scores, 0.9), NotifyMinScore)
	if got := thresholdFor(set, all, scores, 0.9); got != NotifyMinScore {
		t.Errorf("the owners' threshold chosen on the whole set is %.2f, but NotifyMinScore is %.2f", got, NotifyMinScore)
	}
	if got := chooseThreshold(set, all, scores); got != DefaultMinScore {
		t.Errorf("the threshold chosen on the whole set is %.2f, but DefaultMinScore is %.2f", got, DefaultMinScore)
	}

	for f := range fs {
		if ours[f] < theirs[f] {
			t.Errorf("fold %d: the engine (%.3f) falls below the baseline (%.3f)", f+1, ours[f], theirs[f])
		}
	}
	// The goal is 0.85; this set reaches 0.74 (docs/benchmarks.md).
	// The floor below catches a regression, not the goal.
	if m := mean(ours); m < 0.72 {
		t.Errorf("mean precision@3 across folds is %.3f, below the measured 0.736 by more than noise", m)
	}
}

// scoredSuggestions are each project's top three suggestions with scores.
func scoredSuggestions(set []labelled, p Params) [][]Hit {
	ix := NewIndex(p)
	for i, pr := range set {
		ix.Put(fmt.Sprint(i), pr.Organisation, true, Text{Title: pr.Title, Summary: pr.Summary, Tags: pr.Tags})
	}
	out := make([][]Hit, len(set))
	for i := range set {
		out[i] = ix.Similar(Query{ID: fmt.Sprint(i), ExcludeOrg: set[i].Organisation, Limit: 3})
	}
	return out
}

// thresholded is the share of shown suggestions (score at least tau) that
// are on topic, and the share of the top-3 slots shown.
func thresholded(set []labelled, queries []int, scores [][]Hit, tau float64) (float64, float64) {
	shown, hits := 0, 0
	for _, i := range queries {
		for _, h := range scores[i] {
			if h.Score < tau {
				continue
			}
			shown++
			var j int
			fmt.Sscan(h.ID, &j)
			if set[j].Topic == set[i].Topic {
				hits++
			}
		}
	}
	if shown == 0 {
		return 0, 0
	}
	return float64(hits) / float64(shown), float64(shown) / float64(3*len(queries))
}

// chooseThreshold is the least score, in steps of 0.01, at which at least
// 80% of the suggestions shown for queries are on topic.
func chooseThreshold(set []labelled, queries []int, scores [][]Hit) float64 {
	return thresholdFor(set, queries, scores, 0.8)
}

// thresholdFor is the least score, in steps of 0.01, at which at least
// share of the suggestions shown for queries are on topic.
func thresholdFor(set []labelled, queries []int, scores [][]Hit, share float64) float64 {
	for tau := 0.0; tau < 1; tau += 0.01 {
		if p, _ := thresholded(set, queries, scores, tau); p >= share {
			return math.Round(tau*100) / 100
		}
	}
	return 1
}
