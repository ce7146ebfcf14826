package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// Adding a project (/projects/new) and editing one (/projects/{slug}/edit),
// for approved officers of the project's organisation. The form posts to
// its own address; the similar work shown as the title and summary are
// typed is the UI's script, an addition to a form that works without it.

var (
	phaseHints = map[string]string{
		"concept": "An idea that has not started yet", "discovery": "Understanding the problem and users",
		"alpha": "Trying out different ways to solve the problem", "beta": "Building the service and testing it with real users",
		"live": "Running the service and improving it", "retired": "The service has stopped, been replaced or the work has ended",
	}
	// dateFields are the form's dates: field, legend, and the name errors use.
	dateFields = [][3]string{
		{"phaseStart", "When did this phase start?", "Phase start"},
		{"phaseEnd", "When is this phase planned to end?", "Phase end"},
		{"nextAssessment", "When is the next service assessment?", "Next service assessment"},
	}
	budgetOrder = []string{"unknown", "under50k", "50to100k", "100to250k", "250to500k", "500kto1m", "over1m"}
	// outcomeFields are the outcome's fields: name, label, hint, most characters.
	outcomeFields = [][4]string{
		{"outcomeWorked", "What worked", "", "5000"},
		{"outcomeDidNotWork", "What did not work", "", "5000"},
		{"outcomeReusable", "What others can reuse", "Code, designs, research, contracts, data: with links if you can", "5000"},
		{"outcomeSavings", "Savings, if known", "For example: 30% fewer phone calls, or £40,000 a year", "2000"},
		{"outcome", "Anything else about the outcome", "", "10000"},
	}
)

// projectFormView is the project form's page.
type projectFormView struct {
	P        *core.Record
	Back     string
	Phases   []phaseChoice
	Dates    []dateInput
	Budgets  []option
	Seeking  []option
	Outcomes []textArea
	// Feeds are the project's feed and repository as last read (the edit
	// page only).
	Feeds []feedView
	// Refused is the page's heading when the person may not use the form.
	Refused, RefusedBody string
}

type phaseChoice struct {
	Value, Label, Hint string
	Chosen             bool
}

// dateInput is a GOV.UK date input: day, month and year.
type dateInput struct {
	Field, Legend, Error string
	Day, Month, Year     string
}

// textArea is a character-counted text field.
type textArea struct {
	Name, Label, Hint, Value, Error string
	Max, Rows                       int
}

// projectFormTarget finds what the form edits (nil for a new project) and
// whether the person may; ok is false when it answered already.
func (s *Site) projectFormTarget(e *core.RequestEvent) (*core.Record, projectFormView, bool, error) {
	if ok, err := requireSignIn(e); !ok {
		return nil, projectFormView{}, false, err
	}
	me := viewerOf(e)
	v := projectFormView{Back: "/projects"}
	var p *core.Record
	if slug := e.Request.PathValue("slug"); slug != "" {
		var err error
		p, err = e.App.FindFirstRecordByData(hooks.ColProjects, "slug", slug)
		if err != nil || !canView(e, p) {
			return nil, v, false, s.projectNotFound(e)
		}
		v.P, v.Back = p, "/projects/"+slug
	}
	switch {
	case !me.Approved:
		v.Refused = "You cannot add a project yet"
		if p != nil {
			v.Refused = "You cannot edit this project yet"
		}
		v.RefusedBody = "You can add and edit your organisation's projects once your organisation membership is approved."
	case p != nil && me.Organisation != p.GetString("organisation"):
		v.Refused = "You cannot edit this project"
		name := "the project's organisation"
		if org, err := e.App.FindRecordById(hooks.ColOrganisations, p.GetString("organisation")); err == nil {
			name = org.GetString("name")
		}
		v.RefusedBody = "Only officers of " + name + " can edit it."
	}
	return p, v, true, nil
}

// projectFormValues is a stored project as the form shows it, or a new
// project's defaults (the contact is the person, which they see and can
// change before saving).
func projectFormValues(e *core.RequestEvent, p *core.Record) url.Values {
	if p == nil {
		return url.Values{"budgetBand": {"unknown"}, "visibility": {hooks.VisibilityDraft},
			"contactName": {e.Auth.GetString("name")}, "contactEmail": {e.Auth.Email()}}
	}
	v := url.Values{}
	for _, f := range []string{"title", "summary", "description", "phase", "budgetBand", "contactName", "contactEmail", "visibility",
		"feedUrl", "repoUrl"} {
		v.Set(f, p.GetString(f))
	}
	for _, o := range outcomeFields {
		v.Set(o[0], p.GetString(o[0]))
	}
	v["seeking"] = p.GetStringSlice("seeking")
	v.Set("tags", strings.Join(p.GetStringSlice("tags"), ", "))
	var links []struct {
		URL   string `json:"url"`
		Label string `json:"label"`
	}
	_ = p.UnmarshalJSONField("links", &links)
	var lines []string
	for _, l := range links {
		if l.Label != "" {
			lines = append(lines, l.Label+" | "+l.URL)
		} else {
			lines = append(lines, l.URL)
		}
	}
	v.Set("links", strings.Join(lines, "\n"))
	for _, d := range dateFields {
		if t := p.GetDateTime(d[0]); !t.IsZero() {
			tt := t.Time()
			v.Set(d[0]+"-day", strconv.Itoa(tt.Day()))
			v.Set(d[0]+"-month", strconv.Itoa(int(tt.Month())))
			v.Set(d[0]+"-year", strconv.Itoa(tt.Year()))
		}
	}
	return v
}

// projectFormPage: GET /projects/new and /projects/{slug}/edit.
func (s *Site) projectFormPage(e *core.RequestEvent) error {
	p, v, ok, err := s.projectFormTarget(e)
	if !ok {
		return err
	}
	f := newForm(e, nil)
	if v.Refused == "" {
		f.Values = projectFormValues(e, p)
	}
	return s.showProjectForm(e, http.StatusOK, v, f)
}

func (s *Site) showProjectForm(e *core.RequestEvent, status int, v projectFormView, f *form) error {
	title := "Add a project"
	if v.P != nil {
		title = "Edit " + v.P.GetString("title")
	}
	if v.Refused != "" {
		if status == http.StatusOK {
			status = http.StatusForbidden
		}
		return s.render(e, status, "project-form", Page{Title: v.Refused, Page: "project-form", Data: v, Form: f})
	}
	for _, ph := range phases {
		v.Phases = append(v.Phases, phaseChoice{Value: ph, Label: phaseNames[ph], Hint: phaseHints[ph], Chosen: f.Value("phase") == ph})
	}
	for _, d := range dateFields {
		v.Dates = append(v.Dates, dateInput{Field: d[0], Legend: d[1], Error: f.Err(d[0]),
			Day: f.Value(d[0] + "-day"), Month: f.Value(d[0] + "-month"), Year: f.Value(d[0] + "-year")})
	}
	for _, b := range budgetOrder {
		v.Budgets = append(v.Budgets, option{Value: b, Label: budgetNames[b], Chosen: f.Value("budgetBand") == b})
	}
	for i, k := range seekingOrder {
		id := "f-seeking"
		if i > 0 {
			id += "-" + k
		}
		v.Seeking = append(v.Seeking, option{Value: k, Label: seekingNames[k], Chosen: f.Has("seeking", k), Name: "seeking", ID: id})
	}
	for _, o := range outcomeFields {
		max, _ := strconv.Atoi(o[3])
		rows := 4
		if max < 5000 {
			rows = 2
		}
		v.Outcomes = append(v.Outcomes, textArea{Name: o[0], Label: o[1], Hint: o[2], Value: f.Value(o[0]), Error: f.Err(o[0]), Max: max, Rows: rows})
	}
	if v.P != nil {
		feeds, err := feedViews(e.App, v.P)
		if err != nil {
			return e.InternalServerError("", err)
		}
		v.Feeds = feeds
	}
	script := ""
	if v.P == nil {
		script = "yes"
	}
	return s.render(e, status, "project-form", Page{Title: title, Page: "project-form", Script: script, Data: v, Form: f})
}

// saveProject: POST /projects/new and /projects/{slug}/edit.
func (s *Site) saveProject(e *core.RequestEvent) error {
	values, ok, err := s.posted(e)
	if !ok {
		return err
	}
	p, v, ok, err := s.projectFormTarget(e)
	if !ok {
		return err
	}
	f := newForm(e, values)
	f.Values.Del("csrf")
	if v.Refused != "" {
		return s.showProjectForm(e, http.StatusForbidden, v, f)
	}
	record := readProjectForm(f, p != nil)
	if !f.Failed() {
		var a apiAnswer
		if p != nil {
			a, err = s.call(e, http.MethodPatch, "/api/collections/"+hooks.ColProjects+"/records/"+p.Id, record)
		} else {
			record["organisation"] = e.Auth.GetString("organisation")
			a, err = s.call(e, http.MethodPost, "/api/collections/"+hooks.ColProjects+"/records", record)
		}
		if err != nil {
			return e.InternalServerError("", err)
		}
		if a.OK() {
			var saved struct {
				Slug string `json:"slug"`
			}
			if err := a.decode(&saved); err != nil {
				return e.InternalServerError("", err)
			}
			done := "The project is saved"
			if p == nil {
				done = "The project is added"
			}
			return redirectWith(e, "/projects/"+saved.Slug, done)
		}
		f.apply(a, map[string]string{
			"title.validation_required":                  "Enter a project title",
			"title.validation_min_text_constraint":       "Project title must be 3 characters or more",
			"title.validation_max_text_constraint":       "Project title must be 200 characters or fewer",
			"summary.validation_required":                "Enter a summary of the project",
			"summary.validation_max_text_constraint":     "Summary must be 300 characters or fewer",
			"description.validation_max_text_constraint": "Description must be 20,000 characters or fewer",
			"phase.validation_required":                  "Choose the project's phase",
			"phaseEnd.pipeline_dates_order":              "Phase end must be on or after phase start",
			"contactEmail.validation_is_email":           "Enter an email address in the correct format, like name@example.gov.uk",
			"outcome.validation_max_text_constraint":     "Outcome must be 10,000 characters or fewer",
			"feedUrl.validation_invalid_url":             "Enter the feed's web address, starting with https://",
			"repoUrl.validation_invalid_url":             "Enter the repository's web address, starting with https://",
		}, nil)
	}
	return s.showProjectForm(e, http.StatusBadRequest, v, f)
}

// readProjectForm checks the form as the API would and makes the record
// to send, with the form's errors on f.
func readProjectForm(f *form, editing bool) map[string]any {
	title, summary := strings.TrimSpace(f.Value("title")), strings.TrimSpace(f.Value("summary"))
	switch n := len([]rune(title)); {
	case n == 0:
		f.add("title", "Enter a project title")
	case n < 3:
		f.add("title", "Project title must be 3 characters or more")
	case n > 200:
		f.add("title", "Project title must be 200 characters or fewer")
	}
	switch n := len([]rune(summary)); {
	case n == 0:
		f.add("summary", "Enter a summary of the project")
	case n > 300:
		f.add("summary", "Summary must be 300 characters or fewer")
	}
	if len([]rune(f.Value("description"))) > 20000 {
		f.add("description", "Description must be 20,000 characters or fewer")
	}
	if phaseNames[f.Value("phase")] == "" {
		f.add("phase", "Choose the project's phase")
	}
	dates := map[string]string{}
	for _, d := range dateFields {
		value, msg := readDate(f, d[0], d[2])
		if msg != "" {
			f.add(d[0], msg)
		}
		dates[d[0]] = value
	}
	if dates["phaseStart"] != "" && dates["phaseEnd"] != "" && dates["phaseEnd"] < dates["phaseStart"] {
		f.add("phaseEnd", "Phase end must be on or after phase start")
	}
	var tags []string
	for _, t := range strings.Split(f.Value("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	if len(tags) > 20 {
		f.add("tags", "Enter 20 tags or fewer")
	}
	for _, t := range tags {
		if len([]rune(t)) > 40 {
			f.add("tags", fmt.Sprintf("Each tag must be 40 characters or fewer: \"%s\" is longer", t))
		}
	}
	contact := strings.TrimSpace(f.Value("contactEmail"))
	if contact != "" && !emailPattern.MatchString(contact) {
		f.add("contactEmail", "Enter an email address in the correct format, like name@example.gov.uk")
	}
	links := []map[string]string{}
	for _, line := range strings.Split(f.Value("links"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		label, u := "", line
		if bar := strings.LastIndex(line, "|"); bar >= 0 {
			label, u = strings.TrimSpace(line[:bar]), strings.TrimSpace(line[bar+1:])
		}
		if !isWebAddress(u) {
			shown := u
			if shown == "" {
				shown = label
			}
			f.add("links", fmt.Sprintf("Enter a web address starting with https:// after the label of each link: check \"%s\"", shown))
		}
		links = append(links, map[string]string{"label": label, "url": u})
	}
	sources := map[string]string{}
	for _, fw := range [][2]string{{"feedUrl", "feed"}, {"repoUrl", "repository"}} {
		sources[fw[0]] = strings.TrimSpace(f.Value(fw[0]))
		if len(sources[fw[0]]) > 500 {
			f.add(fw[0], "The "+fw[1]+"'s address must be 500 characters or fewer")
		}
	}
	visibility := f.Value("visibility")
	if visibility != hooks.VisibilityPublished {
		visibility = hooks.VisibilityDraft
	}
	seeking := []string{}
	for _, k := range f.Values["seeking"] {
		if seekingNames[k] != "" {
			seeking = append(seeking, k)
		}
	}
	if tags == nil {
		tags = []string{}
	}
	record := map[string]any{"title": title, "summary": summary, "description": f.Value("description"), "phase": f.Value("phase"),
		"budgetBand": f.Value("budgetBand"), "seeking": seeking, "tags": tags, "contactName": strings.TrimSpace(f.Value("contactName")),
		"contactEmail": contact, "links": links, "visibility": visibility, "feedUrl": sources["feedUrl"], "repoUrl": sources["repoUrl"]}
	for k, v := range dates {
		record[k] = v
	}
	if editing {
		for _, o := range outcomeFields {
			max, _ := strconv.Atoi(o[3])
			if len([]rune(f.Value(o[0]))) > max {
				f.add(o[0], fmt.Sprintf("%s must be %s characters or fewer", o[1], groupDigits(max)))
			}
			record[o[0]] = f.Value(o[0])
		}
	}
	return record
}

// groupDigits is 10000 as "10,000".
func groupDigits(n int) string { return strings.TrimPrefix(pounds(n), "£") }

// readDate reads a GOV.UK date input: "" when all three parts are empty,
// else the date as the API takes it, or a message.
func readDate(f *form, field, name string) (string, string) {
	day, month, year := strings.TrimSpace(f.Value(field+"-day")), strings.TrimSpace(f.Value(field+"-month")), strings.TrimSpace(f.Value(field+"-year"))
	if day == "" && month == "" && year == "" {
		return "", ""
	}
	var missing []string
	for _, part := range [][2]string{{"day", day}, {"month", month}, {"year", year}} {
		if part[1] == "" {
			missing = append(missing, part[0])
		}
	}
	if len(missing) > 0 {
		return "", name + " must include a " + strings.Join(missing, " and a ")
	}
	d, errD := strconv.Atoi(day)
	m, errM := strconv.Atoi(month)
	y, errY := strconv.Atoi(year)
	if errD != nil || errM != nil || errY != nil || len(year) != 4 {
		return "", name + " must be a real date"
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", name + " must be a real date"
	}
	return t.Format("2006-01-02") + " 00:00:00.000Z", ""
}
