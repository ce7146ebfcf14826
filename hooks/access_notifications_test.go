package hooks

import "testing"

func TestNotificationsAccess(t *testing.T) {
	runMatrix(t, []accessCase{
		{name: "list notifications", method: "GET", url: colURL(ColNotifications),
			want: only(list(1), list(0), "ownOfficer", "superuser")},
		{name: "view a notification", method: "GET", url: recURL(ColNotifications, fx.notifA),
			want: only(ok(`"title":"Bristol is interested"`), status(404), "ownOfficer", "superuser")},
		{name: "create a notification", method: "POST", url: colURL(ColNotifications),
			body: `{"user":"` + fx.officerB + `","kind":"test","title":"Hello"}`,
			want: every(status(403), ok(`"emailState":"pending"`))},
		{name: "mark a notification read", method: "PATCH", url: recURL(ColNotifications, fx.notifA),
			body: `{"readAt":"2026-11-23 10:00:00.000Z"}`,
			want: only(ok(`"readAt":"2026-11-23 10:00:00.000Z"`), status(404), "ownOfficer", "superuser")},
		{name: "delete a notification", method: "DELETE", url: recURL(ColNotifications, fx.notifA),
			want: every(status(403), status(204))},
	})
	for _, c := range []accessCase{
		{name: "recipient marks a notification emailed", method: "PATCH", url: recURL(ColNotifications, fx.notifA),
			body: `{"emailState":"sent"}`, want: map[string]want{"ownOfficer": {status: 400, content: []string{`"emailState"`}}}},
		{name: "recipient hands a notification to someone else", method: "PATCH", url: recURL(ColNotifications, fx.notifA),
			body: `{"user":"` + fx.officerB + `"}`, want: map[string]want{"ownOfficer": {status: 400, content: []string{`"user"`}}}},
	} {
		runAs(t, c)
	}
}
