package hooks

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// describeUser names a person and their organisation: "Sam Jones, Leeds City Council".
func describeUser(app core.App, userId string) string {
	u, err := app.FindRecordById(ColUsers, userId)
	if err != nil {
		return "Someone"
	}
	name := u.GetString("name")
	if org, err := app.FindRecordById(ColOrganisations, u.GetString("organisation")); err == nil {
		return name + ", " + org.GetString("name")
	}
	return name
}

// interestPhrases say what each kind of interest means.
var interestPhrases = map[string]string{
	InterestFollowing:  "is following",
	InterestJoin:       "wants to join",
	InterestReuse:      "wants to reuse",
	InterestSimilar:    "has done something similar to",
	InterestContribute: "can contribute to",
}

func notifyInterestExpressed(app core.App, interest *core.Record) error {
	p, err := app.FindRecordById(ColProjects, interest.GetString("project"))
	if err != nil {
		return fmt.Errorf("interest's project: %w", err)
	}
	who := describeInterested(app, interest)
	n := Notice{
		Kind:    KindInterestExpressed,
		Project: p.Id,
		Title:   fmt.Sprintf("%s %s %s", who, interestPhrases[interest.GetString("kind")], p.GetString("title")),
		Body:    interest.GetString("message"),
		URL:     "/my#interest-received",
	}
	if prevId := interest.GetString("previous"); prevId != "" {
		if prev, err := app.FindRecordById(ColInterests, prevId); err == nil {
			n.Body = strings.TrimSpace(fmt.Sprintf("This is a new interest: your team declined their earlier one on %s.\n\n%s",
				longDate(declinedAt(prev)), n.Body))
		}
	}
	return notify(app, n, interest.GetString("user"), projectContacts(app, p)...)
}

var answerPhrases = map[string]string{
	InterestAcknowledged:  "acknowledged",
	InterestCollaborating: "is collaborating on",
	InterestDeclined:      "declined",
}

func notifyInterestChanged(app core.App, interest *core.Record) error {
	orig := interest.Original()
	// Following that becomes interest, or interest renewed after being
	// withdrawn, is news to the project's team.
	nowInterested := interest.GetString("kind") != InterestFollowing && interest.GetString("state") == InterestOpen
	wasInterested := orig.GetString("kind") != InterestFollowing && orig.GetString("state") == InterestOpen
	remote := interest.GetString("project") == ""
	if nowInterested && !wasInterested && !remote {
		return notifyInterestExpressed(app, interest)
	}
	state := interest.GetString("state")
	phrase, answered := answerPhrases[state]
	if !answered || state == orig.GetString("state") || interest.GetString("user") == "" {
		return nil // an interest from another Pipeline hears there
	}
	if remote {
		return notifyRemoteAnswer(app, interest, state, phrase)
	}
	p, err := app.FindRecordById(ColProjects, interest.GetString("project"))
	if err != nil {
		return fmt.Errorf("interest's project: %w", err)
	}
	orgName := "The project's team"
	if org, err := app.FindRecordById(ColOrganisations, p.GetString("organisation")); err == nil {
		orgName = org.GetString("name")
	}
	title := fmt.Sprintf("%s %s your interest in %s", orgName, phrase, p.GetString("title"))
	if state == InterestCollaborating {
		title = fmt.Sprintf("%s %s %s with you", orgName, phrase, p.GetString("title"))
	}
	return notify(app, Notice{Kind: KindInterestAnswered, Project: p.Id, Title: title, URL: projectPath(p)}, "", interest.GetString("user"))
}

// notifyRemoteAnswer tells an officer of the answer to their interest in
// another Pipeline's project.
func notifyRemoteAnswer(app core.App, interest *core.Record, state, phrase string) error {
	rp, err := app.FindRecordById(ColRemoteProjects, interest.GetString("remoteProject"))
	if err != nil {
		return fmt.Errorf("interest's remote project: %w", err)
	}
	orgName := rp.GetString("organisationName")
	title := fmt.Sprintf("%s %s your interest in %s", orgName, phrase, rp.GetString("title"))
	if state == InterestCollaborating {
		title = fmt.Sprintf("%s %s %s with you", orgName, phrase, rp.GetString("title"))
	}
	return notify(app, Notice{Kind: KindInterestAnswered, Title: title, URL: "/network/projects/" + rp.Id,
		Body: "The project is on " + hostOf(rp.GetString("uri")) + ", another Pipeline."}, "", interest.GetString("user"))
}

// notifyMembership tells an organisation's admins (or the coordinators)
// when a verified person asks to join, and the person when it is decided.
func notifyMembership(app core.App, u *core.Record) error {
	orig := u.Original()
	membership, org := u.GetString("membership"), u.GetString("organisation")
	asking := membership == MembershipPending && org != "" && u.Verified() &&
		(u.Original().Id == "" || org != orig.GetString("organisation") ||
			orig.GetString("membership") != MembershipPending || !orig.Verified())
	if asking {
		orgRec, err := app.FindRecordById(ColOrganisations, org)
		if err != nil {
			return fmt.Errorf("requested organisation: %w", err)
		}
		deciders, err := orgAdminsOrCoordinators(app, org)
		if err != nil {
			return err
		}
		who := u.GetString("name")
		if title := u.GetString("jobTitle"); title != "" {
			who += " (" + title + ")"
		}
		return notify(app, Notice{
			Kind:  KindMembershipRequest,
			Title: fmt.Sprintf("%s asks to join %s", who, orgRec.GetString("name")),
			Body:  fmt.Sprintf("Their email address is %s. Approve or decline their request.", u.Email()),
			URL:   "/admin/members",
			// Switching organisation back and forth asks each once a day.
			OncePer: 24 * time.Hour,
		}, u.Id, deciders...)
	}
	decided := orig.GetString("membership") == MembershipPending &&
		(membership == MembershipApproved || membership == MembershipDeclined)
	if !decided || org == "" {
		return nil
	}
	orgRec, err := app.FindRecordById(ColOrganisations, org)
	if err != nil {
		return fmt.Errorf("organisation: %w", err)
	}
	n := Notice{Kind: KindMembershipDecided, URL: "/my"}
	if membership == MembershipApproved {
		n.Title = "You are now a member of " + orgRec.GetString("name")
		n.Body = "You can publish and update your organisation's projects, and express interest in other councils' work."
	} else {
		n.Title = "Your request to join " + orgRec.GetString("name") + " was declined"
		n.Body = "If you think this is a mistake, contact your organisation's digital team, or ask to join another organisation."
	}
	return notify(app, n, "", u.Id)
}

// notifyInterestOnCreate tells a project's team of new interest (following
// alone tells no one), in the interest's transaction.
func notifyInterestOnCreate(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		if e.Record.GetString("kind") == InterestFollowing || e.Record.GetString("project") == "" {
			return nil // following tells no one; a remote project's team hears at its origin
		}
		return notifyInterestExpressed(tx, e.Record)
	})
}

// notifyInterestOnUpdate tells whoever should hear of an interest's change
// of kind or state, in the interest's transaction.
func notifyInterestOnUpdate(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error {
		return notifyInterestChanged(tx, e.Record)
	})
}

// notifyMembershipOnSave tells admins of a request to join and the person
// of the decision, in the person's transaction.
func notifyMembershipOnSave(e *core.RecordEvent) error {
	return inTransaction(e, func(tx core.App) error { return notifyMembership(tx, e.Record) })
}
