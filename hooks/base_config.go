package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Config holds the thresholds of delivery and chasing.
type Config struct {
	ChaseAfter, ChaseReminder, ChaseAdmins, ChaseDormant time.Duration
	InterestReminder, InterestEscalate, InterestCheck    time.Duration
	// InterestRetry is how long after a decline the declined officer may
	// express a new interest in the project.
	InterestRetry   time.Duration
	Coalesce        time.Duration
	DigestHour      int
	WeeklyDigestDay time.Weekday
	LinkExpiry      time.Duration
	LinkSecret      string
	// SignInMaxFailures failed sign-ins to one account within SignInWindow
	// refuse further sign-ins to it until the oldest is SignInWindow old.
	SignInMaxFailures int
	SignInWindow      time.Duration
}

const day = 24 * time.Hour

// DefaultConfig is used for any threshold the config record lacks.
var DefaultConfig = Config{
	ChaseAfter: 90 * day, ChaseReminder: 14 * day, ChaseAdmins: 14 * day, ChaseDormant: 14 * day,
	InterestReminder: 7 * day, InterestEscalate: 21 * day, InterestCheck: 60 * day,
	InterestRetry: 90 * day,
	Coalesce:      time.Hour, DigestHour: 7, WeeklyDigestDay: time.Monday, LinkExpiry: 30 * day,
	SignInMaxFailures: 10, SignInWindow: time.Hour,
}

// LoadConfig reads the thresholds from the config record.
func LoadConfig(app core.App) (Config, error) {
	cfg := DefaultConfig
	recs, err := app.FindRecordsByFilter(ColConfig, "", "created", 1, 0)
	if err != nil {
		return cfg, fmt.Errorf("load config: %w", err)
	}
	if len(recs) == 0 {
		return cfg, fmt.Errorf("load config: the config record is missing")
	}
	r := recs[0]
	daysOf := func(field string, into *time.Duration) {
		if n := r.GetInt(field); n > 0 {
			*into = time.Duration(n) * day
		}
	}
	daysOf(CfgChaseAfterDays, &cfg.ChaseAfter)
	daysOf(CfgChaseReminderDays, &cfg.ChaseReminder)
	daysOf(CfgChaseAdminsDays, &cfg.ChaseAdmins)
	daysOf(CfgChaseDormantDays, &cfg.ChaseDormant)
	daysOf(CfgInterestReminderDays, &cfg.InterestReminder)
	daysOf(CfgInterestEscalateDays, &cfg.InterestEscalate)
	daysOf(CfgInterestCheckDays, &cfg.InterestCheck)
	daysOf(CfgInterestRetryDays, &cfg.InterestRetry)
	daysOf(CfgLinkExpiryDays, &cfg.LinkExpiry)
	if n := r.GetInt(CfgCoalesceMinutes); n > 0 {
		cfg.Coalesce = time.Duration(n) * time.Minute
	}
	if n := r.GetInt(CfgSignInMaxFailures); n > 0 {
		cfg.SignInMaxFailures = n
	}
	if n := r.GetInt(CfgSignInWindowMinutes); n > 0 {
		cfg.SignInWindow = time.Duration(n) * time.Minute
	}
	cfg.DigestHour = r.GetInt(CfgDigestHour)
	cfg.WeeklyDigestDay = time.Weekday(r.GetInt(CfgWeeklyDigestDay))
	cfg.LinkSecret = r.GetString(CfgLinkSecret)
	if len(cfg.LinkSecret) < 32 {
		return cfg, fmt.Errorf("load config: linkSecret is missing or shorter than 32 characters")
	}
	return cfg, nil
}
