package hooks

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// NetworkStats are the coordinator's figures of the network's health.
type NetworkStats struct {
	GeneratedAt            string         `json:"generatedAt"`
	ProjectsByPhase        map[string]int `json:"projectsByPhase"`
	Freshness              Freshness      `json:"freshness"`
	Interest               InterestStats  `json:"interest"`
	OpenCalls              []OpenCallStat `json:"openCalls"`
	ActiveOrganisations90d int            `json:"activeOrganisations90d"`
	NewProjectsByMonth     []MonthCount   `json:"newProjectsByMonth"`
}

// Freshness counts published, unretired projects by where they are in the
// freshness chase.
type Freshness struct {
	Active  int `json:"active"`
	Stale   int `json:"stale"`
	Dormant int `json:"dormant"`
}

// InterestStats say how well interest is answered (following is not
// interest that needs an answer).
type InterestStats struct {
	Total                      int     `json:"total"`
	Answered                   int     `json:"answered"`
	ResponseRate               float64 `json:"responseRate"`
	MedianHoursToFirstResponse float64 `json:"medianHoursToFirstResponse"`
}

// OpenCallStat is an open partner call and its progress.
type OpenCallStat struct {
	CallSummary
	ProjectRef   OrganisationRef `json:"project"`
	Organisation string          `json:"organisation"`
}

// MonthCount is a number for a calendar month ("2026-11").
type MonthCount struct {
	Month string `json:"month"`
	Count int    `json:"count"`
}

// Stats computes the network's figures at now.
func Stats(app core.App, now time.Time) (NetworkStats, error) {
	s := NetworkStats{GeneratedAt: Stamp(now).String(), ProjectsByPhase: map[string]int{}, OpenCalls: []OpenCallStat{}}
	for _, ph := range Phases {
		s.ProjectsByPhase[ph] = 0
	}
	var phases []struct {
		Phase string `db:"phase"`
		N     int    `db:"n"`
	}
	if err := app.DB().NewQuery("SELECT phase, COUNT(*) AS n FROM projects WHERE visibility = 'published' GROUP BY phase").All(&phases); err != nil {
		return s, fmt.Errorf("projects by phase: %w", err)
	}
	for _, p := range phases {
		s.ProjectsByPhase[p.Phase] = p.N
	}
	err := app.DB().NewQuery(`SELECT
			COALESCE(SUM(dormantSince = '' AND chaseStage = 0), 0) AS active,
			COALESCE(SUM(dormantSince = '' AND chaseStage > 0), 0) AS stale,
			COALESCE(SUM(dormantSince != ''), 0) AS dormant
		FROM projects WHERE visibility = 'published' AND phase != 'retired'`).Row(&s.Freshness.Active, &s.Freshness.Stale, &s.Freshness.Dormant)
	if err != nil {
		return s, fmt.Errorf("freshness: %w", err)
	}

	var answered []struct {
		Created     string `db:"created"`
		RespondedAt string `db:"respondedAt"`
	}
	if err := app.DB().NewQuery("SELECT created, respondedAt FROM interests WHERE kind != 'following'").All(&answered); err != nil {
		return s, fmt.Errorf("interest: %w", err)
	}
	var hours []float64
	for _, a := range answered {
		s.Interest.Total++
		if a.RespondedAt == "" {
			continue
		}
		s.Interest.Answered++
		c, err1 := time.Parse("2006-01-02 15:04:05.000Z", a.Created)
		r, err2 := time.Parse("2006-01-02 15:04:05.000Z", a.RespondedAt)
		if err1 == nil && err2 == nil {
			hours = append(hours, max(0, r.Sub(c).Hours()))
		}
	}
	if s.Interest.Total > 0 {
		s.Interest.ResponseRate = float64(s.Interest.Answered) / float64(s.Interest.Total)
	}
	s.Interest.MedianHoursToFirstResponse = median(hours)

	var calls []struct {
		CallSummary
		Slug    string `db:"slug"`
		Title   string `db:"title"`
		OrgName string `db:"orgName"`
	}
	err = app.DB().NewQuery(`SELECT c.id, c.project, c.state, c.deadline, c.goalPartners, c.goalFunding, c.goalDays,
			c.pledgedPartners, c.pledgedFunding, c.pledgedDays, p.slug, p.title, o.name AS orgName
		FROM calls c JOIN projects p ON p.id = c.project JOIN organisations o ON o.id = p.organisation
		WHERE c.state = 'open' AND p.visibility = 'published' ORDER BY c.deadline`).All(&calls)
	if err != nil {
		return s, fmt.Errorf("open calls: %w", err)
	}
	for _, c := range calls {
		summary := c.CallSummary
		summary.Progress = progressOf(&summary)
		s.OpenCalls = append(s.OpenCalls, OpenCallStat{CallSummary: summary,
			ProjectRef: OrganisationRef{Id: c.Project, Name: c.Title, Slug: c.Slug}, Organisation: c.OrgName})
	}

	since := Stamp(now.AddDate(0, 0, -90)).String()
	err = app.DB().NewQuery(`SELECT COUNT(DISTINCT organisation) FROM (
			SELECT organisation FROM projects WHERE lastActivityAt >= {:since} OR created >= {:since}
			UNION SELECT p.organisation FROM updates u JOIN projects p ON p.id = u.project WHERE u.created >= {:since}
			UNION SELECT organisation FROM interests WHERE created >= {:since} AND organisation != ''
			UNION SELECT organisation FROM pledges WHERE created >= {:since})`).
		Bind(dbx.Params{"since": since}).Row(&s.ActiveOrganisations90d)
	if err != nil {
		return s, fmt.Errorf("active organisations: %w", err)
	}

	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
	var months []struct {
		Month string `db:"month"`
		N     int    `db:"n"`
	}
	err = app.DB().NewQuery(`SELECT substr(created, 1, 7) AS month, COUNT(*) AS n FROM projects
		WHERE visibility = 'published' AND created >= {:first} GROUP BY month`).
		Bind(dbx.Params{"first": Stamp(first).String()}).All(&months)
	if err != nil {
		return s, fmt.Errorf("projects by month: %w", err)
	}
	byMonth := map[string]int{}
	for _, m := range months {
		byMonth[m.Month] = m.N
	}
	for i := 0; i < 12; i++ {
		m := first.AddDate(0, i, 0).Format("2006-01")
		s.NewProjectsByMonth = append(s.NewProjectsByMonth, MonthCount{Month: m, Count: byMonth[m]})
	}
	return s, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}

// statsRoute answers the network's numbers.
func statsRoute(e *core.RequestEvent) error {
	s, err := Stats(e.App, time.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, s)
}
