package hooks

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// testNow is the fixed moment time-based tests start from.
var testNow = time.Date(2027, 3, 1, 9, 30, 0, 0, time.UTC)

// emptyOutbox removes the fixtures' notifications so a test counts only
// its own.
func emptyOutbox(t testing.TB, app core.App) {
	t.Helper()
	if _, err := app.DB().Delete(ColNotifications, nil).Execute(); err != nil {
		t.Fatal(err)
	}
	app.(*tests.TestApp).TestMailer.Reset()
}

func notificationsFor(t testing.TB, app core.App, userId string) []*core.Record {
	t.Helper()
	recs, err := app.FindAllRecords(ColNotifications, dbx.HashExp{"user": userId})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func kindsOf(recs []*core.Record) string {
	var k []string
	for _, r := range recs {
		k = append(k, r.GetString("kind"))
	}
	return strings.Join(k, ",")
}

func setFrequency(t testing.TB, app core.App, userId, freq string) {
	t.Helper()
	if _, err := app.DB().Update(ColUsers, dbx.Params{"emailFrequency": freq}, dbx.HashExp{"id": userId}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// mailsTo lists the messages the test mailer holds for an address.
func mailsTo(app *tests.TestApp, address string) []string {
	var subjects []string
	for _, m := range app.TestMailer.Messages() {
		for _, to := range m.To {
			if to.Address == address {
				subjects = append(subjects, m.Subject)
			}
		}
	}
	return subjects
}

// failMail makes every send fail while down is true, as an SMTP outage.
func failMail(app *tests.TestApp, down *bool) {
	app.OnMailerSend().BindFunc(func(e *core.MailerEvent) error {
		if *down {
			return errors.New("dial tcp 127.0.0.1:25: connection refused")
		}
		return e.Next()
	})
}

func mustRecord(t testing.TB, app core.App, col, id string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById(col, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func saveRecord(t testing.TB, app core.App, col string, data map[string]any) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(col)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	for k, v := range data {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatalf("save %s: %v", col, err)
	}
	return r
}
