package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// NudgePassedDates asks, at now, the owner of each published project whose
// phase end or next assessment date has passed to move the phase on or
// re-date it. Each date is asked about once; a new date is asked about
// again when it passes. It returns the number of owners asked.
func NudgePassedDates(app core.App, now time.Time) (int, error) {
	nowS := Stamp(now).String()
	asked := 0
	for _, d := range []struct{ date, marker, what string }{
		{"phaseEnd", "phaseEndNudgedFor", "phase was due to end"},
		{"nextAssessment", "assessmentNudgedFor", "next service assessment was due"},
	} {
		found, err := app.FindAllRecords(ColProjects,
			dbx.HashExp{"visibility": VisibilityPublished},
			dbx.Not(dbx.HashExp{"phase": "retired"}),
			dbx.NewExp(fmt.Sprintf("[[%s]] != '' AND [[%s]] <= {:now} AND [[%s]] != [[%s]]", d.date, d.date, d.marker, d.date), dbx.Params{"now": nowS}),
		)
		if err != nil {
			return asked, fmt.Errorf("find passed %s: %w", d.date, err)
		}
		for _, p := range found {
			err := app.RunInTransaction(func(tx core.App) error {
				p.Set(d.marker, p.GetDateTime(d.date))
				if err := tx.SaveNoValidate(p); err != nil {
					return err
				}
				when := p.GetDateTime(d.date).Time().Format("2 January 2006")
				return notify(tx, Notice{Kind: KindDatePassed, Project: p.Id, URL: projectPath(p), Urgent: true,
					Title: fmt.Sprintf("The %s of %s was %s", map[string]string{"phaseEnd": "phase end", "nextAssessment": "next assessment"}[d.date], p.GetString("title"), when),
					Body: fmt.Sprintf("Its %s on %s. Move the project to its next phase, or change the date, so other councils see where it is.",
						d.what, when)}, "", ownerOrAdmins(tx, p)...)
			})
			if err != nil {
				app.Logger().Error("nudge passed date", "project", p.Id, "error", err)
				continue
			}
			asked++
		}
	}
	return asked, nil
}
