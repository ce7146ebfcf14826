package ops

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"pipeline/hooks"
)

// CatchDemoMail makes the demo keep every email it sends in its own inbox
// (the demo_mail table), which the demo's pages show at /demo/mail, so
// that the notices, digests and one-click links can be seen without a
// mail server. Nothing is sent. Only the demo command calls it.
func CatchDemoMail(app core.App) error {
	_, err := app.DB().NewQuery(`CREATE TABLE IF NOT EXISTS ` + hooks.DemoMailTable + ` (
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		sentAt     TEXT NOT NULL,
		recipients TEXT NOT NULL,
		subject    TEXT NOT NULL,
		text       TEXT NOT NULL,
		html       TEXT NOT NULL
	)`).Execute()
	if err != nil {
		return fmt.Errorf("create the demo inbox: %w", err)
	}
	app.Store().Set(hooks.DemoMailKey, true)
	app.OnMailerSend().Bind(&hook.Handler[*core.MailerEvent]{
		Id:       "pipelineDemoMail",
		Priority: -100, // before anything that would print or send it
		Func: func(e *core.MailerEvent) error {
			return keepDemoMail(e.App, e.Message.To, e.Message.Subject, e.Message.Text, e.Message.HTML, time.Now())
		},
	})
	return nil
}

// keepDemoMail puts one email in the demo's inbox.
func keepDemoMail(app core.App, to []mail.Address, subject, text, html string, now time.Time) error {
	var names []string
	for _, a := range to {
		names = append(names, a.String())
	}
	_, err := app.DB().Insert(hooks.DemoMailTable, dbx.Params{
		"sentAt": hooks.Stamp(now).String(), "recipients": strings.Join(names, ", "),
		"subject": subject, "text": text, "html": html,
	}).Execute()
	if err != nil {
		return fmt.Errorf("keep demo email: %w", err)
	}
	return nil
}
