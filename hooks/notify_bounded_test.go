package hooks

import (
	"testing"

	"github.com/pocketbase/dbx"
)

// Switching organisation back and forth on a pending membership asks each
// organisation once a day, not once a switch (issue 16, item 6).
func TestMembershipRequestsAreNotRepeated(t *testing.T) {
	app := newTestApp(t)
	defer app.Cleanup()
	count := func(org string) int {
		var n int
		if err := app.DB().NewQuery(`SELECT COUNT(*) FROM notifications WHERE kind = {:k} AND title LIKE {:t}`).
			Bind(dbx.Params{"k": KindMembershipRequest, "t": "Pat Pending asks to join %" + org + "%"}).Row(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	leeds, bristol := count("Leeds"), count("Bristol")
	for i := 0; i < 10; i++ {
		u := mustRecord(t, app, ColUsers, fx.pending) // as each request reads it
		org := fx.bristol
		if i%2 == 1 {
			org = fx.leeds
		}
		u.Set("organisation", org)
		if err := app.Save(u); err != nil {
			t.Fatalf("switch %d: %v", i, err)
		}
	}
	if got := count("Bristol") - bristol; got != 1 {
		t.Errorf("Bristol was asked %d times, want once", got)
	}
	if got := count("Leeds") - leeds; leeds == 0 && got != 1 || leeds > 0 && got != 0 {
		t.Errorf("Leeds was asked %d more times (it had %d)", got, leeds)
	}
}
