package searchrank

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// vocabulary is the words (folded, not stemmed) of rows' titles,
// summaries, tags and organisation names, each counted by who may see it:
// published rows for everyone, drafts for their organisation only. Typing
// mistakes are corrected from it, so a correction never shows a word of a
// draft the searcher may not read.
type vocabulary struct {
	ids    map[string]uint32
	words  []string
	sorted []uint32 // word ids in the words' order
	public []int32  // published rows holding each word
	drafts []map[string]int32
	runs   []uint32 // each row's word ids, one run a row
}

func newVocabulary() vocabulary {
	return vocabulary{ids: map[string]uint32{}}
}

// add counts a row's distinct words and returns where its run of word ids
// starts and how long it is.
func (v *vocabulary) add(words []string, public bool, org string) (uint32, uint16) {
	off := uint32(len(v.runs))
	for _, w := range words {
		id, ok := v.ids[w]
		if !ok {
			id = uint32(len(v.words))
			v.ids[w] = id
			v.words = append(v.words, w)
			v.public = append(v.public, 0)
			v.drafts = append(v.drafts, nil)
			at := sort.Search(len(v.sorted), func(i int) bool { return v.words[v.sorted[i]] >= w })
			v.sorted = slices.Insert(v.sorted, at, id)
		}
		v.count(id, public, org, 1)
		v.runs = append(v.runs, id)
	}
	return off, uint16(len(words))
}

// remove takes a row's words back.
func (v *vocabulary) remove(off uint32, n uint16, public bool, org string) {
	for _, id := range v.runs[off : off+uint32(n)] {
		v.count(id, public, org, -1)
	}
}

func (v *vocabulary) count(id uint32, public bool, org string, by int32) {
	if public {
		v.public[id] += by
		return
	}
	if v.drafts[id] == nil {
		v.drafts[id] = map[string]int32{}
	}
	v.drafts[id][org] += by
	if v.drafts[id][org] <= 0 {
		delete(v.drafts[id], org)
	}
}

// seen is how many rows that viewerOrg's officers (or, with "", anyone)
// may see hold the word.
func (v *vocabulary) seen(id uint32, viewerOrg string) int {
	n := int(v.public[id])
	if viewerOrg != "" && v.drafts[id] != nil {
		n += int(v.drafts[id][viewerOrg])
	}
	return n
}

// span is the positions in sorted of the words that start with prefix.
func (v *vocabulary) span(prefix string) (int, int) {
	from := sort.Search(len(v.sorted), func(i int) bool { return v.words[v.sorted[i]] >= prefix })
	to := from
	for to < len(v.sorted) && strings.HasPrefix(v.words[v.sorted[to]], prefix) {
		to++
	}
	return from, to
}

// Known says whether a row the viewer may see (viewerOrg "" for a
// visitor) has a word that starts with prefix.
func (r *Ranker) Known(prefix, viewerOrg string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	from, to := r.vocab.span(prefix)
	for _, id := range r.vocab.sorted[from:to] {
		if r.vocab.seen(id, viewerOrg) > 0 {
			return true
		}
	}
	return false
}

// Candidate is a word a typing mistake may be corrected to, with how many
// rows the viewer may see hold it.
type Candidate struct {
	Word string
	Rows int
}

// Candidates is the words that start with first, of between short and
// long letters, in rows the viewer may see.
func (r *Ranker) Candidates(first string, short, long int, viewerOrg string) []Candidate {
	r.mu.RLock()
	defer r.mu.RUnlock()
	from, to := r.vocab.span(first)
	var out []Candidate
	for _, id := range r.vocab.sorted[from:to] {
		w := r.vocab.words[id]
		if n := utf8.RuneCountInString(w); n < short || n > long {
			continue
		}
		if rows := r.vocab.seen(id, viewerOrg); rows > 0 {
			out = append(out, Candidate{Word: w, Rows: rows})
		}
	}
	return out
}
