package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// DefaultSenderAddress is the sender address a new instance starts with. The
// reserved .invalid domain makes sure no mail goes out in a stranger's name
// before an administrator sets the council's own address.
const DefaultSenderAddress = "no-reply@pipeline.invalid"

func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.Meta.AppName = "Pipeline"
		s.Meta.SenderName = "Pipeline"
		s.Meta.SenderAddress = DefaultSenderAddress
		// Rate limiting with PocketBase's default rules (sign-in 2 per 3 s,
		// creates 20 per 5 s, the API 300 per 10 s, per client address).
		s.RateLimits.Enabled = true
		// A backup every night at 03:00 UTC, the last 7 kept.
		s.Backups.Cron = "0 3 * * *"
		s.Backups.CronMaxKeep = 7
		if err := app.Save(s); err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
		return nil
	}, nil)
}
