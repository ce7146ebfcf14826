package hooks

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Notice is one event to tell people about. Each recipient gets their own
// notification record: the in-app inbox and the email outbox at once.
type Notice struct {
	Kind    string
	Project string // project id, if the event is about one
	Title   string
	Body    string
	URL     string // path of the exact thing, e.g. /projects/<slug>
	// Urgent notices ask for an action against a deadline; they are emailed
	// at the next delivery even to people who chose a digest.
	Urgent bool
	// OncePer, when set, leaves out a recipient who was given the same
	// notice (kind, title and address) within it: a repeated action does
	// not repeat the notice.
	OncePer time.Duration
}

// notify stores n for each recipient except the actor (nobody is told of
// their own actions), once per person.
func notify(app core.App, n Notice, actor string, recipients ...string) error {
	col, err := app.FindCachedCollectionByNameOrId(ColNotifications)
	if err != nil {
		return fmt.Errorf("find notifications: %w", err)
	}
	var done []string
	for _, uid := range recipients {
		if uid == "" || uid == actor || slices.Contains(done, uid) {
			continue
		}
		done = append(done, uid)
		if n.OncePer > 0 {
			var given int
			err := app.DB().NewQuery(`SELECT COUNT(*) FROM notifications WHERE user = {:u} AND kind = {:k}
				AND title = {:t} AND url = {:url} AND created >= {:since}`).Bind(dbx.Params{"u": uid, "k": n.Kind,
				"t": truncate(n.Title, 300), "url": n.URL, "since": Stamp(time.Now().Add(-n.OncePer)).String()}).Row(&given)
			if err != nil {
				return fmt.Errorf("look for the same notice: %w", err)
			}
			if given > 0 {
				continue
			}
		}
		r := core.NewRecord(col)
		r.Set("user", uid)
		r.Set("kind", n.Kind)
		r.Set("project", n.Project)
		r.Set("title", truncate(n.Title, 300))
		r.Set("body", truncate(n.Body, 5000))
		r.Set("url", n.URL)
		r.Set("urgent", n.Urgent)
		r.Set("emailState", EmailPending)
		if err := app.Save(r); err != nil {
			return fmt.Errorf("notify %s of %s: %w", uid, n.Kind, err)
		}
	}
	return nil
}

func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// projectPath is the UI's address of a project.
func projectPath(p *core.Record) string {
	return "/projects/" + p.GetString("slug")
}

// followers are everyone with a live interest in a project: expressing
// any interest follows it, withdrawing stops.
func followers(app core.App, projectId string) ([]string, error) {
	var ids []string
	err := app.DB().Select("user").From(ColInterests).
		Where(dbx.HashExp{"project": projectId}).
		AndWhere(dbx.Not(dbx.HashExp{"state": InterestWithdrawn})).
		Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("followers of %s: %w", projectId, err)
	}
	return ids, nil
}

// projectContacts are a project's owner and, if they have an account, its
// key contact.
func projectContacts(app core.App, p *core.Record) []string {
	out := []string{p.GetString("owner")}
	if email := p.GetString("contactEmail"); email != "" {
		if u, err := app.FindAuthRecordByEmail(ColUsers, email); err == nil {
			out = append(out, u.Id)
		}
	}
	return out
}

// orgAdmins are the approved admins of an organisation.
func orgAdmins(app core.App, orgId string) ([]string, error) {
	return userIds(app, dbx.HashExp{"organisation": orgId, "role": RoleOrgAdmin, "membership": MembershipApproved})
}

// coordinators are the network's approved coordinators.
func coordinators(app core.App) ([]string, error) {
	return userIds(app, dbx.HashExp{"role": RoleCoordinator, "membership": MembershipApproved})
}

// orgAdminsOrCoordinators are an organisation's admins or, when it has
// none, the coordinators.
func orgAdminsOrCoordinators(app core.App, orgId string) ([]string, error) {
	admins, err := orgAdmins(app, orgId)
	if err != nil || len(admins) > 0 {
		return admins, err
	}
	return coordinators(app)
}

func userIds(app core.App, where dbx.Expression) ([]string, error) {
	var ids []string
	if err := app.DB().Select("id").From(ColUsers).Where(where).Column(&ids); err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	return ids, nil
}
