package hooks

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// A person's settings are theirs: nobody else reads them, sorts by them
// or filters by them, nor by anyone's address.
func TestPrivateSettingsStayPrivate(t *testing.T) {
	own := map[string]string{"Authorization": fx.tokens["ownOfficer"]}
	other := map[string]string{"Authorization": fx.tokens["otherOfficer"]}
	su := map[string]string{"Authorization": fx.tokens["superuser"]}
	user := "/api/collections/users/records/" + fx.officerA
	for _, s := range []tests.ApiScenario{
		{Name: "another council's officer reads no settings", URL: user, Headers: other, ExpectedStatus: 200,
			ExpectedContent: []string{`"id":"` + fx.officerA + `"`}, NotExpectedContent: []string{"mutedProjects", "emailFrequency", "lastDigestAt"}},
		{Name: "the person reads their own", URL: user, Headers: own, ExpectedStatus: 200,
			ExpectedContent: []string{`"mutedProjects"`, `"emailFrequency"`, `"lastDigestAt"`}},
		{Name: "a superuser reads them", URL: user, Headers: su, ExpectedStatus: 200, ExpectedContent: []string{`"emailFrequency"`}},
		{Name: "a list of people shows no one else's settings", URL: "/api/collections/users/records?perPage=200", Headers: other,
			ExpectedStatus: 200, ExpectedContent: []string{`"items"`}, NotExpectedContent: []string{`"mutedProjects":["`}},
		{Name: "people are not sorted by address", URL: "/api/collections/users/records?sort=email", Headers: other,
			ExpectedStatus: 400, ExpectedContent: []string{`"sort":{"code":"pipeline_private_field"`}},
		{Name: "nor filtered by address", URL: "/api/collections/users/records?filter=" + "(email~'leeds')", Headers: other,
			ExpectedStatus: 400, ExpectedContent: []string{`"filter":{"code":"pipeline_private_field"`}},
		{Name: "nor by settings", URL: "/api/collections/users/records?filter=" + "(mutedProjects~'x')", Headers: own,
			ExpectedStatus: 400, ExpectedContent: []string{`"filter":{"code":"pipeline_private_field"`}},
		{Name: "projects are not sorted by their owner's address", URL: "/api/collections/projects/records?sort=owner.email",
			ExpectedStatus: 400, ExpectedContent: []string{`"sort":{"code":"pipeline_private_field"`}},
		{Name: "a project's own contact address still sorts", URL: "/api/collections/projects/records?sort=contactEmail",
			ExpectedStatus: 200, ExpectedContent: []string{`"items"`}},
		{Name: "people still sort by name", URL: "/api/collections/users/records?sort=name", Headers: other,
			ExpectedStatus: 200, ExpectedContent: []string{`"items"`}},
		{Name: "a superuser may sort by address", URL: "/api/collections/users/records?sort=email", Headers: su,
			ExpectedStatus: 200, ExpectedContent: []string{`"items"`}},
	} {
		s.Method = http.MethodGet
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}
