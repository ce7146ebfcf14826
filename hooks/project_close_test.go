package hooks

import (
	"testing"

	"github.com/pocketbase/dbx"
)

func TestClosingAsContinuedInvitesFollowers(t *testing.T) {
	for _, c := range []accessCase{
		{name: "close as duplicate", method: "POST", url: "/api/pipeline/projects/" + fx.pubA2 + "/close", body: `{"continuedIn":"` + fx.pubB + `","reason":"duplicate"}`,
			want: map[string]want{"ownOfficer": ok(`"closedReason":"duplicate"`, `"continuedIn":"`+fx.pubB+`"`), "coordinator": ok(`"closedReason":"duplicate"`),
				"otherOfficer": status(403), "visitor": status(401)}},
		{name: "close with no reason", method: "POST", url: "/api/pipeline/projects/" + fx.pubA2 + "/close", body: `{"continuedIn":"` + fx.pubB + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"reason"`}}}},
		{name: "close into a draft", method: "POST", url: "/api/pipeline/projects/" + fx.pubA2 + "/close", body: `{"continuedIn":"` + fx.draftA + `","reason":"merged"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"continuedIn"`}}}},
	} {
		runAs(t, c)
	}
	app := newTestApp(t)
	defer app.Cleanup()
	emptyOutbox(t, app)
	saveRecord(t, app, ColInterests, map[string]any{"project": fx.pubA2, "user": fx.officerC, "kind": InterestFollowing})
	if err := CloseAsContinued(app, mustRecord(t, app, ColProjects, fx.pubA2), mustRecord(t, app, ColProjects, fx.pubB), "merged", fx.officerA, testNow); err != nil {
		t.Fatal(err)
	}
	if kindCount(t, app, fx.officerC, KindContinuedIn) != 1 {
		t.Fatal("the follower was not invited")
	}
	if n, _ := app.CountRecords(ColInterests, dbx.HashExp{"project": fx.pubB, "user": fx.officerC}); n != 0 {
		t.Fatal("the follower was moved, not invited")
	}
}
