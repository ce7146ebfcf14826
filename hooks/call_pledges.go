package hooks

import (
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// recountPledges sets a call's public totals from its active pledges. It
// runs inside the pledge's own transaction, and writes are serialised, so
// concurrent pledges always add up.
func recountPledges(app core.App, callId string) error {
	var totals struct {
		Partners int `db:"partners"`
		Funding  int `db:"funding"`
		Days     int `db:"days"`
	}
	err := app.DB().NewQuery(`SELECT COUNT(DISTINCT organisation) AS partners,
			COALESCE(SUM(funding), 0) AS funding, COALESCE(SUM(days), 0) AS days
		FROM pledges WHERE call = {:call} AND state = 'active'`).
		Bind(dbx.Params{"call": callId}).One(&totals)
	if err != nil {
		return fmt.Errorf("total pledges of call %s: %w", callId, err)
	}
	call, err := app.FindRecordById(ColCalls, callId)
	if err != nil {
		return fmt.Errorf("find call %s: %w", callId, err)
	}
	call.Set("pledgedPartners", totals.Partners)
	call.Set("pledgedFunding", totals.Funding)
	call.Set("pledgedDays", totals.Days)
	if err := app.Save(call); err != nil {
		return fmt.Errorf("save totals of call %s: %w", callId, err)
	}
	return announceProgress(app, call)
}

// pledgeCreate makes a new pledge active, records the pledging officer's
// organisation and recounts the call's totals in the pledge's own
// transaction, so concurrent pledges always add up.
func pledgeCreate(e *core.RecordEvent) error {
	if e.Record.GetString("state") == "" {
		e.Record.Set("state", PledgeActive)
	}
	if err := fillOrganisationFromUser(e.App, e.Record); err != nil {
		return err
	}
	return inTransaction(e, func(tx core.App) error { return recountPledges(tx, e.Record.GetString("call")) })
}

// pledgeUpdateRecount recounts the call's totals when a pledge changes.
func pledgeUpdateRecount(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error { return recountPledges(tx, e.Record.GetString("call")) })
}

// guardPledgeCreate lets an officer pledge in their own name and their
// organisation's only.
func guardPledgeCreate(e *core.RecordRequestEvent) error {
	c := callerOf(e.RequestEvent)
	if !c.superuser {
		if err := guardFields(e.Record, "call", "funding", "days", "note", "user", "organisation"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		e.Record.Set("user", c.id())
		e.Record.Set("organisation", c.organisation())
	}
	return e.Next()
}

// guardPledgeUpdate lets a pledger change what they offer, withdraw or
// renew, nothing else.
func guardPledgeUpdate(e *core.RecordRequestEvent) error {
	if !e.HasSuperuserAuth() {
		if err := guardFields(e.Record, "funding", "days", "note", "state"); err != nil {
			return badRequest(e.RequestEvent, err)
		}
		if s := e.Record.GetString("state"); s != e.Record.Original().GetString("state") && s != PledgeActive && s != PledgeWithdrawn {
			return badRequest(e.RequestEvent, fieldError("state", "pipeline_invalid_transition", "A pledge can be withdrawn or renewed while its call is open."))
		}
	}
	return e.Next()
}

// pledgersRoute: GET /api/pipeline/calls/{id}/pledgers, the names of the
// organisations with an active (or, once formed, kept) pledge, for anyone
// who may see the call.
func pledgersRoute(e *core.RequestEvent) error {
	call, err := viewableRecord(e, ColCalls, e.Request.PathValue("id"), "No such call.")
	if err != nil {
		return err
	}
	var orgs []OrganisationRef
	var rows []struct {
		Id   string `db:"id"`
		Name string `db:"name"`
		Slug string `db:"slug"`
	}
	err = e.App.DB().NewQuery(`SELECT o.id, o.name, o.slug FROM pledges pl JOIN organisations o ON o.id = pl.organisation
		WHERE pl.call = {:c} AND pl.state = 'active' ORDER BY o.name`).Bind(dbx.Params{"c": call.Id}).All(&rows)
	if err != nil {
		return e.InternalServerError("", err)
	}
	orgs = []OrganisationRef{}
	for _, r := range rows {
		orgs = append(orgs, OrganisationRef{Id: r.Id, Name: r.Name, Slug: r.Slug})
	}
	return e.JSON(http.StatusOK, map[string]any{"organisations": orgs, "progress": callProgress(call)})
}
