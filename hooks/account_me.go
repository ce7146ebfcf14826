package hooks

import (
	"fmt"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"

	"github.com/pocketbase/pocketbase/core"
)

// meRoute answers the signed-in officer's own record, as they may read it
// through the record API (with their private settings). The pages' scripts
// ask it: signed in by the session cookie, they hold no token, so the JS
// SDK's auth store is empty.
func meRoute(e *core.RequestEvent) error {
	u, err := e.App.FindRecordById(ColUsers, e.Auth.Id)
	if err != nil {
		return e.NotFoundError("", err)
	}
	if err := apis.EnrichRecord(e, u); err != nil {
		return e.InternalServerError("", fmt.Errorf("show the signed-in officer: %w", err))
	}
	return e.JSON(http.StatusOK, u)
}
