package similarity

import (
	"math"
	"slices"
	"strings"
	"sync"
)

// Query says what to find, and among which documents.
type Query struct {
	// Text is what to find documents like; or, with ID set and Text
	// empty, the stored document ID's own vector is used.
	Text Text
	ID   string
	// ExcludeOrg leaves out an organisation's documents; OnlyOrg keeps
	// only one organisation's.
	ExcludeOrg, OnlyOrg string
	// PrivateOf is an organisation whose non-public documents may be
	// found; nobody else's are, and they play no part in the ranking.
	PrivateOf string
	// Limit caps the hits; MinScore drops weaker ones.
	Limit    int
	MinScore float64
}

// Hit is a document found, with its cosine similarity (0 to 1) and the
// words it shares with the query, most telling first.
type Hit struct {
	ID     string
	Score  float64
	Shared []string
}

type scratch struct {
	acc     []float32
	touched []int32
}

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

// qvec is a query vector over term ids, normalised.
type qvec map[int32]float64

// queryVector weighs a query's terms by rarity and normalises it. Terms the
// index does not hold cannot match and are dropped.
func (ix *Index) queryVector(q Query) qvec {
	v := qvec{}
	if q.Text.Title == "" && q.Text.Summary == "" && q.Text.Description == "" && len(q.Text.Tags) == 0 && q.ID != "" {
		slot, ok := ix.bySlot[q.ID]
		if !ok {
			return v
		}
		for _, tw := range ix.docs[slot].terms {
			v[tw.term] = float64(tw.w * ix.idf[tw.term])
		}
	} else {
		tf, _ := vectorize(ix.p, q.Text)
		for _, k := range heaviest(tf, ix.p.MaxTerms) {
			if t, ok := ix.termIds[k]; ok && int(t) < len(ix.idf) {
				v[t] = tf[k] * float64(ix.idf[t])
			}
		}
	}
	norm := 0.0
	for _, x := range v {
		norm += x * x
	}
	norm = math.Sqrt(norm)
	for t := range v {
		v[t] /= norm
	}
	return v
}

// filter is a query's conditions on documents, with organisations and the
// query's own document as numbers: it is asked of every candidate.
type filter struct {
	self                   int32 // the query's own slot, or -1
	private, exclude, only int32 // organisation numbers: -1 for none, noOrg for one without documents
}

// noOrg stands for an organisation the index has no document of.
const noOrg = -2

func (ix *Index) filterOf(q Query) filter {
	f := filter{self: -1, private: -1, exclude: -1, only: -1}
	if s, ok := ix.bySlot[q.ID]; ok && q.ID != "" {
		f.self = s
	}
	org := func(name string) int32 {
		if name == "" {
			return -1
		}
		if id, ok := ix.orgIds[name]; ok {
			return id
		}
		return noOrg
	}
	f.private, f.exclude, f.only = org(q.PrivateOf), org(q.ExcludeOrg), org(q.OnlyOrg)
	return f
}

// visible says whether a query may see the document in slot s at all.
func (ix *Index) visible(f filter, s int32) bool {
	d := &ix.docs[s]
	return d.alive && s != f.self && (d.public || (f.private >= 0 && d.org == f.private))
}

// wanted says whether a visible document may be a hit.
func (ix *Index) wanted(f filter, s int32) bool {
	d := &ix.docs[s]
	return (f.exclude < 0 || d.org != f.exclude) && (f.only == -1 || d.org == f.only)
}

type scored struct {
	slot  int32
	score float32
}

// rank scores every document sharing a term with v and returns the best n
// that keep says may count, best first.
func (ix *Index) rank(v qvec, n int, keep func(int32) bool) []scored {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if len(sc.acc) < len(ix.docs) {
		sc.acc = make([]float32, len(ix.docs))
	}
	for t, x := range v {
		w := float32(x) * ix.idf[t]
		for _, p := range ix.postings[t] {
			if sc.acc[p.slot] == 0 {
				sc.touched = append(sc.touched, p.slot)
			}
			sc.acc[p.slot] += w * p.w
		}
	}
	best := make([]scored, 0, n+1)
	for _, s := range sc.touched {
		score := sc.acc[s]
		sc.acc[s] = 0
		if score <= 0 || ix.norms[s] == 0 || !keep(s) {
			continue
		}
		score /= ix.norms[s]
		if len(best) == n && score <= best[n-1].score {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, score, func(a scored, s float32) int {
			if a.score > s {
				return -1
			}
			return 1
		})
		best = slices.Insert(best, i, scored{s, score})
		if len(best) > n {
			best = best[:n]
		}
	}
	sc.touched = sc.touched[:0]
	return best
}

// Similar finds the documents most like the query, best first.
func (ix *Index) Similar(q Query) []Hit {
	// A Put between the refresh and the read lock would leave a document
	// without its length: refresh until none is missing.
	for {
		ix.refresh()
		ix.mu.RLock()
		if len(ix.norms) == len(ix.docs) && len(ix.idf) == len(ix.df) {
			break
		}
		ix.mu.RUnlock()
	}
	defer ix.mu.RUnlock()
	if q.Limit <= 0 {
		q.Limit = 5
	}
	v := ix.queryVector(q)
	if len(v) == 0 {
		return []Hit{}
	}
	f := ix.filterOf(q)
	expanded := v
	if ix.p.FeedbackDocs > 0 && ix.p.FeedbackWeight > 0 {
		// The nearest documents the caller may see, of any organisation,
		// add their terms to the query.
		near := ix.rank(prune(v, ix.p.QueryTerms), ix.p.FeedbackDocs, func(s int32) bool { return ix.visible(f, s) })
		for len(near) > 0 && float64(near[len(near)-1].score) < ix.p.FeedbackMinScore {
			near = near[:len(near)-1]
		}
		if len(near) > 0 {
			expanded = qvec{}
			for t, x := range v {
				expanded[t] = x
			}
			share := ix.p.FeedbackWeight / float64(len(near))
			for _, nd := range near {
				norm := float64(ix.norms[nd.slot])
				for _, tw := range ix.docs[nd.slot].terms {
					expanded[tw.term] += share * float64(tw.w*ix.idf[tw.term]) / norm
				}
			}
			norm := 0.0
			for _, x := range expanded {
				norm += x * x
			}
			norm = math.Sqrt(norm)
			for t := range expanded {
				expanded[t] /= norm
			}
		}
	}
	best := ix.rank(prune(expanded, ix.p.QueryTerms), q.Limit, func(s int32) bool { return ix.visible(f, s) && ix.wanted(f, s) })
	out := make([]Hit, 0, len(best))
	for _, b := range best {
		if float64(b.score) < q.MinScore {
			break
		}
		out = append(out, Hit{ID: ix.docs[b.slot].id, Score: float64(b.score), Shared: ix.shared(v, b.slot)})
	}
	return out
}

// shared lists the words a document shares with the query, by how much
// each adds to their similarity, at most five; a pair of words stands for
// its two words.
func (ix *Index) shared(v qvec, slot int32) []string {
	type part struct {
		word string
		w    float64
	}
	var parts []part
	for _, tw := range ix.docs[slot].terms {
		if x, ok := v[tw.term]; ok {
			parts = append(parts, part{ix.words[tw.term], x * float64(tw.w*ix.idf[tw.term])})
		}
	}
	slices.SortFunc(parts, func(a, b part) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return strings.Compare(a.word, b.word)
	})
	var out []string
	for _, p := range parts {
		if strings.Contains(p.word, " ") {
			// A pair says more than its words: it takes their places.
			out = slices.DeleteFunc(out, func(o string) bool { return strings.Contains(" "+p.word+" ", " "+o+" ") })
		} else if slices.ContainsFunc(out, func(o string) bool { return strings.Contains(" "+o+" ", " "+p.word+" ") }) {
			continue
		}
		if !slices.Contains(out, p.word) {
			out = append(out, p.word)
		}
		if len(out) == 5 {
			break
		}
	}
	return out
}

// prune keeps a query's n heaviest terms (all when n <= 0); the rest add
// little to a ranking and most of its cost.
func prune(v qvec, n int) qvec {
	if n <= 0 || len(v) <= n {
		return v
	}
	type tw struct {
		t int32
		w float64
	}
	all := make([]tw, 0, len(v))
	for t, w := range v {
		all = append(all, tw{t, w})
	}
	slices.SortFunc(all, func(a, b tw) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return int(a.t - b.t)
	})
	out := make(qvec, n)
	for _, x := range all[:n] {
		out[x.t] = x.w
	}
	return out
}
