package searchrank

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Terms splits text into the terms the search index holds, as the
// index's tokenizer ("porter unicode61 remove_diacritics 2 tokenchars
// '_'") makes them: runs of letters, digits and underscores, lower-cased,
// accents taken off, then stemmed.
func Terms(text string) []string {
	var out []string
	forEachWord(text, func(w string) { out = append(out, Stem(w)) })
	return out
}

// forEachWord calls fn with each folded word of text, unstemmed.
func forEachWord(text string, fn func(string)) {
	start := -1
	ascii := true
	for i, r := range text {
		if tokenChar(r) {
			if start < 0 {
				start, ascii = i, true
			}
			if r >= 0x80 || (r >= 'A' && r <= 'Z') {
				ascii = false
			}
			continue
		}
		if start >= 0 {
			fn(fold(text[start:i], ascii))
			start = -1
		}
	}
	if start >= 0 {
		fn(fold(text[start:], ascii))
	}
}

// tokenChar says whether r belongs to a word: a letter, a number, a
// private-use character or an underscore.
func tokenChar(r rune) bool {
	if r < 0x80 {
		return r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// fold lower-cases a word and takes the accents off its letters; plain
// lower-case ASCII is returned as it is.
func fold(w string, plain bool) string {
	if plain {
		return w
	}
	w = strings.ToLower(w)
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
