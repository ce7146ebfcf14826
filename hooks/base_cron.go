package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// job is one scheduled step: a function of (app, now).
type job struct {
	id, schedule string
	run          func(core.App, time.Time) (int, error)
}

var jobs = []job{
	{CronDeliverNotifications, "* * * * *", DeliverNotifications},
	{CronSendDigests, "5 * * * *", SendDigests},
	{CronChaseStaleProjects, "0 6 * * *", ChaseStaleProjects},
	{CronCheckPassedDates, "10 6 * * *", NudgePassedDates},
	{CronChaseInterests, "20 6 * * *", ChaseInterests},
	{CronMatchSavedSearches, "*/5 * * * *", MatchSavedSearches},
	{CronResolveCalls, "*/15 * * * *", ResolveCalls},
	{CronRemindCalls, "7 * * * *", RemindCalls},
}

// scheduleJobs schedules the jobs (in UTC). Their errors are logged, where
// admins see them in the dashboard's logs.
func scheduleJobs(app core.App) {
	for _, j := range jobs {
		app.Cron().MustAdd(j.id, j.schedule, func() {
			n, err := j.run(app, time.Now())
			if err != nil {
				app.Logger().Error("cron job failed", "job", j.id, "error", err)
				return
			}
			if n > 0 {
				app.Logger().Info("cron job done", "job", j.id, "count", n)
			}
		})
	}
}
