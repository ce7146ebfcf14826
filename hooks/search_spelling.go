package hooks

import (
	"pipeline/hooks/textmatch"

	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// correctSpelling finds, for each word of four letters or more that no
// project contains (not even as the start of a word), the closest word
// that projects do contain: one edit away for words up to seven letters,
// two for longer ones.
func correctSpelling(app core.App, terms []textmatch.Term) (map[string]string, error) {
	out := map[string]string{}
	for _, t := range terms {
		if t.Phrase || len([]rune(t.Words[0])) < 4 {
			continue
		}
		w := t.Words[0]
		var known int
		err := app.DB().NewQuery(`SELECT COUNT(*) FROM projects_words_vocab WHERE term >= {:w} AND term < {:next}`).
			Bind(dbx.Params{"w": w, "next": w + "\U0010FFFF"}).Row(&known)
		if err != nil {
			return nil, fmt.Errorf("look up %q: %w", w, err)
		}
		if known > 0 {
			continue
		}
		allowed := 1
		if len([]rune(w)) >= 8 {
			allowed = 2
		}
		var candidates []struct {
			Term string `db:"term"`
			Docs int    `db:"doc"`
		}
		first := string([]rune(w)[:1])
		err = app.DB().NewQuery(`SELECT term, doc FROM projects_words_vocab
			WHERE term >= {:first} AND term < {:next} AND length(term) BETWEEN {:short} AND {:long}`).
			Bind(dbx.Params{"first": first, "next": first + "\U0010FFFF",
				"short": len([]rune(w)) - allowed, "long": len([]rune(w)) + allowed}).All(&candidates)
		if err != nil {
			return nil, fmt.Errorf("suggest for %q: %w", w, err)
		}
		best, bestDist, bestDocs := "", allowed+1, 0
		for _, c := range candidates {
			d := textmatch.EditDistance(w, c.Term, allowed)
			if d < bestDist || (d == bestDist && c.Docs > bestDocs) {
				best, bestDist, bestDocs = c.Term, d, c.Docs
			}
		}
		if best != "" {
			out[w] = best
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
