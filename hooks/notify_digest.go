package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SendDigests sends, at now, one email to each person who chose daily or
// weekly emails and has news waiting, grouped by project: at most one
// digest per person per daily (or weekly) slot, which starts at the
// configured hour. It returns the number of digests sent.
func SendDigests(app core.App, now time.Time) (int, error) {
	frequencies := []string{FrequencyDaily, FrequencyWeekly}
	return forEachRecipient(app, now, "send digest", frequencies, func(cfg Config, u *core.Record, eligible []*core.Record) int {
		if len(eligible) == 0 {
			return 0
		}
		uid, freq := u.Id, u.GetString("emailFrequency")
		if !u.GetDateTime("lastDigestAt").Time().Before(DigestSlot(cfg, freq, now)) {
			return 0 // this slot's digest has gone already
		}
		groups := groupByProject(eligible)
		what := "today"
		if freq == FrequencyWeekly {
			what = "this week"
		}
		subject := fmt.Sprintf("Your Pipeline digest: %d updates", len(eligible))
		if len(eligible) == 1 {
			subject = "Your Pipeline digest: 1 update"
		}
		b := emailBuilder{app: app, cfg: cfg, user: u, now: now}
		if !sendEmail(app, b, subject, "Here is what has happened "+what+" in the projects you follow and your organisation's work.", groups) {
			return 0
		}
		if _, err := app.DB().Update(ColUsers, dbx.Params{"lastDigestAt": Stamp(now).String()}, dbx.HashExp{"id": uid}).Execute(); err != nil {
			app.Logger().Error("record digest time", "user", uid, "error", err)
		}
		return 1
	})
}

// DigestSlot is the start of the digest period now falls in: today's
// digest hour (or yesterday's, before it), and for weekly digests the
// latest such hour on the configured day of the week.
func DigestSlot(cfg Config, frequency string, now time.Time) time.Time {
	now = now.UTC()
	slot := time.Date(now.Year(), now.Month(), now.Day(), cfg.DigestHour, 0, 0, 0, time.UTC)
	if slot.After(now) {
		slot = slot.AddDate(0, 0, -1)
	}
	if frequency == FrequencyWeekly {
		for slot.Weekday() != cfg.WeeklyDigestDay {
			slot = slot.AddDate(0, 0, -1)
		}
	}
	return slot
}
