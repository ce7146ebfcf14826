package hooks

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz tests: run as ordinary tests over their seed corpora (here and in
// testdata/fuzz/), and with `go test -fuzz FuzzName ./hooks` to search.

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"bins", `"missed bins"`, `foo" OR (`, "NEAR(a b)", "*", `""`, "é🗑️", "\x00", strings.Repeat("a ", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms := parseQuery(q)
		if len(terms) > maxQueryTerms {
			t.Fatalf("%d terms", len(terms))
		}
		expr := ftsExpression(terms, nil)
		// Every word is quoted, so nothing the user typed is syntax.
		for _, term := range terms {
			for _, w := range term.words {
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

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"bins", `"report repairs"`, "repiars", `'; DROP TABLE projects; --`, `a AND OR NOT`, "-x", "^y"} {
		f.Add(s)
	}
	app := newTestApp(f)
	defer app.Cleanup()
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := Search(app, SearchParams{Query: q}); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

func FuzzHighlight(f *testing.F) {
	f.Add("Report a <b>missed</b> bin & more", "bin")
	f.Add("Café licensing", "cafe")
	f.Add("<script>alert(1)</script>", "alert")
	f.Fuzz(func(t *testing.T, text, q string) {
		out := highlight(text, parseQuery(q), nil)
		if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out), "<") {
			t.Fatalf("unescaped markup in %q", out)
		}
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from valid input: %q", out)
		}
	})
}

func FuzzSignedLinks(f *testing.F) {
	secret := strings.Repeat("k", 64)
	good, _ := SignLink(secret, LinkClaims{Action: LinkConfirm, User: "u1", Project: "p1", Expires: 4102444800})
	f.Add(good)
	f.Add("")
	f.Add("a.b")
	f.Add(good + "x")
	f.Fuzz(func(t *testing.T, token string) {
		c, err := VerifyLink(secret, token, time.Unix(1700000000, 0))
		if err == nil && token != good {
			// Only a token signed with the secret may pass.
			again, _ := SignLink(secret, c)
			body, _, _ := strings.Cut(token, ".")
			if againBody, _, _ := strings.Cut(again, "."); againBody != body {
				t.Fatalf("accepted a token not signed with the secret: %q", token)
			}
		}
	})
}

func FuzzImportCSV(f *testing.F) {
	f.Add(trackerCSV)
	f.Add("reference\n\"unclosed")
	f.Add("id,reference,title\n,,\n")
	f.Add("reference,phaseEnd,links\nX,99/99/9999,a|b|c\n")
	app := newTestApp(f)
	defer app.Cleanup()
	leeds := mustRecord(f, app, ColOrganisations, fx.leeds)
	f.Fuzz(func(t *testing.T, data string) {
		before, _ := app.CountRecords(ColProjects)
		// A dry run never saves and never fails on bad rows.
		if _, err := ImportProjects(app, leeds, fx.adminA, strings.NewReader(data), true, testNow); err != nil && !strings.Contains(err.Error(), ErrImportFile.Error()) {
			t.Fatalf("import: %v", err)
		}
		if after, _ := app.CountRecords(ColProjects); after != before {
			t.Fatal("a dry run saved projects")
		}
	})
}
