package hooks

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// federationApp is the fixture's app at a known public address.
func federationApp(t testing.TB) *tests.TestApp {
	app := newTestApp(t)
	app.Settings().Meta.AppURL = "https://pipeline.example"
	return app
}

func TestFederationDiscovery(t *testing.T) {
	for _, s := range []tests.ApiScenario{
		{Name: "WebFinger finds an organisation", URL: "/.well-known/webfinger?resource=acct:leeds@pipeline.example", ExpectedStatus: 200,
			ExpectedContent: []string{`"subject":"acct:leeds@pipeline.example"`, `"href":"https://pipeline.example/ap/organisations/leeds"`,
				`"type":"application/activity+json"`}},
		{Name: "WebFinger: another host's account is not here", URL: "/.well-known/webfinger?resource=acct:leeds@elsewhere.example",
			ExpectedStatus: 404, ExpectedContent: []string{"No such account"}},
		{Name: "WebFinger: an unknown organisation", URL: "/.well-known/webfinger?resource=acct:atlantis@pipeline.example",
			ExpectedStatus: 404, ExpectedContent: []string{"No such account"}},
		{Name: "NodeInfo's links", URL: "/.well-known/nodeinfo", ExpectedStatus: 200,
			ExpectedContent: []string{`"href":"https://pipeline.example/nodeinfo/2.1"`}},
		{Name: "NodeInfo counts published projects only", URL: "/nodeinfo/2.1", ExpectedStatus: 200,
			ExpectedContent: []string{`"protocols":["activitypub"]`, `"name":"pipeline"`, `"localPosts":`}},
		{Name: "the actor has a public key", URL: "/ap/organisations/leeds", ExpectedStatus: 200,
			ExpectedContent: []string{`"type":"Organization"`, `"preferredUsername":"leeds"`, `"inbox":"https://pipeline.example/ap/organisations/leeds/inbox"`,
				`"publicKeyPem":"-----BEGIN PUBLIC KEY-----`},
			NotExpectedContent: []string{"PRIVATE"}},
		{Name: "an unknown actor", URL: "/ap/organisations/atlantis", ExpectedStatus: 404, ExpectedContent: []string{"No such organisation"}},
		{Name: "the outbox, as a collection", URL: "/ap/organisations/leeds/outbox", ExpectedStatus: 200,
			ExpectedContent: []string{`"type":"OrderedCollection"`, `"first":"https://pipeline.example/ap/organisations/leeds/outbox?page=1"`}},
		{Name: "the outbox's page: published projects as Create activities, never drafts", URL: "/ap/organisations/leeds/outbox?page=1",
			ExpectedStatus: 200, ExpectedContent: []string{`"type":"Create"`, `"name":"Missed bin reporting"`, `"type":"Page"`},
			NotExpectedContent: []string{"Secret draft plan"}},
		{Name: "followers, none yet", URL: "/ap/organisations/leeds/followers", ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
		{Name: "the inbox refuses what is not signed", Method: http.MethodPost, URL: "/ap/organisations/leeds/inbox",
			Body: strings.NewReader(`{"type":"Follow"}`), ExpectedStatus: 401, ExpectedContent: []string{"Activity refused: unsigned."}},
		{Name: "an unknown organisation has no inbox", Method: http.MethodPost, URL: "/ap/organisations/atlantis/inbox",
			Body: strings.NewReader(`{"type":"Follow"}`), ExpectedStatus: 404, ExpectedContent: []string{"No such organisation."}},
		{Name: "the instance's own actor", URL: "/ap/instance", ExpectedStatus: 200,
			ExpectedContent:    []string{`"type":"Application"`, `"sharedInbox":"https://pipeline.example/ap/inbox"`, `"publicKeyPem":"-----BEGIN PUBLIC KEY-----`},
			NotExpectedContent: []string{"PRIVATE"}},
		{Name: "the organisations peers may follow: those with published projects", URL: "/ap/organisations", ExpectedStatus: 200,
			ExpectedContent:    []string{`"https://pipeline.example/ap/organisations/leeds"`, `"https://pipeline.example/ap/organisations/city-of-bristol"`},
			NotExpectedContent: []string{"/ap/organisations/fife"}},
		{Name: "Pipeline's JSON-LD context", URL: "/ns/pipeline", ExpectedStatus: 200, ExpectedContent: []string{`"pipeline":"https://pipeline.example/ns/pipeline#"`}},
	} {
		if s.Method == "" {
			s.Method = http.MethodGet
		}
		s.TestAppFactory = federationApp
		s.Test(t)
	}
}

func TestAnOrganisationKeepsOneKey(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	a, err := ActorPublicKey(app, fx.leeds)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ActorPublicKey(app, fx.leeds)
	if err != nil || a != b || !strings.HasPrefix(a, "-----BEGIN PUBLIC KEY-----") {
		t.Fatalf("a second ask gave another key (%v)", err)
	}
	c, _ := ActorPublicKey(app, fx.bristol)
	if c == a {
		t.Fatal("two organisations share a key")
	}
	var private string
	if err := app.DB().NewQuery("SELECT privatePem FROM pipeline_actor_keys WHERE organisation = {:o}").Bind(map[string]any{"o": fx.leeds}).Row(&private); err != nil ||
		!strings.Contains(private, "PRIVATE KEY") {
		t.Fatalf("the private key is not kept: %v", err)
	}
}

func TestProjectObjectCarriesPipelineFields(t *testing.T) {
	app := federationApp(t)
	defer app.Cleanup()
	p, _ := app.FindRecordById(ColProjects, fx.pubA)
	org, _ := app.FindRecordById(ColOrganisations, fx.leeds)
	b, _ := json.Marshal(ProjectObject(app, p, org))
	for _, want := range []string{`"type":"Page"`, `"attributedTo":"https://pipeline.example/ap/organisations/leeds"`,
		`"to":["https://www.w3.org/ns/activitystreams#Public"]`, `"https://pipeline.example/ns/pipeline"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the object lacks %s: %s", want, b)
		}
	}
}
