package textmatch

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// serviceAreas are the areas of council work, each with the words and
// phrases councils use for it. Two projects in the same area are alike
// even when they share few words. The lists follow councils' service
// areas, not any one set of projects.
var serviceAreas = map[string][]string{
	"waste": {"bin", "wheelie", "waste", "refuse", "rubbish", "recycling", "recycle", "garden waste", "bulky", "fly tipping",
		"flytipping", "litter", "street cleansing", "round", "rounds", "containers", "missed collection", "trade waste", "food waste"},
	"housing": {"repair", "maintenance", "damp", "mould", "condensation", "tenant", "tenancy", "council home",
		"council homes", "social housing", "housing association", "landlord", "voids", "rent", "housing management", "estate", "estates", "leaseholder", "disrepair"},
	"planning": {"planning", "planning application", "planning permission", "building control", "development management",
		"local plan", "permitted development", "planning portal", "developer", "developers", "householder", "extension"},
	"care": {"social care", "adult social care", "care", "carer", "carers", "care home", "domiciliary", "telecare", "assistive technology",
		"safeguarding", "social worker", "social workers", "independent living", "wellbeing", "frailty", "dementia", "learning disabilities", "care worker", "care workers", "children's services"},
	"education": {"school", "schools", "admission", "admissions", "pupil", "pupils", "send", "sen", "special educational needs",
		"ehcp", "ehc", "education health and care", "home to school", "school places", "in year", "academy", "academies", "education"},
	"contact": {"chatbot", "chatbots", "bot", "virtual assistant", "virtual agent", "digital agent", "webchat", "web chat",
		"contact centre", "customer service", "customer services", "phone calls", "enquiries", "enquiry", "conversational", "artificial intelligence", "ai"},
	"revenues": {"council tax", "business rates", "revenues", "benefit", "benefits", "housing benefit", "universal credit",
		"payment", "payments", "pay", "income", "debt", "arrears", "direct debit", "billing", "bills", "recovery", "reminder letters", "discount", "discounts", "reduction", "refund", "refunds"},
	"transport": {"parking", "permit", "permits", "pcn", "penalty charge", "traffic", "highway", "highways", "pothole", "potholes",
		"road", "roads", "ev charging", "bus", "buses", "vehicle", "vehicles", "car", "cars", "visitor permits"},
	"libraries": {"library", "libraries", "book", "books", "ebook", "ebooks", "e-book", "catalogue", "lending", "borrow", "borrowers", "reading", "librarians"},
	"web": {"website", "websites", "cms", "content management", "drupal", "localgov drupal", "intranet", "web platform", "content design",
		"web pages", "publishing platform", "collaboration", "open source", "shared platform"},
	"licensing":    {"licence", "licences", "license", "licensing", "taxi", "taxis", "private hire", "premises", "alcohol", "gambling"},
	"environment":  {"climate", "carbon", "net zero", "energy", "retrofit", "emissions", "air quality", "trees", "green spaces", "parks"},
	"democracy":    {"election", "elections", "electoral", "voter", "voters", "polling", "councillor", "councillors", "committee", "democratic"},
	"health":       {"public health", "health", "nhs", "gp", "hospital", "mental health", "smoking", "obesity"},
	"homelessness": {"homeless", "homelessness", "rough sleeping", "rough sleepers", "temporary accommodation", "housing options"},
}

// areaIndex maps each word or phrase to its areas.
var areaIndex = func() map[string][]string {
	idx := map[string][]string{}
	for area, terms := range serviceAreas {
		for _, t := range terms {
			idx[t] = append(idx[t], area)
		}
	}
	return idx
}()

// NormaliseWord folds simple plurals, so "repairs" is "repair".
func NormaliseWord(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

// ServiceAreas counts how often a text touches each service area.
func ServiceAreas(text string) map[string]int {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}) {
		words = append(words, strings.Trim(w, "'"))
	}
	out := map[string]int{}
	for i := range words {
		for n := 1; n <= 4 && i+n <= len(words); n++ {
			phrase := strings.Join(words[i:i+n], " ")
			areas, ok := areaIndex[phrase]
			if !ok && n == 1 {
				areas, ok = areaIndex[NormaliseWord(phrase)]
			}
			if ok {
				for _, a := range areas {
					out[a]++
				}
			}
		}
	}
	return out
}

// AreaOverlap is how much two texts share service areas, from 0 to 1: the
// cosine of their area counts.
func AreaOverlap(a, b map[string]int) float64 {
	dot, na, nb := 0.0, 0.0, 0.0
	for k, x := range a {
		na += float64(x * x)
		dot += float64(x * b[k])
	}
	for _, y := range b {
		nb += float64(y * y)
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / (math.Sqrt(na) * math.Sqrt(nb))
}

// AreaTerms lists every word and phrase of the given areas.
func AreaTerms(areas map[string]int) []string {
	var out []string
	for area := range areas {
		out = append(out, serviceAreas[area]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
