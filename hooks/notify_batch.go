package hooks

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// noticeBatch writes the notification rows of many notices through one
// prepared statement, for scheduled jobs that tell thousands of people at
// once (the freshness chase's first run over a large import). The rows are
// exactly those notify writes; what a batch skips is PocketBase's record
// machinery around each save: validation of values Pipeline made itself,
// and the realtime message, so a person with Pipeline open sees the new
// notice on their next page load rather than at once.
type noticeBatch struct {
	insert *dbx.Query
	now    string
}

// newNoticeBatch prepares a batch in tx (a transaction) stamped at now.
// Close it when done.
func newNoticeBatch(tx core.App, now time.Time) (*noticeBatch, error) {
	q := tx.DB().NewQuery(`INSERT INTO notifications (id, user, kind, project, title, body, url, urgent, emailState, created, updated)
		VALUES ({:id}, {:user}, {:kind}, {:project}, {:title}, {:body}, {:url}, {:urgent}, {:state}, {:now}, {:now})`)
	q.Prepare()
	if err := q.LastError; err != nil {
		return nil, fmt.Errorf("prepare notices: %w", err)
	}
	return &noticeBatch{insert: q, now: Stamp(now).String()}, nil
}

// add stores n for each recipient except the actor, once per person, as
// notify does.
func (b *noticeBatch) add(n Notice, actor string, recipients ...string) error {
	var done []string
	for _, uid := range recipients {
		if uid == "" || uid == actor || slices.Contains(done, uid) {
			continue
		}
		done = append(done, uid)
		_, err := b.insert.Bind(dbx.Params{
			"id": security.RandomStringWithAlphabet(15, "abcdefghijklmnopqrstuvwxyz0123456789"), "user": uid,
			"kind": n.Kind, "project": n.Project, "title": truncate(n.Title, 300), "body": truncate(n.Body, 5000),
			"url": n.URL, "urgent": n.Urgent, "state": EmailPending, "now": b.now,
		}).Execute()
		if err != nil {
			return fmt.Errorf("notify %s of %s: %w", uid, n.Kind, err)
		}
	}
	return nil
}

// close releases the prepared statement.
func (b *noticeBatch) close() {
	_ = b.insert.Close()
}
