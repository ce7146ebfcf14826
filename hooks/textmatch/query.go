package textmatch

import (
	"strings"
	"unicode"
)

// Term is one part of what someone typed: a word, or a phrase they
// put in quotes.
type Term struct {
	Words  []string
	Phrase bool
}

// MaxQueryTerms caps how much of a query is used.
const MaxQueryTerms = 12

// ParseQuery splits free text into words and quoted phrases. Anything that
// is not a letter or a digit separates words, so no input can reach the
// full-text engine as syntax: odd input never errors.
func ParseQuery(q string) []Term {
	if len(q) > 500 {
		q = q[:500]
	}
	var terms []Term
	inPhrase := false
	var phrase []string
	var word strings.Builder
	flush := func() {
		if word.Len() == 0 {
			return
		}
		w := strings.ToLower(word.String())
		word.Reset()
		if inPhrase {
			phrase = append(phrase, w)
		} else {
			terms = append(terms, Term{Words: []string{w}})
		}
	}
	for _, r := range q {
		switch {
		case r == '"' || r == '“' || r == '”':
			flush()
			if inPhrase && len(phrase) > 0 {
				terms = append(terms, Term{Words: phrase, Phrase: len(phrase) > 1})
			}
			phrase = nil
			inPhrase = !inPhrase
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	if len(phrase) > 0 { // an unclosed quote: its words still count
		terms = append(terms, Term{Words: phrase, Phrase: len(phrase) > 1})
	}
	if len(terms) > MaxQueryTerms {
		terms = terms[:MaxQueryTerms]
	}
	return terms
}

// Quote makes a word a literal FTS5 string.
func Quote(w string) string {
	return `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
}

// MatchExpression builds the MATCH expression: every term must match; the
// last word also matches as a prefix (so "repa" finds repairs as it is
// typed), and words match as their corrected spelling where given.
func MatchExpression(terms []Term, corrections map[string]string) string {
	parts := make([]string, 0, len(terms))
	for i, t := range terms {
		if t.Phrase {
			quoted := make([]string, len(t.Words))
			for i, w := range t.Words {
				quoted[i] = Quote(w)
			}
			parts = append(parts, strings.Join(quoted, " + "))
			continue
		}
		w := t.Words[0]
		alt := Quote(w)
		if i == len(terms)-1 {
			alt += "*"
		}
		if c, ok := corrections[w]; ok && c != w {
			alt = "(" + alt + " OR " + Quote(c) + ")"
		}
		parts = append(parts, alt)
	}
	return strings.Join(parts, " AND ")
}

// EditDistance is the Damerau–Levenshtein (optimal string alignment)
// distance between a and b, giving up once it passes max.
func EditDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
