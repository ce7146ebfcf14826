package hooks

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// selfCompressed are the routes served through the answer cache, which
// keeps their answers gzipped once rather than on every request.
var selfCompressed = map[string]bool{"/api/pipeline/search": true, "/api/pipeline/similar": true}

// registerCompression gzips the API's JSON answers to GET requests (record
// lists are most of a page's weight), except the realtime stream, which
// must not be buffered.
func registerCompression(app core.App) {
	gzip := apis.GzipWithConfig(apis.GzipConfig{MinLength: 1024})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "pipelineApiGzip",
			Func: func(e *core.RequestEvent) error {
				p := e.Request.URL.Path
				if e.Request.Method == http.MethodGet && strings.HasPrefix(p, "/api/") && !strings.HasPrefix(p, "/api/realtime") &&
					!selfCompressed[p] {
					return gzip.Func(e)
				}
				return e.Next()
			},
		})
		return se.Next()
	})
}
