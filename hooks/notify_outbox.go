package hooks

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Delivery limits.
const (
	// inFlight is how long a claimed notification is left alone before a
	// run that died mid-send is assumed and it is tried again.
	inFlight = 10 * time.Minute
	// maxAttempts failed sends (about two weeks of back-off) mark a
	// notification failed; it stays in the inbox.
	maxAttempts = 30
	// batchLimit caps the notifications one run looks at.
	batchLimit = 5000
)

// deliveryMu keeps one delivery or digest run at a time in this process,
// so a slow mail server cannot make overlapping runs send twice.
var deliveryMu sync.Mutex

// DeliverNotifications sends, at now, the emails that are due: news for
// people who want email immediately (at most one email about a project
// per coalescing window) and urgent notices for everyone who gets email.
// Notifications nobody should be emailed about are marked skipped. It
// returns the number of emails sent.
func DeliverNotifications(app core.App, now time.Time) (int, error) {
	return forEachRecipient(app, now, "deliver notifications", nil, func(cfg Config, u *core.Record, eligible []*core.Record) int {
		uid, freq, sent := u.Id, u.GetString("emailFrequency"), 0
		for _, group := range groupByProject(eligible) {
			if freq != FrequencyImmediate {
				group = onlyUrgent(group)
				if len(group) == 0 {
					continue // waits for the digest
				}
			}
			if wait, err := coalesceWait(app, cfg, uid, group[0].GetString("project"), now); err != nil || wait {
				if err == nil {
					err = deferUntilWindow(app, cfg, uid, group, now)
				}
				if err != nil {
					app.Logger().Error("coalesce notifications", "user", uid, "error", err)
				}
				continue
			}
			b := emailBuilder{app: app, cfg: cfg, user: u, now: now}
			subject := group[len(group)-1].GetString("title")
			if len(group) > 1 {
				subject = fmt.Sprintf("%d updates about %s", len(group), projectTitle(app, group[0].GetString("project")))
			}
			if ok := sendEmail(app, b, subject, "Here is what has happened.", [][]*core.Record{group}); ok {
				sent++
			}
		}
		return sent
	})
}

// forEachRecipient hands send each person with notifications due at now
// (narrowed to those frequencies, if any) that they may be emailed about,
// one delivery run at a time in this process, and adds up the emails
// send says it sent. label names the run in the logs.
func forEachRecipient(app core.App, now time.Time, label string, frequencies []string,
	send func(cfg Config, u *core.Record, eligible []*core.Record) int) (int, error) {
	deliveryMu.Lock()
	defer deliveryMu.Unlock()
	cfg, err := LoadConfig(app)
	if err != nil {
		return 0, err
	}
	byUser, err := dueNotifications(app, now, frequencies...)
	if err != nil {
		return 0, err
	}
	sent := 0
	for uid, records := range byUser {
		u, eligible, err := sortOutRecipient(app, uid, records, now)
		if err != nil {
			app.Logger().Error(label, "user", uid, "error", err)
			continue
		}
		if u != nil {
			sent += send(cfg, u, eligible)
		}
	}
	return sent, nil
}

// dueNotifications loads pending notifications whose time has come and
// that no other run holds, by recipient. frequencies, if given, narrows
// them to recipients with those email frequencies.
func dueNotifications(app core.App, now time.Time, frequencies ...string) (map[string][]*core.Record, error) {
	nowS, staleClaim := Stamp(now).String(), Stamp(now.Add(-inFlight)).String()
	q := app.RecordQuery(ColNotifications).
		AndWhere(dbx.HashExp{"emailState": EmailPending}).
		AndWhere(dbx.NewExp("(nextAttemptAt = '' OR nextAttemptAt <= {:now})", dbx.Params{"now": nowS})).
		AndWhere(dbx.NewExp("(sendingAt = '' OR sendingAt < {:claim})", dbx.Params{"claim": staleClaim})).
		OrderBy("created ASC", "id ASC").
		Limit(batchLimit)
	if len(frequencies) > 0 {
		params := dbx.Params{}
		names := make([]string, len(frequencies))
		for i, f := range frequencies {
			names[i] = fmt.Sprintf("{:f%d}", i)
			params[fmt.Sprintf("f%d", i)] = f
		}
		q = q.AndWhere(dbx.NewExp("[[user]] IN (SELECT id FROM users WHERE emailFrequency IN ("+strings.Join(names, ",")+"))", params))
	}
	var records []*core.Record
	if err := q.All(&records); err != nil {
		return nil, fmt.Errorf("find due notifications: %w", err)
	}
	out := map[string][]*core.Record{}
	for _, r := range records {
		out[r.GetString("user")] = append(out[r.GetString("user")], r)
	}
	return out, nil
}

// sortOutRecipient loads the recipient and marks skipped what they should
// not be emailed: everything if they chose no email or their address is
// unverified, and news of projects they muted. It returns the rest.
func sortOutRecipient(app core.App, uid string, records []*core.Record, now time.Time) (*core.Record, []*core.Record, error) {
	u, err := app.FindRecordById(ColUsers, uid)
	if err != nil || u.GetString("emailFrequency") == FrequencyOff || !u.Verified() {
		return nil, nil, markRecords(app, records, dbx.Params{"emailState": EmailSkipped})
	}
	muted := u.GetStringSlice("mutedProjects")
	var keep, skip []*core.Record
	for _, r := range records {
		if p := r.GetString("project"); p != "" && slices.Contains(muted, p) {
			skip = append(skip, r)
		} else {
			keep = append(keep, r)
		}
	}
	return u, keep, markRecords(app, skip, dbx.Params{"emailState": EmailSkipped})
}

// groupByProject splits notifications by project, keeping their order;
// news about no project forms its own group.
func groupByProject(records []*core.Record) [][]*core.Record {
	var order []string
	groups := map[string][]*core.Record{}
	for _, r := range records {
		p := r.GetString("project")
		if _, seen := groups[p]; !seen {
			order = append(order, p)
		}
		groups[p] = append(groups[p], r)
	}
	out := make([][]*core.Record, 0, len(order))
	for _, p := range order {
		out = append(out, groups[p])
	}
	return out
}

func onlyUrgent(records []*core.Record) []*core.Record {
	var out []*core.Record
	for _, r := range records {
		if r.GetBool("urgent") {
			out = append(out, r)
		}
	}
	return out
}

// coalesceWait is true when the recipient was emailed about this project
// within the coalescing window: the news waits and goes out together.
func coalesceWait(app core.App, cfg Config, uid, project string, now time.Time) (bool, error) {
	last, err := lastEmailed(app, uid, project)
	if err != nil || last.IsZero() {
		return false, err
	}
	return now.Sub(last) < cfg.Coalesce, nil
}

func lastEmailed(app core.App, uid, project string) (time.Time, error) {
	var last string
	err := app.DB().NewQuery(`SELECT COALESCE(MAX(emailedAt), '') FROM notifications
		WHERE [[user]] = {:u} AND project = {:p} AND emailState = 'sent'`).
		Bind(dbx.Params{"u": uid, "p": project}).Row(&last)
	if err != nil || last == "" {
		return time.Time{}, err
	}
	t, err := time.Parse("2006-01-02 15:04:05.000Z", last)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse emailedAt %q: %w", last, err)
	}
	return t, nil
}

func deferUntilWindow(app core.App, cfg Config, uid string, group []*core.Record, now time.Time) error {
	last, err := lastEmailed(app, uid, group[0].GetString("project"))
	if err != nil {
		return err
	}
	return markRecords(app, group, dbx.Params{"nextAttemptAt": Stamp(last.Add(cfg.Coalesce)).String()})
}

// sendEmail claims the notifications, sends one email of them and records
// the outcome. A failure leaves them pending with a back-off; nothing is
// marked sent unless the mail server took the message.
func sendEmail(app core.App, b emailBuilder, subject, intro string, groups [][]*core.Record) bool {
	var all []*core.Record
	for _, g := range groups {
		all = append(all, g...)
	}
	if err := markRecords(app, all, dbx.Params{"sendingAt": Stamp(b.now).String()}); err != nil {
		app.Logger().Error("claim notifications", "user", b.user.Id, "error", err)
		return false
	}
	err := func() error {
		m, err := b.build(subject, intro, groups)
		if err != nil {
			return fmt.Errorf("build email: %w", err)
		}
		s := app.Settings().Meta
		msg, err := m.Message(mailAddress(s.SenderName, s.SenderAddress))
		if err != nil {
			return fmt.Errorf("render email: %w", err)
		}
		return app.NewMailClient().Send(msg)
	}()
	if err == nil {
		if err := markRecords(app, all, dbx.Params{"emailState": EmailSent, "emailedAt": Stamp(b.now).String(), "sendingAt": "", "lastError": ""}); err != nil {
			app.Logger().Error("mark notifications sent", "user", b.user.Id, "error", err)
		}
		return true
	}
	app.Logger().Warn("email not sent; will retry", "user", b.user.Id, "error", err)
	if err := recordFailure(app, all, err, b.now); err != nil {
		app.Logger().Error("record failed email", "user", b.user.Id, "error", err)
	}
	return false
}

// backoff is the wait before the next attempt after n failed ones:
// 1, 2, 4 … minutes, at most 12 hours.
func backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 12*time.Hour; i++ {
		d *= 2
	}
	return min(d, 12*time.Hour)
}

func recordFailure(app core.App, records []*core.Record, cause error, now time.Time) error {
	return app.RunInTransaction(func(tx core.App) error {
		for _, r := range records {
			attempts := r.GetInt("attempts") + 1
			params := dbx.Params{
				"attempts": attempts, "sendingAt": "", "lastError": truncate(cause.Error(), 1000),
				"nextAttemptAt": Stamp(now.Add(backoff(attempts))).String(),
			}
			if attempts >= maxAttempts {
				params["emailState"] = EmailFailed
			}
			if _, err := tx.DB().Update(ColNotifications, params, dbx.HashExp{"id": r.Id}).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}

// markRecords sets delivery columns on notifications in one statement.
// Delivery bookkeeping is the outbox's own and bypasses record hooks.
func markRecords(app core.App, records []*core.Record, params dbx.Params) error {
	if len(records) == 0 {
		return nil
	}
	ids := make([]any, len(records))
	for i, r := range records {
		ids[i] = r.Id
	}
	if _, err := app.DB().Update(ColNotifications, params, dbx.In("id", ids...)).Execute(); err != nil {
		return fmt.Errorf("update %d notifications: %w", len(records), err)
	}
	return nil
}

func projectTitle(app core.App, id string) string {
	if p, err := app.FindRecordById(ColProjects, id); err == nil {
		return p.GetString("title")
	}
	return "a project"
}

// devMailOut is where dev mode prints emails.
var devMailOut io.Writer = os.Stdout

// printDevMail prints every email to the console in dev mode, and sends it
// only if SMTP is set up.
func printDevMail(e *core.MailerEvent) error {
	if !e.App.IsDev() {
		return e.Next()
	}
	fmt.Fprintf(devMailOut, "\n----- email to %v -----\nSubject: %s\n\n%s\n----- end of email -----\n",
		e.Message.To, e.Message.Subject, e.Message.Text)
	if e.App.Settings().SMTP.Enabled {
		return e.Next()
	}
	return nil
}
