package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// The coordinators' page (/coordinator): the network's figures, two charts
// (each followed by its figures as a table), open partner calls, and the
// queues of work that needs a person: projects going quiet, unanswered
// interest, requests to join organisations with no admin, and similar work
// in three or more councils. "Nudge" and "Introduce" are links that open
// the message form under what they are about (?nudge=project:ID,
// ?nudge=interest:ID, ?introduce=N); the form posts to /coordinator.

// coordinatorView is the page.
type coordinatorView struct {
	Allowed     bool
	GeneratedAt string
	Stats       hooks.NetworkStats
	Rate        int
	HasRate     bool
	Median      string
	Phases      barChart
	Months      columnChart
	Calls       []coCall
	Queues      hooks.Queues
	Stale       []coStale
	Interest    []coInterest
	Clusters    []coCluster
	// Open is the message form that is open, if any, and Message its text.
	Open    string
	Message *form
}

type coCall struct {
	Title, Slug, Organisation, Deadline string
	Progress                            int
	Goals                               string
}

type coStale struct {
	hooks.QueueProject
	Stage, Dormant, LastActivity string
}

type coInterest struct {
	hooks.QueueInterest
	KindName string
}

type coCluster struct {
	N        int
	Projects []hooks.ClusterProject
	Orgs     int
	IDs      string
	Names    string
}

// barChart is the projects-by-phase chart: one bar a row.
type barChart struct {
	W, H, Label int
	Summary     string
	Bars        []bar
}

type bar struct {
	Label               string
	Count               int
	Y, W, TextY, CountX int
	BarY, BarH          int
}

// columnChart is the new-projects-by-month chart: one column a month.
type columnChart struct {
	W, H, Base     int
	First, Last    string
	Summary        string
	Columns        []column
	LineX1, LineX2 int
}

type column struct {
	Month, Short, Year string
	Count              int
	X, Y, W, H, CX     int
	CountY, LabelY     int
	YearY              int
}

// coMessage is the message form of a nudge or an introduction.
type coMessage struct {
	Form                                 *form
	Action, ID, Open, Title, Label, Hint string
	Submit, SubmitHidden                 string
}

func init() {
	funcs["coMessage"] = func(f *form, action, id, open, title, label, hint, submit, hidden string) coMessage {
		return coMessage{Form: f, Action: action, ID: id, Open: open, Title: title, Label: label, Hint: hint, Submit: submit, SubmitHidden: hidden}
	}
	funcs["coAnswer"] = func(f *form, action, id, name, orgName, label string) adminButton {
		return adminButton{Form: f, Action: action, ID: id, Name: name, OrgName: orgName, Label: label}
	}
	funcs["sub"] = func(a, b int) int { return a - b }
}

var stageNames = map[int]string{1: "Asked if still accurate", 2: "Reminded", 3: "Admins copied"}

// coordinatorPage: GET /coordinator.
func (s *Site) coordinatorPage(e *core.RequestEvent) error {
	if ok, err := requireSignIn(e); !ok {
		return err
	}
	open := e.Request.URL.Query().Get("nudge")
	if n := e.Request.URL.Query().Get("introduce"); n != "" {
		open = "cluster:" + n
	}
	return s.showCoordinator(e, http.StatusOK, newForm(e, nil), open, nil)
}

func (s *Site) showCoordinator(e *core.RequestEvent, status int, f *form, open string, message *form) error {
	me := viewerOf(e)
	v := coordinatorView{Allowed: me.Coordinator, Open: open}
	page := Page{Title: "Network health", Page: "coordinator", Form: f}
	if !v.Allowed {
		if status == http.StatusOK {
			status = http.StatusForbidden
		}
		page.Data = v
		return s.render(e, status, "coordinator", page)
	}
	a, err := s.call(e, http.MethodGet, "/api/pipeline/stats", nil)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if err := a.decode(&v.Stats); err != nil || !a.OK() {
		return e.InternalServerError("", fmt.Errorf("read the network's figures: %d %v", a.Status, err))
	}
	if a, err = s.call(e, http.MethodGet, "/api/pipeline/coordinator/queues", nil); err != nil {
		return e.InternalServerError("", err)
	}
	if err := a.decode(&v.Queues); err != nil || !a.OK() {
		return e.InternalServerError("", fmt.Errorf("read the queues: %d %v", a.Status, err))
	}
	if t, err := time.Parse("2006-01-02 15:04:05.000Z", v.Stats.GeneratedAt); err == nil {
		v.GeneratedAt = strings.ToLower(t.In(london).Format("3:04PM")) + " on " + formatDate(t)
	}
	if i := v.Stats.Interest; i.Total > 0 {
		v.HasRate = true
		v.Rate = int(math.Round(i.ResponseRate * 100))
		if i.ResponseRate == 0 && i.Answered > 0 {
			v.Rate = int(math.Round(float64(i.Answered) * 100 / float64(i.Total)))
		}
	}
	if v.Stats.Interest.Answered > 0 {
		v.Median = duration(v.Stats.Interest.MedianHoursToFirstResponse)
	}
	v.Phases = phaseChart(v.Stats.ProjectsByPhase)
	v.Months = monthChart(v.Stats.NewProjectsByMonth)
	for _, c := range v.Stats.OpenCalls {
		v.Calls = append(v.Calls, coCall{Title: or(c.ProjectRef.Name, "the project"), Slug: c.ProjectRef.Slug, Organisation: c.Organisation,
			Deadline: formatDate(c.Deadline), Progress: max(0, min(100, c.Progress)), Goals: strings.Join(goalLines(c.CallSummary), "; ")})
	}
	for _, p := range v.Queues.StaleProjects {
		st := coStale{QueueProject: p, LastActivity: formatDate(p.LastActivityAt)}
		if st.LastActivity == "" {
			st.LastActivity = "None"
		}
		if p.DormantSince != "" {
			st.Dormant = formatDate(p.DormantSince)
		} else if st.Stage = stageNames[p.ChaseStage]; st.Stage == "" {
			st.Stage = fmt.Sprintf("Stage %d", p.ChaseStage)
		}
		v.Stale = append(v.Stale, st)
		if open == "project:"+p.Id && message == nil {
			message = newForm(e, nil)
			message.Values.Set("message", nudgeProjectText(p))
		}
	}
	for _, i := range v.Queues.UnansweredInterest {
		v.Interest = append(v.Interest, coInterest{QueueInterest: i, KindName: nameOr(interestNames, i.Kind)})
		if open == "interest:"+i.Id && message == nil {
			message = newForm(e, nil)
			message.Values.Set("message", nudgeInterestText(i))
		}
	}
	for n, c := range v.Queues.Clusters {
		cl := coCluster{N: n + 1, Projects: c.Projects, Orgs: c.Organisations}
		var ids, names []string
		for _, p := range c.Projects {
			if p.Origin != nil {
				continue // on another Pipeline: its owners are introduced there
			}
			ids = append(ids, p.Id)
			names = append(names, or(p.Title, "the project"))
		}
		cl.IDs, cl.Names = strings.Join(ids, ","), listOf(names)
		v.Clusters = append(v.Clusters, cl)
		if open == "cluster:"+strconv.Itoa(n+1) && message == nil {
			message = newForm(e, nil)
			message.Values.Set("message", introduceText(c))
		}
	}
	if message == nil {
		v.Open = ""
	}
	v.Message = message
	page.Data = v
	return s.render(e, status, "coordinator", page)
}

// coordinatorAct: POST /coordinator, a nudge, an introduction or an answer
// to a request to join.
func (s *Site) coordinatorAct(e *core.RequestEvent) error {
	values, ok, err := s.postedSignedIn(e)
	if !ok {
		return err
	}
	title := or(values.Get("title"), "the project")
	switch action := values.Get("action"); action {
	case "nudgeProject", "nudgeInterest", "introduce":
		m := newForm(e, nil)
		m.Values.Set("message", values.Get("message"))
		open := values.Get("open")
		if strings.TrimSpace(m.Value("message")) == "" {
			m.add("message", "Write a message")
			return s.showCoordinator(e, http.StatusBadRequest, m, open, m)
		}
		var a apiAnswer
		switch action {
		case "nudgeProject":
			a, err = s.call(e, http.MethodPost, "/api/pipeline/coordinator/nudge", map[string]string{"project": values.Get("id"), "message": m.Value("message")})
		case "nudgeInterest":
			a, err = s.call(e, http.MethodPost, "/api/pipeline/coordinator/nudge", map[string]string{"interest": values.Get("id"), "message": m.Value("message")})
		default:
			a, err = s.call(e, http.MethodPost, "/api/pipeline/coordinator/introduce",
				map[string]any{"projects": strings.Split(values.Get("id"), ","), "message": m.Value("message")})
		}
		if err != nil {
			return e.InternalServerError("", err)
		}
		if !a.OK() {
			m.apply(a, nil, nil)
			if len(m.Errors) > 0 && m.Err("message") == "" {
				m.Problem, m.Errors = m.Errors[0].Message, nil
			}
			return s.showCoordinator(e, a.Status, m, open, m)
		}
		var res struct {
			Told *int `json:"told"`
		}
		_ = a.decode(&res)
		done := "Nudge sent"
		if res.Told != nil {
			done = fmt.Sprintf("Nudge sent: Pipeline has sent your message about %s to %s", title, plural(*res.Told, "person", "people"))
			if *res.Told == 0 {
				done = "No one was told about " + title + ": it has no owner, organisation admin or contact to send the nudge to"
			}
		}
		if action == "introduce" {
			told := len(strings.Split(values.Get("id"), ","))
			if res.Told != nil {
				told = *res.Told
			}
			done = "Introduction sent to " + plural(told, "owner", "owners")
		}
		return redirectWith(e, "/coordinator", done)
	case "approved", "declined":
		a, err := s.call(e, http.MethodPatch, usersAPI+"/records/"+values.Get("id"), map[string]string{"membership": action})
		if err != nil {
			return e.InternalServerError("", err)
		}
		if !a.OK() {
			f := newForm(e, nil)
			f.apply(a, nil, nil)
			if len(f.Errors) > 0 {
				f.Problem, f.Errors = f.Errors[0].Message, nil
			}
			return s.showCoordinator(e, a.Status, f, "", nil)
		}
		org := or(values.Get("orgName"), "their organisation")
		done := values.Get("name") + " is now a member of " + org
		if action == "declined" {
			done = "You have declined " + values.Get("name") + "'s request to join " + org
		}
		return redirectWith(e, "/coordinator#requests-heading", done)
	}
	return e.BadRequestError("Unknown action.", nil)
}

func nudgeProjectText(p hooks.QueueProject) string {
	if p.DormantSince != "" {
		return "Hello,\n\n" + p.Title + " has been marked as dormant on Pipeline because no one confirmed it was still accurate. If the work is carrying on, please post a short update so that other councils can see it is active again. If it has stopped, please mark it as retired, so that no one waits on it.\n\nThank you."
	}
	since := ""
	if d := formatDate(p.LastActivityAt); d != "" {
		since = "There has been no activity on it since " + d + ". "
	}
	return "Hello,\n\nIs " + p.Title + " still accurate on Pipeline? " + since + "Other councils look to Pipeline to see what is happening, so please confirm it is still accurate, post a short update, or change its phase if things have moved on.\n\nThank you."
}

func nudgeInterestText(i hooks.QueueInterest) string {
	kind := strings.ToLower(nameOr(interestNames, i.Kind))
	if kind != "" {
		kind = " (" + kind + ")"
	}
	return fmt.Sprintf("Hello,\n\n%s registered interest in %s%s %d days ago and is still waiting for an answer. Please reply to them from My Pipeline, even if only to say you cannot help right now: councils stop using Pipeline when their interest goes unanswered.\n\nThank you.",
		i.From, or(i.Project.Name, "the project"), kind, i.Days)
}

func introduceText(c hooks.SimilarCluster) string {
	var lines []string
	for _, p := range c.Projects {
		line := "- " + or(p.Title, "the project")
		if p.Organisation.Name != "" {
			line += " (" + p.Organisation.Name + ")"
		}
		lines = append(lines, line)
	}
	return "Hello,\n\nYour councils are working on similar things:\n\n" + strings.Join(lines, "\n") +
		"\n\nYou might save time and money by comparing notes, sharing research or working together. Links to each project and its contact follow this message.\n\nThank you."
}

// or is s, or fallback when s is empty.
func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// listOf is "A, B and C".
func listOf(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// duration is hours under 48, days from then on.
func duration(hours float64) string {
	switch {
	case hours < 1:
		return "Less than an hour"
	case hours < 48:
		return plural(int(math.Round(hours)), "hour", "hours")
	}
	return plural(int(math.Round(hours/24)), "day", "days")
}

// monthName is "2025-12" as "December 2025" (long) or "Dec".
func monthName(month string, long bool) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	if long {
		return t.Format("January 2006")
	}
	return t.Format("Jan")
}

// phaseChart lays out the bar chart of published projects by phase.
func phaseChart(byPhase map[string]int) barChart {
	var labels []string
	var counts []int
	for _, p := range phases {
		labels, counts = append(labels, phaseNames[p]), append(counts, byPhase[p])
	}
	return barsOf(labels, counts)
}

// barsOf lays out a bar chart, one bar a row, 640 wide (the SVG scales
// down with its column); the page gives the same figures as a table.
func barsOf(labels []string, counts []int) barChart {
	const W, row, label = 640, 40, 160
	c := barChart{W: W, H: len(labels)*row + 8, Label: label}
	most := 1
	for _, n := range counts {
		most = max(most, n)
	}
	room := W - label - 50
	var summary []string
	for i, l := range labels {
		n := counts[i]
		y := i*row + 4
		w := int(math.Round(float64(n) / float64(most) * float64(room)))
		c.Bars = append(c.Bars, bar{Label: l, Count: n, Y: y, W: w, TextY: y + row/2, CountX: label + w + 8, BarY: y + 6, BarH: row - 12})
		summary = append(summary, fmt.Sprintf("%s %d", l, n))
	}
	c.Summary = strings.Join(summary, ", ")
	return c
}

// monthChart lays out the column chart of new projects by month.
func monthChart(months []hooks.MonthCount) columnChart {
	const W, left, top, base, H = 640, 8, 28, 200, 250
	c := columnChart{W: W, H: H, Base: base, LineX1: left, LineX2: W - left}
	if len(months) == 0 {
		return c
	}
	most := 1
	for _, m := range months {
		most = max(most, m.Count)
	}
	slot := float64(W-left*2) / float64(len(months))
	barW := int(math.Round(slot * 0.6))
	var summary []string
	for i, m := range months {
		cx := float64(left) + slot*float64(i) + slot/2
		h := int(math.Round(float64(m.Count) / float64(most) * float64(base-top)))
		col := column{Month: monthName(m.Month, true), Short: monthName(m.Month, false), Count: m.Count,
			X: int(math.Round(cx - float64(barW)/2)), Y: base - h, W: barW, H: h, CX: int(math.Round(cx)),
			CountY: base - h - 8, LabelY: base + 20}
		if i == 0 || strings.HasSuffix(m.Month, "-01") {
			col.Year, col.YearY = m.Month[:4], base+40
		}
		c.Columns = append(c.Columns, col)
		summary = append(summary, fmt.Sprintf("%s %d", col.Month, m.Count))
	}
	c.First, c.Last = monthName(months[0].Month, true), monthName(months[len(months)-1].Month, true)
	c.Summary = strings.Join(summary, ", ")
	return c
}
