package hooks

import (
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Job is one scheduled step: a function of (app, now) that returns how
// many items it handled.
type Job struct {
	Id, Schedule string
	Run          func(core.App, time.Time) (int, error)
}

// jobs is every scheduled job, with its schedule (cron syntax, UTC).
var jobs = []Job{
	{CronDeliverNotifications, "* * * * *", DeliverNotifications},
	{CronSendDigests, "5 * * * *", SendDigests},
	{CronChaseStaleProjects, "0 6 * * *", ChaseStaleProjects},
	{CronPullFeeds, "*/10 * * * *", PullFeeds},
	{CronCheckPassedDates, "10 6 * * *", NudgePassedDates},
	{CronChaseInterests, "20 6 * * *", ChaseInterests},
	{CronMatchSavedSearches, "*/5 * * * *", MatchSavedSearches},
	{CronResolveCalls, "*/15 * * * *", ResolveCalls},
	{CronRemindCalls, "7 * * * *", RemindCalls},
	{CronRefreshSimilar, "* * * * *", RefreshSimilar},
	{CronCloseRounds, "*/5 * * * *", CloseRounds},
	{CronSyncPeers, "25 * * * *", SyncPeers},
	{CronDeliverActivities, "* * * * *", DeliverActivities},
}

// scheduleJobs schedules the jobs (in UTC). Their errors are logged, where
// admins see them in the dashboard's logs.
func scheduleJobs(app core.App) {
	for _, j := range jobs {
		app.Cron().MustAdd(j.Id, j.Schedule, func() {
			if !app.IsBootstrapped() {
				return // the app is shutting down
			}
			n, err := j.Run(app, time.Now())
			if err != nil {
				app.Logger().Error("cron job failed", "job", j.Id, "error", err)
				return
			}
			if n > 0 {
				app.Logger().Info("cron job done", "job", j.Id, "count", n)
			}
		})
	}
}

// Jobs lists every scheduled job, for the job command and the dashboard.
func Jobs() []Job {
	return slices.Clone(jobs)
}
