package hooks

import (
	"strings"
	"unicode"
)

// queryTerm is one part of what someone typed: a word, or a phrase they
// put in quotes.
type queryTerm struct {
	words  []string
	phrase bool
}

// maxQueryTerms caps how much of a query is used.
const maxQueryTerms = 12

// parseQuery splits free text into words and quoted phrases. Anything that
// is not a letter or a digit separates words, so no input can reach the
// full-text engine as syntax: odd input never errors.
func parseQuery(q string) []queryTerm {
	if len(q) > 500 {
		q = q[:500]
	}
	var terms []queryTerm
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
			terms = append(terms, queryTerm{words: []string{w}})
		}
	}
	for _, r := range q {
		switch {
		case r == '"' || r == '“' || r == '”':
			flush()
			if inPhrase && len(phrase) > 0 {
				terms = append(terms, queryTerm{words: phrase, phrase: len(phrase) > 1})
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
		terms = append(terms, queryTerm{words: phrase, phrase: len(phrase) > 1})
	}
	if len(terms) > maxQueryTerms {
		terms = terms[:maxQueryTerms]
	}
	return terms
}

// quote makes a word a literal FTS5 string.
func quote(w string) string {
	return `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
}

// ftsExpression builds the MATCH expression: every term must match; the
// last word also matches as a prefix (so "repa" finds repairs as it is
// typed), and words match as their corrected spelling where given.
func ftsExpression(terms []queryTerm, corrections map[string]string) string {
	parts := make([]string, 0, len(terms))
	for i, t := range terms {
		if t.phrase {
			quoted := make([]string, len(t.words))
			for i, w := range t.words {
				quoted[i] = quote(w)
			}
			parts = append(parts, strings.Join(quoted, " + "))
			continue
		}
		w := t.words[0]
		alt := quote(w)
		if i == len(terms)-1 {
			alt += "*"
		}
		if c, ok := corrections[w]; ok && c != w {
			alt = "(" + alt + " OR " + quote(c) + ")"
		}
		parts = append(parts, alt)
	}
	return strings.Join(parts, " AND ")
}

// editDistance is the Damerau–Levenshtein (optimal string alignment)
// distance between a and b, giving up once it passes max.
func editDistance(a, b string, max int) int {
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
