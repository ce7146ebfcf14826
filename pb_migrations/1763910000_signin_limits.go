package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Sign-in limits that fit a council office, where many officers sign in
// from one address at 9 am: password guesses are limited per account
// (hooks/account_signin_limit.go, counted in pipeline_signin_failures,
// thresholds in the config record), and the per-address rule is widened
// from PocketBase's 2 per 3 seconds to 60 a minute.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE TABLE IF NOT EXISTS pipeline_signin_failures (
				account TEXT NOT NULL,
				at      TEXT NOT NULL
			);
			CREATE INDEX IF NOT EXISTS idx_pipeline_signin_failures ON pipeline_signin_failures (account, at);
			CREATE INDEX IF NOT EXISTS idx_pipeline_signin_failures_at ON pipeline_signin_failures (at);`).Execute()
		if err != nil {
			return fmt.Errorf("create pipeline_signin_failures: %w", err)
		}
		if err := addSignInConfig(app); err != nil {
			return err
		}
		s := app.Settings()
		found := false
		for i, r := range s.RateLimits.Rules {
			if r.Label == "*:auth" {
				s.RateLimits.Rules[i].MaxRequests, s.RateLimits.Rules[i].Duration = 60, 60
				found = true
			}
		}
		if !found {
			s.RateLimits.Rules = append(s.RateLimits.Rules, core.RateLimitRule{Label: "*:auth", MaxRequests: 60, Duration: 60})
		}
		if err := app.Save(s); err != nil {
			return fmt.Errorf("save sign-in rate limit: %w", err)
		}
		return nil
	}, func(app core.App) error {
		_, err := app.DB().NewQuery(`DROP TABLE IF EXISTS pipeline_signin_failures;`).Execute()
		return err
	})
}

// addSignInConfig adds the per-account thresholds to the config record.
func addSignInConfig(app core.App) error {
	c, err := app.FindCollectionByNameOrId("config")
	if err != nil {
		return fmt.Errorf("find config: %w", err)
	}
	c.Fields.Add(
		&core.NumberField{Name: "signInMaxFailures", OnlyInt: true, Required: true, Min: types.Pointer(1.0), Max: types.Pointer(1000.0),
			Help: "Failed sign-ins to one account (a wrong password, or an address with no account) before it is refused for a while, whatever the password."},
		&core.NumberField{Name: "signInWindowMinutes", OnlyInt: true, Required: true, Min: types.Pointer(1.0), Max: types.Pointer(10080.0),
			Help: "Minutes over which failed sign-ins are counted; the refusal ends when the oldest of them is this old."},
	)
	if err := save(app, c); err != nil {
		return err
	}
	recs, err := app.FindAllRecords(c)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	for _, r := range recs {
		r.Set("signInMaxFailures", 10)
		r.Set("signInWindowMinutes", 60)
		if err := app.Save(r); err != nil {
			return fmt.Errorf("save config: %w", err)
		}
	}
	return nil
}
