package textmatch

import (
	"slices"
	"testing"
)

func TestMeaningfulWordsDropStopWordsAndRepeats(t *testing.T) {
	got := MeaningfulWords("Report a missed bin online: the council's missed-bin service for residents")
	want := []string{"report", "missed", "bin"}
	if !slices.Equal(got, want) {
		t.Errorf("MeaningfulWords = %v, want %v", got, want)
	}
	if got := QuoteAll([]string{"bin", "missed bin"}); !slices.Equal(got, []string{`"bin"`, `"missed" + "bin"`}) {
		t.Errorf("QuoteAll = %v", got)
	}
}
