package searchrank

// Stem reduces a lower-case word to its stem by M. F. Porter's 1980
// algorithm, as SQLite's porter tokenizer does, so that a word stemmed
// here is the term the full-text index holds for it. Words shorter than
// three or longer than 64 bytes are left as they are, as SQLite leaves
// them. (The equivalence is tested against SQLite itself.)
func Stem(word string) string {
	if len(word) < 3 || len(word) > 64 {
		return word
	}
	s := stemmer{b: []byte(word)}
	s.step1a()
	s.step1b()
	s.step1c()
	s.step2()
	s.step3()
	s.step4()
	s.step5()
	return string(s.b)
}

// stemmer holds the word being stemmed.
type stemmer struct {
	b []byte
}

// consonant says whether the letter at i is a consonant: not a vowel, and
// a y only after a vowel (or first).
func (s *stemmer) consonant(i int) bool {
	switch s.b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !s.consonant(i-1)
	}
	return true
}

// measure is m, the number of vowel-consonant sequences in the first n
// letters.
func (s *stemmer) measure(n int) int {
	i, m := 0, 0
	for i < n && s.consonant(i) {
		i++
	}
	for i < n {
		for i < n && !s.consonant(i) {
			i++
		}
		if i >= n {
			break
		}
		for i < n && s.consonant(i) {
			i++
		}
		m++
	}
	return m
}

// hasVowel says whether the first n letters hold a vowel.
func (s *stemmer) hasVowel(n int) bool {
	for i := 0; i < n; i++ {
		if !s.consonant(i) {
			return true
		}
	}
	return false
}

// doubleConsonant says whether the first n letters end in the same
// consonant twice.
func (s *stemmer) doubleConsonant(n int) bool {
	return n >= 2 && s.b[n-1] == s.b[n-2] && s.consonant(n-1)
}

// cvc says whether the first n letters end consonant, vowel, consonant,
// the last not w, x or y.
func (s *stemmer) cvc(n int) bool {
	if n < 3 || !s.consonant(n-3) || s.consonant(n-2) || !s.consonant(n-1) {
		return false
	}
	c := s.b[n-1]
	return c != 'w' && c != 'x' && c != 'y'
}

// ends says whether the word ends in suffix, and where the stem before it
// ends.
func (s *stemmer) ends(suffix string) (int, bool) {
	n := len(s.b) - len(suffix)
	if n < 0 || string(s.b[n:]) != suffix {
		return 0, false
	}
	return n, true
}

// replace puts to in place of everything from n.
func (s *stemmer) replace(n int, to string) {
	s.b = append(s.b[:n], to...)
}

func (s *stemmer) step1a() {
	if n, ok := s.ends("sses"); ok {
		s.replace(n, "ss")
	} else if n, ok := s.ends("ies"); ok {
		s.replace(n, "i")
	} else if _, ok := s.ends("ss"); ok {
		return
	} else if n, ok := s.ends("s"); ok {
		s.replace(n, "")
	}
}

func (s *stemmer) step1b() {
	if n, ok := s.ends("eed"); ok {
		if s.measure(n) > 0 {
			s.replace(n, "ee")
		}
		return
	}
	cut := false
	if n, ok := s.ends("ed"); ok && s.hasVowel(n) {
		s.replace(n, "")
		cut = true
	} else if n, ok := s.ends("ing"); ok && s.hasVowel(n) {
		s.replace(n, "")
		cut = true
	}
	if !cut {
		return
	}
	n := len(s.b)
	switch {
	case hasAnySuffix(s.b, "at", "bl", "iz"):
		s.b = append(s.b, 'e')
	case s.doubleConsonant(n) && s.b[n-1] != 'l' && s.b[n-1] != 's' && s.b[n-1] != 'z':
		s.b = s.b[:n-1]
	case s.measure(n) == 1 && s.cvc(n):
		s.b = append(s.b, 'e')
	}
}

func (s *stemmer) step1c() {
	if n, ok := s.ends("y"); ok && s.hasVowel(n) {
		s.b[n] = 'i'
	}
}

// rule is a suffix and what replaces it.
type rule struct{ from, to string }

// apply replaces the first of rules whose suffix the word ends in, if the
// stem before it measures more than min. The first suffix found decides,
// whether or not its stem measures enough.
func (s *stemmer) apply(rules []rule, min int) {
	for _, r := range rules {
		if n, ok := s.ends(r.from); ok {
			if s.measure(n) > min {
				s.replace(n, r.to)
			}
			return
		}
	}
}

var step2Rules = []rule{
	{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
	{"bli", "ble"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"},
	{"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"},
	{"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"},
	{"logi", "log"},
}

var step3Rules = []rule{
	{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"}, {"ical", "ic"}, {"ful", ""}, {"ness", ""},
}

// The longer of two suffixes that end alike comes first (ement, ment,
// ent), so that the longest is the one found.
var step4Suffixes = []string{"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
	"ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"}

func (s *stemmer) step2() { s.applyByLast(step2Rules, 0) }
func (s *stemmer) step3() { s.applyByLast(step3Rules, 0) }

// applyByLast tries only the rules whose suffix ends in the word's last
// letter but one group at a time, as the algorithm's table is read: within
// the group the first suffix found decides.
func (s *stemmer) applyByLast(rules []rule, min int) {
	if len(s.b) == 0 {
		return
	}
	last := s.b[len(s.b)-1]
	var group []rule
	for _, r := range rules {
		if r.from[len(r.from)-1] == last {
			group = append(group, r)
		}
	}
	s.apply(group, min)
}

func (s *stemmer) step4() {
	if len(s.b) == 0 {
		return
	}
	last := s.b[len(s.b)-1]
	for _, suf := range step4Suffixes {
		if suf[len(suf)-1] != last {
			continue
		}
		n, ok := s.ends(suf)
		if !ok {
			continue
		}
		if suf == "ion" && (n == 0 || (s.b[n-1] != 's' && s.b[n-1] != 't')) {
			continue
		}
		if s.measure(n) > 1 {
			s.replace(n, "")
		}
		return
	}
}

func (s *stemmer) step5() {
	if n, ok := s.ends("e"); ok {
		if m := s.measure(n); m > 1 || (m == 1 && !s.cvc(n)) {
			s.replace(n, "")
		}
	}
	n := len(s.b)
	if n > 0 && s.b[n-1] == 'l' && s.doubleConsonant(n) && s.measure(n) > 1 {
		s.b = s.b[:n-1]
	}
}

// hasAnySuffix says whether b ends in one of suffixes.
func hasAnySuffix(b []byte, suffixes ...string) bool {
	for _, suf := range suffixes {
		if len(b) >= len(suf) && string(b[len(b)-len(suf):]) == suf {
			return true
		}
	}
	return false
}
