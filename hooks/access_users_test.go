package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

const signUp = `{"email":"someone@leeds.test","password":"password-123","passwordConfirm":"password-123","name":"Sol Someone"`

func TestUsersAccess(t *testing.T) {
	runMatrix(t, []accessCase{
		// Approved people see each other; pending people only themselves;
		// admins also see who is asking to join; coordinators see everyone.
		{name: "list users", method: "GET", url: colURL(ColUsers) + "?perPage=50",
			want: map[string]want{
				"visitor": list(0), "ownOfficer": list(7), "otherOfficer": list(7), "pending": list(1),
				"orgAdmin": list(9), "coordinator": list(10), "superuser": list(10),
			}},
		{name: "view a pending user", method: "GET", url: recURL(ColUsers, fx.pending),
			want: map[string]want{
				"visitor": status(404), "ownOfficer": status(404), "otherOfficer": status(404),
				"pending":     ok(`"email":"pending@example.org"`),
				"orgAdmin":    ok(`"email":"pending@example.org"`),
				"coordinator": ok(`"email":"pending@example.org"`),
				"superuser":   ok(`"email":"pending@example.org"`),
			}},
		{name: "view an approved user", method: "GET", url: recURL(ColUsers, fx.officerA2),
			want: map[string]want{
				"visitor":      status(404),
				"ownOfficer":   ok(`"name":"Sam Second"`).without(`second@leeds.test`),
				"otherOfficer": ok(`"name":"Sam Second"`).without(`second@leeds.test`),
				"pending":      status(404),
				"orgAdmin":     ok(`"email":"second@leeds.test"`),
				"coordinator":  ok(`"email":"second@leeds.test"`),
				"superuser":    ok(`"email":"second@leeds.test"`),
			}},
		{name: "sign up", method: "POST", url: colURL(ColUsers), body: signUp + `}`,
			// The answer to a sign-up shows no settings: nobody is signed in
			// as the new person yet (account_private_test.go).
			want: every(ok(`"membership":"pending"`, `"role":"officer"`, `"organisation":"`+fx.leeds+`"`),
				ok(`"membership":"pending"`)),
			after: func(t testing.TB, app *tests.TestApp, _ string) {
				if app.TestMailer.TotalSend() != 1 {
					t.Fatalf("want 1 verification email, got %d", app.TestMailer.TotalSend())
				}
			}},
		{name: "approve a pending user", method: "PATCH", url: recURL(ColUsers, fx.pending), body: `{"membership":"approved"}`,
			want: map[string]want{
				"visitor": status(404), "ownOfficer": status(404), "otherOfficer": status(404),
				"pending":  {status: 400, content: []string{`"membership":{"code":"pipeline_forbidden_field"`}},
				"orgAdmin": ok(`"membership":"approved"`), "coordinator": ok(`"membership":"approved"`), "superuser": ok(`"membership":"approved"`),
			}},
		{name: "delete a user", method: "DELETE", url: recURL(ColUsers, fx.officerA2),
			want: every(status(404), status(204))},
	})
}

func TestUsersForgery(t *testing.T) {
	cases := []accessCase{
		{name: "sign up as coordinator", method: "POST", url: colURL(ColUsers), body: signUp + `,"role":"coordinator"}`,
			want: map[string]want{"visitor": {status: 400, content: []string{`"role":{"code":"pipeline_forbidden_field"`}}}},
		{name: "sign up approved", method: "POST", url: colURL(ColUsers), body: signUp + `,"membership":"approved"}`,
			want: map[string]want{"visitor": {status: 400, content: []string{`"membership"`}}}},
		{name: "sign up verified", method: "POST", url: colURL(ColUsers), body: signUp + `,"verified":true}`,
			want: map[string]want{"visitor": {status: 400, content: []string{`"verified"`}}}},
		{name: "sign up without a name", method: "POST", url: colURL(ColUsers),
			body: `{"email":"x@y.test","password":"password-123","passwordConfirm":"password-123"}`,
			want: map[string]want{"visitor": {status: 400, content: []string{`"name":{"code":"validation_required"`}}}},
		{name: "sign up asking to join another organisation", method: "POST", url: colURL(ColUsers),
			body: `{"email":"x@example.org","password":"password-123","passwordConfirm":"password-123","name":"X","organisation":"` + fx.camden + `"}`,
			want: map[string]want{"visitor": ok(`"organisation":"`+fx.camden+`"`, `"membership":"pending"`)}},
		{name: "officer makes themself admin", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"role":"orgAdmin"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"role":{"code":"pipeline_forbidden_field"`}}}},
		{name: "officer makes themself coordinator", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"role":"coordinator"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"role"`}}}},
		{name: "officer moves to another organisation", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"organisation":"` + fx.bristol + `"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`pipeline_already_member`}}}},
		{name: "officer edits their profile", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"jobTitle":"Service owner","emailFrequency":"weekly"}`,
			want: map[string]want{"ownOfficer": ok(`"jobTitle":"Service owner"`, `"emailFrequency":"weekly"`)}},
		{name: "officer mutes and unmutes projects", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"mutedProjects":["` + fx.pubB + `"]}`,
			want: map[string]want{"ownOfficer": ok(`"mutedProjects":["` + fx.pubB + `"]`)}},
		{name: "pending user approves themself", method: "PATCH", url: recURL(ColUsers, fx.pending), body: `{"membership":"approved"}`,
			want: map[string]want{"pending": {status: 400, content: []string{`"membership"`}}}},
		{name: "pending user asks another organisation", method: "PATCH", url: recURL(ColUsers, fx.pending), body: `{"organisation":"` + fx.camden + `"}`,
			want: map[string]want{"pending": ok(`"organisation":"`+fx.camden+`"`, `"membership":"pending"`)}},
		{name: "admin appoints an admin", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"role":"orgAdmin"}`,
			want: map[string]want{"orgAdmin": {status: 400, content: []string{`"role"`}}}},
		{name: "admin edits an officer's name", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"name":"Renamed"}`,
			want: map[string]want{"orgAdmin": {status: 400, content: []string{`"name"`}}}},
		{name: "admin removes an officer who left", method: "PATCH", url: recURL(ColUsers, fx.officerA2), body: `{"membership":"declined"}`,
			want: map[string]want{"orgAdmin": ok(`"membership":"declined"`)}},
		{name: "admin approves another organisation's request", method: "PATCH", url: recURL(ColUsers, fx.pendingB), body: `{"membership":"approved"}`,
			want: map[string]want{"orgAdmin": status(404), "ownOfficer": status(404)}},
		{name: "admin approves an unverified address", method: "PATCH", url: recURL(ColUsers, fx.unverified), body: `{"membership":"approved"}`,
			want: map[string]want{"orgAdmin": {status: 400, content: []string{`pipeline_unverified`}}}},
		{name: "admin moves a request to another organisation", method: "PATCH", url: recURL(ColUsers, fx.pending), body: `{"organisation":"` + fx.bristol + `"}`,
			want: map[string]want{"orgAdmin": {status: 400, content: []string{`"organisation"`}}}},
		{name: "coordinator appoints an admin", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"role":"orgAdmin"}`,
			want: map[string]want{"coordinator": ok(`"role":"orgAdmin"`)}},
		{name: "coordinator appoints a coordinator", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"role":"coordinator"}`,
			want: map[string]want{"coordinator": {status: 400, content: []string{`pipeline_superuser_only`}}, "superuser": ok(`"role":"coordinator"`)}},
		{name: "coordinator approves a request where there is no admin", method: "PATCH", url: recURL(ColUsers, fx.pendingB), body: `{"membership":"approved"}`,
			want: map[string]want{"coordinator": ok(`"membership":"approved"`)}},
		{name: "someone changes another person's email", method: "PATCH", url: recURL(ColUsers, fx.officerA), body: `{"email":"evil@leeds.test"}`,
			want: map[string]want{"coordinator": {status: 400, content: []string{`"email"`}}, "orgAdmin": {status: 400, content: []string{`"email"`}}}},
		{name: "user deletes themself", method: "DELETE", url: recURL(ColUsers, fx.officerA2),
			want: map[string]want{"ownOfficer2": status(204)}},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}
