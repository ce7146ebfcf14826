package ops

import (
	"pipeline/hooks"

	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/crypto/bcrypt"
)

// BenchSizes say how much SeedBench generates.
type BenchSizes struct {
	Organisations, Projects, Users, Interests, Updates int
	// Calls are open partner calls, each on its own project, with pledges
	// from other organisations.
	Calls int
}

// DefaultBenchSizes are the whole UK public sector and then some.
var DefaultBenchSizes = BenchSizes{Organisations: 400, Projects: 100_000, Users: 20_000, Interests: 300_000, Updates: 50_000, Calls: 2_000}

// ErrNotEmpty is returned when benchmark data would be mixed into an
// instance that already has people or projects.
var ErrNotEmpty = errors.New("this data directory already holds people or projects; seed-bench fills only an empty one (or pass --force)")

// BenchPassword is the password of every generated user.
const BenchPassword = "bench-password"

// SeedBench fills an instance with deterministic generated data: the same
// seed and sizes give the same data. Councils come from the seeded
// register; further organisations are generated up to the size asked.
// Users get one shared password (hashed once, for speed).
func SeedBench(app core.App, s BenchSizes, seed uint64, force bool) (time.Duration, error) {
	start := time.Now()
	if !force {
		for _, col := range []string{hooks.ColUsers, hooks.ColProjects} {
			if n, err := app.CountRecords(col); err != nil || n > 0 {
				return 0, ErrNotEmpty
			}
		}
	}
	r := rand.New(rand.NewPCG(seed, seed^0x51ed2705))
	id := func() string {
		const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
		b := make([]byte, 15)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	var orgs []string
	if err := app.DB().Select("id").From(hooks.ColOrganisations).OrderBy("id").Column(&orgs); err != nil {
		return 0, err
	}
	created := hooks.Stamp(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)).String()
	batch := func(n int, each func(tx core.App, i int) error) error { return inBatches(app, n, 2000, each) }
	err := batch(max(0, s.Organisations-len(orgs)), func(tx core.App, i int) error {
		oid := id()
		orgs = append(orgs, oid)
		_, err := tx.DB().Insert(hooks.ColOrganisations, dbx.Params{"id": oid, "name": fmt.Sprintf("Bench Organisation %d", i),
			"slug": fmt.Sprintf("bench-organisation-%d-%d", seed, i), "kind": "other", "emailDomains": "[]", "created": created, "updated": created}).Execute()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("seed organisations: %w", err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(BenchPassword), 10)
	if err != nil {
		return 0, err
	}
	// Email choices as officers might make them: most want a daily digest.
	frequencies := []string{hooks.FrequencyDaily, hooks.FrequencyDaily, hooks.FrequencyDaily, hooks.FrequencyDaily, hooks.FrequencyDaily,
		hooks.FrequencyWeekly, hooks.FrequencyWeekly, hooks.FrequencyImmediate, hooks.FrequencyImmediate, hooks.FrequencyOff}
	// One officer in twenty is their organisation's admin.
	roles := append(slices.Repeat([]string{hooks.RoleOfficer}, 19), hooks.RoleOrgAdmin)
	users := make([]string, s.Users)
	userOrg := make([]string, s.Users)
	err = batch(s.Users, func(tx core.App, i int) error {
		users[i], userOrg[i] = id(), orgs[r.IntN(len(orgs))]
		_, err := tx.DB().Insert(hooks.ColUsers, dbx.Params{"id": users[i], "email": fmt.Sprintf("bench%d-%d@bench.invalid", seed, i),
			"password": string(hash), "tokenKey": id() + id(), "verified": true, "name": fmt.Sprintf("Bench Officer %d", i),
			"organisation": userOrg[i], "role": roles[i%len(roles)], "membership": hooks.MembershipApproved, "emailFrequency": frequencies[r.IntN(len(frequencies))],
			"created": created, "updated": created}).Execute()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("seed users: %w", err)
	}
	if _, err := SeedProjects(app, s.Projects, seed); err != nil {
		return 0, err
	}
	var projects []struct {
		Id  string `db:"id"`
		Org string `db:"organisation"`
	}
	if err := app.DB().Select("id", "organisation").From(hooks.ColProjects).OrderBy("id").All(&projects); err != nil {
		return 0, err
	}
	if len(projects) == 0 || len(users) == 0 {
		return time.Since(start), nil
	}
	if err := seedOwners(app, r, projects, users, userOrg); err != nil {
		return 0, err
	}
	kinds := []string{hooks.InterestFollowing, hooks.InterestJoin, hooks.InterestReuse, hooks.InterestSimilar, hooks.InterestContribute}
	states := []string{hooks.InterestOpen, hooks.InterestAcknowledged, hooks.InterestCollaborating, hooks.InterestDeclined}
	seen := map[[2]int]bool{}
	err = batch(s.Interests, func(tx core.App, i int) error {
		var pi, ui int
		for tries := 0; ; tries++ {
			pi, ui = r.IntN(len(projects)), r.IntN(len(users))
			if !seen[[2]int{pi, ui}] && userOrg[ui] != projects[pi].Org {
				break
			}
			if tries > 1000 {
				return nil // no free pair left: fewer interests than asked
			}
		}
		seen[[2]int{pi, ui}] = true
		_, err := tx.DB().Insert(hooks.ColInterests, dbx.Params{"id": id(), "project": projects[pi].Id, "user": users[ui],
			"organisation": userOrg[ui], "kind": kinds[r.IntN(len(kinds))], "state": states[r.IntN(len(states))],
			"message": "Generated interest.", "created": created, "updated": created}).Execute()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("seed interests: %w", err)
	}
	err = batch(s.Updates, func(tx core.App, i int) error {
		p := projects[r.IntN(len(projects))]
		_, err := tx.DB().Insert(hooks.ColUpdates, dbx.Params{"id": id(), "project": p.Id, "author": users[r.IntN(len(users))],
			"body": "Generated status update: we tested the prototype with residents and changed the form.", "created": created, "updated": created}).Execute()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("seed updates: %w", err)
	}
	if err := seedCalls(app, s.Calls, r, id, projects, users, userOrg, created); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// inBatches calls each for 0 … n-1, size calls to a transaction.
func inBatches(app core.App, n, size int, each func(tx core.App, i int) error) error {
	for done := 0; done < n; done += size {
		err := app.RunInTransaction(func(tx core.App) error {
			for i := done; i < min(done+size, n); i++ {
				if err := each(tx, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// seedOwners gives each project an owner from its own organisation (if
// it has any generated people), as the chase and the outbox need.
func seedOwners(app core.App, r *rand.Rand, projects []struct {
	Id  string `db:"id"`
	Org string `db:"organisation"`
}, users, userOrg []string) error {
	byOrg := map[string][]string{}
	for i, u := range users {
		byOrg[userOrg[i]] = append(byOrg[userOrg[i]], u)
	}
	err := inBatches(app, len(projects), 2000, func(tx core.App, i int) error {
		people := byOrg[projects[i].Org]
		if len(people) == 0 {
			return nil
		}
		_, err := tx.DB().Update(hooks.ColProjects, dbx.Params{"owner": people[r.IntN(len(people))]}, dbx.HashExp{"id": projects[i].Id}).Execute()
		return err
	})
	if err != nil {
		return fmt.Errorf("seed owners: %w", err)
	}
	return nil
}

// seedCalls adds open partner calls on distinct projects with pledges
// from other organisations' officers, their totals kept as the pledges
// hook would. Deadlines fall from 30 days before the day of seeding to 60
// days after, so that resolve_calls and remind_calls have work whenever
// the data is used.
func seedCalls(app core.App, n int, r *rand.Rand, id func() string, projects []struct {
	Id  string `db:"id"`
	Org string `db:"organisation"`
}, users, userOrg []string, created string) error {
	n = min(n, len(projects))
	today := time.Now().UTC().Truncate(24 * time.Hour)
	order := r.Perm(len(projects))
	err := inBatches(app, n, 500, func(tx core.App, i int) error {
		p := projects[order[i]]
		callID := id()
		deadline := hooks.Stamp(today.Add(time.Duration(r.IntN(90*24)-30*24) * time.Hour)).String()
		goalPartners := 2 + r.IntN(4)
		partners, funding, days := 0, 0, 0
		seen := map[string]bool{p.Org: true}
		for range r.IntN(goalPartners + 2) {
			ui := r.IntN(len(users))
			if seen[userOrg[ui]] {
				continue
			}
			seen[userOrg[ui]] = true
			f, d := 5000*(1+r.IntN(6)), 5*r.IntN(5)
			partners, funding, days = partners+1, funding+f, days+d
			_, err := tx.DB().Insert(hooks.ColPledges, dbx.Params{"id": id(), "call": callID, "organisation": userOrg[ui],
				"user": users[ui], "funding": f, "days": d, "note": "Generated pledge.", "state": hooks.PledgeActive,
				"created": created, "updated": created}).Execute()
			if err != nil {
				return err
			}
		}
		_, err := tx.DB().Insert(hooks.ColCalls, dbx.Params{"id": callID, "project": p.Id,
			"description":  "Generated call: we are looking for councils to share the build and the running costs.",
			"goalPartners": goalPartners, "goalFunding": 10000 * goalPartners, "goalDays": 0, "deadline": deadline,
			"state": hooks.CallOpen, "pledgedPartners": partners, "pledgedFunding": funding, "pledgedDays": days,
			"progressNotified": 0, "created": created, "updated": created}).Execute()
		return err
	})
	if err != nil {
		return fmt.Errorf("seed calls: %w", err)
	}
	return nil
}
