package hooks

import "github.com/pocketbase/pocketbase/core"

func registerNotifications(app core.App) {
	app.OnRecordCreate(ColNotifications).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("emailState") == "" {
			e.Record.Set("emailState", EmailPending)
		}
		return e.Next()
	})
	// Recipients only mark their notifications read; delivery state is
	// Pipeline's.
	app.OnRecordUpdateRequest(ColNotifications).BindFunc(func(e *core.RecordRequestEvent) error {
		if !e.HasSuperuserAuth() {
			if err := guardFields(e.Record, "readAt"); err != nil {
				return badRequest(e.RequestEvent, err)
			}
		}
		return e.Next()
	})
}
