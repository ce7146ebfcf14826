package ops

import (
	"pipeline/hooks"

	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// DemoSuperuserEmail is the superuser account the demo creates.
const DemoSuperuserEmail = "admin@pipeline.example"

// ErrNotFresh is returned when demo content would be mixed into a data
// directory that already holds real data.
var ErrNotFresh = errors.New("this data directory already holds projects or people; the demo loads only into a fresh one (choose another --dir)")

// LoadDemo fills a fresh instance with demo councils' people, projects,
// updates, interest and a partner call, dated relative to now. It does
// nothing when the demo is already loaded and refuses (ErrNotFresh) when
// the database holds anything else.
func LoadDemo(app core.App, now time.Time) (loaded bool, err error) {
	if _, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, DemoSuperuserEmail); err == nil {
		return false, nil
	}
	for _, col := range []string{hooks.ColUsers, hooks.ColProjects} {
		n, err := app.CountRecords(col)
		if err != nil {
			return false, fmt.Errorf("count %s: %w", col, err)
		}
		if n > 0 {
			return false, ErrNotFresh
		}
	}
	err = app.RunInTransaction(func(tx core.App) error {
		return loadDemo(tx, now)
	})
	if err != nil {
		return false, fmt.Errorf("load demo: %w", err)
	}
	return true, nil
}

func loadDemo(app core.App, now time.Time) error {
	orgs, err := demoOrganisations(app)
	if err != nil {
		return err
	}
	users := map[string]*core.Record{}
	for _, du := range demoUsers {
		u, err := saveDemoUser(app, du, orgs)
		if err != nil {
			return err
		}
		users[du.Key] = u
	}
	for _, dp := range demoProjects {
		if err := saveDemoProject(app, dp, orgs, users, now); err != nil {
			return fmt.Errorf("demo project %q: %w", dp.Title, err)
		}
	}
	if err := saveDemoRound(app, orgs, now); err != nil {
		return err
	}
	su, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return fmt.Errorf("find superusers: %w", err)
	}
	admin := core.NewRecord(su)
	admin.SetEmail(DemoSuperuserEmail)
	admin.SetPassword(demoPassword)
	if err := app.Save(admin); err != nil {
		return fmt.Errorf("demo superuser: %w", err)
	}
	// Bring the demo's quiet projects and waiting interest up to date, as
	// the daily jobs would have.
	if _, err := hooks.ChaseStaleProjects(app, now); err != nil {
		return fmt.Errorf("chase demo projects: %w", err)
	}
	if _, err := hooks.ChaseInterests(app, now); err != nil {
		return fmt.Errorf("chase demo interest: %w", err)
	}
	// The demo's history fills people's inboxes, but it is not news: it is
	// never emailed.
	if _, err := app.DB().Update(hooks.ColNotifications, dbx.Params{"emailState": hooks.EmailSkipped}, nil).Execute(); err != nil {
		return fmt.Errorf("settle demo notifications: %w", err)
	}
	return nil
}

// demoOrganisations gives every council in the demo the email domains of
// its demo people (or <slug>.example), so demo sign-ups at those domains
// join at once.
func demoOrganisations(app core.App) (map[string]*core.Record, error) {
	domains := map[string][]string{}
	for _, u := range demoUsers {
		if u.Org != "" && !slices.Contains(domains[u.Org], hooks.EmailDomain(u.Email)) {
			domains[u.Org] = append(domains[u.Org], hooks.EmailDomain(u.Email))
		}
	}
	for _, p := range demoProjects {
		for _, slug := range append([]string{p.Org}, p.Partners...) {
			if len(domains[slug]) == 0 {
				domains[slug] = []string{slug + ".example"}
			}
		}
	}
	orgs := map[string]*core.Record{}
	for slug, list := range domains {
		org, err := app.FindFirstRecordByData(hooks.ColOrganisations, "slug", slug)
		if err != nil {
			return nil, fmt.Errorf("demo council %q is not seeded: %w", slug, err)
		}
		org.Set("emailDomains", list)
		if err := app.Save(org); err != nil {
			return nil, fmt.Errorf("demo domains of %s: %w", slug, err)
		}
		orgs[slug] = org
	}
	return orgs, nil
}

func saveDemoUser(app core.App, du demoUser, orgs map[string]*core.Record) (*core.Record, error) {
	col, err := app.FindCollectionByNameOrId(hooks.ColUsers)
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	u := core.NewRecord(col)
	u.SetEmail(du.Email)
	u.SetPassword(demoPassword)
	u.SetVerified(true)
	u.Set("name", du.Name)
	u.Set("jobTitle", du.JobTitle)
	u.Set("role", du.Role)
	u.Set("membership", hooks.MembershipApproved)
	if du.Key == "officer" {
		// One demo account gets email as things happen; the rest get the
		// default daily digest.
		u.Set("emailFrequency", hooks.FrequencyImmediate)
	}
	if org := orgs[du.Org]; org != nil {
		u.Set("organisation", org.Id)
	}
	if err := app.Save(u); err != nil {
		return nil, fmt.Errorf("demo user %s: %w", du.Email, err)
	}
	return u, nil
}

func daysFrom(now time.Time, days int) types.DateTime {
	dt, _ := types.ParseDateTime(now.AddDate(0, 0, days).UTC())
	return dt
}

func saveDemoProject(app core.App, dp demoProject, orgs map[string]*core.Record, users map[string]*core.Record, now time.Time) error {
	col, err := app.FindCollectionByNameOrId(hooks.ColProjects)
	if err != nil {
		return fmt.Errorf("find projects: %w", err)
	}
	owner := users[dp.OwnerKey]
	if owner == nil || orgs[dp.Org] == nil {
		return fmt.Errorf("unknown owner %q or council %q", dp.OwnerKey, dp.Org)
	}
	p := core.NewRecord(col)
	p.Set("title", dp.Title)
	p.Set("summary", dp.Summary)
	p.Set("description", dp.Description)
	p.Set("organisation", orgs[dp.Org].Id)
	p.Set("owner", owner.Id)
	// The demo's owners chose to be their projects' contacts, as the form
	// suggests: Pipeline never makes an owner the contact by itself.
	p.Set("contactName", owner.GetString("name"))
	p.Set("contactEmail", owner.Email())
	p.Set("visibility", dp.Visibility)
	p.Set("budgetBand", dp.BudgetBand)
	p.Set("seeking", dp.Seeking)
	p.Set("tags", dp.Tags)
	p.Set("links", dp.Links)
	var partners []string
	for _, s := range dp.Partners {
		partners = append(partners, orgs[s].Id)
	}
	p.Set("partners", partners)
	// The project starts in the phase before its first phase change, so
	// replaying the updates brings it to dp.Phase.
	p.Set("phase", startingPhase(dp))
	p.Set("phaseStart", daysFrom(now, -dp.PhaseStartedDaysAgo))
	if dp.PhaseEndsInDays != 0 {
		p.Set("phaseEnd", daysFrom(now, dp.PhaseEndsInDays))
	}
	created := daysFrom(now, -dp.PhaseStartedDaysAgo-30)
	p.Set("lastConfirmedAt", created)
	p.Set("lastActivityAt", created)
	if err := app.Save(p); err != nil {
		return err
	}
	for _, du := range dp.Updates {
		if err := saveDemoUpdate(app, p, du, users, now); err != nil {
			return err
		}
	}
	// Dates the demo needs to tell its story, set after the updates that
	// stamp the project with today's date.
	p, err = app.FindRecordById(hooks.ColProjects, p.Id)
	if err != nil {
		return err
	}
	p.Set("phase", dp.Phase)
	p.Set("phaseStart", daysFrom(now, -dp.PhaseStartedDaysAgo))
	p.Set("lastConfirmedAt", daysFrom(now, -dp.IdleDays))
	p.Set("lastActivityAt", daysFrom(now, -dp.IdleDays))
	p.SetRaw("created", created)
	if err := app.SaveNoValidate(p); err != nil {
		return err
	}
	for _, di := range dp.Interests {
		if err := saveDemoInterest(app, p, di, users, now); err != nil {
			return err
		}
	}
	if dp.Call != nil {
		return saveDemoCall(app, p, dp.Call, users, now)
	}
	return nil
}

func startingPhase(dp demoProject) string {
	for _, u := range dp.Updates {
		if u.PhaseTo == "" {
			continue
		}
		for i, ph := range hooks.Phases {
			if ph == u.PhaseTo && i > 0 {
				return hooks.Phases[i-1]
			}
		}
	}
	return dp.Phase
}

func saveDemoUpdate(app core.App, p *core.Record, du demoUpdate, users map[string]*core.Record, now time.Time) error {
	col, err := app.FindCollectionByNameOrId(hooks.ColUpdates)
	if err != nil {
		return fmt.Errorf("find updates: %w", err)
	}
	u := core.NewRecord(col)
	u.Set("project", p.Id)
	if a := users[du.AuthorKey]; a != nil {
		u.Set("author", a.Id)
	}
	u.Set("body", du.Body)
	u.Set("phaseTo", du.PhaseTo)
	if err := app.Save(u); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	return backdateRecord(app, hooks.ColUpdates, u.Id, daysFrom(now, -du.DaysAgo))
}

func saveDemoInterest(app core.App, p *core.Record, di demoInterest, users map[string]*core.Record, now time.Time) error {
	col, err := app.FindCollectionByNameOrId(hooks.ColInterests)
	if err != nil {
		return fmt.Errorf("find interests: %w", err)
	}
	user := users[di.UserKey]
	if user == nil {
		return fmt.Errorf("unknown demo user %q", di.UserKey)
	}
	in := core.NewRecord(col)
	in.Set("project", p.Id)
	in.Set("user", user.Id)
	in.Set("kind", di.Kind)
	in.Set("message", di.Message)
	in.Set("state", di.State)
	if di.State != hooks.InterestOpen {
		in.Set("respondedAt", daysFrom(now, -di.DaysAgo+1))
	}
	if err := app.Save(in); err != nil {
		return fmt.Errorf("interest of %s: %w", di.UserKey, err)
	}
	return backdateRecord(app, hooks.ColInterests, in.Id, daysFrom(now, -di.DaysAgo))
}

func saveDemoCall(app core.App, p *core.Record, dc *demoCall, users map[string]*core.Record, now time.Time) error {
	col, err := app.FindCollectionByNameOrId(hooks.ColCalls)
	if err != nil {
		return fmt.Errorf("find calls: %w", err)
	}
	call := core.NewRecord(col)
	call.Set("project", p.Id)
	call.Set("description", dc.Description)
	call.Set("goalPartners", dc.GoalPartners)
	call.Set("goalFunding", dc.GoalFunding)
	call.Set("goalDays", dc.GoalDays)
	call.Set("deadline", daysFrom(now, dc.DeadlineInDays))
	if err := app.Save(call); err != nil {
		return fmt.Errorf("call: %w", err)
	}
	pledges, err := app.FindCollectionByNameOrId(hooks.ColPledges)
	if err != nil {
		return fmt.Errorf("find pledges: %w", err)
	}
	for _, dpl := range dc.Pledges {
		user := users[dpl.UserKey]
		if user == nil {
			return fmt.Errorf("unknown demo user %q", dpl.UserKey)
		}
		pl := core.NewRecord(pledges)
		pl.Set("call", call.Id)
		pl.Set("user", user.Id)
		pl.Set("funding", dpl.Funding)
		pl.Set("days", dpl.Days)
		pl.Set("note", dpl.Note)
		if err := app.Save(pl); err != nil {
			return fmt.Errorf("pledge of %s: %w", dpl.UserKey, err)
		}
	}
	return nil
}

// demoCounts reports how many demo records of each kind exist, for the
// command's summary.
func demoCounts(app core.App) (string, error) {
	out := ""
	for _, col := range []string{hooks.ColOrganisations, hooks.ColUsers, hooks.ColProjects, hooks.ColUpdates, hooks.ColInterests, hooks.ColCalls, hooks.ColPledges} {
		n, err := app.CountRecords(col, dbx.NewExp("1=1"))
		if err != nil {
			return "", fmt.Errorf("count %s: %w", col, err)
		}
		out += fmt.Sprintf("%s %d, ", col, n)
	}
	return out[:len(out)-2], nil
}

// backdateRecord sets when a demo record was created, without running the hooks
// a second save would (they would take it for a new change).
func backdateRecord(app core.App, collection, id string, at types.DateTime) error {
	_, err := app.DB().Update(collection, dbx.Params{"created": at.String(), "updated": at.String()}, dbx.HashExp{"id": id}).Execute()
	if err != nil {
		return fmt.Errorf("backdate %s %s: %w", collection, id, err)
	}
	return nil
}

// saveDemoRound makes the demo's funder a funder, with one round open
// for bids for the next 30 days.
func saveDemoRound(app core.App, orgs map[string]*core.Record, now time.Time) error {
	org := orgs[demoFunder]
	if org == nil {
		return fmt.Errorf("the demo's funder %q has no demo account", demoFunder)
	}
	org.Set("funder", true)
	if err := app.Save(org); err != nil {
		return fmt.Errorf("demo funder: %w", err)
	}
	col, err := app.FindCollectionByNameOrId(hooks.ColRounds)
	if err != nil {
		return fmt.Errorf("find rounds: %w", err)
	}
	r := core.NewRecord(col)
	r.Load(demoRound)
	r.Set("funder", org.Id)
	r.Set("state", hooks.RoundOpen)
	r.Set("opensAt", hooks.Stamp(now))
	r.Set("closesAt", hooks.Stamp(now.AddDate(0, 0, 30)))
	if err := app.Save(r); err != nil {
		return fmt.Errorf("demo round: %w", err)
	}
	return nil
}
