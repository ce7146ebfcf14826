package textmatch

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzHighlight(f *testing.F) {
	f.Add("Report a <b>missed</b> bin & more", "bin")
	f.Add("Café licensing", "cafe")
	f.Add("<script>alert(1)</script>", "alert")
	f.Fuzz(func(t *testing.T, text, q string) {
		out := Highlight(text, ParseQuery(q), nil)
		if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out), "<") {
			t.Fatalf("unescaped markup in %q", out)
		}
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from valid input: %q", out)
		}
	})
}

func TestHighlightMarksStemsAndCorrections(t *testing.T) {
	got := Highlight("Residents report repairs & repairing of <b>bins</b> today", ParseQuery("repair bin"), nil)
	want := "Residents report <mark>repairs</mark> &amp; <mark>repairing</mark> of &lt;b&gt;<mark>bins</mark>&lt;/b&gt; today"
	if got != want {
		t.Errorf("Highlight =\n  %s\nwant\n  %s", got, want)
	}
	got = Highlight("Café licensing online", ParseQuery("licnsing"), map[string]string{"licnsing": "licensing"})
	if got != "Café <mark>licensing</mark> online" {
		t.Errorf("Highlight with a correction = %s", got)
	}
	long := strings.Repeat("word ", 40) + "target " + strings.Repeat("more ", 40)
	got = Highlight(long, ParseQuery("target"), nil)
	if !strings.HasPrefix(got, "… ") || !strings.HasSuffix(got, " …") || !strings.Contains(got, "<mark>target</mark>") {
		t.Errorf("a long text's snippet = %q", got)
	}
	if got := Highlight("nothing here", ParseQuery("absent"), nil); got != "" {
		t.Errorf("no match gave %q", got)
	}
}

func TestStemPrefixAndFoldAccents(t *testing.T) {
	for in, want := range map[string]string{"Repairs": "repair", "repairing": "repair", "libraries": "librar", "bus": "bus", "Café": "cafe"} {
		if got := StemPrefix(in); got != want {
			t.Errorf("StemPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}
