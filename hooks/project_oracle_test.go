package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// A project the caller cannot see answers exactly as one that does not
// exist: the same status and the same words, so that nobody learns a
// draft of another council is there.
func TestDraftsOfOthersAnswerAsUnknown(t *testing.T) {
	other := map[string]string{"Authorization": fx.tokens["otherOfficer"]}
	own := map[string]string{"Authorization": fx.tokens["ownOfficer"]}
	var scenarios []tests.ApiScenario
	for _, action := range []string{"confirm", "adopt", "close"} {
		for _, c := range []struct{ name, id string }{{"their draft", fx.draftA}, {"an unknown id", "nosuchproject00"}} {
			scenarios = append(scenarios, tests.ApiScenario{
				Name: action + " " + c.name, Method: http.MethodPost, URL: "/api/pipeline/projects/" + c.id + "/" + action,
				Body: strings.NewReader(`{"continuedIn":"` + fx.pubA + `","reason":"duplicate"}`), Headers: other,
				ExpectedStatus: 404, ExpectedContent: []string{`"message":"No such project."`},
			})
		}
	}
	// Linking one's own project to another council's draft is refused as a
	// link to nothing is; its id is not saved or published.
	missing := `"continuedIn":{"code":"validation_missing_rel_records","message":"Failed to find all relation records with the provided ids."}`
	for _, c := range []struct{ name, id string }{{"their draft", fx.draftA}, {"an unknown id", "nosuchproject00"}} {
		scenarios = append(scenarios, tests.ApiScenario{
			Name: "continuedIn " + c.name, Method: http.MethodPatch, URL: "/api/collections/projects/records/" + fx.pubB,
			Body: strings.NewReader(`{"continuedIn":"` + c.id + `"}`), Headers: other,
			ExpectedStatus: 400, ExpectedContent: []string{missing},
		})
		scenarios = append(scenarios, tests.ApiScenario{
			Name: "reuses " + c.name, Method: http.MethodPatch, URL: "/api/collections/projects/records/" + fx.pubB,
			Body: strings.NewReader(`{"reuses":["` + c.id + `"]}`), Headers: other,
			ExpectedStatus: 400, ExpectedContent: []string{`"reuses":{"code":"validation_missing_rel_records"`},
		})
	}
	// Its own organisation may link to its draft.
	scenarios = append(scenarios, tests.ApiScenario{
		Name: "continuedIn one's own draft", Method: http.MethodPatch, URL: "/api/collections/projects/records/" + fx.pubA,
		Body: strings.NewReader(`{"continuedIn":"` + fx.draftA + `"}`), Headers: own,
		ExpectedStatus: 200, ExpectedContent: []string{`"continuedIn":"` + fx.draftA + `"`},
	})
	for _, s := range scenarios {
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}
