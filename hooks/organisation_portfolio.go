package hooks

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Portfolio is every project of one organisation, for its overview.
type Portfolio struct {
	Organisation OrganisationRef `json:"organisation"`
	Items        []PortfolioItem `json:"items"`
}

// PortfolioItem is one project in a portfolio.
type PortfolioItem struct {
	Id             string        `json:"id" db:"id"`
	Slug           string        `json:"slug" db:"slug"`
	Title          string        `json:"title" db:"title"`
	Phase          string        `json:"phase" db:"phase"`
	Visibility     string        `json:"visibility" db:"visibility"`
	Freshness      string        `json:"freshness" db:"freshness"`
	LastActivityAt string        `json:"lastActivityAt" db:"lastActivityAt"`
	LastUpdateAt   string        `json:"lastUpdateAt" db:"lastUpdateAt"`
	InterestCount  int           `json:"interestCount" db:"interestCount"`
	FollowerCount  int           `json:"followerCount" db:"followerCount"`
	OpenCall       *CallProgress `json:"openCall" db:"-"`
}

// CallProgress is an open call's progress, in short.
type CallProgress struct {
	Progress int    `json:"progress"`
	Deadline string `json:"deadline"`
}

// OrganisationPortfolio lists an organisation's projects (drafts too)
// with their freshness, last update, interest and followers, and open
// call.
func OrganisationPortfolio(app core.App, org *core.Record) (Portfolio, error) {
	out := Portfolio{Organisation: OrganisationRef{Id: org.Id, Name: org.GetString("name"), Slug: org.GetString("slug")}, Items: []PortfolioItem{}}
	err := app.DB().NewQuery(`SELECT p.id, p.slug, p.title, p.phase, p.visibility, p.lastActivityAt,
			CASE WHEN p.dormantSince != '' THEN 'dormant' WHEN p.chaseStage > 0 THEN 'stale' ELSE 'active' END AS freshness,
			COALESCE((SELECT MAX(u.created) FROM updates u WHERE u.project = p.id), '') AS lastUpdateAt,
			(SELECT COUNT(*) FROM interests i WHERE i.project = p.id AND i.kind != 'following' AND i.state != 'withdrawn') AS interestCount,
			(SELECT COUNT(*) FROM interests i WHERE i.project = p.id AND i.state != 'withdrawn') AS followerCount
		FROM projects p WHERE p.organisation = {:org} ORDER BY p.title COLLATE NOCASE`).
		Bind(dbx.Params{"org": org.Id}).All(&out.Items)
	if err != nil {
		return out, fmt.Errorf("portfolio of %s: %w", org.Id, err)
	}
	ids := make([]any, len(out.Items))
	for i, it := range out.Items {
		ids[i] = it.Id
	}
	calls, err := OpenCalls(app, ids)
	if err != nil {
		return out, err
	}
	for i := range out.Items {
		if c := calls[out.Items[i].Id]; c != nil {
			out.Items[i].OpenCall = &CallProgress{Progress: c.Progress, Deadline: c.Deadline}
		}
	}
	return out, nil
}

// portfolioFor is the caller's own organisation's portfolio, or, for a
// coordinator, the one named by ?organisation=<slug>.
func portfolioFor(e *core.RequestEvent) (Portfolio, error) {
	c := callerOf(e)
	slug := e.Request.URL.Query().Get("organisation")
	var org *core.Record
	var err error
	switch {
	case slug != "" && c.coordinator():
		org, err = e.App.FindFirstRecordByData(ColOrganisations, "slug", slug)
	case c.approved() && c.organisation() != "":
		org, err = e.App.FindRecordById(ColOrganisations, c.organisation())
	default:
		return Portfolio{}, e.ForbiddenError("Only approved officers see their organisation's portfolio.", nil)
	}
	if err != nil {
		return Portfolio{}, e.NotFoundError("No such organisation.", nil)
	}
	p, err := OrganisationPortfolio(e.App, org)
	if err != nil {
		return p, e.InternalServerError("", err)
	}
	return p, nil
}

// portfolioRoute answers the portfolio as JSON.
func portfolioRoute(e *core.RequestEvent) error {
	p, err := portfolioFor(e)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, p)
}

// portfolioCSVRoute answers the portfolio as a CSV download.
func portfolioCSVRoute(e *core.RequestEvent) error {
	p, err := portfolioFor(e)
	if err != nil {
		return err
	}
	e.Response.Header().Set("Content-Type", "text/csv; charset=utf-8")
	e.Response.Header().Set("Content-Disposition", `attachment; filename="portfolio-`+p.Organisation.Slug+`.csv"`)
	w := csv.NewWriter(e.Response)
	_ = w.Write([]string{"title", "phase", "visibility", "freshness", "lastActivityAt", "lastUpdateAt", "interest", "followers", "openCallProgress", "openCallDeadline", "url"})
	for _, it := range p.Items {
		progress, deadline := "", ""
		if it.OpenCall != nil {
			progress, deadline = strconv.Itoa(it.OpenCall.Progress), it.OpenCall.Deadline
		}
		_ = w.Write(csvSafe([]string{it.Title, it.Phase, it.Visibility, it.Freshness, it.LastActivityAt, it.LastUpdateAt,
			strconv.Itoa(it.InterestCount), strconv.Itoa(it.FollowerCount), progress, deadline, absoluteURL(e.App, "/projects/"+it.Slug)}))
	}
	w.Flush()
	return w.Error()
}
