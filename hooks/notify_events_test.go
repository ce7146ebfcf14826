package hooks

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

func TestInterestNotifiesOwnerNotTheActor(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)

	saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubB, "user": fx.officerA, "kind": InterestReuse, "message": "Can we reuse your permit code?"})
	got := notificationsFor(t, app, fx.officerB)
	if len(got) != 1 || got[0].GetString("kind") != KindInterestExpressed {
		t.Fatalf("owner got %q", kindsOf(got))
	}
	if title := got[0].GetString("title"); !strings.Contains(title, "Olu Officer, Leeds City Council wants to reuse Bristol parking permits") {
		t.Fatalf("title = %q", title)
	}
	if n := notificationsFor(t, app, fx.officerA); len(n) != 0 {
		t.Fatalf("the interested officer was told of their own action: %q", kindsOf(n))
	}
}

func TestFollowingNotifiesNobodyUntilItBecomesInterest(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)

	in := saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubB, "user": fx.officerA, "kind": InterestFollowing})
	if n := notificationsFor(t, app, fx.officerB); len(n) != 0 {
		t.Fatalf("following notified the owner: %q", kindsOf(n))
	}
	in = mustRecord(t, app, ColInterests, in.Id) // as the API would: loaded, then changed
	in.Set("kind", InterestJoin)
	if err := app.Save(in); err != nil {
		t.Fatal(err)
	}
	if n := notificationsFor(t, app, fx.officerB); kindsOf(n) != KindInterestExpressed {
		t.Fatalf("owner got %q after following became joining", kindsOf(n))
	}
}

func TestRenewedInterestNotifiesTheOwner(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	in := mustRecord(t, app, ColInterests, fx.intB)
	in.Set("state", InterestWithdrawn)
	if err := app.Save(in); err != nil {
		t.Fatal(err)
	}
	emptyOutbox(t, app)
	in = mustRecord(t, app, ColInterests, fx.intB)
	in.Set("state", InterestOpen)
	if err := app.Save(in); err != nil {
		t.Fatal(err)
	}
	if n := notificationsFor(t, app, fx.officerA); kindsOf(n) != KindInterestExpressed {
		t.Fatalf("owner got %q when interest was renewed", kindsOf(n))
	}
}

func TestInterestAnswerNotifiesTheInterestedOfficer(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)

	in := mustRecord(t, app, ColInterests, fx.intB)
	in.Set("state", InterestCollaborating)
	if err := app.Save(in); err != nil {
		t.Fatal(err)
	}
	got := notificationsFor(t, app, fx.officerB)
	if len(got) != 1 || !strings.Contains(got[0].GetString("title"), "Leeds City Council is collaborating on Missed bin reporting with you") {
		t.Fatalf("interested officer got %q", kindsOf(got))
	}
}

func TestUpdateNotifiesFollowersButNotItsAuthor(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubA, "user": fx.officerC, "kind": InterestFollowing})
	withdrawn := saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubA, "user": fx.officerA2, "kind": InterestFollowing})
	withdrawn = mustRecord(t, app, ColInterests, withdrawn.Id)
	withdrawn.Set("state", InterestWithdrawn)
	if err := app.Save(withdrawn); err != nil {
		t.Fatal(err)
	}

	saveRecord(t, app, ColUpdates, map[string]any{"project": fx.pubA, "author": fx.officerB, "body": "Bristol tested it too.", "phaseTo": "alpha"})
	if n := notificationsFor(t, app, fx.officerC); kindsOf(n) != KindProjectUpdate ||
		n[0].GetString("title") != "Missed bin reporting moved from discovery to alpha" {
		t.Fatalf("follower got %q", kindsOf(n))
	}
	if n := notificationsFor(t, app, fx.officerB); len(n) != 0 {
		t.Fatalf("the author (who follows) was told of their own update: %q", kindsOf(n))
	}
	if n := notificationsFor(t, app, fx.officerA2); len(n) != 0 {
		t.Fatalf("someone who withdrew was told: %q", kindsOf(n))
	}
}

func TestPhaseEditedOnTheProjectIsLoggedAndAnnounced(t *testing.T) {
	scenario(accessCase{name: "move the phase by editing", method: "PATCH", url: recURL(ColProjects, fx.pubA), body: `{"phase":"beta"}`,
		after: func(t testing.TB, app *tests.TestApp, _ string) {
			u, err := app.FindFirstRecordByFilter(ColUpdates, "project = {:p} && phaseTo = 'beta'", dbx.Params{"p": fx.pubA})
			if err != nil || u.GetString("phaseFrom") != "discovery" || u.GetString("author") != fx.officerA {
				t.Fatalf("phase change not logged as an update: %v", err)
			}
			if n := notificationsFor(t, app, fx.officerB); !strings.Contains(kindsOf(n), KindProjectUpdate) {
				t.Fatalf("follower got %q", kindsOf(n))
			}
		}}, "ownOfficer", ok(`"phase":"beta"`)).Test(t)
}

func TestMembershipRequestAndDecision(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)

	// Leeds has an admin; Camden has none, so coordinators decide.
	leedsAsker := newUser(t, app, "a@example.org", true, fx.leeds)
	camdenAsker := newUser(t, app, "b@example.org", true, fx.camden)
	if n := notificationsFor(t, app, fx.adminA); kindsOf(n) != KindMembershipRequest {
		t.Fatalf("Leeds admin got %q", kindsOf(n))
	}
	if n := notificationsFor(t, app, fx.coordinator); kindsOf(n) != KindMembershipRequest {
		t.Fatalf("coordinator got %q", kindsOf(n))
	}
	_ = camdenAsker

	leedsAsker = mustRecord(t, app, ColUsers, leedsAsker.Id)
	leedsAsker.Set("membership", MembershipApproved)
	if err := app.Save(leedsAsker); err != nil {
		t.Fatal(err)
	}
	if n := notificationsFor(t, app, leedsAsker.Id); kindsOf(n) != KindMembershipDecided ||
		n[0].GetString("title") != "You are now a member of Leeds City Council" {
		t.Fatalf("requester got %q", kindsOf(n))
	}

	// An unverified sign-up does not trouble admins until verified.
	emptyOutbox(t, app)
	u := newUser(t, app, "c@example.org", false, fx.leeds)
	if n := notificationsFor(t, app, fx.adminA); len(n) != 0 {
		t.Fatalf("admins told of an unverified request: %q", kindsOf(n))
	}
	u = mustRecord(t, app, ColUsers, u.Id)
	u.SetVerified(true)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	if n := notificationsFor(t, app, fx.adminA); kindsOf(n) != KindMembershipRequest {
		t.Fatalf("admins got %q after verification", kindsOf(n))
	}
}
