package pb_migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Partner calls in full: what partners commit to and get, the progress
// already announced, the reminder and the settlement; released pledges.
func init() {
	m.Register(func(app core.App) error {
		calls, err := app.FindCollectionByNameOrId("calls")
		if err != nil {
			return fmt.Errorf("find calls: %w", err)
		}
		calls.Fields.Add(
			&core.TextField{Name: "partnersCommit", Max: 2000, Help: "What each partner commits to."},
			&core.TextField{Name: "partnersGet", Max: 2000, Help: "What partners get in return."},
			&core.NumberField{Name: "progressNotified", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(100.0)},
			&core.DateField{Name: "reminderSentAt"},
			&core.DateField{Name: "resolvedAt"},
		)
		if err := save(app, calls); err != nil {
			return err
		}
		pledges, err := app.FindCollectionByNameOrId("pledges")
		if err != nil {
			return fmt.Errorf("find pledges: %w", err)
		}
		if f, ok := pledges.Fields.GetByName("state").(*core.SelectField); ok {
			f.Values = []string{"active", "withdrawn", "released"}
		}
		return save(app, pledges)
	}, func(app core.App) error {
		calls, err := app.FindCollectionByNameOrId("calls")
		if err != nil {
			return fmt.Errorf("find calls: %w", err)
		}
		for _, f := range []string{"partnersCommit", "partnersGet", "progressNotified", "reminderSentAt", "resolvedAt"} {
			calls.Fields.RemoveByName(f)
		}
		return save(app, calls)
	})
}
