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
	original := e.App
	err := e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		return after(tx)
	})
	e.App = original
	return err
}

// Stamp turns a time into a stored date.
func Stamp(t time.Time) types.DateTime {
	dt, _ := types.ParseDateTime(t.UTC())
	return dt
}
