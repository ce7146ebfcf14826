package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestPeerAddresses(t *testing.T) {
	own := "https://pipeline.example"
	for raw, want := range map[string]string{
		"https://Pipeline.Bristol.example/":   "https://pipeline.bristol.example",
		"https://pipeline.leeds.example:8443": "https://pipeline.leeds.example:8443",
		"http://pipeline.leeds.example":       "",
		"https://pipeline.example":            "",
		"https://pipeline.leeds.example/x":    "",
		"https://u:p@pipeline.leeds.example":  "",
		"ftp://pipeline.leeds.example":        "",
		"http://127.0.0.1:9001":               "",
		"not an address":                      "",
	} {
		got, problem := peerURL(raw, own, false)
		if got != want || (want == "" && problem == "") {
			t.Errorf("%q: got %q (%q), want %q", raw, got, problem, want)
		}
	}
	if got, _ := peerURL("http://127.0.0.1:9001", own, true); got != "http://127.0.0.1:9001" {
		t.Errorf("loopback with the test switch: %q", got)
	}
	if got, _ := peerURL("http://10.0.0.1:9001", own, true); got != "" {
		t.Errorf("a private address is never let through: %q", got)
	}
}

func TestPeersAreTheCoordinators(t *testing.T) {
	create := func(name, kind, body string, status int, content ...string) tests.ApiScenario {
		s := tests.ApiScenario{Name: name, Method: http.MethodPost, URL: "/api/collections/peers/records",
			Body: strings.NewReader(body), ExpectedStatus: status, ExpectedContent: content, TestAppFactory: federationApp}
		if kind != "" {
			s.Headers = map[string]string{"Authorization": fx.tokens[kind]}
		}
		return s
	}
	good := `{"url":"https://pipeline.bristol.example","state":"trusted"}`
	for _, s := range []tests.ApiScenario{
		create("a visitor cannot add a peer", "", good, 400, `"data":{}`),
		create("an officer cannot", "ownOfficer", good, 400, `"status":400`),
		create("an organisation admin cannot", "orgAdmin", good, 400, `"status":400`),
		create("a pending member cannot", "pending", good, 400, `"status":400`),
		create("a coordinator adds a trusted peer, normalised, and is named as adding it", "coordinator",
			`{"url":"https://Pipeline.Bristol.example/","state":"trusted"}`, 200, `"url":"https://pipeline.bristol.example"`, `"addedBy":"`+fx.coordinator+`"`),
		create("a coordinator cannot add a plain-http peer", "coordinator", `{"url":"http://pipeline.bristol.example","state":"trusted"}`, 400,
			`"pipeline_invalid_peer"`, "A peer must be served over HTTPS"),
		create("nor this instance itself", "coordinator", `{"url":"https://pipeline.example","state":"trusted"}`, 400, "own address"),
		create("nor say who added it", "coordinator", `{"url":"https://pipeline.bristol.example","state":"trusted","addedBy":"`+fx.officerA+`"}`, 400, `"addedBy"`),
		create("a superuser adds one", "superuser", good, 200, `"state":"trusted"`),
		{Name: "an officer lists no peers", Method: http.MethodGet, URL: "/api/collections/peers/records", TestAppFactory: federationApp,
			Headers: map[string]string{"Authorization": fx.tokens["otherOfficer"]}, ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
	} {
		s.Test(t)
	}
}
