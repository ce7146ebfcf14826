package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// inTransaction runs the rest of a record's save and then after in one
// transaction, so an event and what it causes (notifications, totals) are
// stored together or not at all. PocketBase's own cascade delete uses the
// same pattern.
func inTransaction(e *core.RecordEvent, after func(tx core.App) error) error {
	return withTransaction(&e.App, e.Next, after)
}

// inRequestTransaction is inTransaction for a request hook: the rest of
// the request's save and then after, in one transaction.
func inRequestTransaction(e *core.RecordRequestEvent, after func(tx core.App) error) error {
	return withTransaction(&e.App, e.Next, after)
}

// withTransaction runs next and then after in one transaction, with the
// event's app (*app) standing for the transaction meanwhile.
func withTransaction(app *core.App, next func() error, after func(tx core.App) error) error {
	original := *app
	err := original.RunInTransaction(func(tx core.App) error {
		*app = tx
		if err := next(); err != nil {
			return err
		}
		return after(tx)
	})
	*app = original
	return err
}

// Stamp turns a time into a stored date.
func Stamp(t time.Time) types.DateTime {
	dt, _ := types.ParseDateTime(t.UTC())
	return dt
}
