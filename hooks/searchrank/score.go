package searchrank

import (
	"container/heap"
	"math"
	"slices"
	"sort"
	"strings"
)

// Query is what was searched for: every term must match (the index has
// made sure they do).
type Query struct {
	Terms []Term
}

// Term is one part of a query, matched by any of its alternatives (a word
// as typed or as corrected).
type Term struct {
	Alts []Alt
}

// Alt is a word, a word's start (Prefix) or a phrase of words, as typed:
// the ranker folds and stems them as the index does.
type Alt struct {
	Words  []string
	Prefix bool
}

// Hit is a ranked row.
type Hit struct {
	Rowid int64
	ID    string
	// Score is bm25's score, higher better (FTS5's rank is its negative).
	Score float64
	// Top says every term matched in the title or tags.
	Top bool
}

// wordSet is the term ids one word of a query stands for: its stem, or
// every term that starts with it.
type wordSet struct {
	ids  []uint32
	many []uint64 // for a prefix of many terms: a bit a term id
}

// counts is how often the word is in each weighted column of a row with
// these hits.
func (w wordSet) counts(hits []hit) [scored]float64 {
	var n [scored]float64
	add := func(h hit) {
		for col := range scored {
			n[col] += h.in(col)
		}
	}
	if w.many != nil {
		for _, h := range hits {
			if i := h.term / 64; int(i) < len(w.many) && w.many[i]&(1<<(h.term%64)) != 0 {
				add(h)
			}
		}
		return n
	}
	for _, id := range w.ids {
		lo, hi := 0, len(hits)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if hits[m].term < id {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(hits) && hits[lo].term == id {
			add(hits[lo])
		}
	}
	return n
}

// alt is an alternative made ready: its words' term sets and its idf.
type alt struct {
	words []wordSet
	idf   float64
}

// prepare finds the terms of each word of q, and each alternative's idf.
func (r *Ranker) prepare(q Query) [][]alt {
	n := float64(r.held)
	out := make([][]alt, len(q.Terms))
	for i, t := range q.Terms {
		for _, a := range t.Alts {
			p := alt{}
			hits := math.MaxFloat64
			var stems []string
			for _, w := range a.Words {
				stems = append(stems, Terms(w)...)
			}
			for j, stem := range stems {
				set := r.wordSetLocked(stem, a.Prefix && j == len(stems)-1)
				df := 0.0
				for _, id := range set.ids {
					df += float64(r.df[id])
				}
				hits = min(hits, df, n)
				p.words = append(p.words, set)
			}
			if len(stems) == 0 {
				hits = 0
			}
			p.idf = math.Log((n - hits + 0.5) / (hits + 0.5))
			if p.idf <= 0 {
				p.idf = 1e-6
			}
			out[i] = append(out[i], p)
		}
	}
	return out
}

// wordSetLocked is the term ids of a stem, or of every term it starts.
func (r *Ranker) wordSetLocked(stem string, prefix bool) wordSet {
	if !prefix {
		if id, ok := r.ids[stem]; ok {
			return wordSet{ids: []uint32{id}}
		}
		return wordSet{}
	}
	from := sort.Search(len(r.sorted), func(i int) bool { return r.terms[r.sorted[i]] >= stem })
	var set wordSet
	for i := from; i < len(r.sorted) && strings.HasPrefix(r.terms[r.sorted[i]], stem); i++ {
		set.ids = append(set.ids, r.sorted[i])
	}
	if len(set.ids) > 3 {
		set.many = make([]uint64, len(r.terms)/64+1)
		for _, id := range set.ids {
			set.many[id/64] |= 1 << (id % 64)
		}
	}
	return set
}

// score is bm25 of one row for the prepared query, whether every term is
// in its title or tags, and whether every term is in the row at all (a row
// the index matched holds them all, unless what the ranker holds of it is
// out of date).
func score(d *doc, hits []hit, terms [][]alt, avg float64) (float64, bool, bool) {
	total := 0.0
	top, found := true, true
	norm := k1 * (1 - b + b*float64(d.length)/avg)
	for _, alts := range terms {
		inTop, in := false, false
		for _, a := range alts {
			if len(a.words) == 0 {
				continue
			}
			// A phrase is counted as often as its rarest word, column by
			// column, and is in the title or tags if all its words are.
			f := a.words[0].counts(hits)
			aTop := f[colTitle]+f[colTags] > 0
			for _, w := range a.words[1:] {
				g := w.counts(hits)
				aTop = aTop && g[colTitle]+g[colTags] > 0
				for col := range scored {
					f[col] = min(f[col], g[col])
				}
			}
			freq := 0.0
			for col := range scored {
				freq += Weights[col] * f[col]
			}
			inTop = inTop || aTop
			in = in || freq > 0
			if freq > 0 {
				total += a.idf * freq * (k1 + 1) / (freq + norm)
			}
		}
		top = top && inTop
		found = found && in
	}
	return total, top, found
}

// Rank orders rowids, the rows that matched q: rows whose title or tags
// hold every term first, then by bm25, then by row id; it returns the
// limit rows after offset. Rows the ranker does not hold come last. It
// also returns the rows to read again and rank again: those it does not
// hold, and those it holds without a term of q (what it holds of them is
// out of date; give them to ForgetRows, then Put).
func (r *Ranker) Rank(q Query, rowids []int64, offset, limit int) ([]Hit, []int64) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	terms, avg := r.prepare(q), r.avgLengthLocked()
	top := newTopHits(offset + limit)
	var reread []int64
	for _, rowid := range rowids {
		x := Hit{Rowid: rowid, Score: math.Inf(-1)}
		if d, ok := r.docLocked(rowid); ok {
			found := false
			x.Score, x.Top, found = score(d, r.hits[d.off:d.off+d.n], terms, avg)
			if !found {
				reread = append(reread, rowid)
			}
		} else {
			reread = append(reread, rowid)
		}
		top.offer(x)
	}
	return r.pageLocked(top, offset), reread
}

// avgLengthLocked is the mean length of the rows held, as bm25 needs it.
func (r *Ranker) avgLengthLocked() float64 {
	if r.held > 0 && r.total > 0 {
		return float64(r.total) / float64(r.held)
	}
	return 1
}

// topHits keeps the best keep hits offered.
type topHits struct {
	keep int
	h    hitHeap
}

func newTopHits(keep int) *topHits { return &topHits{keep: keep} }

// offer keeps x if it is among the best so far.
func (t *topHits) offer(x Hit) {
	if t.h.Len() < t.keep {
		heap.Push(&t.h, x)
	} else if t.keep > 0 && better(x, t.h[0]) {
		t.h[0] = x
		heap.Fix(&t.h, 0)
	}
}

// pageLocked is the kept hits, best first, from offset on, each with its
// project's id.
func (r *Ranker) pageLocked(t *topHits, offset int) []Hit {
	out := make([]Hit, t.h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&t.h).(Hit)
		if d, ok := r.docLocked(out[i].Rowid); ok {
			out[i].ID = d.id
		}
	}
	if offset >= len(out) {
		return nil
	}
	return out[offset:]
}

// better says whether x ranks above y.
func better(x, y Hit) bool {
	if x.Top != y.Top {
		return x.Top
	}
	if x.Score != y.Score {
		return x.Score > y.Score
	}
	return x.Rowid < y.Rowid
}

// hitHeap keeps the best hits so far with the worst on top.
type hitHeap []Hit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(Hit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Filter narrows a search to rows by their facets, as the search's
// filters do in the index: a row must have one facet of each group of
// Require and none of Exclude; a draft (facet v_draft) is left out unless
// it is Own's (the searcher's organisation).
type Filter struct {
	Require [][]string
	Exclude []string
	Own     string
}

// facetFilter is a Filter as facet ids; a facet no row has is -1.
type facetFilter struct {
	require [][]int32
	exclude []int32
	draft   int32
	own     string
}

func (r *Ranker) facetFilterLocked(f Filter) facetFilter {
	id := func(name string) int32 {
		folded := ""
		forEachWord(name, func(w string) {
			if folded == "" {
				folded = w
			}
		})
		if v, ok := r.facetIDs[folded]; ok {
			return int32(v)
		}
		return -1
	}
	out := facetFilter{draft: id("v_draft"), own: f.Own}
	for _, g := range f.Require {
		var ids []int32
		for _, name := range g {
			ids = append(ids, id(name))
		}
		out.require = append(out.require, ids)
	}
	for _, name := range f.Exclude {
		out.exclude = append(out.exclude, id(name))
	}
	return out
}

// keeps says whether the filter keeps a row with these facets.
func (f facetFilter) keeps(d *doc, facets []uint16) bool {
	has := func(id int32) bool {
		return id >= 0 && slices.Contains(facets, uint16(id))
	}
	if has(f.draft) && (f.own == "" || d.org != f.own) {
		return false
	}
	for _, id := range f.exclude {
		if has(id) {
			return false
		}
	}
	for _, g := range f.require {
		if !slices.ContainsFunc(g, has) {
			return false
		}
	}
	return true
}

// Match finds and ranks every row that holds every term of q and that the
// filter keeps, as Rank orders them, and counts them. Rows are taken from
// the postings of the term with the fewest, or from within, when within
// is not nil (the index's matches of the query's phrases, which the
// ranker cannot check word by word).
func (r *Ranker) Match(q Query, f Filter, within []int64, offset, limit int) ([]Hit, int) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	terms, avg := r.prepare(q), r.avgLengthLocked()
	filter := r.facetFilterLocked(f)
	top := newTopHits(offset + limit)
	total := 0
	consider := func(rowid int64) {
		d, ok := r.docLocked(rowid)
		if !ok || !filter.keeps(d, r.facets[d.foff:d.foff+uint32(d.fn)]) {
			return
		}
		x := Hit{Rowid: rowid}
		found := false
		x.Score, x.Top, found = score(d, r.hits[d.off:d.off+d.n], terms, avg)
		if !found {
			return
		}
		total++
		top.offer(x)
	}
	if within != nil {
		for _, rowid := range within {
			consider(rowid)
		}
	} else if len(terms) > 0 {
		seen := make([]uint64, len(r.docs)/64+1)
		for _, list := range r.candidatesLocked(terms) {
			for _, rowid := range list {
				if seen[rowid/64]&(1<<(rowid%64)) != 0 {
					continue
				}
				seen[rowid/64] |= 1 << (rowid % 64)
				consider(int64(rowid))
			}
		}
	}
	return r.pageLocked(top, offset), total
}

// candidatesLocked is the postings of the term whose postings are
// shortest: every match is listed in them (some more than once, some no
// longer holding it).
func (r *Ranker) candidatesLocked(terms [][]alt) [][]uint32 {
	var best [][]uint32
	bestSize := -1
	for _, alts := range terms {
		var lists [][]uint32
		size := 0
		for _, a := range alts {
			// An alternative's rows all hold its rarest word.
			var rarest [][]uint32
			rarestSize := -1
			for _, w := range a.words {
				n := 0
				for _, id := range w.ids {
					n += len(r.postings[id])
				}
				if rarestSize < 0 || n < rarestSize {
					rarestSize = n
					rarest = rarest[:0]
					for _, id := range w.ids {
						rarest = append(rarest, r.postings[id])
					}
				}
			}
			size += max(rarestSize, 0)
			lists = append(lists, rarest...)
		}
		if bestSize < 0 || size < bestSize {
			bestSize = size
			best = lists
		}
	}
	return best
}
