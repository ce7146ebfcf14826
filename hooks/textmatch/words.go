package textmatch

import (
	"slices"
	"strings"
	"unicode"
)

// stopWords carry no meaning about what a project is for.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or of to for in on with by from at as is are be been being this that these those
		we our us it its their they them you your will would can could should how what which who whom whose why when where into
		about more less so than also new use using used help helps helping make makes making way ways all any each other some
		such not no only own same very just over under up down out off again then once here there both few most per via
		people person residents resident customers customer council councils councillors online service services digital
		project projects system systems local public team teams work working works based better improve improving improved
		provide provides providing support supporting allow allows enabling enable enables let lets easier easy
		across within without through while whilst before after during including include includes one two three
		london borough city county district metropolitan uk`) {
		stopWords[w] = true
	}
}

// MeaningfulWords picks the words of a text that say what it is about.
func MeaningfulWords(text string) []string {
	var words []string
	var w strings.Builder
	flush := func() {
		s := strings.ToLower(w.String())
		w.Reset()
		if len([]rune(s)) < 3 || stopWords[s] || slices.Contains(words, s) {
			return
		}
		words = append(words, s)
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			w.WriteRune(r)
		} else {
			flush()
		}
	}
	flush()
	if len(words) > 40 {
		words = words[:40]
	}
	return words
}

// QuoteAll turns words and phrases into FTS5 strings.
func QuoteAll(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		parts := strings.Fields(s)
		for i := range parts {
			parts[i] = Quote(parts[i])
		}
		out = append(out, strings.Join(parts, " + "))
	}
	return out
}
