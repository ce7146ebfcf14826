package ops

import (
	"net/mail"
	"testing"

	"github.com/pocketbase/pocketbase/tools/mailer"

	"pipeline/hooks"
)

// In demo mode an email is kept in the demo's inbox and not sent.
func TestDemoKeepsItsEmail(t *testing.T) {
	app := freshApp(t)
	defer app.Cleanup()
	if err := CatchDemoMail(app); err != nil {
		t.Fatal(err)
	}
	msg := &mailer.Message{From: mail.Address{Address: "pipeline@example.org"},
		To: []mail.Address{{Name: "Olu", Address: "officer@leeds.example"}}, Subject: "Leeds is interested",
		Text: "Open http://127.0.0.1:8090/projects/x to reply."}
	if err := app.NewMailClient().Send(msg); err != nil {
		t.Fatalf("a demo send failed: %v", err)
	}
	if n := app.TestMailer.TotalSend(); n != 0 {
		t.Fatalf("%d emails went on to the mailer", n)
	}
	var rows []struct {
		Recipients string `db:"recipients"`
		Subject    string `db:"subject"`
		Text       string `db:"text"`
	}
	if err := app.DB().Select("recipients", "subject", "text").From(hooks.DemoMailTable).All(&rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Subject != "Leeds is interested" || rows[0].Recipients != `"Olu" <officer@leeds.example>` {
		t.Fatalf("inbox: %+v", rows)
	}
	if on, _ := app.Store().Get(hooks.DemoMailKey).(bool); !on {
		t.Fatal("demo mode not marked")
	}
}
