package hooks

import (
	"pipeline/hooks/signedlink"

	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// linkFor signs a link the way emails do, with the instance's secret.
func linkFor(t testing.TB, action, user, project string, expires time.Time) string {
	t.Helper()
	app := newTestApp(t)
	defer app.Cleanup()
	cfg, err := LoadConfig(app)
	if err != nil {
		t.Fatal(err)
	}
	token, err := signedlink.Sign(cfg.LinkSecret, signedlink.Claims{Action: action, User: user, Project: project, Expires: expires.Unix()})
	if err != nil {
		t.Fatal(err)
	}
	return "/api/pipeline/" + action + "?token=" + url.QueryEscape(token)
}

func TestOneClickLinksWorkWithoutSigningIn(t *testing.T) {
	later := time.Now().Add(24 * time.Hour)
	confirm := linkFor(t, LinkConfirm, fx.officerA, fx.pubA, later)
	unsubscribe := linkFor(t, LinkUnsubscribe, fx.officerA, "", later)
	mute := linkFor(t, LinkMute, fx.officerA, fx.pubB, later)
	for _, s := range []tests.ApiScenario{
		// Following a link (or a mail scanner opening it) changes nothing:
		// the page asks, and its one button posts.
		{Name: "following a confirm link only asks", Method: http.MethodGet, URL: confirm, ExpectedStatus: 200,
			ExpectedContent: []string{"Is Missed bin reporting still accurate?", `<form method="post" action="` + strings.ReplaceAll(confirm, "&", "&amp;") + `">`,
				"Yes, it is still accurate"},
			NotExpectedContent: []string{"is confirmed"},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				p := mustRecord(t, app, ColProjects, fx.pubA)
				p.Set("lastConfirmedAt", Stamp(time.Now().AddDate(0, -1, 0)))
				if err := app.SaveNoValidate(p); err != nil {
					t.Fatal(err)
				}
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				p := mustRecord(t, app, ColProjects, fx.pubA)
				if time.Since(p.GetDateTime("lastConfirmedAt").Time()) < time.Minute {
					t.Fatal("a GET confirmed the project")
				}
			}},
		{Name: "following an unsubscribe link only asks", Method: http.MethodGet, URL: unsubscribe, ExpectedStatus: 200,
			ExpectedContent: []string{"Stop all emails from Pipeline?", "Stop all emails</button>"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if f := mustRecord(t, app, ColUsers, fx.officerA).GetString("emailFrequency"); f == FrequencyOff {
					t.Fatal("a GET unsubscribed")
				}
			}},
		{Name: "following a mute link only asks", Method: http.MethodGet, URL: mute, ExpectedStatus: 200,
			ExpectedContent: []string{"Stop emails about Bristol parking permits?"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if m := mustRecord(t, app, ColUsers, fx.officerA).GetStringSlice("mutedProjects"); slices.Contains(m, fx.pubB) {
					t.Fatal("a GET muted")
				}
			}},
		{Name: "confirm still accurate", Method: http.MethodPost, URL: confirm, ExpectedStatus: 200,
			ExpectedContent: []string{"Missed bin reporting is confirmed as still accurate"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				p := mustRecord(t, app, ColProjects, fx.pubA)
				if time.Since(p.GetDateTime("lastConfirmedAt").Time()) > time.Minute {
					t.Fatal("lastConfirmedAt not set")
				}
			}},
		{Name: "unsubscribe with the button", Method: http.MethodPost, URL: unsubscribe, ExpectedStatus: 200,
			ExpectedContent: []string{"You will not get any more emails from Pipeline"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if f := mustRecord(t, app, ColUsers, fx.officerA).GetString("emailFrequency"); f != FrequencyOff {
					t.Fatalf("frequency = %s", f)
				}
			}},
		{Name: "RFC 8058 one-click unsubscribe", Method: http.MethodPost, URL: unsubscribe,
			Body:           strings.NewReader("List-Unsubscribe=One-Click"),
			Headers:        map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			ExpectedStatus: 200, ExpectedContent: []string{"You will not get any more emails"}},
		{Name: "mute a project", Method: http.MethodPost, URL: mute, ExpectedStatus: 200,
			ExpectedContent: []string{"You will not get emails about Bristol parking permits"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if m := mustRecord(t, app, ColUsers, fx.officerA).GetStringSlice("mutedProjects"); !slices.Contains(m, fx.pubB) {
					t.Fatalf("muted = %v", m)
				}
			}},
		{Name: "a confirm link cannot unsubscribe", Method: http.MethodPost,
			URL: strings.Replace(confirm, "/confirm?", "/unsubscribe?", 1), ExpectedStatus: 400,
			ExpectedContent: []string{"Error: This link does not work"}},
		{Name: "an expired link", Method: http.MethodGet, URL: linkFor(t, LinkConfirm, fx.officerA, fx.pubA, time.Now().Add(-time.Hour)),
			ExpectedStatus: 400, ExpectedContent: []string{"This link has expired"}},
		{Name: "someone outside the organisation cannot confirm", Method: http.MethodPost,
			URL: linkFor(t, LinkConfirm, fx.officerB, fx.pubA, later), ExpectedStatus: 400,
			ExpectedContent: []string{"Only officers of the project&#39;s organisation can confirm it"}},
	} {
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}
