package hooks

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// apiGzip gzips the API's JSON answers to GET requests (record lists are
// most of a page's weight), except the realtime stream, which must not be
// buffered, and the paths in selfCompressed: routes answered from the
// answer cache, which keeps their answers gzipped once rather than on
// every request.
func apiGzip(selfCompressed map[string]bool) *hook.Handler[*core.RequestEvent] {
	gzip := apis.GzipWithConfig(apis.GzipConfig{MinLength: 1024})
	return &hook.Handler[*core.RequestEvent]{
		Id: "pipelineApiGzip",
		Func: func(e *core.RequestEvent) error {
			p := e.Request.URL.Path
			if e.Request.Method == http.MethodGet && strings.HasPrefix(p, "/api/") && !strings.HasPrefix(p, "/api/realtime") &&
				!selfCompressed[p] {
				return gzip.Func(e)
			}
			return e.Next()
		},
	}
}
