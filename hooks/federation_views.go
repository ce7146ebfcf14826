package hooks

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks/textmatch"
)

// How remote projects are found: among similar projects (the similarity
// index holds them), in search and the projects list (their own full-text
// index, remote_projects_fts), on the home page and on their council's
// page. Each is marked with its origin and links to its page there.

// RemoteHit is a remote project as lists show it.
type RemoteHit struct {
	Id           string           `json:"id" db:"id"`
	Title        string           `json:"title" db:"title"`
	Summary      string           `json:"summary" db:"summary"`
	Phase        string           `json:"phase" db:"phase"`
	Tags         JSONList         `json:"tags" db:"tags"`
	Updated      string           `json:"updated" db:"remoteUpdated"`
	Organisation *OrganisationRef `json:"organisation"`
	Origin       Origin           `json:"origin"`
	OrgName      string           `json:"-" db:"organisationName"`
	OrgId        string           `json:"-" db:"orgId"`
	OrgSlug      string           `json:"-" db:"orgSlug"`
	URL          string           `json:"-" db:"url"`
	URI          string           `json:"-" db:"uri"`
}

// remoteColumns are what lists read of a remote project (r) and its
// matched organisation (o).
const remoteColumns = `SELECT r.id, r.title, r.summary, r.phase, r.tags, r.remoteUpdated, r.organisationName, r.url, r.uri,
	COALESCE(o.id, '') AS orgId, COALESCE(o.slug, '') AS orgSlug`

// remoteSelect reads remote projects with their matched organisations.
const remoteSelect = remoteColumns + ` FROM remoteProjects r LEFT JOIN organisations o ON o.id = r.organisation`

// finish fills what is worked out of the stored fields.
func (h *RemoteHit) finish() {
	if u, err := url.Parse(h.URI); err == nil {
		h.Origin = Origin{Host: u.Host, URL: h.URL}
	}
	// The name is the origin's own, even when matched to a council here.
	h.Organisation = &OrganisationRef{Id: h.OrgId, Name: h.OrgName, Slug: h.OrgSlug}
	if h.Tags == nil {
		h.Tags = JSONList{}
	}
}

// readRemote runs a query of remoteSelect's shape.
func readRemote(app core.App, where, tail string, params dbx.Params) ([]RemoteHit, error) {
	var out []RemoteHit
	q := remoteSelect + " WHERE r.goneAt = ''"
	if where != "" {
		q += " AND " + where
	}
	if err := app.DB().NewQuery(q + " " + tail).Bind(params).All(&out); err != nil {
		return nil, fmt.Errorf("read remote projects: %w", err)
	}
	for i := range out {
		out[i].finish()
	}
	if out == nil {
		out = []RemoteHit{}
	}
	return out, nil
}

// RemoteHits are the remote projects with these ids, as similar projects.
func RemoteHits(app core.App, ids []string) ([]SimilarHit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	params := dbx.Params{}
	marks := make([]string, len(ids))
	for i, id := range ids {
		k := fmt.Sprintf("id%d", i)
		params[k], marks[i] = id, "{:"+k+"}"
	}
	remote, err := readRemote(app, "r.id IN ("+strings.Join(marks, ", ")+")", "", params)
	if err != nil {
		return nil, err
	}
	out := make([]SimilarHit, len(remote))
	for i, r := range remote {
		origin := r.Origin
		out[i] = SimilarHit{Id: r.Id, Title: r.Title, Phase: r.Phase, Visibility: VisibilityPublished,
			Organisation: *r.Organisation, OrgId: r.OrgId, Origin: &origin}
	}
	return out, nil
}

// remoteSearchLimit is how many remote projects a search shows.
const remoteSearchLimit = 10

// SearchRemote finds the remote projects a search asks for: matching its
// words (best first) or, with none, the latest; narrowed by its phases,
// organisation, nation, region, what is sought and how recently updated.
// Searches only local projects can answer (open calls, one project, the
// dormant) find none.
func SearchRemote(app core.App, p SearchParams) ([]RemoteHit, int, error) {
	if p.OpenCall || p.OnlyProject != "" {
		return []RemoteHit{}, 0, nil
	}
	where := []string{"r.goneAt = ''"}
	params := dbx.Params{}
	from := "remoteProjects r LEFT JOIN organisations o ON o.id = r.organisation"
	order := "ORDER BY r.remoteUpdated DESC"
	if terms := textmatch.ParseQuery(p.Query); len(terms) > 0 {
		// Matched and ranked inside the index, in one pass.
		from = `(SELECT rowid AS rid, bm25(remote_projects_fts, 0, 10, 4, 1, 6, 2) AS rank FROM remote_projects_fts
			WHERE remote_projects_fts MATCH {:match}) m JOIN remoteProjects r ON r.rowid = m.rid
			LEFT JOIN organisations o ON o.id = r.organisation`
		params["match"] = textmatch.MatchExpression(terms, nil)
		order = "ORDER BY m.rank, r.remoteUpdated DESC"
	}
	if len(p.Phases) > 0 {
		marks := []string{}
		for i, ph := range p.Phases {
			k := fmt.Sprintf("ph%d", i)
			params[k] = ph
			marks = append(marks, "{:"+k+"}")
		}
		where = append(where, "r.phase IN ("+strings.Join(marks, ", ")+")")
	}
	where = append(where, organisationFilters(p, params)...)
	for i, s := range p.Seeking {
		k := fmt.Sprintf("s%d", i)
		params[k] = s
		where = append(where, "EXISTS (SELECT 1 FROM json_each(r.seeking) WHERE value = {:"+k+"})")
	}
	if !p.UpdatedSince.IsZero() {
		where = append(where, "r.remoteUpdated >= {:since}")
		params["since"] = Stamp(p.UpdatedSince).String()
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM " + from + cond).Bind(params).Row(&total); err != nil {
		return nil, 0, fmt.Errorf("count remote projects: %w", err)
	}
	if total == 0 {
		return []RemoteHit{}, 0, nil
	}
	var out []RemoteHit
	if err := app.DB().NewQuery(remoteColumns + " FROM " + from + cond + " " + order + fmt.Sprintf(" LIMIT %d", remoteSearchLimit)).
		Bind(params).All(&out); err != nil {
		return nil, 0, fmt.Errorf("search remote projects: %w", err)
	}
	for i := range out {
		out[i].finish()
	}
	return out, total, nil
}

// LatestRemote are the remote projects most recently updated.
func LatestRemote(app core.App, limit int) ([]RemoteHit, error) {
	return readRemote(app, "", fmt.Sprintf("ORDER BY r.remoteUpdated DESC LIMIT %d", limit), nil)
}

// RemoteOfOrganisation are an organisation's projects published on other
// Pipelines.
func RemoteOfOrganisation(app core.App, orgID string) ([]RemoteHit, error) {
	return readRemote(app, "r.organisation = {:o}", "ORDER BY r.title LIMIT 200", dbx.Params{"o": orgID})
}

// RemoteProject is one remote project still shared, or false when there
// is none.
func RemoteProject(app core.App, id string) (RemoteHit, bool) {
	hits, err := readRemote(app, "r.id = {:id}", "", dbx.Params{"id": id})
	if err != nil || len(hits) == 0 {
		return RemoteHit{}, false
	}
	return hits[0], true
}
