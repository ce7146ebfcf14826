package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// Opening a partner call on a project (/projects/{slug}/call): "we will
// build this if 3 councils commit £20k or 30 days between them by 31
// March". Once open, its goal and deadline are locked.

// callFormView is the page.
type callFormView struct {
	P                *core.Record
	Allowed          bool
	Earliest, Latest string
	Deadline         dateInput
}

func (s *Site) callFormTarget(e *core.RequestEvent) (callFormView, bool, error) {
	if ok, err := requireSignIn(e); !ok {
		return callFormView{}, false, err
	}
	p, err := e.App.FindFirstRecordByData(hooks.ColProjects, "slug", e.Request.PathValue("slug"))
	if err != nil || !canView(e, p) {
		return callFormView{}, false, s.projectNotFound(e)
	}
	me := viewerOf(e)
	now := time.Now()
	return callFormView{P: p, Allowed: me.Member && me.Organisation == p.GetString("organisation"),
		Earliest: formatDate(now.Add(7 * 24 * time.Hour)), Latest: formatDate(now.Add(120 * 24 * time.Hour))}, true, nil
}

func (s *Site) showCallForm(e *core.RequestEvent, status int, v callFormView, f *form) error {
	title := "Open a partner call for " + v.P.GetString("title")
	if !v.Allowed {
		title = "You cannot open a call on this project"
		if status == http.StatusOK {
			status = http.StatusForbidden
		}
	}
	v.Deadline = dateInput{Field: "deadline", Error: f.Err("deadline"), Day: f.Value("deadline-day"), Month: f.Value("deadline-month"), Year: f.Value("deadline-year")}
	return s.render(e, status, "call-form", Page{Title: title, Page: "call-form", Form: f, Data: v})
}

// callFormPage: GET /projects/{slug}/call.
func (s *Site) callFormPage(e *core.RequestEvent) error {
	v, ok, err := s.callFormTarget(e)
	if !ok {
		return err
	}
	return s.showCallForm(e, http.StatusOK, v, newForm(e, nil))
}

// openCall: POST /projects/{slug}/call.
func (s *Site) openCall(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	v, ok, err := s.callFormTarget(e)
	if !ok {
		return err
	}
	f := newForm(e, values)
	f.Values.Del("csrf")
	if !v.Allowed {
		return s.showCallForm(e, http.StatusForbidden, v, f)
	}
	if strings.TrimSpace(f.Value("description")) == "" {
		f.add("description", "Say what you will build if the call succeeds")
	}
	goals := map[string]int{}
	for _, g := range []string{"goalPartners", "goalFunding", "goalDays"} {
		n, ok := wholeNumber(f.Value(g))
		if !ok {
			f.add(g, "Enter a whole number")
		}
		goals[g] = n
	}
	if !f.Failed() && goals["goalPartners"] == 0 && goals["goalFunding"] == 0 && goals["goalDays"] == 0 {
		f.add("goalPartners", "Set a goal: a number of partners, an amount of funding or a number of days")
	}
	d, errD := strconv.Atoi(strings.TrimSpace(f.Value("deadline-day")))
	m, errM := strconv.Atoi(strings.TrimSpace(f.Value("deadline-month")))
	y, errY := strconv.Atoi(strings.TrimSpace(f.Value("deadline-year")))
	when := time.Date(y, time.Month(m), d, 23, 59, 0, 0, time.UTC)
	if errD != nil || errM != nil || errY != nil || when.Day() != d || int(when.Month()) != m || when.Year() != y {
		f.add("deadline", "Enter a real date for the deadline, like 31 3 2027")
	}
	if !f.Failed() {
		a, err := s.call(e, http.MethodPost, "/api/collections/"+hooks.ColCalls+"/records", map[string]any{
			"project": v.P.Id, "description": f.Value("description"), "partnersCommit": f.Value("partnersCommit"), "partnersGet": f.Value("partnersGet"),
			"goalPartners": goals["goalPartners"], "goalFunding": goals["goalFunding"], "goalDays": goals["goalDays"],
			"deadline": when.Format("2006-01-02 15:04:05.000Z")})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			return redirectWith(e, "/projects/"+url.PathEscape(v.P.GetString("slug"))+"#call", "The partner call is open")
		}
		f.apply(a, map[string]string{"deadline.pipeline_deadline_range": "The deadline must be between 7 and 120 days from today",
			"project.pipeline_call_open": "This project already has an open call"}, map[string]string{"project": "description"})
	}
	return s.showCallForm(e, http.StatusBadRequest, v, f)
}
