package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestPortfolio(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "an officer sees their organisation's portfolio, drafts too", URL: "/api/pipeline/portfolio",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200,
			ExpectedContent: []string{`"name":"Leeds City Council"`, `"title":"Secret draft plan"`, `"interestCount":1`, `"openCall":{"progress":33`}},
		{Name: "an officer cannot see another organisation's", URL: "/api/pipeline/portfolio?organisation=city-of-bristol",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200,
			ExpectedContent: []string{`"name":"Leeds City Council"`}, NotExpectedContent: []string{"Bristol parking permits"}},
		{Name: "a coordinator can", URL: "/api/pipeline/portfolio?organisation=city-of-bristol",
			Headers: map[string]string{"Authorization": fx.tokens["coordinator"]}, ExpectedStatus: 200,
			ExpectedContent: []string{`"title":"Bristol parking permits"`}},
		{Name: "a pending user has no portfolio", URL: "/api/pipeline/portfolio",
			Headers: map[string]string{"Authorization": fx.tokens["pending"]}, ExpectedStatus: 403, ExpectedContent: []string{`"status":403`}},
		{Name: "as CSV", URL: "/api/pipeline/portfolio.csv",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200,
			ExpectedContent: []string{"title,phase,visibility,freshness", "Secret draft plan,discovery,draft,active"}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}
