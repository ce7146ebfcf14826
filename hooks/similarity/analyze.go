// Package similarity finds projects that are for the same work, from the
// instance's own corpus and nothing fitted by hand: each project is a
// vector of its stemmed words (and adjacent word pairs), weighted by field
// and by how rare each term is among the instance's projects (TF-IDF), and
// two projects are as alike as the cosine of their vectors. A query can be
// expanded through its nearest neighbours (pseudo-relevance feedback), so
// that councils' different words for the same work still meet. The
// package needs nothing of PocketBase; Index is safe for concurrent use.
package similarity

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// stopWords are English function words: they say nothing about what a
// text is for in any domain. Words common in this instance's projects are
// weighed down by their document frequency instead, not listed here.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all am an and any are as at be because been
		before being below between both but by can could did do does doing down during each few for from further
		had has have having he her here hers herself him himself his how i if in into is it its itself just me
		more most my myself no nor not now of off on once only or other our ours ourselves out over own same she
		should so some such than that the their theirs them themselves then there these they this those through
		to too under until up very was we were what when where which while who whom why will with would you your
		yours yourself yourselves also may might must shall us via per etc eg ie within without across around
		upon onto whether either neither yet however therefore thus`) {
		m[w] = true
	}
	return m
}()

// Token is one analysed word: its stem, and the word as written (lower
// case) for saying why two texts matched.
type Token struct {
	Stem, Word string
}

// Analyze splits text into words (runs of letters and digits), lower-cased
// with accents folded, drops function words and numbers, and stems the
// rest with the Snowball English stemmer.
func Analyze(text string) []Token {
	var out []Token
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := foldAccents(strings.ToLower(b.String()))
		b.Reset()
		if len(w) < 2 || stopWords[w] || isNumber(w) {
			return
		}
		out = append(out, Token{Stem: stem(w), Word: w})
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else if r != '\'' && r != '’' { // "council's" is one word
			flush()
		}
	}
	flush()
	return out
}

// stems remembers the stems of words already seen: stemming is most of the
// cost of reading a project, and councils use the same words over and
// over. It stops growing at maxStems words.
var stems sync.Map

var stemCount atomic.Int64

const maxStems = 200_000

func stem(w string) string {
	if s, ok := stems.Load(w); ok {
		return s.(string)
	}
	s := english.Stem(w, true)
	if stemCount.Load() < maxStems {
		if _, loaded := stems.LoadOrStore(w, s); !loaded {
			stemCount.Add(1)
		}
	}
	return s
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

var accentFolder = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n", "ò", "o", "ó", "o", "ô", "o", "ö", "o", "õ", "o",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y", "ŵ", "w", "ŷ", "y")

func foldAccents(s string) string { return accentFolder.Replace(s) }
