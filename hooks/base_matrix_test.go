package hooks

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// callers are the kinds of caller every access rule is tested against.
var callers = []string{"visitor", "ownOfficer", "otherOfficer", "pending", "orgAdmin", "coordinator", "superuser"}

// want is what one caller should get back.
type want struct {
	status  int
	content []string
	not     []string
}

func ok(content ...string) want         { return want{status: 200, content: content} }
func list(n int) want                   { return ok(fmt.Sprintf(`"totalItems":%d`, n)) }
func status(code int) want              { return want{status: code} }
func (w want) without(s ...string) want { w.not = append(w.not, s...); return w }

// every gives the same answer to every caller but the superuser.
func every(w want, superuser want) map[string]want {
	out := map[string]want{"superuser": superuser}
	for _, c := range callers[:len(callers)-1] {
		out[c] = w
	}
	return out
}

// only gives yes to the named callers and no to the rest.
func only(yes, no want, who ...string) map[string]want {
	out := map[string]want{}
	for _, c := range callers {
		out[c] = no
	}
	for _, c := range who {
		out[c] = yes
	}
	return out
}

// accessCase is one request tried by several kinds of caller.
type accessCase struct {
	name, method, url, body string
	want                    map[string]want
	after                   func(t testing.TB, app *tests.TestApp, caller string)
}

func runMatrix(t *testing.T, cases []accessCase) {
	t.Helper()
	for _, c := range cases {
		for _, who := range callers {
			w, found := c.want[who]
			if !found {
				continue
			}
			scenario(c, who, w).Test(t)
		}
	}
}

// runAs runs one case for the named callers (kinds beyond the matrix's,
// such as "ownOfficer2" or "camdenOfficer", are allowed).
func runAs(t *testing.T, c accessCase) {
	t.Helper()
	for who, w := range c.want {
		scenario(c, who, w).Test(t)
	}
}

func scenario(c accessCase, who string, w want) *tests.ApiScenario {
	headers := map[string]string{"Content-Type": "application/json"}
	if tok := fx.tokens[who]; tok != "" {
		headers["Authorization"] = tok
	}
	content := w.content
	if len(content) == 0 && w.status >= 400 {
		content = []string{fmt.Sprintf(`"status":%d`, w.status)}
	}
	s := &tests.ApiScenario{
		Name:               fmt.Sprintf("%s %s as %s", c.method, c.name, who),
		Method:             c.method,
		URL:                c.url,
		Headers:            headers,
		ExpectedStatus:     w.status,
		ExpectedContent:    content,
		NotExpectedContent: w.not,
		TestAppFactory:     newTestApp,
	}
	if c.body != "" {
		s.Body = strings.NewReader(c.body)
	}
	if w.status == http.StatusNoContent {
		s.ExpectedContent = nil
	}
	if c.after != nil && w.status < 300 {
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) { c.after(t, app, who) }
	}
	return s
}

func recURL(collection, id string) string {
	return "/api/collections/" + collection + "/records/" + id
}

func colURL(collection string) string {
	return "/api/collections/" + collection + "/records"
}
