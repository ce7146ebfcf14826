package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ChaseStaleProjects moves every published, unretired project one step
// along the freshness chase when its time has come, at now: asked after
// ChaseAfter without confirmation or activity, reminded ChaseReminder
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
	due := dbx.Or(
		dbx.NewExp("(chaseStage = 0 OR chaseStage IS NULL) AND lastConfirmedAt <= {:t} AND lastActivityAt <= {:t}", dbx.Params{"t": staleBefore}),
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
	for start := 0; start < len(ids); start += chasePage {
		page, err := app.FindRecordsByIds(ColProjects, ids[start:min(start+chasePage, len(ids))])
		if err != nil {
			return steps, fmt.Errorf("read projects to chase: %w", err)
		}
		steps += chasePageOf(app, cfg, page, now)
	}
	return steps, nil
}

// chasePage is how many projects one transaction steps.
const chasePage = 200

// chasePageOf steps a page of projects in one transaction, or one by one
// (each re-read, since the failed transaction left the records changed
// in memory) if that fails. It returns the steps taken.
func chasePageOf(app core.App, cfg Config, page []*core.Record, now time.Time) int {
	steps := 0
	err := app.RunInTransaction(func(tx core.App) error {
		steps = 0
		for _, p := range page {
			stepped, err := chaseStepIn(tx, cfg, p, now)
			if err != nil {
				return fmt.Errorf("project %s: %w", p.Id, err)
			}
			if stepped {
				steps++
			}
		}
		return nil
	})
	if err == nil {
		return steps
	}
	app.Logger().Warn("chase page failed; stepping its projects one by one", "error", err)
	steps = 0
	for _, old := range page {
		p, err := app.FindRecordById(ColProjects, old.Id)
		if err != nil {
			continue // deleted meanwhile
		}
		stepped, err := chaseStep(app, cfg, p, now)
		if err != nil {
			app.Logger().Error("chase project", "project", p.Id, "error", err)
			continue
		}
		if stepped {
			steps++
		}
	}
	return steps
}

// chaseStep takes the next step for one project, if it is due, in a
// transaction of its own.
func chaseStep(app core.App, cfg Config, p *core.Record, now time.Time) (bool, error) {
	stepped := false
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		stepped, err = chaseStepIn(tx, cfg, p, now)
		return err
	})
	return stepped && err == nil, err
}

// chaseStepIn takes the next step for one project, if it is due, saving
// the step and its notifications with tx.
func chaseStepIn(tx core.App, cfg Config, p *core.Record, now time.Time) (bool, error) {
	stage := p.GetInt("chaseStage")
	lastSeen := p.GetDateTime("lastActivityAt").Time()
	if c := p.GetDateTime("lastConfirmedAt").Time(); c.After(lastSeen) {
		lastSeen = c
	}
	since := now.Sub(p.GetDateTime("chasedAt").Time())
	var next int
	switch {
	case now.Sub(lastSeen) < cfg.ChaseAfter:
		return false, nil // confirmed or active since; the chase was reset on save
	case stage == chaseNone:
		next = chaseAsked
	case stage == chaseAsked && since >= cfg.ChaseReminder:
		next = chaseReminded
	case stage == chaseReminded && since >= cfg.ChaseAdmins:
		next = chaseEscalated
	case stage == chaseEscalated && since >= cfg.ChaseDormant:
		next = chaseDormant
	default:
		return false, nil
	}
	p.Set("chaseStage", next)
	p.Set("chasedAt", Stamp(now))
	if next == chaseDormant {
		p.Set("dormantSince", Stamp(now))
	}
	if err := tx.Save(p); err != nil {
		return false, fmt.Errorf("save chase stage: %w", err)
	}
	if err := notifyChase(tx, cfg, p, next, lastSeen, now); err != nil {
		return false, err
	}
	return true, nil
}

func notifyChase(app core.App, cfg Config, p *core.Record, stage int, lastSeen, now time.Time) error {
	title := p.GetString("title")
	quiet := fmt.Sprintf("Nobody has confirmed or updated %s since %s.", title, lastSeen.Format("2 January 2006"))
	owner := []string{p.GetString("owner")}
	switch stage {
	case chaseAsked:
		return notify(app, Notice{Kind: KindStaleProject, Project: p.Id, Urgent: true, URL: projectPath(p),
			Title: "Is " + title + " still accurate?",
			Body:  quiet + " Confirm it is still accurate, or update it, so that other councils can rely on it."}, "", ownerOrAdmins(app, p)...)
	case chaseReminded:
		return notify(app, Notice{Kind: KindStaleReminder, Project: p.Id, Urgent: true, URL: projectPath(p),
			Title: "Reminder: is " + title + " still accurate?",
			Body:  quiet + " If nobody confirms or updates it, your organisation's admins will be asked next."}, "", ownerOrAdmins(app, p)...)
	case chaseEscalated:
		admins, err := orgAdmins(app, p.GetString("organisation"))
		if err != nil {
			return err
		}
		return notify(app, Notice{Kind: KindStaleAdmins, Project: p.Id, Urgent: true, URL: projectPath(p),
			Title: title + " will be marked dormant unless someone confirms it",
			Body: quiet + fmt.Sprintf(" Its owner has been asked twice. Unless someone confirms or updates it by %s, it will be shown as dormant.",
				now.Add(cfg.ChaseDormant).Format("2 January 2006"))}, "", append(owner, admins...)...)
	case chaseDormant:
		recipients, err := followers(app, p.Id)
		if err != nil {
			return err
		}
		return notify(app, Notice{Kind: KindProjectDormant, Project: p.Id, URL: projectPath(p),
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
