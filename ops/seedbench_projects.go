package ops

import (
	"pipeline/hooks"

	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// benchWords give generated projects the vocabulary of real council work,
// by service area, so search and similarity work on realistic text.
var benchWords = map[string][]string{
	"waste":     {"bins", "waste", "recycling", "refuse", "collection", "garden", "bulky", "missed", "rounds", "containers", "litter"},
	"housing":   {"repairs", "tenants", "damp", "mould", "housing", "maintenance", "leaks", "voids", "rent", "estates", "leaseholders"},
	"planning":  {"planning", "applications", "permission", "building", "control", "developers", "householder", "local", "plan", "consultation"},
	"care":      {"care", "carers", "adults", "assessment", "wellbeing", "telecare", "independent", "living", "safeguarding", "home"},
	"education": {"school", "admissions", "pupils", "send", "transport", "places", "education", "needs", "plans", "families"},
	"contact":   {"chatbot", "webchat", "contact", "centre", "enquiries", "calls", "assistant", "virtual", "customers", "queries"},
	"revenues":  {"council", "tax", "benefits", "payments", "debt", "discount", "billing", "arrears", "reminders", "income"},
	"transport": {"parking", "permits", "highways", "potholes", "roads", "traffic", "charging", "buses", "vehicles", "streets"},
	"libraries": {"library", "books", "ebooks", "catalogue", "lending", "reading", "members", "branches", "events", "loans"},
	"web":       {"website", "content", "drupal", "pages", "publishing", "intranet", "search", "accessibility", "design", "platform"},
}

var benchVerbs = []string{"Report", "Apply for", "Book", "Track", "Pay for", "Find", "Renew", "Request", "Check", "Manage"}
var benchGeneric = []string{"online", "service", "residents", "staff", "data", "process", "form", "team", "users", "digital",
	"research", "prototype", "pilot", "partners", "systems", "case", "management", "records", "reduce", "time"}

// SeedProjects adds n published projects with generated, deterministic
// text (the same seed gives the same projects) spread over the seeded
// councils, for benchmarks. It writes in batches with plain SQL (the
// search triggers still run) and returns how long it took.
func SeedProjects(app core.App, n int, seed uint64) (time.Duration, error) {
	start := time.Now()
	var orgs []string
	if err := app.DB().Select("id").From(hooks.ColOrganisations).OrderBy("id").Column(&orgs); err != nil || len(orgs) == 0 {
		return 0, fmt.Errorf("seed projects: no organisations: %w", err)
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	areas := make([]string, 0, len(benchWords))
	for a := range benchWords {
		areas = append(areas, a)
	}
	// Map order is random; sort for determinism.
	for i := range areas {
		for j := i + 1; j < len(areas); j++ {
			if areas[j] < areas[i] {
				areas[i], areas[j] = areas[j], areas[i]
			}
		}
	}
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	words := func(area string, k int) string {
		var b []string
		for range k {
			if r.IntN(3) == 0 {
				b = append(b, pick(benchGeneric))
			} else {
				b = append(b, pick(benchWords[area]))
			}
		}
		return strings.Join(b, " ")
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 2000
	for done := 0; done < n; done += batch {
		err := app.RunInTransaction(func(tx core.App) error {
			for i := done; i < min(done+batch, n); i++ {
				area := areas[r.IntN(len(areas))]
				title := fmt.Sprintf("%s %s %s", pick(benchVerbs), pick(benchWords[area]), pick(benchWords[area]))
				created := hooks.Stamp(base.Add(time.Duration(r.IntN(300*24)) * time.Hour)).String()
				_, err := tx.DB().Insert(hooks.ColProjects, dbx.Params{
					"id":              security.PseudorandomStringWithAlphabet(15, "abcdefghijklmnopqrstuvwxyz0123456789"),
					"title":           title,
					"slug":            fmt.Sprintf("bench-%d-%d", seed, i),
					"summary":         strings.ToUpper(title[:1]) + title[1:] + ": " + words(area, 18) + ".",
					"description":     words(area, 60) + ".",
					"organisation":    orgs[r.IntN(len(orgs))],
					"phase":           hooks.Phases[r.IntN(len(hooks.Phases))],
					"budgetBand":      "unknown",
					"visibility":      hooks.VisibilityPublished,
					"tags":            fmt.Sprintf(`[%q,%q]`, pick(benchWords[area]), area),
					"seeking":         `["partners"]`,
					"links":           "[]",
					"lastConfirmedAt": created,
					"lastActivityAt":  created,
					"publishedAt":     created,
					"created":         created,
					"updated":         created,
				}).Execute()
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return time.Since(start), fmt.Errorf("seed projects: %w", err)
		}
	}
	return time.Since(start), nil
}
