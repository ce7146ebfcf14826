package hooks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks/similarity"
)

// SimilarHit is a project like another, with how alike they are (0 to 1)
// and the words they share, most telling first: why they matched.
type SimilarHit struct {
	Id           string          `json:"id" db:"id"`
	Slug         string          `json:"slug" db:"slug"`
	Title        string          `json:"title" db:"title"`
	Phase        string          `json:"phase" db:"phase"`
	Visibility   string          `json:"visibility" db:"visibility"`
	Organisation OrganisationRef `json:"organisation"`
	OrgId        string          `json:"-" db:"orgId"`
	OrgName      string          `json:"-" db:"orgName"`
	OrgSlug      string          `json:"-" db:"orgSlug"`
	Score        float64         `json:"score" db:"-"`
	Shared       []string        `json:"shared" db:"-"`
	// Origin is set for a project of another Pipeline: where it is.
	Origin *Origin `json:"origin,omitempty" db:"-"`
}

// Href is a similar project's page: here, or on its origin.
func (h SimilarHit) Href() string {
	if h.Origin != nil {
		return h.Origin.URL
	}
	return "/projects/" + h.Slug
}

// Origin is the Pipeline a remote project was published on, and its page
// there.
type Origin struct {
	Host string `json:"host"`
	URL  string `json:"url"`
}

// SimilarQuery describes what to find projects like: a stored project
// (Project), or text as someone types it (Title, Text), among whose
// projects.
type SimilarQuery struct {
	// Project is a stored project whose own words are matched; it is never
	// among the hits.
	Project string
	// Title, Text (a summary), Description and Tags are words to match,
	// typed or of a project not yet stored; when they are all empty, the
	// stored Project's own words are matched.
	Title, Text, Description string
	Tags                     []string
	// ExcludeOrg leaves out one organisation's projects; OnlyOrg keeps
	// only one's ("your council already has …").
	ExcludeOrg, OnlyOrg string
	// IncludeDraftsOf is an organisation whose drafts may be found (the
	// caller's own); nobody else's drafts are found or play any part.
	IncludeDraftsOf string
	Limit           int
	// MinScore drops weaker matches; 0 means similarity.DefaultMinScore,
	// and a negative value keeps every match.
	MinScore float64
}

// maxSimilar is the most hits one query answers.
const maxSimilar = 50

// Similar finds the projects most like q, best first, weak matches left
// out. A stored project's list comes from projects_similar when it is
// current; typed text is ranked at once by the in-memory index.
func Similar(app core.App, q SimilarQuery) ([]SimilarHit, error) {
	if q.Limit <= 0 {
		q.Limit = 5
	}
	q.Limit = min(q.Limit, maxSimilar)
	minScore := q.MinScore
	if minScore == 0 {
		minScore = similarity.DefaultMinScore
	}
	typed := similarity.Text{Title: q.Title, Summary: q.Text, Description: q.Description, Tags: q.Tags}
	stored := typed.Title == "" && typed.Summary == "" && typed.Description == "" && len(typed.Tags) == 0
	if stored && q.Project != "" && q.OnlyOrg == "" && q.Limit <= similarListLength && minScore >= similarity.DefaultMinScore {
		if list, ok, err := storedSimilar(app, q.Project); err != nil {
			return nil, err
		} else if ok {
			return finishSimilar(app, q, list, minScore)
		}
	}
	ix, err := similarIndexOf(app)
	if err != nil {
		return nil, err
	}
	hits := ix.Similar(similarity.Query{
		ID: q.Project, Text: typed,
		ExcludeOrg: q.ExcludeOrg, OnlyOrg: q.OnlyOrg, PrivateOf: q.IncludeDraftsOf,
		Limit: q.Limit, MinScore: minScore,
	})
	return hydrateSimilar(app, hits, q)
}

// finishSimilar completes a stored list for one caller: the projects that
// are still public, the caller's own drafts that match, best first.
func finishSimilar(app core.App, q SimilarQuery, list []similarity.Hit, minScore float64) ([]SimilarHit, error) {
	var kept []similarity.Hit
	for _, h := range list {
		if h.Score >= minScore {
			kept = append(kept, h)
		}
	}
	if q.IncludeDraftsOf != "" && q.IncludeDraftsOf != q.ExcludeOrg {
		ix, err := similarIndexOf(app)
		if err != nil {
			return nil, err
		}
		own := ix.Similar(similarity.Query{ID: q.Project, OnlyOrg: q.IncludeDraftsOf, PrivateOf: q.IncludeDraftsOf,
			Limit: q.Limit, MinScore: minScore})
		for _, h := range own {
			if !slices.ContainsFunc(kept, func(k similarity.Hit) bool { return k.ID == h.ID }) {
				kept = append(kept, h)
			}
		}
		slices.SortStableFunc(kept, func(a, b similarity.Hit) int {
			if a.Score > b.Score {
				return -1
			} else if a.Score < b.Score {
				return 1
			}
			return 0
		})
	}
	hits, err := hydrateSimilar(app, kept, q)
	if err != nil {
		return nil, err
	}
	if len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits, nil
}

// hydrateSimilar reads the projects of hits in one query, keeping only
// those the query may show (published, or drafts of IncludeDraftsOf, and
// of the organisations asked for), in the hits' order.
func hydrateSimilar(app core.App, hits []similarity.Hit, q SimilarQuery) ([]SimilarHit, error) {
	out := []SimilarHit{}
	if len(hits) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(hits))
	remoteIds := []string{}
	for _, h := range hits {
		if id, ok := strings.CutPrefix(h.ID, remoteIndexPrefix); ok {
			remoteIds = append(remoteIds, id)
		} else {
			ids = append(ids, h.ID)
		}
	}
	var rows []SimilarHit
	if len(ids) > 0 {
		err := app.DB().Select("p.id", "p.slug", "p.title", "p.phase", "p.visibility", "o.id AS orgId", "o.name AS orgName", "o.slug AS orgSlug").
			From("projects p").InnerJoin("organisations o", dbx.NewExp("o.id = p.organisation")).
			Where(dbx.In("p.id", ids...)).All(&rows)
		if err != nil {
			return nil, fmt.Errorf("read similar projects: %w", err)
		}
	}
	remote, err := RemoteHits(app, remoteIds)
	if err != nil {
		return nil, err
	}
	for _, r := range remote {
		r.Id = remoteIndexPrefix + r.Id
		rows = append(rows, r)
	}
	byId := map[string]SimilarHit{}
	for _, r := range rows {
		byId[r.Id] = r
	}
	for _, h := range hits {
		r, ok := byId[h.ID]
		if !ok || r.Id == q.Project || (q.ExcludeOrg != "" && r.OrgId == q.ExcludeOrg) || (q.OnlyOrg != "" && r.OrgId != q.OnlyOrg) {
			continue
		}
		if r.Visibility != VisibilityPublished && (q.IncludeDraftsOf == "" || r.OrgId != q.IncludeDraftsOf) {
			continue
		}
		if r.Origin == nil {
			r.Organisation = OrganisationRef{Id: r.OrgId, Name: r.OrgName, Slug: r.OrgSlug}
		} else {
			r.Id = strings.TrimPrefix(r.Id, remoteIndexPrefix)
		}
		r.Score, r.Shared = h.Score, h.Shared
		if r.Shared == nil {
			r.Shared = []string{}
		}
		out = append(out, r)
	}
	return out, nil
}

// ProjectText is the text of a stored project, as the similarity index
// reads it.
func ProjectText(p *core.Record) similarity.Text {
	tags, _ := normaliseTags(p.GetString("tags"))
	return similarity.Text{Title: p.GetString("title"), Summary: p.GetString("summary"),
		Description: p.GetString("description"), Tags: tags}
}

// similarWhy says in words why two projects matched: the words they share.
func similarWhy(h SimilarHit) string {
	if len(h.Shared) == 0 {
		return ""
	}
	words := make([]string, len(h.Shared))
	for i, w := range h.Shared {
		words[i] = "“" + w + "”"
	}
	if len(words) == 1 {
		return "They share the word " + words[0] + "."
	}
	return "They share the words " + strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1] + "."
}
