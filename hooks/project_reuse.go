package hooks

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ReuseLinks are a project's reuse, both ways.
type ReuseLinks struct {
	Reuses                []ClusterProject `json:"reuses"`
	ReusedBy              []ClusterProject `json:"reusedBy"`
	ReusedByOrganisations int              `json:"reusedByOrganisations"`
}

// reuseRoute: GET /api/pipeline/projects/{id}/reuse, what the project
// reuses and who reuses it (published projects only).
func reuseRoute(e *core.RequestEvent) error {
	p, err := viewableRecord(e, ColProjects, e.Request.PathValue("id"), "No such project.")
	if err != nil {
		return err
	}
	res, err := ReuseLinksOf(e.App, p)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, res)
}

// ReuseLinksOf is what a project reuses and which published projects
// reuse it. The caller has checked that the project may be seen.
func ReuseLinksOf(app core.App, p *core.Record) (ReuseLinks, error) {
	load := func(where string, params dbx.Params) ([]ClusterProject, error) {
		var rows []struct {
			Id      string `db:"id"`
			Slug    string `db:"slug"`
			Title   string `db:"title"`
			Phase   string `db:"phase"`
			OrgId   string `db:"orgId"`
			OrgName string `db:"orgName"`
			OrgSlug string `db:"orgSlug"`
		}
		err := app.DB().NewQuery(`SELECT p.id, p.slug, p.title, p.phase,
				o.id AS orgId, o.name AS orgName, o.slug AS orgSlug
			FROM projects p JOIN organisations o ON o.id = p.organisation
			WHERE +p.visibility = 'published' AND ` + where + ` ORDER BY p.title`).Bind(params).All(&rows)
		out := []ClusterProject{}
		for _, r := range rows {
			out = append(out, ClusterProject{Id: r.Id, Slug: r.Slug, Title: r.Title, Phase: r.Phase,
				Organisation: OrganisationRef{Id: r.OrgId, Name: r.OrgName, Slug: r.OrgSlug}})
		}
		return out, err
	}
	var res ReuseLinks
	var err error
	reuses, _ := json.Marshal(p.GetStringSlice("reuses"))
	if res.Reuses, err = load("p.id IN (SELECT value FROM json_each({:reuses}))", dbx.Params{"reuses": string(reuses)}); err != nil {
		return res, fmt.Errorf("read what the project reuses: %w", err)
	}
	// The inner query repeats the condition of the partial index of
	// projects that reuse something (idx_projects_reusing), so it reads
	// only those; as a plain condition SQLite read every project.
	if res.ReusedBy, err = load(`p.id IN (SELECT id FROM projects WHERE reuses != '[]' AND reuses != ''
			AND EXISTS (SELECT 1 FROM json_each(reuses) WHERE value = {:id}))`, dbx.Params{"id": p.Id}); err != nil {
		return res, fmt.Errorf("read who reuses the project: %w", err)
	}
	orgs := map[string]bool{}
	for _, r := range res.ReusedBy {
		orgs[r.Organisation.Id] = true
	}
	res.ReusedByOrganisations = len(orgs)
	return res, nil
}
