package hooks

import (
	"unicode/utf8"

	"pipeline/hooks/searchrank"
	"pipeline/hooks/textmatch"
)

// correctSpelling finds, for each word of four letters or more that no
// project the searcher may see contains (not even as the start of a
// word), the closest word that such projects do contain: one edit away for
// words up to seven letters, two for longer ones. Words come from titles,
// summaries, tags and organisation names, and from a draft only for its
// own organisation's officers, so a correction never tells anyone what a
// draft they cannot read says. While the ranker that holds the words is
// being read (the first seconds after the server starts), nothing is
// corrected.
func correctSpelling(r *searchrank.Ranker, terms []textmatch.Term, viewerOrg string) map[string]string {
	if r == nil {
		return nil
	}
	out := map[string]string{}
	for _, t := range terms {
		w := t.Words[0]
		n := utf8.RuneCountInString(w)
		if t.Phrase || n < 4 || r.Known(w, viewerOrg) {
			continue
		}
		allowed := 1
		if n >= 8 {
			allowed = 2
		}
		first := string([]rune(w)[:1])
		best, bestDist, bestRows := "", allowed+1, 0
		for _, c := range r.Candidates(first, n-allowed, n+allowed, viewerOrg) {
			d := textmatch.EditDistance(w, c.Word, allowed)
			if d > allowed {
				continue
			}
			if d < bestDist || (d == bestDist && c.Rows > bestRows) {
				best, bestDist, bestRows = c.Word, d, c.Rows
			}
		}
		if best != "" {
			out[w] = best
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
