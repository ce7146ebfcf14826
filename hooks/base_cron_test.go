package hooks

import "testing"

func TestCronJobsAreRegistered(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	want := map[string]string{
		CronDeliverNotifications: "* * * * *", CronSendDigests: "5 * * * *", CronChaseStaleProjects: "0 6 * * *",
		CronCheckPassedDates: "10 6 * * *", CronChaseInterests: "20 6 * * *", CronMatchSavedSearches: "*/5 * * * *", CronResolveCalls: "*/15 * * * *", CronRemindCalls: "7 * * * *",
	}
	for _, j := range app.Cron().Jobs() {
		if expr, ok := want[j.Id()]; ok {
			if j.Expression() != expr {
				t.Errorf("%s runs at %q, want %q", j.Id(), j.Expression(), expr)
			}
			delete(want, j.Id())
		}
	}
	if len(want) != 0 {
		t.Fatalf("cron jobs missing: %v", want)
	}
}
