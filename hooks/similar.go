package hooks

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SimilarHit is a project like another, from another organisation.
type SimilarHit struct {
	Id           string          `json:"id" db:"id"`
	Slug         string          `json:"slug" db:"slug"`
	Title        string          `json:"title" db:"title"`
	Phase        string          `json:"phase" db:"phase"`
	Organisation OrganisationRef `json:"organisation"`
	OrgId        string          `json:"-" db:"orgId"`
	OrgName      string          `json:"-" db:"orgName"`
	OrgSlug      string          `json:"-" db:"orgSlug"`
	Score        float64         `json:"score" db:"rank"`
}

// SimilarQuery describes what to find projects like: the text of a
// project (title, summary and tags, as someone types them or as stored),
// without the projects of one organisation and one project.
type SimilarQuery struct {
	Text            string
	ExcludeOrg      string
	ExcludeProject  string
	Limit           int
	IncludeDraftsOf string // an organisation whose drafts may be shown (never with ExcludeOrg equal)
}

// stopWords carry no meaning about what a project is for.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or of to for in on with by from at as is are be been being this that these those
		we our us it its their they them you your will would can could should how what which who whom whose why when where into
		about more less so than also new use using used help helps helping make makes making way ways all any each other some
		such not no only own same very just over under up down out off again then once here there both few most per via
		people person residents resident customers customer council councils councillors online service services digital
		project projects system systems local public team teams work working works based better improve improving improved
		provide provides providing support supporting allow allows enabling enable enables let lets easier easy
		across within without through while whilst before after during including include includes one two three
		london borough city county district metropolitan uk`) {
		stopWords[w] = true
	}
}

// synonymGroups are words that councils use for the same thing. A project
// that uses one is also like projects that use another.
var synonymGroups = [][]string{
	{"bin", "bins", "waste", "refuse", "rubbish", "recycling", "collection", "collections", "missed"},
	{"repair", "repairs", "maintenance", "fix", "fixing", "fault", "faults", "defect", "defects"},
	{"chatbot", "chatbots", "bot", "virtual assistant", "webchat", "chat", "conversational", "assistant"},
	{"send", "special educational needs", "ehcp", "sen", "disabilities"},
	{"tax", "ctax", "council tax", "discount", "discounts", "reduction", "exemption"},
	{"benefit", "benefits", "universal credit", "welfare", "hardship", "crisis"},
	{"parking", "permit", "permits", "pcn", "penalty", "vehicle", "vehicles"},
	{"planning", "planning application", "building control", "development", "applications"},
	{"care", "social care", "carer", "carers", "assessment", "adults", "adult", "wellbeing"},
	{"school", "schools", "admissions", "admission", "pupils", "education", "transport"},
	{"library", "libraries", "ebook", "ebooks", "catalogue", "books", "reading"},
	{"damp", "mould", "condensation", "disrepair"},
	{"pothole", "potholes", "highway", "highways", "road", "roads", "pavement", "street"},
	{"licence", "licences", "license", "licensing", "taxi", "premises"},
	{"tenant", "tenants", "tenancy", "housing", "homes", "landlord", "landlords"},
	{"map", "maps", "mapping", "gis", "geospatial", "spatial", "location"},
	{"data", "dataset", "datasets", "dashboard", "analytics", "insight"},
	{"homeless", "homelessness", "rough sleeping", "temporary accommodation"},
	{"payment", "payments", "pay", "income", "debt", "arrears"},
}

// similarTerms picks the words of a text that say what it is about and
// the council synonyms of any it contains, as FTS5 strings (a phrase for
// a synonym of several words).
func similarTerms(text string) (words, synonyms []string) {
	w, extra := similarWords(text)
	return ftsStrings(w), ftsStrings(extra)
}

func ftsStrings(list []string) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		parts := strings.Fields(s)
		for i := range parts {
			parts[i] = quote(parts[i])
		}
		out = append(out, strings.Join(parts, " + "))
	}
	return out
}

func similarWords(text string) ([]string, []string) {
	var words []string
	var w strings.Builder
	flush := func() {
		s := strings.ToLower(w.String())
		w.Reset()
		if len([]rune(s)) < 3 || stopWords[s] || slices.Contains(words, s) {
			return
		}
		words = append(words, s)
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			w.WriteRune(r)
		} else {
			flush()
		}
	}
	flush()
	lower := " " + strings.ToLower(text) + " "
	var extra []string
	for _, group := range synonymGroups {
		hit := false
		for _, s := range group {
			if slices.Contains(words, s) || (strings.Contains(s, " ") && strings.Contains(lower, " "+s+" ")) {
				hit = true
				break
			}
		}
		if hit {
			for _, s := range group {
				if !slices.Contains(words, s) && !slices.Contains(extra, s) {
					extra = append(extra, s)
				}
			}
		}
	}
	if len(words) > 40 {
		words = words[:40]
	}
	return words, extra
}

// synonymWeight is how much a match on a synonym counts against a match
// on a word the text itself uses.
const synonymWeight = 0.4

// Similar finds the published projects most like a text, best first:
// the text's meaningful words matched with bm25 (titles and tags weighing
// most, organisation names not at all), plus a smaller share for matches
// on the council synonyms of those words.
func Similar(app core.App, q SimilarQuery) ([]SimilarHit, error) {
	words, synonyms := similarTerms(q.Text)
	out := []SimilarHit{}
	if len(words) == 0 {
		return out, nil
	}
	if q.Limit <= 0 || q.Limit > 50 {
		q.Limit = 5
	}
	byId := map[string]*SimilarHit{}
	for _, pass := range []struct {
		terms  []string
		weight float64
	}{{words, 1}, {synonyms, synonymWeight}} {
		if len(pass.terms) == 0 {
			continue
		}
		hits, err := similarPass(app, q, strings.Join(pass.terms, " OR "))
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			h.Score *= pass.weight
			if prev, ok := byId[h.Id]; ok {
				prev.Score += h.Score
				continue
			}
			if pass.weight < 1 {
				continue // a synonym alone does not make a project similar
			}
			hit := h
			byId[h.Id] = &hit
		}
	}
	for _, h := range byId {
		out = append(out, *h)
	}
	slices.SortFunc(out, func(a, b SimilarHit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Id, b.Id)
	})
	if len(out) > q.Limit {
		out = out[:q.Limit]
	}
	if q.ExcludeProject != "" && len(out) > 0 {
		// Scores relative to the project's own match with itself: 1 is as
		// alike as it can be.
		self, err := selfScore(app, q.ExcludeProject, words, synonyms)
		if err == nil && self > 0 {
			for i := range out {
				out[i].Score = min(1, out[i].Score/self)
			}
		}
	}
	return out, nil
}

const similarRank = "bm25(projects_fts, 0, 10.0, 5.0, 1.0, 6.0, 0.0)"

// similarPass ranks candidates for one FTS5 expression.
func similarPass(app core.App, q SimilarQuery, match string) ([]SimilarHit, error) {
	var hits []SimilarHit
	params := dbx.Params{"match": match, "org": q.ExcludeOrg, "id": q.ExcludeProject, "drafts": q.IncludeDraftsOf}
	err := app.DB().NewQuery(`SELECT p.id, p.slug, p.title, p.phase, o.id AS orgId, o.name AS orgName, o.slug AS orgSlug,
			` + similarRank + ` AS rank
		FROM projects_fts f JOIN projects p ON p.id = f.id JOIN organisations o ON o.id = p.organisation
		WHERE projects_fts MATCH {:match}
			AND (p.visibility = 'published' OR (p.organisation = {:drafts} AND {:drafts} != ''))
			AND p.organisation != {:org} AND p.id != {:id}
		ORDER BY rank ASC, p.id LIMIT 200`).Bind(params).All(&hits)
	if err != nil {
		return nil, fmt.Errorf("similar projects: %w", err)
	}
	for i := range hits {
		hits[i].Organisation = OrganisationRef{Id: hits[i].OrgId, Name: hits[i].OrgName, Slug: hits[i].OrgSlug}
		hits[i].Score = -hits[i].Score
	}
	return hits, nil
}

// selfScore is how well a project matches its own words and synonyms.
func selfScore(app core.App, id string, words, synonyms []string) (float64, error) {
	total := 0.0
	for _, pass := range []struct {
		terms  []string
		weight float64
	}{{words, 1}, {synonyms, synonymWeight}} {
		if len(pass.terms) == 0 {
			continue
		}
		var score float64
		err := app.DB().NewQuery(`SELECT -` + similarRank + ` FROM projects_fts WHERE projects_fts MATCH {:match} AND id = {:id}`).
			Bind(dbx.Params{"match": strings.Join(pass.terms, " OR "), "id": id}).Row(&score)
		if err != nil {
			return 0, err
		}
		total += score * pass.weight
	}
	return total, nil
}

// projectText is the text similarity reads from a stored project.
func projectText(p *core.Record) string {
	tags, _ := normaliseTags(p.GetString("tags"))
	return p.GetString("title") + ". " + p.GetString("summary") + ". " + strings.Join(tags, " ")
}
