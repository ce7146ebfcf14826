package hooks

import "testing"

func TestInterestsAccess(t *testing.T) {
	runMatrix(t, []accessCase{
		// Interest is seen by the interested officer, the owning
		// organisation and coordinators.
		{name: "list interests", method: "GET", url: colURL(ColInterests),
			want: map[string]want{
				"visitor": list(0), "ownOfficer": list(1), "otherOfficer": list(1), "pending": list(0),
				"orgAdmin": list(1), "coordinator": list(1), "superuser": list(1),
			}},
		{name: "view an interest", method: "GET", url: recURL(ColInterests, fx.intB),
			want: only(ok(`"message":"We would like to join."`), status(404),
				"ownOfficer", "otherOfficer", "orgAdmin", "coordinator", "superuser")},
		{name: "express interest in a Bristol project", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.pubB + `","kind":"join","message":"Can we join?"}`,
			want: map[string]want{
				"visitor":      status(400),
				"ownOfficer":   ok(`"user":"`+fx.officerA+`"`, `"organisation":"`+fx.leeds+`"`, `"state":"open"`),
				"otherOfficer": {status: 400, content: []string{`pipeline_own_project`}},
				"pending":      status(400),
				"orgAdmin":     ok(`"user":"`+fx.adminA+`"`, `"organisation":"`+fx.leeds+`"`),
				"coordinator":  ok(`"user":"` + fx.coordinator + `"`),
				"superuser":    {status: 400, content: []string{`"user":{"code":"validation_required"`}},
			}},
		{name: "acknowledge an interest", method: "PATCH", url: recURL(ColInterests, fx.intB), body: `{"state":"acknowledged"}`,
			want: map[string]want{
				"visitor":      status(404),
				"ownOfficer":   ok(`"state":"acknowledged"`, `"respondedAt":"20`),
				"otherOfficer": {status: 400, content: []string{`pipeline_invalid_transition`}},
				"pending":      status(404),
				"orgAdmin":     ok(`"state":"acknowledged"`),
				"coordinator":  status(404),
				"superuser":    ok(`"state":"acknowledged"`),
			}},
		{name: "delete an interest", method: "DELETE", url: recURL(ColInterests, fx.intB),
			want: only(status(204), status(404), "otherOfficer", "superuser")},
	})
}

func TestInterestsForgery(t *testing.T) {
	cases := []accessCase{
		{name: "officer expresses interest as a colleague", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.pubB + `","kind":"join","user":"` + fx.officerA2 + `"}`,
			want: map[string]want{"ownOfficer": status(400)}},
		{name: "officer expresses interest for another organisation", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.pubB + `","kind":"join","organisation":"` + fx.camden + `"}`,
			want: map[string]want{"ownOfficer": status(400)}},
		{name: "officer starts an interest as collaborating", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.pubB + `","kind":"join","state":"collaborating"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"state":{"code":"pipeline_forbidden_field"`}}}},
		{name: "officer expresses interest twice", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.pubA + `","kind":"reuse"}`,
			want: map[string]want{"otherOfficer": {status: 400, content: []string{`validation_not_unique`}}}},
		{name: "officer expresses interest in a draft", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.draftA + `","kind":"join"}`,
			want: map[string]want{"otherOfficer": status(400)}},
		{name: "officer follows their own organisation's project", method: "POST", url: colURL(ColInterests),
			body: `{"project":"` + fx.pubA + `","kind":"following"}`,
			want: map[string]want{"ownOfficer2": ok(`"kind":"following"`)}},
		{name: "interested officer withdraws", method: "PATCH", url: recURL(ColInterests, fx.intB), body: `{"state":"withdrawn"}`,
			want: map[string]want{"otherOfficer": ok(`"state":"withdrawn"`)}},
		{name: "interested officer moves their interest to another project", method: "PATCH", url: recURL(ColInterests, fx.intB),
			body: `{"project":"` + fx.pubA2 + `"}`,
			want: map[string]want{"otherOfficer": {status: 400, content: []string{`"project"`}}}},
		{name: "owner withdraws someone else's interest", method: "PATCH", url: recURL(ColInterests, fx.intB), body: `{"state":"withdrawn"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`pipeline_invalid_transition`}}}},
		{name: "owner rewrites the message", method: "PATCH", url: recURL(ColInterests, fx.intB), body: `{"message":"Changed"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"message"`}}}},
		{name: "owner forges the response time", method: "PATCH", url: recURL(ColInterests, fx.intB),
			body: `{"state":"acknowledged","respondedAt":"2020-01-01 00:00:00.000Z"}`,
			want: map[string]want{"ownOfficer": {status: 400, content: []string{`"respondedAt"`}}}},
		{name: "owner deletes someone's interest", method: "DELETE", url: recURL(ColInterests, fx.intB),
			want: map[string]want{"ownOfficer": status(404)}},
	}
	for _, c := range cases {
		runAs(t, c)
	}
}
