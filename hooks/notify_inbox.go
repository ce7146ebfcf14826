package hooks

import "github.com/pocketbase/pocketbase/core"

// notificationCreateDefaults puts a new notification in the outbox.
func notificationCreateDefaults(e *core.RecordEvent) error {
	if e.Record.GetString("emailState") == "" {
		e.Record.Set("emailState", EmailPending)
	}
	return e.Next()
}

// guardNotificationUpdate lets recipients only mark their notifications
// read; delivery state is Pipeline's.
func guardNotificationUpdate(e *core.RecordRequestEvent) error {
	if !e.HasSuperuserAuth() {
		if err := guardFields(e.Record, "readAt"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
	}
	return e.Next()
}
