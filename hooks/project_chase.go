package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// ChaseStaleProjects moves every published, unretired project one step
// along the freshness chase when its time has come, at now: asked after
// ChaseAfter without confirmation or activity (a funded project: its
// round's update cadence, updateCadenceDays), reminded ChaseReminder
// later, admins copied ChaseAdmins after that, dormant ChaseDormant after
// that. Only projects that are due are read, a page at a time. The steps
// of a page and their notifications are stored in one transaction, so a
// run that dies half-way is simply finished by the next; if a page fails,
// its projects are tried one by one so that one bad project holds up no
// other. It returns the number of steps taken.
func ChaseStaleProjects(app core.App, now time.Time) (int, error) {
	cfg, err := LoadConfig(app)
	if err != nil {
		return 0, err
	}
	staleBefore := Stamp(now.Add(-cfg.ChaseAfter)).String()
	// A funded project's cadence moves its own threshold, in the
	// database's stored date format.
	cadenceBefore := `strftime('%Y-%m-%d %H:%M:%fZ', {:now}, '-' || updateCadenceDays || ' days')`
	due := dbx.Or(
		dbx.NewExp("(chaseStage = 0 OR chaseStage IS NULL) AND (updateCadenceDays IS NULL OR updateCadenceDays <= 0)"+
			" AND lastConfirmedAt <= {:t} AND lastActivityAt <= {:t}", dbx.Params{"t": staleBefore}),
		dbx.NewExp("(chaseStage = 0 OR chaseStage IS NULL) AND updateCadenceDays > 0"+
			" AND lastConfirmedAt <= "+cadenceBefore+" AND lastActivityAt <= "+cadenceBefore, dbx.Params{"now": Stamp(now).String()}),
		dbx.NewExp("chaseStage = 1 AND chasedAt <= {:reminder}", dbx.Params{"reminder": Stamp(now.Add(-cfg.ChaseReminder)).String()}),
		dbx.NewExp("chaseStage = 2 AND chasedAt <= {:admins}", dbx.Params{"admins": Stamp(now.Add(-cfg.ChaseAdmins)).String()}),
		dbx.NewExp("chaseStage = 3 AND chasedAt <= {:dormant}", dbx.Params{"dormant": Stamp(now.Add(-cfg.ChaseDormant)).String()}),
	)
	var ids []string
	err = app.DB().Select("id").From(ColProjects).
		Where(dbx.HashExp{"visibility": VisibilityPublished}).
		AndWhere(dbx.Not(dbx.HashExp{"phase": "retired"})).
		AndWhere(due).Column(&ids)
	if err != nil {
		return 0, fmt.Errorf("find projects to chase: %w", err)
	}
	steps := 0
	people := newChaseRecipients()
	for start := 0; start < len(ids); start += chasePage {
		if n := chasePageOf(app, cfg, people, ids[start:min(start+chasePage, len(ids))], now); n > 0 {
			steps += n
			answersOf(app).invalidate() // dormant projects list differently
		}
	}
	return steps, nil
}

// chasePage is how many projects one transaction steps: at 100,000
// projects a first run takes about 8 s in pages of 2,000, against 17 s in
// pages of 500 (docs/benchmarks.md).
const chasePage = 2000

// chaseRow is what the chase reads of a project.
type chaseRow struct {
	Id              string         `db:"id"`
	Slug            string         `db:"slug"`
	Title           string         `db:"title"`
	Owner           string         `db:"owner"`
	Organisation    string         `db:"organisation"`
	Stage           int            `db:"chaseStage"`
	ChasedAt        types.DateTime `db:"chasedAt"`
	LastActivityAt  types.DateTime `db:"lastActivityAt"`
	LastConfirmedAt types.DateTime `db:"lastConfirmedAt"`
	// CadenceDays, when more than 0, replaces ChaseAfter: a funded
	// project's round asks for an update this often.
	CadenceDays int `db:"updateCadenceDays"`
}

// nextChaseStage is the step a project is due at now, if any, and when it
// was last confirmed or active.
func nextChaseStage(cfg Config, r chaseRow, now time.Time) (int, time.Time, bool) {
	lastSeen := r.LastActivityAt.Time()
	if c := r.LastConfirmedAt.Time(); c.After(lastSeen) {
		lastSeen = c
	}
	since := now.Sub(r.ChasedAt.Time())
	after := cfg.ChaseAfter
	if r.CadenceDays > 0 {
		after = time.Duration(r.CadenceDays) * day
	}
	switch {
	case now.Sub(lastSeen) < after:
		return 0, lastSeen, false // confirmed or active since; the chase was reset on save
	case r.Stage == chaseNone:
		return chaseAsked, lastSeen, true
	case r.Stage == chaseAsked && since >= cfg.ChaseReminder:
		return chaseReminded, lastSeen, true
	case r.Stage == chaseReminded && since >= cfg.ChaseAdmins:
		return chaseEscalated, lastSeen, true
	case r.Stage == chaseEscalated && since >= cfg.ChaseDormant:
		return chaseDormant, lastSeen, true
	}
	return 0, lastSeen, false
}

// chasePageOf steps a page of projects in one transaction, or one by one
// if that fails, so that one bad project holds up no other. It returns the
// steps taken.
func chasePageOf(app core.App, cfg Config, people *chaseRecipients, ids []string, now time.Time) int {
	steps, err := chaseSteps(app, cfg, people, ids, now)
	if err == nil {
		return steps
	}
	app.Logger().Warn("chase page failed; stepping its projects one by one", "error", err)
	steps = 0
	for _, id := range ids {
		n, err := chaseSteps(app, cfg, people, []string{id}, now)
		if err != nil {
			app.Logger().Error("chase project", "project", id, "error", err)
			continue
		}
		steps += n
	}
	return steps
}

// chaseSteps reads the projects ids afresh and takes each one's next step,
// if it is due, with its notices, in one transaction. The chase writes only
// its own fields (chaseStage, chasedAt, dormantSince), none of which is
// activity, so it updates them directly rather than through a record save
// and its hooks; the search index follows through its trigger.
func chaseSteps(app core.App, cfg Config, people *chaseRecipients, ids []string, now time.Time) (int, error) {
	steps := 0
	err := app.RunInTransaction(func(tx core.App) error {
		steps = 0
		// A page writes thousands of index pages: room for them in the
		// connection's cache saves spilling them mid-transaction (the
		// connection's usual, small cache is restored after).
		if _, err := tx.DB().NewQuery("PRAGMA cache_size = -32000").Execute(); err != nil {
			return fmt.Errorf("widen the page cache: %w", err)
		}
		defer tx.DB().NewQuery("PRAGMA cache_size = -2000").Execute()
		var rows []chaseRow
		in := make([]any, len(ids))
		for i, id := range ids {
			in[i] = id
		}
		if err := tx.DB().Select("id", "slug", "title", "owner", "organisation", "chaseStage", "chasedAt", "lastActivityAt", "lastConfirmedAt", "updateCadenceDays").
			From(ColProjects).Where(dbx.In("id", in...)).All(&rows); err != nil {
			return fmt.Errorf("read projects to chase: %w", err)
		}
		notices, err := newNoticeBatch(tx, now)
		if err != nil {
			return err
		}
		defer notices.close()
		// Only dormancy, which everyone sees, counts as a change of the
		// record (updated); the earlier steps are Pipeline's bookkeeping,
		// and leaving out the columns they do not change spares their
		// indexes.
		step := tx.DB().NewQuery(`UPDATE projects SET chaseStage = {:stage}, chasedAt = {:now} WHERE id = {:id}`).Prepare()
		defer step.Close()
		dormant := tx.DB().NewQuery(`UPDATE projects SET chaseStage = {:stage}, chasedAt = {:now}, dormantSince = {:now},
			updated = {:now} WHERE id = {:id}`).Prepare()
		defer dormant.Close()
		stamp := Stamp(now).String()
		for _, r := range rows {
			next, lastSeen, due := nextChaseStage(cfg, r, now)
			if !due {
				continue
			}
			update := step
			if next == chaseDormant {
				update = dormant
			}
			if _, err := update.Bind(dbx.Params{"stage": next, "now": stamp, "id": r.Id}).Execute(); err != nil {
				return fmt.Errorf("project %s: save chase stage: %w", r.Id, err)
			}
			if err := notifyChase(tx, notices, people, cfg, r, next, lastSeen, now); err != nil {
				return fmt.Errorf("project %s: %w", r.Id, err)
			}
			steps++
		}
		return nil
	})
	return steps, err
}

// chaseRecipients remembers each organisation's admins for one run.
type chaseRecipients struct {
	admins, adminsOrCoordinators map[string][]string
}

func newChaseRecipients() *chaseRecipients {
	return &chaseRecipients{admins: map[string][]string{}, adminsOrCoordinators: map[string][]string{}}
}

func (c *chaseRecipients) orgAdmins(app core.App, org string) ([]string, error) {
	if ids, ok := c.admins[org]; ok {
		return ids, nil
	}
	ids, err := orgAdmins(app, org)
	if err == nil {
		c.admins[org] = ids
	}
	return ids, err
}

// ownerOrAdmins is the project's owner or, if it has none, its
// organisation's admins (or the coordinators, if it has none).
func (c *chaseRecipients) ownerOrAdmins(app core.App, r chaseRow) ([]string, error) {
	if r.Owner != "" {
		return []string{r.Owner}, nil
	}
	if ids, ok := c.adminsOrCoordinators[r.Organisation]; ok {
		return ids, nil
	}
	ids, err := orgAdminsOrCoordinators(app, r.Organisation)
	if err == nil {
		c.adminsOrCoordinators[r.Organisation] = ids
	}
	return ids, err
}

func notifyChase(app core.App, notices *noticeBatch, people *chaseRecipients, cfg Config, r chaseRow, stage int, lastSeen, now time.Time) error {
	title, path := r.Title, "/projects/"+r.Slug
	quiet := fmt.Sprintf("Nobody has confirmed or updated %s since %s.", title, lastSeen.Format("2 January 2006"))
	owner := []string{r.Owner}
	switch stage {
	case chaseAsked, chaseReminded:
		to, err := people.ownerOrAdmins(app, r)
		if err != nil {
			return err
		}
		if stage == chaseAsked {
			return notices.add(Notice{Kind: KindStaleProject, Project: r.Id, Urgent: true, URL: path,
				Title: "Is " + title + " still accurate?",
				Body:  quiet + " Confirm it is still accurate, or update it, so that other councils can rely on it."}, "", to...)
		}
		return notices.add(Notice{Kind: KindStaleReminder, Project: r.Id, Urgent: true, URL: path,
			Title: "Reminder: is " + title + " still accurate?",
			Body:  quiet + " If nobody confirms or updates it, your organisation's admins will be asked next."}, "", to...)
	case chaseEscalated:
		admins, err := people.orgAdmins(app, r.Organisation)
		if err != nil {
			return err
		}
		return notices.add(Notice{Kind: KindStaleAdmins, Project: r.Id, Urgent: true, URL: path,
			Title: title + " will be marked dormant unless someone confirms it",
			Body: quiet + fmt.Sprintf(" Its owner has been asked twice. Unless someone confirms or updates it by %s, it will be shown as dormant.",
				now.Add(cfg.ChaseDormant).Format("2 January 2006"))}, "", append(owner, admins...)...)
	case chaseDormant:
		recipients, err := followers(app, r.Id)
		if err != nil {
			return err
		}
		return notices.add(Notice{Kind: KindProjectDormant, Project: r.Id, URL: path,
			Title: title + " is now dormant",
			Body:  quiet + " It is now shown as dormant. Anyone in its organisation can adopt it and bring it up to date."}, "", append(recipients, owner...)...)
	}
	return nil
}

// ownerOrAdmins is the project's owner or, if it has none, its
// organisation's admins.
func ownerOrAdmins(app core.App, p *core.Record) []string {
	if owner := p.GetString("owner"); owner != "" {
		return []string{owner}
	}
	admins, err := orgAdminsOrCoordinators(app, p.GetString("organisation"))
	if err != nil {
		app.Logger().Error("find admins of project", "project", p.Id, "error", err)
	}
	return admins
}
