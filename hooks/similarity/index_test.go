package similarity

import (
	"fmt"
	"slices"
	"testing"
)

func ids(hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func sampleIndex() *Index {
	ix := NewIndex(DefaultParams)
	ix.Put("bins-leeds", "leeds", true, Text{Title: "Missed bin reporting", Summary: "Residents report a missed bin collection online.", Tags: []string{"waste"}})
	ix.Put("bins-bristol", "bristol", true, Text{Title: "Report a missed bin", Summary: "Tell us when your bin collection was missed.", Tags: []string{"waste", "bins"}})
	ix.Put("bins-draft", "camden", false, Text{Title: "Missed bin collections app", Summary: "A draft app for missed bin collections."})
	ix.Put("repairs", "bristol", true, Text{Title: "Housing repairs online", Summary: "Tenants report repairs to their homes.", Tags: []string{"housing"}})
	ix.Put("parking", "kent", true, Text{Title: "Parking permits", Summary: "Apply for a resident parking permit online."})
	return ix
}

func TestSimilarFindsLikeWorkAndSaysWhy(t *testing.T) {
	ix := sampleIndex()
	hits := ix.Similar(Query{ID: "bins-leeds", ExcludeOrg: "leeds", Limit: 3})
	if len(hits) == 0 || hits[0].ID != "bins-bristol" {
		t.Fatalf("hits %v", ids(hits))
	}
	if !slices.Contains(hits[0].Shared, "missed bin") && !slices.Contains(hits[0].Shared, "missed") {
		t.Errorf("shared words %v", hits[0].Shared)
	}
	if hits[0].Score <= 0 || hits[0].Score > 1.0001 {
		t.Errorf("score %v", hits[0].Score)
	}
	// A typed text finds the same.
	if got := ids(ix.Similar(Query{Text: Text{Title: "bins missed"}, Limit: 1})); len(got) != 1 || got[0] != "bins-bristol" && got[0] != "bins-leeds" {
		t.Errorf("typed text found %v", got)
	}
}

func TestDraftsAreFoundOnlyByTheirOwnOrganisation(t *testing.T) {
	ix := sampleIndex()
	for _, q := range []Query{{ID: "bins-leeds", Limit: 10}, {Text: Text{Title: "missed bin collections app"}, Limit: 10}} {
		if slices.Contains(ids(ix.Similar(q)), "bins-draft") {
			t.Errorf("another organisation found the draft: %+v", q)
		}
	}
	q := Query{Text: Text{Title: "missed bin collections app"}, PrivateOf: "camden", OnlyOrg: "camden", Limit: 10}
	if got := ids(ix.Similar(q)); !slices.Equal(got, []string{"bins-draft"}) {
		t.Errorf("camden's own search found %v", got)
	}
	// A draft plays no part in anyone else's ranking: the scores are the
	// same with and without it.
	without := NewIndex(DefaultParams)
	without.Put("bins-leeds", "leeds", true, Text{Title: "Missed bin reporting", Summary: "Residents report a missed bin collection online.", Tags: []string{"waste"}})
	without.Put("bins-bristol", "bristol", true, Text{Title: "Report a missed bin", Summary: "Tell us when your bin collection was missed.", Tags: []string{"waste", "bins"}})
	without.Put("repairs", "bristol", true, Text{Title: "Housing repairs online", Summary: "Tenants report repairs to their homes.", Tags: []string{"housing"}})
	without.Put("parking", "kent", true, Text{Title: "Parking permits", Summary: "Apply for a resident parking permit online."})
	a := ix.Similar(Query{ID: "bins-leeds", Limit: 3})
	b := without.Similar(Query{ID: "bins-leeds", Limit: 3})
	if !slices.Equal(ids(a), ids(b)) {
		t.Errorf("the draft changed the ranking: %v vs %v", ids(a), ids(b))
	}
}

func TestWeakMatchesAreLeftOut(t *testing.T) {
	ix := sampleIndex()
	all := ix.Similar(Query{ID: "parking", Limit: 10})
	strong := ix.Similar(Query{ID: "parking", Limit: 10, MinScore: DefaultMinScore})
	if len(strong) >= len(all) && len(all) > 0 {
		t.Errorf("MinScore kept everything: %d of %d", len(strong), len(all))
	}
	for _, h := range strong {
		if h.Score < DefaultMinScore {
			t.Errorf("%s scored %.2f", h.ID, h.Score)
		}
	}
}

func TestPutReplacesAndRemoveForgets(t *testing.T) {
	ix := sampleIndex()
	ix.Put("parking", "kent", true, Text{Title: "Missed bin reporting app", Summary: "Report missed bins."})
	if got := ids(ix.Similar(Query{ID: "bins-bristol", ExcludeOrg: "bristol", Limit: 2})); !slices.Contains(got, "parking") {
		t.Errorf("the replaced text is not found: %v", got)
	}
	ix.Remove("parking")
	ix.Remove("parking") // twice is fine
	if got := ids(ix.Similar(Query{ID: "bins-bristol", Limit: 10})); slices.Contains(got, "parking") {
		t.Errorf("a removed project is found: %v", got)
	}
	if ix.Len() != 4 {
		t.Errorf("Len %d", ix.Len())
	}
	// Many removals compact the index and it still answers the same.
	before := ids(ix.Similar(Query{ID: "bins-leeds", Limit: 3}))
	for i := 0; i < 3000; i++ {
		ix.Put(fmt.Sprint("tmp", i), "x", true, Text{Title: fmt.Sprint("temporary ", i)})
	}
	for i := 0; i < 3000; i++ {
		ix.Remove(fmt.Sprint("tmp", i))
	}
	if after := ids(ix.Similar(Query{ID: "bins-leeds", Limit: 3})); !slices.Equal(before, after) {
		t.Errorf("after compaction %v, before %v", after, before)
	}
}

func TestAnalyze(t *testing.T) {
	var stems []string
	for _, tk := range Analyze("The council's Missed-Bins reporting, 2024 café") {
		stems = append(stems, tk.Stem)
	}
	if !slices.Equal(stems, []string{"council", "miss", "bin", "report", "cafe"}) {
		t.Errorf("stems %v", stems)
	}
}

func FuzzSimilar(f *testing.F) {
	f.Add("Missed bin reporting", "bins")
	f.Add("", "")
	f.Add("\x00\xff", "«»")
	ix := sampleIndex()
	f.Fuzz(func(t *testing.T, title, summary string) {
		for _, h := range ix.Similar(Query{Text: Text{Title: title, Summary: summary}, Limit: 5}) {
			if h.ID == "bins-draft" || h.Score < 0 || h.Score > 1.0001 {
				t.Fatalf("hit %+v", h)
			}
		}
	})
}
