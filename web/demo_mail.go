package web

import (
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// demoMail is one email in the demo's inbox.
type demoMail struct {
	Id         int    `db:"id"`
	SentAt     string `db:"sentAt"`
	Recipients string `db:"recipients"`
	Subject    string `db:"subject"`
	Text       string `db:"text"`
	// Body is the text with its web addresses as links.
	Body template.HTML `db:"-"`
}

// demoMode says whether the app is the demo, which keeps its email.
func demoMode(app core.App) bool {
	on, _ := app.Store().Get(hooks.DemoMailKey).(bool)
	return on
}

// demoInbox: GET /demo/mail, every email the demo has sent, newest first,
// optionally to one address (?to=). Outside demo mode it does not exist.
func (s *Site) demoInbox(e *core.RequestEvent) error {
	if !demoMode(e.App) {
		return s.notFound(e, "Page", "/", "go to the home page")
	}
	to := strings.TrimSpace(e.Request.URL.Query().Get("to"))
	var mails []demoMail
	q := e.App.DB().Select("id", "sentAt", "recipients", "subject").From(hooks.DemoMailTable).OrderBy("id DESC").Limit(200)
	if to != "" {
		q = q.Where(dbx.Like("recipients", to))
	}
	if err := q.All(&mails); err != nil {
		return e.InternalServerError("", err)
	}
	for i := range mails {
		mails[i].SentAt = formatDate(mails[i].SentAt)
	}
	return s.render(e, http.StatusOK, "demo-mail", Page{Title: "Demo email", Page: "demo-mail",
		Data: map[string]any{"Mails": mails, "To": to}})
}

// demoMessage: GET /demo/mail/{id}, one email as its text, with its links
// (one-click links included) ready to follow.
func (s *Site) demoMessage(e *core.RequestEvent) error {
	if !demoMode(e.App) {
		return s.notFound(e, "Page", "/", "go to the home page")
	}
	id, _ := strconv.Atoi(e.Request.PathValue("id"))
	var m demoMail
	err := e.App.DB().Select("id", "sentAt", "recipients", "subject", "text").From(hooks.DemoMailTable).
		Where(dbx.HashExp{"id": id}).One(&m)
	if err != nil {
		return s.notFound(e, "Email", "/demo/mail", "see all the demo's email")
	}
	m.SentAt = formatDate(m.SentAt)
	m.Body = linkify(m.Text)
	return s.render(e, http.StatusOK, "demo-message", Page{Title: m.Subject, Page: "demo-mail", Data: m})
}

var webAddress = regexp.MustCompile(`https?://[^\s<>"]+`)

// linkify escapes text and makes its web addresses links.
func linkify(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, loc := range webAddress.FindAllStringIndex(text, -1) {
		b.WriteString(template.HTMLEscapeString(text[last:loc[0]]))
		u := strings.TrimRight(text[loc[0]:loc[1]], ".,;:)")
		b.WriteString(`<a class="govuk-link" href="` + template.HTMLEscapeString(u) + `">` + template.HTMLEscapeString(u) + `</a>`)
		last = loc[0] + len(u)
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
	return template.HTML(b.String())
}
