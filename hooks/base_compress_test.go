package hooks

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
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
		{Name: "a cached search answer is sent gzipped, compressed once", URL: "/api/pipeline/search?perPage=50", ExpectedStatus: 200,
			NotExpectedContent: []string{`"totalItems"`}, AfterTestFunc: encoding("gzip")},
	} {
		s.Method = http.MethodGet
		if s.Headers == nil {
			s.Headers = map[string]string{"Accept-Encoding": "gzip"}
		}
		s.TestAppFactory = newTestApp
		s.Test(t)
	}
}

func TestCachedAnswersAreSentPlainToClientsWithoutGzip(t *testing.T) {
	s := tests.ApiScenario{Name: "no Accept-Encoding", Method: http.MethodGet, URL: "/api/pipeline/search?perPage=50",
		TestAppFactory: newTestApp, ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":3`},
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if got := res.Header.Get("Content-Encoding"); got != "" {
				t.Errorf("Content-Encoding = %q for a client that did not ask", got)
			}
		}}
	s.Test(t)
}

func TestStoredAnswersUnzipToTheirBody(t *testing.T) {
	body := []byte(strings.Repeat(`{"title":"Missed bin reporting"},`, 100))
	a := newStoredAnswer(body, nil)
	zr, err := gzip.NewReader(bytes.NewReader(a.gz))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("unzipped %d bytes (%v), want the %d of the body", len(got), err, len(body))
	}
	if small := newStoredAnswer([]byte(`{"items":[]}`), nil); small.gz != nil {
		t.Fatal("a short answer was compressed")
	}
}
