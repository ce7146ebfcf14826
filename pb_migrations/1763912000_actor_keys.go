package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// pipeline_actor_keys holds each organisation's ActivityPub key pair (an
// RSA key, PEM), made the first time the organisation's actor is asked
// for. It is a table of the server's own, outside the record API, so no
// rule can ever expose a private key.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE TABLE IF NOT EXISTS pipeline_actor_keys (
				organisation TEXT PRIMARY KEY NOT NULL,
				privatePem   TEXT NOT NULL,
				publicPem    TEXT NOT NULL,
				created      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ'))
			);
			CREATE TRIGGER IF NOT EXISTS pipeline_actor_keys_gone AFTER DELETE ON organisations BEGIN
				DELETE FROM pipeline_actor_keys WHERE organisation = old.id;
			END;`).Execute()
		if err != nil {
			return fmt.Errorf("create pipeline_actor_keys: %w", err)
		}
		return nil
	}, func(app core.App) error {
		_, err := app.DB().NewQuery(`DROP TRIGGER IF EXISTS pipeline_actor_keys_gone; DROP TABLE IF EXISTS pipeline_actor_keys;`).Execute()
		if err != nil {
			return fmt.Errorf("drop pipeline_actor_keys: %w", err)
		}
		return nil
	})
}
