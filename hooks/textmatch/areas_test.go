package textmatch

import "testing"

func TestServiceAreasAndTheirOverlap(t *testing.T) {
	bins := ServiceAreas("Report a missed bin collection and order garden waste containers")
	repairs := ServiceAreas("Tenants report damp and mould repairs to council homes")
	if bins["waste"] == 0 || repairs["housing"] == 0 {
		t.Fatalf("areas: bins %v, repairs %v", bins, repairs)
	}
	if got := AreaOverlap(bins, bins); got < 0.99 {
		t.Errorf("a text overlaps itself by %.2f", got)
	}
	if got := AreaOverlap(bins, repairs); got > 0.01 {
		t.Errorf("bins and repairs overlap by %.2f", got)
	}
	if got := AreaOverlap(bins, nil); got != 0 {
		t.Errorf("overlap with no areas = %.2f", got)
	}
	if NormaliseWord("repairs") != "repair" || NormaliseWord("bus") != "bus" {
		t.Errorf("NormaliseWord: %q %q", NormaliseWord("repairs"), NormaliseWord("bus"))
	}
	terms := AreaTerms(map[string]int{"waste": 1})
	found := false
	for _, term := range terms {
		found = found || term == "bin"
	}
	if !found {
		t.Errorf("AreaTerms(waste) lacks bin: %v", terms)
	}
}
