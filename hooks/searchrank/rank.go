// Package searchrank ranks the matches of a full-text search in memory,
// as SQLite FTS5's bm25() would rank them, so that a search pays for
// walking its matches once in the index and not for bm25 over every one of
// them. The full-text index still decides what matches (every word,
// phrase, prefix and filter); this package only orders the rows it gives
// back, from each row's term counts, kept here by row id. It needs nothing
// of PocketBase; a Ranker is safe for concurrent use.
package searchrank

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Columns of a search row, in the index's order, and their bm25 weights:
// title 10, summary 4, description 1, tags 6, organisation 2. Facets are
// counted in a row's length but weigh nothing.
const (
	colTitle = iota
	colSummary
	colDescription
	colTags
	colOrganisation
	scored // number of weighted columns
)

// Weights are the bm25 weights of the weighted columns, the same as the
// search's bm25() call.
var Weights = [scored]float64{10, 4, 1, 6, 2}

// bm25's constants, as FTS5 has them.
const (
	k1 = 1.2
	b  = 0.75
)

// Row is one row of the full-text index.
type Row struct {
	Rowid                                                   int64
	ID                                                      string
	Title, Summary, Description, Tags, Organisation, Facets string
}

// hit is one term of a row with how often it is in each weighted column,
// six bits a column (counts above 63 are read as 63).
type hit struct {
	term uint32
	tf   uint32
}

func (h hit) in(col int) float64 { return float64(h.tf >> (6 * col) & 63) }

// doc is what the ranker keeps of a row. Its hits (by term) and its words
// (for spelling) are runs of the ranker's arenas, so that ranking rows in
// row id order reads memory in order.
type doc struct {
	id     string
	org    string // the organisation's id, from the facets
	length int32  // tokens in every column
	public bool
	held   bool
	off, n uint32 // its hits: hits[off : off+n]
	woff   uint32 // its words: words[woff : woff+wn]
	wn     uint16
	fn     uint16 // its facets: facets[foff : foff+fn]
	foff   uint32
}

// Ranker keeps rows' term counts and ranks matches from them, and the
// words of rows' shorter fields, to correct typing mistakes from.
type Ranker struct {
	mu     sync.RWMutex
	ids    map[string]uint32 // term ids
	terms  []string          // each term id's term
	sorted []uint32          // term ids in the order of their terms, for prefixes
	df     []int32           // rows holding each term
	docs   []doc             // by row id
	held   int
	byID   map[string]int64 // a project's row
	total  int64            // tokens in every row
	hits   []hit
	vocab  vocabulary
	// dead counts arena entries no row uses any more.
	dead int
	// postings lists, for each term, the rows that have held it, in the
	// order they were put: a row forgotten or put again with other words
	// stays listed until the next compaction, so matching checks each
	// listed row's own hits.
	postings [][]uint32
	facetIDs map[string]uint16
	facets   []uint16
}

// New makes an empty ranker.
func New() *Ranker {
	return &Ranker{ids: map[string]uint32{}, byID: map[string]int64{}, vocab: newVocabulary(), facetIDs: map[string]uint16{}}
}

// Len is how many rows the ranker holds.
func (r *Ranker) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.held
}

// Put adds a row, in place of what the ranker held for its row id or its
// project.
func (r *Ranker) Put(row Row) {
	if row.Rowid < 0 {
		return
	}
	counts := map[string]*uint32{}
	length := 0
	var order []string
	seen := map[string]bool{}
	var words []string
	for col, text := range [scored]string{row.Title, row.Summary, row.Description, row.Tags, row.Organisation} {
		forEachWord(text, func(w string) {
			length++
			if col != colDescription && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
			t := Stem(w)
			c := counts[t]
			if c == nil {
				c = new(uint32)
				counts[t] = c
				order = append(order, t)
			}
			if n := *c >> (6 * col) & 63; n < 63 {
				*c += 1 << (6 * col)
			}
		})
	}
	org, public := "", false
	var facets []string
	forEachWord(row.Facets, func(w string) {
		length++
		facets = append(facets, w)
		switch {
		case strings.HasPrefix(w, "o_"):
			org = w[2:]
		case w == "v_published":
			public = true
		}
	})
	r.mu.Lock()
	defer r.mu.Unlock()
	r.forgetRowLocked(row.Rowid)
	if old, ok := r.byID[row.ID]; ok {
		r.forgetRowLocked(old)
	}
	for int64(len(r.docs)) <= row.Rowid {
		r.docs = append(r.docs, doc{})
	}
	d := doc{id: row.ID, org: org, public: public, length: int32(length), held: true,
		off: uint32(len(r.hits)), n: uint32(len(order))}
	for _, t := range order {
		id := r.termLocked(t)
		r.df[id]++
		r.hits = append(r.hits, hit{term: id, tf: *counts[t]})
		if p := r.postings[id]; len(p) == 0 || p[len(p)-1] != uint32(row.Rowid) {
			r.postings[id] = append(p, uint32(row.Rowid))
		}
	}
	d.foff = uint32(len(r.facets))
	for _, f := range facets[:min(len(facets), math.MaxUint16)] {
		id, ok := r.facetIDs[f]
		if !ok && len(r.facetIDs) < math.MaxUint16 {
			id = uint16(len(r.facetIDs))
			r.facetIDs[f] = id
		}
		r.facets = append(r.facets, id)
		d.fn++
	}
	run := r.hits[d.off:]
	slices.SortFunc(run, func(a, b hit) int { return int(a.term) - int(b.term) })
	words = words[:min(len(words), math.MaxUint16)]
	d.woff, d.wn = r.vocab.add(words, public, org)
	r.docs[row.Rowid] = d
	r.held++
	r.byID[row.ID] = row.Rowid
	r.total += int64(length)
	if r.dead > 1<<20 && r.dead > len(r.hits)/2 {
		r.compactLocked()
	}
}

// termLocked is t's term id, added if it is new.
func (r *Ranker) termLocked(t string) uint32 {
	if id, ok := r.ids[t]; ok {
		return id
	}
	id := uint32(len(r.terms))
	r.ids[t] = id
	r.terms = append(r.terms, t)
	r.df = append(r.df, 0)
	r.postings = append(r.postings, nil)
	at := sort.Search(len(r.sorted), func(i int) bool { return r.terms[r.sorted[i]] >= t })
	r.sorted = slices.Insert(r.sorted, at, id)
	return id
}

// compactLocked copies the rows' hits and words into new arenas, in row
// id order, leaving out what forgotten rows used.
func (r *Ranker) compactLocked() {
	hits := make([]hit, 0, len(r.hits)-r.dead)
	words := make([]uint32, 0, len(r.vocab.runs))
	facets := make([]uint16, 0, len(r.facets))
	postings := make([][]uint32, len(r.postings))
	for i := range r.docs {
		d := &r.docs[i]
		if !d.held {
			continue
		}
		off := uint32(len(hits))
		hits = append(hits, r.hits[d.off:d.off+d.n]...)
		d.off = off
		for _, h := range hits[off:] {
			postings[h.term] = append(postings[h.term], uint32(i))
		}
		woff := uint32(len(words))
		words = append(words, r.vocab.runs[d.woff:d.woff+uint32(d.wn)]...)
		d.woff = woff
		foff := uint32(len(facets))
		facets = append(facets, r.facets[d.foff:d.foff+uint32(d.fn)]...)
		d.foff = foff
	}
	r.hits, r.vocab.runs, r.facets, r.postings, r.dead = hits, words, facets, postings, 0
}

// Forget drops what the ranker holds of a project, when it is saved or
// deleted: its row is read again when it next matches.
func (r *Ranker) Forget(projectID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rowid, ok := r.byID[projectID]; ok {
		r.forgetRowLocked(rowid)
	}
}

// ForgetRows drops what the ranker holds of rows.
func (r *Ranker) ForgetRows(rowids []int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range rowids {
		r.forgetRowLocked(id)
	}
}

func (r *Ranker) forgetRowLocked(rowid int64) {
	if rowid < 0 || rowid >= int64(len(r.docs)) || !r.docs[rowid].held {
		return
	}
	d := r.docs[rowid]
	for _, h := range r.hits[d.off : d.off+d.n] {
		r.df[h.term]--
	}
	r.vocab.remove(d.woff, d.wn, d.public, d.org)
	r.dead += int(d.n)
	r.total -= int64(d.length)
	r.docs[rowid] = doc{}
	r.held--
	if r.byID[d.id] == rowid {
		delete(r.byID, d.id)
	}
}

// docLocked is the row's doc, if the ranker holds it.
func (r *Ranker) docLocked(rowid int64) (*doc, bool) {
	if rowid < 0 || rowid >= int64(len(r.docs)) || !r.docs[rowid].held {
		return nil, false
	}
	return &r.docs[rowid], true
}

// Missing is those of rowids the ranker does not hold.
func (r *Ranker) Missing(rowids []int64) []int64 {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []int64
	for _, id := range rowids {
		if _, ok := r.docLocked(id); !ok {
			out = append(out, id)
		}
	}
	return out
}
