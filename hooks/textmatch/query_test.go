package textmatch

import (
	"strings"
	"testing"
)

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"bins", `"missed bins"`, `foo" OR (`, "NEAR(a b)", "*", `""`, "é🗑️", "\x00", strings.Repeat("a ", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms := ParseQuery(q)
		if len(terms) > MaxQueryTerms {
			t.Fatalf("%d terms", len(terms))
		}
		expr := MatchExpression(terms, nil)
		// Every word is quoted, so nothing the user typed is syntax.
		for _, term := range terms {
			for _, w := range term.Words {
				if w == "" || strings.ContainsAny(w, `"*():^{}`) {
					t.Fatalf("word %q escaped its quotes", w)
				}
			}
		}
		if strings.Count(expr, `"`)%2 != 0 {
			t.Fatalf("unbalanced quotes in %q", expr)
		}
	})
}

func TestParseQueryKeepsPhrasesAndDropsSyntax(t *testing.T) {
	got := ParseQuery(`Missed "bin collection" OR (repairs*`)
	want := []Term{{Words: []string{"missed"}}, {Words: []string{"bin", "collection"}, Phrase: true}, {Words: []string{"or"}}, {Words: []string{"repairs"}}}
	if len(got) != len(want) {
		t.Fatalf("ParseQuery = %+v", got)
	}
	for i := range want {
		if strings.Join(got[i].Words, " ") != strings.Join(want[i].Words, " ") || got[i].Phrase != want[i].Phrase {
			t.Errorf("term %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := len(ParseQuery(strings.Repeat("word ", 40))); n != MaxQueryTerms {
		t.Errorf("%d terms kept of 40, want %d", n, MaxQueryTerms)
	}
}

func TestMatchExpression(t *testing.T) {
	for _, c := range []struct {
		q           string
		corrections map[string]string
		want        string
	}{
		{"bins", nil, `"bins"*`},
		{"missed bins", nil, `"missed" AND "bins"*`},
		{`"bin collection" day`, nil, `"bin" + "collection" AND "day"*`},
		{"repiars form", map[string]string{"repiars": "repairs"}, `("repiars" OR "repairs") AND "form"*`},
		{`say "hi"`, nil, `"say" AND "hi"*`}, // one quoted word is a word
	} {
		if got := MatchExpression(ParseQuery(c.q), c.corrections); got != c.want {
			t.Errorf("MatchExpression(%q) = %s, want %s", c.q, got, c.want)
		}
	}
	if got := Quote(`a"b`); got != `"a""b"` {
		t.Errorf("Quote = %s", got)
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b      string
		max, want int
	}{
		{"repairs", "repairs", 2, 0},
		{"repiars", "repairs", 2, 1}, // a transposition is one edit
		{"housing", "housng", 2, 1},
		{"parking", "barking", 2, 1},
		{"café", "cafe", 2, 1},
		{"planning", "plan", 2, 3}, // gives up past max
		{"abc", "xyz", 2, 3},
	} {
		if got := EditDistance(c.a, c.b, c.max); got != c.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.want)
		}
	}
}
