package textmatch

import (
	"html"
	"strings"
	"unicode"
)

// snippetWords is how many words a snippet shows around the first match.
const snippetWords = 24

// Highlight is the part of a text around the first word that matches the
// query (a word that starts with a query word, its stem or its corrected
// spelling), HTML-escaped, with every matching word in <mark>.
func Highlight(text string, terms []Term, corrections map[string]string) string {
	var wanted []string
	for _, t := range terms {
		for _, w := range t.Words {
			wanted = append(wanted, StemPrefix(w))
			if c, ok := corrections[w]; ok {
				wanted = append(wanted, StemPrefix(c))
			}
		}
	}
	// Words are runs of letters and digits; everything between them is
	// kept as it is (escaped).
	type span struct{ start, end int }
	var words []span
	inWord, from := false, 0
	for i, r := range text {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isWord && !inWord {
			from = i
		}
		if !isWord && inWord {
			words = append(words, span{from, i})
		}
		inWord = isWord
	}
	if inWord {
		words = append(words, span{from, len(text)})
	}
	matches := func(w span) bool {
		lw := FoldAccents(strings.ToLower(text[w.start:w.end]))
		for _, q := range wanted {
			if q != "" && strings.HasPrefix(lw, q) {
				return true
			}
		}
		return false
	}
	first := -1
	for i, w := range words {
		if matches(w) {
			first = i
			break
		}
	}
	if first < 0 {
		return ""
	}
	startWord := max(0, first-snippetWords/3)
	endWord := min(len(words), startWord+snippetWords)
	var b strings.Builder
	if startWord > 0 {
		b.WriteString("… ")
	}
	pos := words[startWord].start
	for i := startWord; i < endWord; i++ {
		w := words[i]
		b.WriteString(html.EscapeString(text[pos:w.start]))
		if matches(w) {
			b.WriteString("<mark>" + html.EscapeString(text[w.start:w.end]) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(text[w.start:w.end]))
		}
		pos = w.end
	}
	if endWord < len(words) {
		b.WriteString(" …")
	}
	return b.String()
}

// StemPrefix cuts common English endings so "repairs", "repairing" and
// "repair" meet on "repair".
func StemPrefix(w string) string {
	w = FoldAccents(strings.ToLower(w))
	for _, suffix := range []string{"ing", "ies", "es", "ed", "s"} {
		if len(w) > len(suffix)+2 && strings.HasSuffix(w, suffix) {
			return w[:len(w)-len(suffix)]
		}
	}
	return w
}

// FoldAccents removes accents from Latin letters, as the index does.
func FoldAccents(s string) string {
	return accentFolder.Replace(s)
}

var accentFolder = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ý", "y", "ÿ", "y", "ŵ", "w", "ŷ", "y", "ç", "c", "ñ", "n",
)
