package hooks

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// callThresholds are the shares of the goal at which everyone is told.
var callThresholds = []int{33, 66, 100}

// callProgress is how far a call is towards its goal, in percent: the
// least advanced of its goals (partners, funding, days), at most 100.
func callProgress(call *core.Record) int {
	return progressOf(&CallSummary{
		GoalPartners: call.GetInt("goalPartners"), GoalFunding: call.GetInt("goalFunding"), GoalDays: call.GetInt("goalDays"),
		PledgedPartners: call.GetInt("pledgedPartners"), PledgedFunding: call.GetInt("pledgedFunding"), PledgedDays: call.GetInt("pledgedDays"),
	})
}

// callAudience is everyone a call concerns: the project's owner and key
// contact, its followers and the officers who pledged.
func callAudience(app core.App, call, project *core.Record) ([]string, error) {
	out := projectContacts(app, project)
	f, err := followers(app, project.Id)
	if err != nil {
		return nil, err
	}
	out = append(out, f...)
	var pledgers []string
	if err := app.DB().Select("user").From(ColPledges).Where(dbx.HashExp{"call": call.Id}).
		AndWhere(dbx.Not(dbx.HashExp{"state": PledgeWithdrawn})).Column(&pledgers); err != nil {
		return nil, fmt.Errorf("pledgers of %s: %w", call.Id, err)
	}
	return append(out, pledgers...), nil
}

// callProjectAndAudience is a call's project and everyone the call
// concerns.
func callProjectAndAudience(app core.App, call *core.Record) (*core.Record, []string, error) {
	p, err := callProject(app, call)
	if err != nil {
		return nil, nil, err
	}
	audience, err := callAudience(app, call, p)
	if err != nil {
		return nil, nil, err
	}
	return p, audience, nil
}

// callProject is the project a call is for.
func callProject(app core.App, call *core.Record) (*core.Record, error) {
	p, err := app.FindRecordById(ColProjects, call.GetString("project"))
	if err != nil {
		return nil, fmt.Errorf("project of call %s: %w", call.Id, err)
	}
	return p, nil
}

// goalWords says a call's goal in words: "3 partners, £60,000 and 30 days".
func goalWords(call *core.Record) string {
	var parts []string
	if n := call.GetInt("goalPartners"); n > 0 {
		parts = append(parts, plural(n, "partner organisation", "partner organisations"))
	}
	if n := call.GetInt("goalFunding"); n > 0 {
		parts = append(parts, "£"+thousands(n))
	}
	if n := call.GetInt("goalDays"); n > 0 {
		parts = append(parts, plural(n, "day", "days")+" of work")
	}
	switch len(parts) {
	case 0:
		return "its goal"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// announceProgress tells everyone once the call passes 33%, 66% and 100%
// of its goal. It runs in the pledge's transaction, after the totals.
func announceProgress(app core.App, call *core.Record) error {
	progress := callProgress(call)
	notified := call.GetInt("progressNotified")
	reached := 0
	for _, t := range callThresholds {
		if progress >= t {
			reached = t
		}
	}
	if reached <= notified || call.GetString("state") != CallOpen {
		return nil
	}
	call.Set("progressNotified", reached)
	if err := app.Save(call); err != nil {
		return fmt.Errorf("save progress of call %s: %w", call.Id, err)
	}
	p, audience, err := callProjectAndAudience(app, call)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("The partner call for %s is %d%% of the way to its goal", p.GetString("title"), reached)
	body := fmt.Sprintf("Pledges so far: %s. It closes on %s.", pledgedWords(call), call.GetDateTime("deadline").Time().Format("2 January 2006"))
	if reached == 100 {
		title = fmt.Sprintf("The partner call for %s has met its goal", p.GetString("title"))
		body = fmt.Sprintf("Pledges: %s. The partnership forms when the call closes on %s.", pledgedWords(call), call.GetDateTime("deadline").Time().Format("2 January 2006"))
	}
	return notify(app, Notice{Kind: KindCallProgress, Project: p.Id, URL: projectPath(p) + "#call", Title: title, Body: body}, "", audience...)
}

func pledgedWords(call *core.Record) string {
	return fmt.Sprintf("%s, £%s and %s", plural(call.GetInt("pledgedPartners"), "organisation", "organisations"),
		thousands(call.GetInt("pledgedFunding")), plural(call.GetInt("pledgedDays"), "day", "days"))
}

// RemindCalls tells, at now, the followers whose organisation has not
// pledged and the officers who have, once, when a call has 48 hours or
// less to run. It returns the calls reminded about.
func RemindCalls(app core.App, now time.Time) (int, error) {
	due, err := app.FindRecordsByFilter(ColCalls, "state = 'open' && reminderSentAt = '' && deadline > {:now} && deadline <= {:soon}", "", 0, 0,
		dbx.Params{"now": Stamp(now).String(), "soon": Stamp(now.Add(48 * time.Hour)).String()})
	if err != nil {
		return 0, fmt.Errorf("find calls closing soon: %w", err)
	}
	done := 0
	for _, call := range due {
		err := app.RunInTransaction(func(tx core.App) error {
			call.Set("reminderSentAt", Stamp(now))
			if err := tx.Save(call); err != nil {
				return err
			}
			p, err := callProject(tx, call)
			if err != nil {
				return err
			}
			var pledgingOrgs, pledgers []string
			if err := tx.DB().Select("organisation").From(ColPledges).Where(dbx.HashExp{"call": call.Id, "state": PledgeActive}).Column(&pledgingOrgs); err != nil {
				return err
			}
			if err := tx.DB().Select("user").From(ColPledges).Where(dbx.HashExp{"call": call.Id, "state": PledgeActive}).Column(&pledgers); err != nil {
				return err
			}
			var waiting []string
			var rows []struct {
				User string `db:"user"`
				Org  string `db:"organisation"`
			}
			if err := tx.DB().Select("user", "organisation").From(ColInterests).
				Where(dbx.HashExp{"project": p.Id}).AndWhere(dbx.Not(dbx.HashExp{"state": InterestWithdrawn})).All(&rows); err != nil {
				return err
			}
			for _, r := range rows {
				if r.Org != p.GetString("organisation") && !slices.Contains(pledgingOrgs, r.Org) {
					waiting = append(waiting, r.User)
				}
			}
			closes := call.GetDateTime("deadline").Time().Format("3:04pm on 2 January 2006")
			if err := notify(tx, Notice{Kind: KindCallReminder, Project: p.Id, URL: projectPath(p) + "#call", Urgent: true,
				Title: "The partner call for " + p.GetString("title") + " closes in 48 hours",
				Body:  fmt.Sprintf("It needs %s and has %s so far. Pledge for your organisation before %s if you want to take part.", goalWords(call), pledgedWords(call), closes)},
				"", waiting...); err != nil {
				return err
			}
			return notify(tx, Notice{Kind: KindCallReminder, Project: p.Id, URL: projectPath(p) + "#call",
				Title: "The partner call you pledged to closes in 48 hours",
				Body:  fmt.Sprintf("%s: %s pledged so far. You can still change or withdraw your pledge before %s.", p.GetString("title"), pledgedWords(call), closes)},
				"", pledgers...)
		})
		if err != nil {
			app.Logger().Error("remind call", "call", call.Id, "error", err)
			continue
		}
		done++
	}
	return done, nil
}

// ResolveCalls settles, at now, every open call whose deadline has passed:
// formed if it met its goal (the pledging organisations become the
// project's partners) or not formed (the pledges are released), and tells
// everyone concerned. Each call is settled once, in its own transaction,
// so running it again changes nothing. It returns the calls settled.
func ResolveCalls(app core.App, now time.Time) (int, error) {
	due, err := app.FindRecordsByFilter(ColCalls, "state = 'open' && deadline <= {:now}", "deadline", 0, 0,
		dbx.Params{"now": Stamp(now).String()})
	if err != nil {
		return 0, fmt.Errorf("find calls to settle: %w", err)
	}
	done := 0
	for _, call := range due {
		if err := app.RunInTransaction(func(tx core.App) error { return resolveCall(tx, call, now) }); err != nil {
			app.Logger().Error("settle call", "call", call.Id, "error", err)
			continue
		}
		done++
	}
	return done, nil
}

func resolveCall(app core.App, call *core.Record, now time.Time) error {
	p, audience, err := callProjectAndAudience(app, call)
	if err != nil {
		return err
	}
	var orgs []string
	if err := app.DB().Select("organisation").From(ColPledges).Where(dbx.HashExp{"call": call.Id, "state": PledgeActive}).Column(&orgs); err != nil {
		return err
	}
	formed := callProgress(call) >= 100
	call.Set("resolvedAt", Stamp(now))
	n := Notice{Project: p.Id, URL: projectPath(p) + "#call"}
	if formed {
		call.Set("state", CallFormed)
		partners := p.GetStringSlice("partners")
		for _, o := range orgs {
			if !slices.Contains(partners, o) {
				partners = append(partners, o)
			}
		}
		p.Set("partners", partners)
		if err := app.Save(p); err != nil {
			return fmt.Errorf("add partners to %s: %w", p.Id, err)
		}
		n.Kind = KindCallFormed
		n.Title = "The partnership for " + p.GetString("title") + " has formed"
		n.Body = fmt.Sprintf("The call met its goal of %s with %s. The pledging organisations are now the project's partners.", goalWords(call), pledgedWords(call))
	} else {
		call.Set("state", CallNotFormed)
		if _, err := app.DB().Update(ColPledges, dbx.Params{"state": PledgeReleased}, dbx.HashExp{"call": call.Id, "state": PledgeActive}).Execute(); err != nil {
			return fmt.Errorf("release pledges of %s: %w", call.Id, err)
		}
		n.Kind = KindCallNotFormed
		n.Title = "The partner call for " + p.GetString("title") + " closed without forming"
		n.Body = fmt.Sprintf("It needed %s and had %s. Pledges are released: nobody is committed.", goalWords(call), pledgedWords(call))
	}
	if err := app.Save(call); err != nil {
		return fmt.Errorf("settle call %s: %w", call.Id, err)
	}
	return notify(app, n, "", audience...)
}

// cancelCall releases a cancelled call's pledges and tells everyone it
// concerned but the person who cancelled it.
func cancelCall(app core.App, call *core.Record, actor string) error {
	p, audience, err := callProjectAndAudience(app, call)
	if err != nil {
		return err
	}
	if _, err := app.DB().Update(ColPledges, dbx.Params{"state": PledgeReleased}, dbx.HashExp{"call": call.Id, "state": PledgeActive}).Execute(); err != nil {
		return fmt.Errorf("release pledges of %s: %w", call.Id, err)
	}
	return notify(app, Notice{Kind: KindCallCancelled, Project: p.Id, URL: projectPath(p) + "#call",
		Title: "The partner call for " + p.GetString("title") + " was cancelled",
		Body:  "Its pledges are released: nobody is committed."}, actor, audience...)
}

// announcePledge tells the project's team of a new pledge, in the pledge's
// transaction.
func announcePledge(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		call, err := tx.FindRecordById(ColCalls, e.Record.GetString("call"))
		if err != nil {
			return err
		}
		p, err := callProject(tx, call)
		if err != nil {
			return err
		}
		org := "An organisation"
		if o, err := tx.FindRecordById(ColOrganisations, e.Record.GetString("organisation")); err == nil {
			org = o.GetString("name")
		}
		return notify(tx, Notice{Kind: KindCallPledge, Project: p.Id, URL: projectPath(p) + "#call",
			Title: fmt.Sprintf("%s pledged to the partner call for %s", org, p.GetString("title")),
			Body:  fmt.Sprintf("£%s and %s. %s pledged in all.", thousands(e.Record.GetInt("funding")), plural(e.Record.GetInt("days"), "day", "days"), pledgedWords(call))},
			e.Record.GetString("user"), projectContacts(tx, p)...)
	})
}
