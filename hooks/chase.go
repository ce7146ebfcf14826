package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Stages of the freshness chase, kept in a project's chaseStage.
const (
	chaseNone      = 0 // fresh, or not chased yet
	chaseAsked     = 1 // owner asked "Is this still accurate?"
	chaseReminded  = 2 // owner reminded
	chaseEscalated = 3 // organisation admins copied
	chaseDormant   = 4 // dormant; followers told
)

// ChaseStaleProjects moves every published, unretired project one step
// along the freshness chase when its time has come, at now: asked after
// ChaseAfter without confirmation or activity, reminded ChaseReminder
// later, admins copied ChaseAdmins after that, dormant ChaseDormant after
// that. Each step and its notifications are stored in one transaction, so a
// run that dies half-way is simply finished by the next. It returns the
// number of steps taken.
func ChaseStaleProjects(app core.App, now time.Time) (int, error) {
	cfg, err := LoadConfig(app)
	if err != nil {
		return 0, err
	}
	staleBefore := stamp(now.Add(-cfg.ChaseAfter)).String()
	candidates, err := app.FindAllRecords(ColProjects,
		dbx.HashExp{"visibility": VisibilityPublished},
		dbx.Not(dbx.HashExp{"phase": "retired"}),
		dbx.Or(
			dbx.NewExp("chaseStage > 0 AND chaseStage < {:dormant}", dbx.Params{"dormant": chaseDormant}),
			dbx.NewExp("(chaseStage = 0 OR chaseStage IS NULL) AND lastConfirmedAt <= {:t} AND lastActivityAt <= {:t}", dbx.Params{"t": staleBefore}),
		),
	)
	if err != nil {
		return 0, fmt.Errorf("find projects to chase: %w", err)
	}
	steps := 0
	for _, p := range candidates {
		stepped, err := chaseStep(app, cfg, p, now)
		if err != nil {
			app.Logger().Error("chase project", "project", p.Id, "error", err)
			continue
		}
		if stepped {
			steps++
		}
	}
	return steps, nil
}

// chaseStep takes the next step for one project, if it is due.
func chaseStep(app core.App, cfg Config, p *core.Record, now time.Time) (bool, error) {
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
	err := app.RunInTransaction(func(tx core.App) error {
		p.Set("chaseStage", next)
		p.Set("chasedAt", stamp(now))
		if next == chaseDormant {
			p.Set("dormantSince", stamp(now))
		}
		if err := tx.Save(p); err != nil {
			return fmt.Errorf("save chase stage: %w", err)
		}
		return notifyChase(tx, cfg, p, next, lastSeen, now)
	})
	return err == nil, err
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
