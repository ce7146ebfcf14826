package hooks

import (
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Limits on a partner call's deadline, counted from when it opens.
const (
	CallMinDays = 7
	CallMaxDays = 120
)

// guardCallCreate: a call has a goal and a deadline 7 to 120 days ahead,
// and a project has one open call at a time.
func guardCallCreate(e *core.RecordRequestEvent) error {
	if !e.HasSuperuserAuth() {
		if err := guardFields(e.Record, "project", "description", "partnersCommit", "partnersGet", "goalPartners", "goalFunding", "goalDays", "deadline"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
	}
	if err := checkCallTerms(e.App, e.Record, time.Now()); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	return e.Next()
}

func checkCallTerms(app core.App, call *core.Record, now time.Time) error {
	errs := validation.Errors{}
	if call.GetInt("goalPartners") <= 0 && call.GetInt("goalFunding") <= 0 && call.GetInt("goalDays") <= 0 {
		errs["goalPartners"] = validation.NewError("pipeline_no_goal", "Set a goal: a number of partners, an amount of funding or a number of days.")
	}
	deadline := call.GetDateTime("deadline").Time()
	if !deadline.IsZero() && (deadline.Before(now.AddDate(0, 0, CallMinDays)) || deadline.After(now.AddDate(0, 0, CallMaxDays))) {
		errs["deadline"] = validation.NewError("pipeline_deadline_range", "The deadline must be between 7 and 120 days from today.")
	}
	open, err := app.CountRecords(ColCalls, dbx.HashExp{"project": call.GetString("project"), "state": CallOpen})
	if err != nil {
		return err
	}
	if open > 0 {
		errs["project"] = validation.NewError("pipeline_call_open", "This project already has an open call.")
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// guardCallUpdate: once open, a call's goal and deadline are locked; the
// owning organisation may reword it or cancel it.
func guardCallUpdate(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	if err := guardFields(e.Record, "description", "state"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	from, to := e.Record.Original().GetString("state"), e.Record.GetString("state")
	if from != to && !(from == CallOpen && to == CallCancelled) {
		return badRequest(e.RequestEvent, fieldError("state", "pipeline_invalid_transition", "An open call can be cancelled; Pipeline settles it at its deadline."))
	}
	if to != CallCancelled || from == to {
		return e.Next()
	}
	return inRequestTransaction(e, func(tx core.App) error {
		return cancelCall(tx, e.Record, callerOf(e.RequestEvent).id())
	})
}

// callCreateDefaults opens a new call.
func callCreateDefaults(e *core.RecordEvent) error {
	if e.Record.GetString("state") == "" {
		e.Record.Set("state", CallOpen)
	}
	return e.Next()
}
