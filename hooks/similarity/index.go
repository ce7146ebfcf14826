package similarity

import (
	"math"
	"slices"
	"strings"
	"sync"
)

// Text is what a project says about itself, by field.
type Text struct {
	Title, Summary, Description string
	Tags                        []string
}

// Params are the engine's settings. DefaultParams were chosen by
// cross-validation on real council projects (see the package's tests and
// docs/benchmarks.md); nothing in them names a word or a topic.
type Params struct {
	// Weights of the fields in a project's vector.
	Title, Summary, Description, Tags float64
	// Pairs is the weight of adjacent word pairs ("missed bin") relative
	// to single words; 0 leaves them out.
	Pairs float64
	// FeedbackDocs is how many nearest neighbours a query is expanded
	// through, and FeedbackWeight how much they count beside the query.
	FeedbackDocs   int
	FeedbackWeight float64
	// FeedbackMinScore is how alike a neighbour must be to expand the
	// query: in a small or thin corpus, the nearest documents may not be
	// near at all.
	FeedbackMinScore float64
	// MaxTerms caps a document's vector to its heaviest terms, and
	// QueryTerms a query's, after feedback (the cost of a query grows with
	// its terms).
	MaxTerms, QueryTerms int
}

// DefaultMinScore is the least score of a suggestion worth showing: below
// it, fewer or none are shown rather than weak ones (chosen, like
// DefaultParams, by cross-validation).
const DefaultMinScore = 0.32

// NotifyMinScore is the least score at which the owner of a project is
// told of a new one like it: a closer match than is shown, since an email
// costs a person more than a line on a page.
const NotifyMinScore = 0.47

// DefaultParams are the settings Pipeline runs with.
var DefaultParams = Params{Title: 2, Summary: 1, Description: 0.5, Tags: 1, Pairs: 0.5, FeedbackDocs: 5, FeedbackWeight: 1, FeedbackMinScore: 0.1, MaxTerms: 60}

type termWeight struct {
	term int32
	w    float32
}

type posting struct {
	slot int32
	w    float32
}

type docEntry struct {
	id     string
	org    int32 // interned organisation
	public bool
	alive  bool
	terms  []termWeight // raw weighted term frequencies, by term id
}

// Index holds the vectors of every project, and answers which are most
// like a text or another project.
type Index struct {
	p Params

	mu       sync.RWMutex
	termIds  map[string]int32
	words    []string // a word as written for each term, for explanations
	df       []int32  // documents holding each term
	postings [][]posting
	docs     []docEntry
	bySlot   map[string]int32
	orgIds   map[string]int32
	alive    int
	public   int
	dead     int

	// Derived from the above and refreshed when enough has changed.
	idf     []float32
	norms   []float32
	changes int
	fresh   bool
}

// NewIndex is an empty index with settings p.
func NewIndex(p Params) *Index {
	return &Index{p: p, termIds: map[string]int32{}, bySlot: map[string]int32{}, orgIds: map[string]int32{}}
}

// Len is how many documents the index holds.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.alive
}

// Public is how many public documents the index holds: the corpus word
// rarity is learned from.
func (ix *Index) Public() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.public
}

// vectorize turns a text into raw weighted term frequencies (term ->
// weight), words and pairs, with the word as written for each term.
func vectorize(p Params, t Text) (map[string]float64, map[string]string) {
	tf := map[string]float64{}
	seen := map[string]string{}
	add := func(text string, weight float64) {
		if weight == 0 {
			return
		}
		toks := Analyze(text)
		for i, tok := range toks {
			tf[tok.Stem] += weight
			if _, ok := seen[tok.Stem]; !ok {
				seen[tok.Stem] = tok.Word
			}
			if p.Pairs > 0 && i > 0 {
				pair := toks[i-1].Stem + " " + tok.Stem
				tf[pair] += weight * p.Pairs
				if _, ok := seen[pair]; !ok {
					seen[pair] = toks[i-1].Word + " " + tok.Word
				}
			}
		}
	}
	add(t.Title, p.Title)
	add(t.Summary, p.Summary)
	add(t.Description, p.Description)
	add(strings.Join(t.Tags, ". "), p.Tags)
	// Repetition counts, but less and less (1 + ln tf).
	for k, v := range tf {
		if v > 1 {
			tf[k] = 1 + math.Log(v)
		}
	}
	return tf, seen
}

// heaviest keeps the n heaviest terms of tf (all when n <= 0).
func heaviest(tf map[string]float64, n int) []string {
	keys := make([]string, 0, len(tf))
	for k := range tf {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if tf[a] != tf[b] {
			if tf[a] > tf[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	if n > 0 && len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

// Put adds or replaces the document id of organisation org; public says
// whether everyone may see it.
func (ix *Index) Put(id, org string, public bool, t Text) {
	tf, words := vectorize(ix.p, t)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(id)
	slot := int32(len(ix.docs))
	oid, ok := ix.orgIds[org]
	if !ok {
		oid = int32(len(ix.orgIds))
		ix.orgIds[org] = oid
	}
	d := docEntry{id: id, org: oid, public: public, alive: true}
	for _, k := range heaviest(tf, ix.p.MaxTerms) {
		tid, ok := ix.termIds[k]
		if !ok {
			tid = int32(len(ix.words))
			ix.termIds[k] = tid
			ix.words = append(ix.words, words[k])
			ix.df = append(ix.df, 0)
			ix.postings = append(ix.postings, nil)
		}
		if public {
			ix.df[tid]++
		}
		ix.postings[tid] = append(ix.postings[tid], posting{slot, float32(tf[k])})
		d.terms = append(d.terms, termWeight{tid, float32(tf[k])})
	}
	ix.docs = append(ix.docs, d)
	ix.bySlot[id] = slot
	ix.alive++
	if public {
		ix.public++
	}
	ix.changes++
}

// Remove takes the document id out of the index, if it is there.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(id)
}

func (ix *Index) removeLocked(id string) {
	slot, ok := ix.bySlot[id]
	if !ok {
		return
	}
	d := &ix.docs[slot]
	if d.public {
		for _, tw := range d.terms {
			ix.df[tw.term]--
		}
		ix.public--
	}
	d.alive, d.terms = false, nil
	delete(ix.bySlot, id)
	ix.alive--
	ix.dead++
	ix.changes++
	if ix.dead > 1000 && ix.dead > ix.alive/4 {
		ix.compactLocked()
	}
}

// compactLocked drops removed documents from the postings and renumbers
// the slots.
func (ix *Index) compactLocked() {
	renumber := make([]int32, len(ix.docs))
	var docs []docEntry
	for i, d := range ix.docs {
		renumber[i] = -1
		if d.alive {
			renumber[i] = int32(len(docs))
			ix.bySlot[d.id] = int32(len(docs))
			docs = append(docs, d)
		}
	}
	for t, list := range ix.postings {
		kept := list[:0]
		for _, p := range list {
			if s := renumber[p.slot]; s >= 0 {
				kept = append(kept, posting{s, p.w})
			}
		}
		ix.postings[t] = kept
	}
	ix.docs, ix.dead, ix.fresh = docs, 0, false
	ix.norms = ix.norms[:0]
}

// refresh brings the terms' rarity and the documents' lengths up to date.
// They are recomputed whole when the corpus has changed by more than a
// hundredth since (or by anything, while it is small): rarity barely moves
// with one project in thousands. In between, new terms and documents get
// theirs from the rarity as it stands.
func (ix *Index) refresh() {
	ix.mu.RLock()
	whole := !ix.fresh || ix.changes*100 > ix.alive || ix.changes >= 500
	partial := len(ix.idf) < len(ix.df) || len(ix.norms) < len(ix.docs)
	ix.mu.RUnlock()
	if !whole && !partial {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	// Rarity counts only public documents, so that nobody can learn of
	// a draft's words from how others' projects rank.
	n := float64(ix.public)
	from, fromDoc := len(ix.idf), len(ix.norms)
	if whole = !ix.fresh || ix.changes*100 > ix.alive || ix.changes >= 500; whole {
		from, fromDoc = 0, 0
		ix.changes, ix.fresh = 0, true
	}
	ix.idf = slices.Grow(ix.idf[:from], len(ix.df)-from)[:len(ix.df)]
	for t := from; t < len(ix.df); t++ {
		// A term only drafts use weighs as the rarest public one.
		ix.idf[t] = float32(math.Log((n + 1) / float64(max(ix.df[t], 1))))
	}
	ix.norms = slices.Grow(ix.norms[:fromDoc], len(ix.docs)-fromDoc)[:len(ix.docs)]
	for s := fromDoc; s < len(ix.docs); s++ {
		sum := 0.0
		for _, tw := range ix.docs[s].terms {
			x := float64(tw.w * ix.idf[tw.term])
			sum += x * x
		}
		ix.norms[s] = float32(math.Sqrt(sum))
	}
}
