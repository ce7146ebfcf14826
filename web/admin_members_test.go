package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

func TestApprovingMembersWithoutScripts(t *testing.T) {
	b := newBrowser(t)
	admin, _ := b.app.FindAuthRecordByEmail(hooks.ColUsers, "officer@leeds.test")
	admin.Set("role", hooks.RoleOrgAdmin)
	users, _ := b.app.FindCollectionByNameOrId(hooks.ColUsers)
	pending := core.NewRecord(users)
	pending.Load(map[string]any{"email": "new@elsewhere.test", "password": "a-long-test-password", "name": "Nia New",
		"organisation": fx.leeds, "membership": hooks.MembershipPending, "verified": true, "role": hooks.RoleOfficer})
	for _, r := range []*core.Record{admin, pending} {
		if err := b.app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	b.signIn("officer@leeds.test")
	status, page := b.get("/admin/members")
	if status != 200 || !strings.Contains(page, "Nia New") || !strings.Contains(page, "1 person is waiting") {
		t.Fatalf("the admin page: %d", status)
	}
	status, _, _ = b.post("/admin/members", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"approved"}, "id": {pending.Id},
		"name": {"Nia New"}, "orgName": {"Leeds City Council"}})
	if status != http.StatusSeeOther {
		t.Fatalf("approve: %d", status)
	}
	if pending, _ = b.app.FindRecordById(hooks.ColUsers, pending.Id); pending.GetString("membership") != hooks.MembershipApproved {
		t.Fatalf("membership %s", pending.GetString("membership"))
	}
	if _, page = b.get("/admin/members"); !strings.Contains(page, "Nia New is now a member of Leeds City Council") || !strings.Contains(page, `value="removeAsk"`) {
		t.Fatal("after approving")
	}
	// Removing asks first.
	status, page, _ = b.post("/admin/members", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"removeAsk"}, "id": {pending.Id}, "name": {"Nia New"}})
	if status != 200 || !strings.Contains(page, "Nia New will no longer be a member") {
		t.Fatalf("remove, asking: %d", status)
	}
	if pending, _ = b.app.FindRecordById(hooks.ColUsers, pending.Id); pending.GetString("membership") != hooks.MembershipApproved {
		t.Fatal("asking removed")
	}
	status, page, _ = b.post("/admin/members", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"domains"}, "emailDomains": {"leeds.gov.uk\nnot a domain"}})
	if status != http.StatusBadRequest || !strings.Contains(page, "not a domain is not an email domain") || !strings.Contains(page, "leeds.gov.uk\nnot a domain</textarea>") {
		t.Fatalf("bad domains: %d", status)
	}
	status, _, _ = b.post("/admin/members", url.Values{"csrf": {b.cookie(csrfCookie)}, "action": {"profile"}, "shortName": {"Leeds"}, "website": {"www.leeds.gov.uk"}})
	if status != http.StatusSeeOther {
		t.Fatalf("profile: %d", status)
	}
	org, _ := b.app.FindRecordById(hooks.ColOrganisations, fx.leeds)
	if org.GetString("website") != "https://www.leeds.gov.uk" || org.GetString("shortName") != "Leeds" {
		t.Fatalf("profile saved as %q %q", org.GetString("website"), org.GetString("shortName"))
	}
	// An officer who is not an admin cannot approve anyone.
	o := b.another()
	o.signIn("officer@bristol.test")
	if status, _ := o.get("/admin/members"); status != http.StatusForbidden {
		t.Fatalf("an officer's admin page: %d", status)
	}
	if status, _, _ := o.post("/admin/members", url.Values{"csrf": {o.cookie(csrfCookie)}, "action": {"declined"}, "id": {pending.Id}}); status < 400 {
		t.Fatalf("an officer declining: %d", status)
	}
}
