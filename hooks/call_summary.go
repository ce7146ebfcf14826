package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// CallSummary is a partner call's public state: its goal, its totals and
// who has pledged (organisations only: pledge notes stay private).
type CallSummary struct {
	Id              string   `json:"id" db:"id"`
	Project         string   `json:"project" db:"project"`
	State           string   `json:"state" db:"state"`
	Deadline        string   `json:"deadline" db:"deadline"`
	GoalPartners    int      `json:"goalPartners" db:"goalPartners"`
	GoalFunding     int      `json:"goalFunding" db:"goalFunding"`
	GoalDays        int      `json:"goalDays" db:"goalDays"`
	PledgedPartners int      `json:"pledgedPartners" db:"pledgedPartners"`
	PledgedFunding  int      `json:"pledgedFunding" db:"pledgedFunding"`
	PledgedDays     int      `json:"pledgedDays" db:"pledgedDays"`
	Progress        int      `json:"progress" db:"-"`
	Pledgers        []string `json:"pledgers" db:"-"`
}

// OpenCalls returns the open calls of the given projects, by project.
func OpenCalls(app core.App, projectIds []any) (map[string]*CallSummary, error) {
	out := map[string]*CallSummary{}
	if len(projectIds) == 0 {
		return out, nil
	}
	var rows []CallSummary
	err := app.DB().Select("id", "project", "state", "deadline", "goalPartners", "goalFunding", "goalDays",
		"pledgedPartners", "pledgedFunding", "pledgedDays").From(ColCalls).
		// The + keeps SQLite from walking every open call by the state
		// index instead of looking the page's projects up.
		Where(dbx.In("project", projectIds...)).AndWhere(dbx.NewExp("+state = {:open}", dbx.Params{"open": CallOpen})).All(&rows)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		c := &rows[i]
		c.Progress = progressOf(c)
		out[c.Project] = c
	}
	return out, nil
}

func progressOf(c *CallSummary) int {
	progress, any := 100.0, false
	for _, g := range [][2]int{{c.GoalPartners, c.PledgedPartners}, {c.GoalFunding, c.PledgedFunding}, {c.GoalDays, c.PledgedDays}} {
		if g[0] > 0 {
			any = true
			progress = min(progress, float64(g[1])*100/float64(g[0]))
		}
	}
	if !any {
		return 0
	}
	return int(progress)
}
