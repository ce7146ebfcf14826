package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// Smaller defects of the adversarial pass (issue 16, item 8).
func TestSmallDefects(t *testing.T) {
	coord := map[string]string{"Authorization": fx.tokens["coordinator"]}
	for _, s := range []tests.ApiScenario{
		{Name: "introduce refuses the same project twice", Method: http.MethodPost, URL: "/api/pipeline/coordinator/introduce",
			Body:    strings.NewReader(`{"projects":["` + fx.pubA + `","` + fx.pubA + `"],"message":"Meet each other."}`),
			Headers: coord, ExpectedStatus: 400, ExpectedContent: []string{"Choose each project once."}},
		{Name: "a huge page is past the list, not page 1", Method: http.MethodGet, URL: "/api/pipeline/search?page=9223372036854775807",
			ExpectedStatus: 200, ExpectedContent: []string{`"items":[]`, `"page":1000000`}},
		{Name: "a huge page of words is past the list too", Method: http.MethodGet, URL: "/api/pipeline/search?q=bin&page=9223372036854775807",
			ExpectedStatus: 200, ExpectedContent: []string{`"items":[]`, `"page":1000000`}},
	} {
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}
