package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestPledgersArePublicButNotTheirNotes(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "a visitor sees who pledged", URL: "/api/pipeline/calls/" + fx.callA + "/pledgers", ExpectedStatus: 200,
			ExpectedContent: []string{`"name":"Bristol City Council"`, `"progress":33`}, NotExpectedContent: []string{"private note", "20000"}},
		{Name: "a visitor cannot see a draft's call", URL: "/api/pipeline/calls/" + fx.callDraft + "/pledgers", ExpectedStatus: 404,
			ExpectedContent: []string{`"status":404`}},
		{Name: "search results carry the open call", URL: "/api/pipeline/search?q=bin", ExpectedStatus: 200,
			ExpectedContent: []string{`"call":{"id":"` + fx.callA + `"`, `"progress":33`}},
		{Name: "the list filters on open calls", URL: "/api/pipeline/search?call=open", ExpectedStatus: 200,
			ExpectedContent: []string{`"totalItems":1`}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}
