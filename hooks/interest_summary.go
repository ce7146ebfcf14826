package hooks

import (
	"fmt"
	"net/http"
	"sort"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// InterestSummary is the public picture of who follows a project and who
// is interested in it, by organisation: names of organisations and kinds of
// interest, never people or messages.
type InterestSummary struct {
	Followers     int                    `json:"followers"`
	Organisations []OrganisationInterest `json:"organisations"`
}

// OrganisationInterest is one organisation's interest in a project.
type OrganisationInterest struct {
	Id    string         `json:"id"`
	Name  string         `json:"name"`
	Slug  string         `json:"slug"`
	Kinds map[string]int `json:"kinds"`
}

// interestSummaryRoute answers for anyone who may view the project.
func interestSummaryRoute(e *core.RequestEvent) error {
	p, err := viewableRecord(e, ColProjects, e.Request.PathValue("id"), "No such project.")
	if err != nil {
		return err
	}
	out, err := InterestSummaryOf(e.App, p.Id)
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, out)
}

// InterestSummaryOf is who follows a project and who is interested in it,
// by organisation. The caller has checked that the project may be seen.
func InterestSummaryOf(app core.App, projectID string) (InterestSummary, error) {
	var rows []struct {
		Org  string `db:"organisation"`
		Name string `db:"name"`
		Slug string `db:"slug"`
		Kind string `db:"kind"`
		N    int    `db:"n"`
	}
	err := app.DB().NewQuery(`SELECT i.organisation, COALESCE(o.name, '') AS name, COALESCE(o.slug, '') AS slug, i.kind, COUNT(*) AS n
		FROM interests i LEFT JOIN organisations o ON o.id = i.organisation
		WHERE i.project = {:p} AND i.state != 'withdrawn'
		GROUP BY i.organisation, i.kind`).Bind(dbx.Params{"p": projectID}).All(&rows)
	if err != nil {
		return InterestSummary{}, fmt.Errorf("read interest: %w", err)
	}
	out := InterestSummary{Organisations: []OrganisationInterest{}}
	byOrg := map[string]*OrganisationInterest{}
	for _, r := range rows {
		out.Followers += r.N
		if r.Org == "" {
			continue
		}
		o := byOrg[r.Org]
		if o == nil {
			o = &OrganisationInterest{Id: r.Org, Name: r.Name, Slug: r.Slug, Kinds: map[string]int{}}
			byOrg[r.Org] = o
		}
		o.Kinds[r.Kind] += r.N
	}
	for _, o := range byOrg {
		out.Organisations = append(out.Organisations, *o)
	}
	sort.Slice(out.Organisations, func(i, j int) bool { return out.Organisations[i].Name < out.Organisations[j].Name })
	return out, nil
}
