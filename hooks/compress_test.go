package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestAPIAnswersAreCompressed(t *testing.T) {
	encoding := func(want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if got := res.Header.Get("Content-Encoding"); got != want {
				t.Errorf("Content-Encoding = %q, want %q", got, want)
			}
		}
	}
	for _, s := range []tests.ApiScenario{
		{Name: "a record list", URL: "/api/collections/organisations/records?perPage=200", ExpectedStatus: 200,
			NotExpectedContent: []string{`"totalItems"`}, AfterTestFunc: encoding("gzip")},
		{Name: "a short answer is left alone", URL: "/api/health", ExpectedStatus: 200,
			ExpectedContent: []string{`"code":200`}, AfterTestFunc: encoding("")},
	} {
		s.Method = http.MethodGet
		s.Headers = map[string]string{"Accept-Encoding": "gzip"}
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}
