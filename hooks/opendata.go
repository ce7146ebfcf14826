package hooks

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// OpenProject is a published project as open data: the stable columns of
// the CSV and JSON exports, documented in docs/open-data.md. Columns are
// only ever added, at the end.
type OpenProject struct {
	Id                string   `json:"id" db:"id"`
	Slug              string   `json:"slug" db:"slug"`
	Title             string   `json:"title" db:"title"`
	Summary           string   `json:"summary" db:"summary"`
	Description       string   `json:"description" db:"description"`
	Organisation      string   `json:"organisation" db:"orgName"`
	OrganisationSlug  string   `json:"organisationSlug" db:"orgSlug"`
	OrganisationGSS   string   `json:"organisationGssCode" db:"orgGss"`
	Partners          []string `json:"partners" db:"-"`
	PartnersRaw       string   `json:"-" db:"partners"`
	Phase             string   `json:"phase" db:"phase"`
	PhaseStart        string   `json:"phaseStart" db:"phaseStart"`
	PhaseEnd          string   `json:"phaseEnd" db:"phaseEnd"`
	NextAssessment    string   `json:"nextAssessment" db:"nextAssessment"`
	BudgetBand        string   `json:"budgetBand" db:"budgetBand"`
	Seeking           JSONList `json:"seeking" db:"seeking"`
	Tags              JSONList `json:"tags" db:"tags"`
	Links             []Link   `json:"links" db:"-"`
	LinksRaw          string   `json:"-" db:"links"`
	ContactName       string   `json:"contactName" db:"contactName"`
	ContactEmail      string   `json:"contactEmail" db:"contactEmail"`
	LastConfirmedAt   string   `json:"lastConfirmedAt" db:"lastConfirmedAt"`
	LastActivityAt    string   `json:"lastActivityAt" db:"lastActivityAt"`
	DormantSince      string   `json:"dormantSince" db:"dormantSince"`
	Outcome           string   `json:"outcome" db:"outcome"`
	URL               string   `json:"url" db:"-"`
	Created           string   `json:"created" db:"created"`
	Updated           string   `json:"updated" db:"updated"`
	Reference         string   `json:"reference" db:"externalRef"`
	ClosedReason      string   `json:"closedReason" db:"closedReason"`
	ContinuedIn       string   `json:"continuedIn" db:"continuedIn"`
	OutcomeWorked     string   `json:"outcomeWorked" db:"outcomeWorked"`
	OutcomeDidNotWork string   `json:"outcomeDidNotWork" db:"outcomeDidNotWork"`
	OutcomeReusable   string   `json:"outcomeReusable" db:"outcomeReusable"`
	OutcomeSavings    string   `json:"outcomeSavings" db:"outcomeSavings"`
}

// openProjectsQuery selects published projects with their organisation
// and partners' names. The unary + keeps SQLite from choosing the index
// on visibility (nearly every project is published), so the index that
// gives the order or the organisation is used.
const openProjectsQuery = `SELECT p.id, p.slug, p.title, p.summary, p.description, p.phase, p.phaseStart, p.phaseEnd,
		p.nextAssessment, p.budgetBand, p.seeking, COALESCE(p.tags, '[]') AS tags, COALESCE(p.links, '[]') AS links, p.contactName, p.contactEmail,
		p.lastConfirmedAt, p.lastActivityAt, p.dormantSince, p.outcome, p.created, p.updated, p.externalRef,
		p.closedReason, p.continuedIn, p.outcomeWorked, p.outcomeDidNotWork, p.outcomeReusable, p.outcomeSavings,
		o.name AS orgName, o.slug AS orgSlug, o.gssCode AS orgGss,
		COALESCE((SELECT json_group_array(o2.name) FROM json_each(p.partners) j JOIN organisations o2 ON o2.id = j.value), '[]') AS partners
	FROM projects p JOIN organisations o ON o.id = p.organisation
	WHERE +p.visibility = 'published'`

// eachOpenProject calls fn for each published project (narrowed by extra
// conditions), in the given order, streaming rather than loading them all.
func eachOpenProject(app core.App, where string, params dbx.Params, order string, limit int, fn func(OpenProject) error) error {
	q := openProjectsQuery
	if where != "" {
		q += " AND " + where
	}
	q += " ORDER BY " + order
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := app.DB().NewQuery(q).Bind(params).Rows()
	if err != nil {
		return fmt.Errorf("read projects: %w", err)
	}
	defer rows.Close()
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	for rows.Next() {
		var p OpenProject
		if err := rows.ScanStruct(&p); err != nil {
			return fmt.Errorf("read project: %w", err)
		}
		_ = json.Unmarshal([]byte(p.PartnersRaw), &p.Partners)
		_ = json.Unmarshal([]byte(p.LinksRaw), &p.Links)
		if p.Partners == nil {
			p.Partners = []string{}
		}
		if p.Links == nil {
			p.Links = []Link{}
		}
		p.URL = base + "/projects/" + p.Slug
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// openDataHeaders mark an answer as public data anyone may fetch.
func openDataHeaders(e *core.RequestEvent, contentType string) {
	h := e.Response.Header()
	h.Set("Content-Type", contentType)
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("X-Content-Type-Options", "nosniff")
}

func notFoundText(e *core.RequestEvent) error {
	return e.String(http.StatusNotFound, "Not found\n")
}
