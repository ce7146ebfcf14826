package pb_migrations

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Account emails (verify an address, reset a password, confirm a new
// address) link to Pipeline's own pages rather than the dashboard's.
func init() {
	m.Register(func(app core.App) error {
		return setAccountEmailLinks(app, map[string]string{
			"/_/#/auth/confirm-verification/{TOKEN}":   "/verify-email?token={TOKEN}",
			"/_/#/auth/confirm-password-reset/{TOKEN}": "/reset-password?token={TOKEN}",
			"/_/#/auth/confirm-email-change/{TOKEN}":   "/confirm-email?token={TOKEN}",
		})
	}, func(app core.App) error {
		return setAccountEmailLinks(app, map[string]string{
			"/verify-email?token={TOKEN}":   "/_/#/auth/confirm-verification/{TOKEN}",
			"/reset-password?token={TOKEN}": "/_/#/auth/confirm-password-reset/{TOKEN}",
			"/confirm-email?token={TOKEN}":  "/_/#/auth/confirm-email-change/{TOKEN}",
		})
	})
}

func setAccountEmailLinks(app core.App, replace map[string]string) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return fmt.Errorf("find users: %w", err)
	}
	for from, to := range replace {
		users.VerificationTemplate.Body = strings.ReplaceAll(users.VerificationTemplate.Body, from, to)
		users.ResetPasswordTemplate.Body = strings.ReplaceAll(users.ResetPasswordTemplate.Body, from, to)
		users.ConfirmEmailChangeTemplate.Body = strings.ReplaceAll(users.ConfirmEmailChangeTemplate.Body, from, to)
	}
	return save(app, users)
}
