package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestInterestSummaryIsPublicButNamesNoOne(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "a visitor sees who is interested, by organisation", URL: "/api/pipeline/projects/" + fx.pubA + "/interest",
			ExpectedStatus: 200, ExpectedContent: []string{`"followers":1`, `"name":"Bristol City Council"`, `"kinds":{"join":1}`},
			NotExpectedContent: []string{"We would like to join", "Bea Bristol", fx.officerB}},
		{Name: "a visitor cannot see interest in a draft", URL: "/api/pipeline/projects/" + fx.draftA + "/interest",
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "the owning organisation can", URL: "/api/pipeline/projects/" + fx.draftA + "/interest",
			Headers: map[string]string{"Authorization": fx.tokens["ownOfficer"]}, ExpectedStatus: 200, ExpectedContent: []string{`"followers":0`}},
	} {
		s.Method = "GET"
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}
