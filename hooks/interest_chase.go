package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ChaseInterests makes sure interest is answered, at now: an open interest
// (beyond following) reminds the project's owner after InterestReminder
// and is escalated to coordinators, with the interested officer told,
// after InterestEscalate; an acknowledged or collaborating interest quiet
// for InterestCheck asks both sides whether it is still going. Each step is
// taken once and stored with its notifications. It returns the steps taken.
func ChaseInterests(app core.App, now time.Time) (int, error) {
	cfg, err := LoadConfig(app)
	if err != nil {
		return 0, err
	}
	steps := 0
	type step struct {
		field string
		where dbx.Expression
		run   func(tx core.App, in, p *core.Record) error
	}
	for _, s := range []step{
		{"remindedAt", dbx.NewExp("state = 'open' AND kind != 'following' AND project != '' AND remindedAt = '' AND created <= {:t}",
			dbx.Params{"t": Stamp(now.Add(-cfg.InterestReminder)).String()}), remindOwner},
		{"escalatedAt", dbx.NewExp("state = 'open' AND kind != 'following' AND project != '' AND escalatedAt = '' AND created <= {:t}",
			dbx.Params{"t": Stamp(now.Add(-cfg.InterestEscalate)).String()}), escalateInterest},
		{"checkedAt", dbx.NewExp("state IN ('acknowledged', 'collaborating') AND project != '' AND MAX(respondedAt, checkedAt, created) <= {:t}",
			dbx.Params{"t": Stamp(now.Add(-cfg.InterestCheck)).String()}), checkInterest},
	} {
		found, err := app.FindAllRecords(ColInterests, s.where)
		if err != nil {
			return steps, fmt.Errorf("find interests for %s: %w", s.field, err)
		}
		for _, in := range found {
			err := app.RunInTransaction(func(tx core.App) error {
				p, err := tx.FindRecordById(ColProjects, in.GetString("project"))
				if err != nil {
					return err
				}
				in.Set(s.field, Stamp(now))
				if err := tx.SaveNoValidate(in); err != nil {
					return err
				}
				return s.run(tx, in, p)
			})
			if err != nil {
				app.Logger().Error("chase interest", "interest", in.Id, "step", s.field, "error", err)
				continue
			}
			steps++
		}
	}
	n, err := escalateRemoteInterests(app, cfg, now)
	return steps + n, err
}

// escalateRemoteInterests tells this instance's coordinators, once, of an
// officer's interest in another Pipeline's project that has had no answer
// for Config.InterestEscalate (the origin reminds its own team and
// coordinators), and the officer that they have been told.
func escalateRemoteInterests(app core.App, cfg Config, now time.Time) (int, error) {
	found, err := app.FindAllRecords(ColInterests, dbx.NewExp(
		"state = 'open' AND remoteProject != '' AND escalatedAt = '' AND created <= {:t}",
		dbx.Params{"t": Stamp(now.Add(-cfg.InterestEscalate)).String()}))
	if err != nil {
		return 0, fmt.Errorf("find interest waiting on other Pipelines: %w", err)
	}
	steps := 0
	for _, in := range found {
		err := app.RunInTransaction(func(tx core.App) error {
			rp, err := tx.FindRecordById(ColRemoteProjects, in.GetString("remoteProject"))
			if err != nil {
				return err
			}
			in.Set("escalatedAt", Stamp(now))
			if err := tx.SaveNoValidate(in); err != nil {
				return err
			}
			coords, err := coordinators(tx)
			if err != nil {
				return err
			}
			host := hostOf(rp.GetString("uri"))
			who := describeUser(tx, in.GetString("user"))
			if err := notify(tx, Notice{Kind: KindInterestEscalated, URL: "/coordinator#remote-waiting-heading",
				Title: "Interest in " + rp.GetString("title") + " on " + host + " has had no reply for three weeks",
				Body: fmt.Sprintf("%s expressed interest on %s in %s's project on %s, another Pipeline, and is still waiting. "+
					"Its coordinators are the ones to nudge its team.", who, waitingSince(in), rp.GetString("organisationName"), host)}, "", coords...); err != nil {
				return err
			}
			return notify(tx, Notice{Kind: KindInterestEscalated, URL: "/network/projects/" + rp.Id,
				Title: "We have told a coordinator about your interest in " + rp.GetString("title"),
				Body:  "The project's team on " + host + " has not replied yet. A coordinator here can reach that Pipeline's coordinators."},
				"", in.GetString("user"))
		})
		if err != nil {
			app.Logger().Error("chase interest on another Pipeline", "interest", in.Id, "error", err)
			continue
		}
		steps++
	}
	return steps, nil
}

func waitingSince(in *core.Record) string {
	return in.GetDateTime("created").Time().Format("2 January 2006")
}

func remindOwner(app core.App, in, p *core.Record) error {
	who := describeInterested(app, in)
	return notify(app, Notice{Kind: KindInterestWaiting, Project: p.Id, Urgent: true, URL: "/my#interest-received",
		Title: who + " is waiting for a reply about " + p.GetString("title"),
		Body: fmt.Sprintf("They expressed interest on %s. Acknowledge it, say you will collaborate, or decline it, so they know where they stand.",
			waitingSince(in))}, "", projectContacts(app, p)...)
}

func escalateInterest(app core.App, in, p *core.Record) error {
	who := describeInterested(app, in)
	coords, err := coordinators(app)
	if err != nil {
		return err
	}
	err = notify(app, Notice{Kind: KindInterestEscalated, Project: p.Id, URL: "/coordinator#unanswered",
		Title: "Interest in " + p.GetString("title") + " has had no reply for three weeks",
		Body:  fmt.Sprintf("%s expressed interest on %s and is still waiting.", who, waitingSince(in))}, "", coords...)
	if err != nil {
		return err
	}
	return notify(app, Notice{Kind: KindInterestEscalated, Project: p.Id, URL: projectPath(p),
		Title: "We have asked a coordinator to help with your interest in " + p.GetString("title"),
		Body:  "The project's team has not replied yet. A coordinator will help you get in touch."}, "", in.GetString("user"))
}

func checkInterest(app core.App, in, p *core.Record) error {
	n := Notice{Kind: KindInterestCheck, Project: p.Id, URL: projectPath(p),
		Title: "Are you still working together on " + p.GetString("title") + "?",
		Body:  "Nothing has changed for a while. If the collaboration has ended or is on hold, update the interest so others know."}
	return notify(app, n, "", append(projectContacts(app, p), in.GetString("user"))...)
}
