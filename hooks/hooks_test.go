package hooks

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// traceHooks records the ids of Pipeline's record hooks as they start,
// for the length of one test. Tests that use it do not run in parallel.
func traceHooks(t testing.TB) func() []string {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	fn := func(id string) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, id)
	}
	hookTrace.Store(&fn)
	t.Cleanup(func() { hookTrace.Store(nil) })
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seen)
	}
}

// onlyCollection keeps the trace of one collection's hooks.
func onlyCollection(ids []string, collection string) []string {
	var out []string
	for _, id := range ids {
		if strings.HasPrefix(id, collection+".") {
			out = append(out, id)
		}
	}
	return out
}

// TestProjectSavesRunTheirHooksInOrder states which hooks fire when an
// officer saves a project through the API, PocketBase's and Pipeline's,
// and in which order Pipeline's run: the order bindProjectHooks gives.
func TestProjectSavesRunTheirHooksInOrder(t *testing.T) {
	var trace func() []string
	before := func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { trace = traceHooks(t) }
	check := func(want ...string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if got := onlyCollection(trace(), ColProjects); !slices.Equal(got, want) {
				t.Errorf("project hooks ran\n  %v\nwant\n  %v", got, want)
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name:            "create a draft",
			Method:          http.MethodPost,
			URL:             colURL(ColProjects),
			Body:            strings.NewReader(`{"title":"Parking permits online","summary":"Apply for a permit.","organisation":"` + fx.leeds + `"}`),
			Headers:         map[string]string{"Authorization": fx.tokens["ownOfficer"], "Content-Type": "application/json"},
			ExpectedStatus:  200,
			ExpectedContent: []string{`"title":"Parking permits online"`},
			ExpectedEvents: map[string]int{
				"*":                          0,
				"OnRecordCreateRequest":      1,
				"OnRecordCreate":             1,
				"OnRecordCreateExecute":      1,
				"OnRecordValidate":           1,
				"OnRecordAfterCreateSuccess": 1,
				"OnModelCreate":              1,
				"OnModelCreateExecute":       1,
				"OnModelValidate":            1,
				"OnModelAfterCreateSuccess":  1,
				"OnRecordEnrich":             1,
			},
			TestAppFactory: newTestApp,
			BeforeTestFunc: before,
			AfterTestFunc: check(
				"projects.createRequest.guard",
				"projects.create.defaults", "projects.create.similar", "projects.create.published", "projects.create.federate",
				"projects.validate",
				"projects.afterCreate.similar", "projects.afterCreate.answers",
			),
		},
		{
			Name:            "publish a draft",
			Method:          http.MethodPatch,
			URL:             recURL(ColProjects, fx.draftA),
			Body:            strings.NewReader(`{"visibility":"published","contactEmail":"officer@leeds.test"}`),
			Headers:         map[string]string{"Authorization": fx.tokens["ownOfficer"], "Content-Type": "application/json"},
			ExpectedStatus:  200,
			ExpectedContent: []string{`"visibility":"published"`},
			TestAppFactory:  newTestApp,
			BeforeTestFunc:  before,
			AfterTestFunc: check(
				"projects.updateRequest.guard",
				"projects.update.chase", "projects.update.similar", "projects.update.published", "projects.update.outcome",
				"projects.update.federate", "projects.validate",
				"projects.afterUpdate.similar", "projects.afterUpdate.answers",
			),
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}
