package hooks

import (
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// ContentSecurityPolicy is sent with every page of the bundled UI: no
// inline scripts or styles, nothing loaded from elsewhere.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"

// hashedAsset matches files under assets/ whose names carry a content hash
// (app.3f9a2b1c04.css, home.5XQ3ZK2A.js): they never change, so they can be
// cached for a year.
var hashedAsset = regexp.MustCompile(`^assets/.+[.-][0-9A-Za-z]{8,}\.[a-z0-9]+$`)

// ServePublic serves the built UI in dir of fsys at the site root, bound
// last so that the API and dashboard routes win. Pages resolve as
// /x → x.html or x/index.html; a missing asset (a name with an extension)
// answers 404, a missing page the UI's 404.html with status 404.
func ServePublic(app core.App, fsys fs.FS, dir string) {
	public := apis.MustSubFS(fsys, dir)
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id:       "pipelineServePublic",
		Priority: 999,
		Func: func(se *core.ServeEvent) error {
			if !se.Router.HasRoute(http.MethodGet, "/{path...}") {
				se.Router.GET("/{path...}", func(e *core.RequestEvent) error {
					return servePublicFile(e, public)
				}).Bind(apis.Gzip())
			}
			return se.Next()
		},
	})
}

func setPageHeaders(e *core.RequestEvent) {
	h := e.Response.Header()
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

func servePublicFile(e *core.RequestEvent, public fs.FS) error {
	name := strings.Trim(path.Clean("/"+e.Request.PathValue(apis.StaticWildcardParam)), "/")
	setPageHeaders(e)
	if strings.HasPrefix(path.Base(name), "_") {
		return notFound(e, public, name) // the server's own templates (_layout.html)
	}
	h := e.Response.Header()
	for _, candidate := range publicCandidates(name) {
		if !isFile(public, candidate) {
			continue
		}
		if hashedAsset.MatchString(candidate) {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		return e.FileFS(public, candidate)
	}
	return notFound(e, public, name)
}

// notFound answers 404: the UI's 404 page for a page address, plain text
// for a missing asset.
func notFound(e *core.RequestEvent, public fs.FS, name string) error {
	e.Response.Header().Set("Cache-Control", "no-store")
	if path.Ext(name) == "" {
		if page, err := fs.ReadFile(public, "404.html"); err == nil {
			return e.HTML(http.StatusNotFound, string(page))
		}
	}
	return e.String(http.StatusNotFound, "Not found\n")
}

// publicCandidates lists the files that may answer a request for name.
func publicCandidates(name string) []string {
	if name == "" || name == "." {
		return []string{"index.html"}
	}
	if path.Ext(name) != "" {
		return []string{name}
	}
	return []string{name + ".html", name + "/index.html"}
}

func isFile(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && !info.IsDir()
}
