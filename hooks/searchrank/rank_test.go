package searchrank

import (
	"cmp"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// The ranker is held to SQLite itself: the same words must stem to the
// terms FTS5 makes of them, and bm25 must come out the same, over real
// councils' projects (the similarity package's evaluation set).

const tokenizer = `tokenize = "porter unicode61 remove_diacritics 2 tokenchars '_'"`

type project struct {
	Title        string   `json:"title"`
	Organisation string   `json:"organisation"`
	Summary      string   `json:"summary"`
	Description  string   `json:"description"`
	Tags         []string `json:"tags"`
}

func corpus(t *testing.T) []project {
	t.Helper()
	raw, err := os.ReadFile("../similarity/testdata/council_projects.json")
	if err != nil {
		t.Fatal(err)
	}
	var ps []project
	if err := json.Unmarshal(raw, &ps); err != nil {
		t.Fatal(err)
	}
	return ps
}

func openDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func exec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func TestStemsAreSQLitesTerms(t *testing.T) {
	db := openDB(t)
	exec(t, db, "CREATE VIRTUAL TABLE w USING fts5(x, "+tokenizer+")")
	exec(t, db, "CREATE VIRTUAL TABLE v USING fts5vocab(w, instance)")
	seen := map[string]bool{}
	var words []string
	add := func(text string) {
		forEachWord(text, func(w string) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		})
	}
	for _, p := range corpus(t) {
		add(p.Title + " " + p.Summary + " " + p.Description + " " + strings.Join(p.Tags, " ") + " " + p.Organisation)
	}
	// Words the corpus may lack that exercise every step of the algorithm.
	add(`caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized
		hopping tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci
		hesitanci digitizer conformabli radicalli differentli vileli analogousli vietnamization predication
		operator feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate
		formative formalize electriciti electrical hopeful goodness revival allowance inference airliner
		gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou
		communism activate angulariti homologous effective bowdlerize probate rate cease controll roll
		analogi humbly reliably Café naïve ÉCOLE straße`)
	if len(words) < 2000 {
		t.Fatalf("only %d words to compare", len(words))
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range words {
		if _, err := tx.Exec("INSERT INTO w(rowid, x) VALUES (?, ?)", i+1, w); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT doc, term FROM v")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	theirs := map[int]string{}
	for rows.Next() {
		var doc int
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			t.Fatal(err)
		}
		theirs[doc] = term
	}
	wrong := 0
	for i, w := range words {
		if got := Terms(w); len(got) != 1 || got[0] != theirs[i+1] {
			wrong++
			if wrong <= 20 {
				t.Errorf("%q: we make %q, SQLite %q", w, got, theirs[i+1])
			}
		}
	}
	t.Logf("%d words compared, %d differ", len(words), wrong)
}

// rowOf is a project as a search row, with facets as the search migration
// makes them.
func rowOf(i int, p project) Row {
	tags, _ := json.Marshal(p.Tags)
	return Row{Rowid: int64(i + 1), ID: fmt.Sprintf("p%d", i), Title: p.Title, Summary: p.Summary,
		Description: p.Description, Tags: string(tags), Organisation: p.Organisation,
		Facets: fmt.Sprintf("v_published d_no p_beta o_org%d n_england r_london", i%40)}
}

func TestBM25IsSQLites(t *testing.T) {
	db := openDB(t)
	exec(t, db, "CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, title, summary, description, tags, organisation, facets, "+tokenizer+")")
	r := New()
	for i, p := range corpus(t) {
		row := rowOf(i, p)
		exec(t, db, "INSERT INTO f(rowid, id, title, summary, description, tags, organisation, facets) VALUES (?,?,?,?,?,?,?,?)",
			row.Rowid, row.ID, row.Title, row.Summary, row.Description, row.Tags, row.Organisation, row.Facets)
		r.Put(row)
	}
	cases := []struct {
		match string
		q     Query
	}{
		{`"bins"`, words("bins")},
		{`"housing" AND "repairs"`, words("housing", "repairs")},
		{`"council" AND "tax"`, words("council", "tax")},
		{`"adult" AND "social" AND "care"`, words("adult", "social", "care")},
		{`"planning"`, words("planning")},
		{`"chatbot"`, words("chatbot")},
		{`"library"`, words("library")},
		{`"parking" AND "permits"`, words("parking", "permits")},
		{`("repiars" OR "repairs")`, Query{Terms: []Term{{Alts: []Alt{{Words: []string{"repiars"}}, {Words: []string{"repairs"}}}}}}},
	}
	prefix := func(w string) Query {
		return Query{Terms: []Term{{Alts: []Alt{{Words: []string{w}, Prefix: true}}}}}
	}
	// A prefix's idf is estimated from its terms' counts, so for a prefix
	// alone (one idf for every row) the order must be SQLite's, not the
	// score.
	cases = append(cases, []struct {
		match string
		q     Query
	}{{`"recyc"*`, prefix("recyc")}, {`"repairs"*`, prefix("repairs")}, {`"plan"*`, prefix("plan")},
		{`"Digital"`, words("DIGITAL")}}...)
	for _, c := range cases {
		exact := !strings.Contains(c.match, "*")
		rows, err := db.Query("SELECT rowid, bm25(f, 0, 10.0, 4.0, 1.0, 6.0, 2.0, 0.0) FROM f WHERE f MATCH ? ORDER BY 2, rowid", c.match)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		want := map[int64]float64{}
		for rows.Next() {
			var id int64
			var rank float64
			if err := rows.Scan(&id, &rank); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
			want[id] = -rank
		}
		rows.Close()
		if len(ids) < 2 {
			t.Fatalf("%s: only %d matches", c.match, len(ids))
		}
		// Match finds the same rows itself, with or without a filter.
		found, total := r.Match(c.q, Filter{}, nil, 0, len(ids))
		if total != len(ids) || len(found) != len(ids) {
			t.Fatalf("%s: Match finds %d (%d listed), SQLite %d", c.match, total, len(found), len(ids))
		}
		for _, h := range found {
			if _, ok := want[h.Rowid]; !ok {
				t.Fatalf("%s: Match finds row %d, SQLite does not", c.match, h.Rowid)
			}
		}
		var narrowed int
		if err := db.QueryRow("SELECT COUNT(*) FROM f WHERE f MATCH ?", "("+c.match+") AND (facets : o_org1 OR facets : o_org2) NOT facets : o_org2").Scan(&narrowed); err != nil {
			t.Fatal(err)
		}
		if _, n := r.Match(c.q, Filter{Require: [][]string{{"o_org1", "o_org2"}}, Exclude: []string{"o_org2"}}, nil, 0, 5); n != narrowed {
			t.Fatalf("%s: filtered, Match finds %d, SQLite %d", c.match, n, narrowed)
		}
		hits, stale := r.Rank(c.q, ids, 0, len(ids))
		if len(stale) > 0 {
			t.Fatalf("%s: rows %v lack a term", c.match, stale)
		}
		if len(hits) != len(ids) {
			t.Fatalf("%s: ranked %d of %d", c.match, len(hits), len(ids))
		}
		// SQLite's order is bm25's alone, without the title tier.
		slices.SortStableFunc(hits, func(x, y Hit) int {
			if x.Score != y.Score {
				return cmp.Compare(y.Score, x.Score)
			}
			return cmp.Compare(x.Rowid, y.Rowid)
		})
		for i, h := range hits {
			if !exact {
				if h.Rowid != ids[i] {
					t.Errorf("%s: row %d is %d here, %d in SQLite", c.match, i, h.Rowid, ids[i])
				}
				continue
			}
			if math.Abs(h.Score-want[h.Rowid]) > 1e-9*math.Max(1, want[h.Rowid]) {
				t.Errorf("%s: row %d scores %.12f here, %.12f in SQLite", c.match, h.Rowid, h.Score, want[h.Rowid])
			}
		}
	}
}

// words is a query of plain words, none a prefix.
func words(ws ...string) Query {
	var q Query
	for _, w := range ws {
		q.Terms = append(q.Terms, Term{Alts: []Alt{{Words: []string{w}}}})
	}
	return q
}

func TestRankOrdersTitleMatchesFirstAndPages(t *testing.T) {
	r := New()
	rows := []Row{
		{Rowid: 1, ID: "a", Title: "Parking permits", Summary: "Apply online."},
		{Rowid: 2, ID: "b", Title: "Resident services", Summary: "Parking permits, parking permits and more parking permits."},
		{Rowid: 3, ID: "c", Title: "Parking permits for visitors", Tags: `["parking"]`},
		{Rowid: 4, ID: "d", Title: "Waste", Description: "Nothing about it."},
	}
	for _, row := range rows {
		r.Put(row)
	}
	q := words("parking", "permits")
	all, _ := r.Rank(q, []int64{1, 2, 3}, 0, 10)
	got := []string{}
	for _, h := range all {
		got = append(got, h.ID)
	}
	// c matches in its title and tags, a in its title only; b only in its
	// summary, though more often.
	if !slices.Equal(got, []string{"c", "a", "b"}) {
		t.Fatalf("order %v", got)
	}
	if !all[0].Top || !all[1].Top || all[2].Top {
		t.Fatalf("tiers %+v", all)
	}
	page, _ := r.Rank(q, []int64{1, 2, 3}, 1, 1)
	if len(page) != 1 || page[0].ID != "a" {
		t.Fatalf("second page of one: %+v", page)
	}
	if h, _ := r.Rank(q, []int64{1, 2, 3}, 3, 10); len(h) != 0 {
		t.Fatal("a page past the end is not empty")
	}
	// A row the ranker does not hold comes last.
	if h, _ := r.Rank(q, []int64{9, 2}, 0, 10); h[0].Rowid != 2 || h[1].Rowid != 9 {
		t.Fatalf("unknown row not last: %+v", h)
	}
	if m := r.Missing([]int64{1, 9, 4}); !slices.Equal(m, []int64{9}) {
		t.Fatalf("missing %v", m)
	}
}

func TestPrefixAndPhrase(t *testing.T) {
	r := New()
	r.Put(Row{Rowid: 1, ID: "a", Title: "Recycling centre bookings"})
	r.Put(Row{Rowid: 2, ID: "b", Title: "Garden waste", Summary: "Recycle and recycled"})
	prefix := Query{Terms: []Term{{Alts: []Alt{{Words: []string{"recyc"}, Prefix: true}}}}}
	hits, _ := r.Rank(prefix, []int64{1, 2}, 0, 10)
	if hits[0].ID != "a" || !hits[0].Top || hits[1].Top || hits[1].Score <= 0 {
		t.Fatalf("prefix: %+v", hits)
	}
	phrase := Query{Terms: []Term{{Alts: []Alt{{Words: []string{"garden", "waste"}}}}}}
	hits, _ = r.Rank(phrase, []int64{2}, 0, 10)
	if !hits[0].Top || hits[0].Score <= 0 {
		t.Fatalf("phrase: %+v", hits)
	}
}

func TestForgetAndReplace(t *testing.T) {
	r := New()
	r.Put(Row{Rowid: 1, ID: "a", Title: "Bins", Facets: "o_x1"})
	r.Put(Row{Rowid: 2, ID: "b", Title: "Bins", Facets: "o_x2"})
	// The project's text changed: its new row replaces the old.
	r.Put(Row{Rowid: 3, ID: "a", Title: "Potholes", Facets: "o_x1"})
	if r.Len() != 2 || len(r.Missing([]int64{1})) != 1 {
		t.Fatalf("old row kept: %d rows", r.Len())
	}
	// A row id used again for another project replaces what it held.
	r.Put(Row{Rowid: 2, ID: "c", Title: "Libraries", Facets: "o_x2"})
	if h, _ := r.Rank(words("libraries"), []int64{2}, 0, 1); h[0].ID != "c" || h[0].Score <= 0 {
		t.Fatalf("reused row id: %+v", h)
	}
	// A row whose text the ranker holds out of date lacks the words it
	// matched on, and is named so that it is read again.
	if _, stale := r.Rank(words("gritting"), []int64{2}, 0, 1); !slices.Equal(stale, []int64{2}) {
		t.Fatalf("stale rows %v", stale)
	}
	r.ForgetRows([]int64{2})
	if len(r.Missing([]int64{2})) != 1 {
		t.Fatal("forgotten row still held")
	}
	r.Put(Row{Rowid: 2, ID: "c", Title: "Libraries", Facets: "o_x2"})
	r.Forget("a")
	if len(r.Missing([]int64{3})) != 1 {
		t.Fatal("forgotten project still held")
	}
	r.ForgetRows([]int64{2})
	if r.Len() != 0 {
		t.Fatalf("rows kept: %d", r.Len())
	}
	if r.df[r.ids["bin"]] != 0 || r.total != 0 {
		t.Fatalf("counts not taken back: df %d, total %d", r.df[r.ids["bin"]], r.total)
	}
}

func TestMatchKeepsDraftsToTheirOrganisation(t *testing.T) {
	r := New()
	r.Put(Row{Rowid: 1, ID: "a", Title: "Bins", Facets: "v_published d_no o_x1"})
	r.Put(Row{Rowid: 2, ID: "b", Title: "Bins", Facets: "v_draft d_no o_x2"})
	r.Put(Row{Rowid: 3, ID: "c", Title: "Bins", Facets: "v_published d_yes o_x2"})
	for _, c := range []struct {
		f    Filter
		want int
	}{
		{Filter{}, 2},
		{Filter{Own: "x1"}, 2},
		{Filter{Own: "x2"}, 3},
		{Filter{Own: "x2", Exclude: []string{"d_yes"}}, 2},
		{Filter{Require: [][]string{{"o_x9"}}}, 0},
	} {
		if _, n := r.Match(words("bins"), c.f, nil, 0, 10); n != c.want {
			t.Errorf("%+v: %d rows, want %d", c.f, n, c.want)
		}
	}
	// Within the index's own matches (a phrase), only those are ranked.
	if hits, n := r.Match(words("bins"), Filter{}, []int64{3, 9}, 0, 10); n != 1 || hits[0].ID != "c" {
		t.Fatalf("within: %+v %d", hits, n)
	}
}
