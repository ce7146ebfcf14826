package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// A project's partner call on its page: the terms and progress, who has
// pledged, and what the person looking can do: open or cancel a call (the
// owning organisation), or pledge for their organisation.

// callStateNames and callStateTags are the words and colours of a call's
// state.
var (
	callStateNames = map[string]string{"open": "Open", "formed": "Formed", "notFormed": "Did not form", "cancelled": "Cancelled"}
	callStateTags  = map[string]string{"open": "govuk-tag--blue", "formed": "govuk-tag--green", "notFormed": "govuk-tag--grey", "cancelled": "govuk-tag--grey"}
)

func init() {
	funcs["callStateName"] = func(s string) string { return nameOr(callStateNames, s) }
	funcs["callStateTag"] = func(s string) string { return callStateTags[s] }
}

// callView is the call section of a project page.
type callView struct {
	// Who is as in panelView; Slug the project's.
	Who, Slug string
	Call      *core.Record
	Open      bool
	Progress  int
	Goals     []string
	Pledgers  []hooks.OrganisationRef
	// Mine is the person's organisation's latest pledge, MineActive
	// when it stands.
	Mine       *core.Record
	MineActive bool
	Form       *form
}

// callFor is the call section for the person asking, from the project's
// latest call.
func (s *Site) callFor(e *core.RequestEvent, p *core.Record, who string, f *form) (callView, error) {
	v := callView{Who: who, Slug: p.GetString("slug"), Form: f}
	calls, err := e.App.FindRecordsByFilter(hooks.ColCalls, "project = {:p}", "-created", 1, 0, dbx.Params{"p": p.Id})
	if err != nil {
		return v, fmt.Errorf("read the project's call: %w", err)
	}
	if len(calls) == 0 || !canView(e, calls[0]) {
		return v, nil
	}
	c := calls[0]
	v.Call = c
	v.Open = c.GetString("state") == "open" && c.GetDateTime("deadline").Time().After(time.Now())
	a, err := s.call(e, http.MethodGet, "/api/pipeline/calls/"+c.Id+"/pledgers", nil)
	if err != nil {
		return v, err
	}
	var pl struct {
		Organisations []hooks.OrganisationRef `json:"organisations"`
		Progress      int                     `json:"progress"`
	}
	if a.OK() {
		if err := a.decode(&pl); err != nil {
			return v, err
		}
	}
	v.Pledgers, v.Progress = pl.Organisations, pl.Progress
	v.Goals = goalLines(hooks.CallSummary{GoalPartners: c.GetInt("goalPartners"), GoalFunding: c.GetInt("goalFunding"),
		GoalDays: c.GetInt("goalDays"), PledgedPartners: c.GetInt("pledgedPartners"), PledgedFunding: c.GetInt("pledgedFunding"),
		PledgedDays: c.GetInt("pledgedDays")})
	if me := viewerOf(e); me != nil && me.Approved && who == "other" {
		mine, err := e.App.FindRecordsByFilter(hooks.ColPledges, "call = {:c} && organisation = {:o}", "-created", 1, 0,
			dbx.Params{"c": c.Id, "o": me.Organisation})
		if err == nil && len(mine) > 0 {
			v.Mine = mine[0]
			v.MineActive = v.Mine.GetString("state") == "active"
			if f != nil && len(f.Values) == 0 {
				f.Values = url.Values{"funding": {strconv.Itoa(v.Mine.GetInt("funding"))}, "days": {strconv.Itoa(v.Mine.GetInt("days"))},
					"note": {v.Mine.GetString("note")}}
			}
		}
	}
	return v, nil
}

// goalLines is each of a call's goals with what has been pledged
// towards it.
func goalLines(c hooks.CallSummary) []string {
	var out []string
	if c.GoalPartners > 0 {
		out = append(out, fmt.Sprintf("%d of %d partner organisations", c.PledgedPartners, c.GoalPartners))
	}
	if c.GoalFunding > 0 {
		out = append(out, pounds(c.PledgedFunding)+" of "+pounds(c.GoalFunding))
	}
	if c.GoalDays > 0 {
		out = append(out, fmt.Sprintf("%d of %d days of work", c.PledgedDays, c.GoalDays))
	}
	return out
}

// pounds is "£20,000".
func pounds(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return "£" + b.String()
}

// wholeNumber reads a number typed into a form ("£20,000", "10"); ok is
// false when it is not a whole number.
func wholeNumber(s string) (int, bool) {
	s = strings.NewReplacer("£", "", ",", "", " ", "").Replace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// callAct is the panel's call actions: pledge, withdraw the pledge,
// cancel the call. It answers as projectAct does.
func (s *Site) callAct(e *core.RequestEvent, p *core.Record, action string, f *form) (apiAnswer, string, error) {
	calls, err := e.App.FindRecordsByFilter(hooks.ColCalls, "project = {:p}", "-created", 1, 0, dbx.Params{"p": p.Id})
	if err != nil || len(calls) == 0 || !canView(e, calls[0]) {
		return apiAnswer{Status: http.StatusNotFound, Message: "This project has no partner call."}, "", nil
	}
	c := calls[0]
	pledgesAPI := "/api/collections/" + hooks.ColPledges + "/records"
	var mine *core.Record
	if org := e.Auth.GetString("organisation"); org != "" {
		if list, err := e.App.FindRecordsByFilter(hooks.ColPledges, "call = {:c} && organisation = {:o}", "-created", 1, 0,
			dbx.Params{"c": c.Id, "o": org}); err == nil && len(list) > 0 {
			mine = list[0]
		}
	}
	switch action {
	case "cancelCall":
		a, err := s.call(e, http.MethodPatch, "/api/collections/"+hooks.ColCalls+"/records/"+c.Id, map[string]string{"state": "cancelled"})
		return a, "The partner call is cancelled", err
	case "withdrawPledge":
		if mine == nil {
			return apiAnswer{Status: http.StatusBadRequest, Message: "Your organisation has not pledged."}, "", nil
		}
		a, err := s.call(e, http.MethodPatch, pledgesAPI+"/"+mine.Id, map[string]string{"state": "withdrawn"})
		return a, "Your organisation’s pledge is withdrawn", err
	}
	funding, okF := wholeNumber(f.Value("funding"))
	days, okD := wholeNumber(f.Value("days"))
	if !okF {
		f.add("funding", "Enter funding as a whole number of pounds, like 20000")
	}
	if !okD {
		f.add("days", "Enter days as a whole number, like 10")
	}
	if okF && okD && funding == 0 && days == 0 {
		f.add("funding", "Enter the funding or the days your organisation commits")
	}
	if f.Failed() {
		return apiAnswer{Status: http.StatusBadRequest}, "", nil
	}
	body := map[string]any{"funding": funding, "days": days, "note": f.Value("note")}
	var a apiAnswer
	if mine != nil {
		body["state"] = "active"
		a, err = s.call(e, http.MethodPatch, pledgesAPI+"/"+mine.Id, body)
	} else {
		body["call"] = c.Id
		a, err = s.call(e, http.MethodPost, pledgesAPI, body)
	}
	return a, "Your organisation’s pledge is saved", err
}
