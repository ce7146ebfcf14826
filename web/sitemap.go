package web

import (
	"encoding/xml"
	"fmt"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// sitemapMax is the most addresses one sitemap may list (sitemaps.org).
const sitemapMax = 50000

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	Xmlns   string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap: GET /sitemap.xml, the published projects (most recently active
// first) and every organisation; never a draft.
func sitemap(e *core.RequestEvent) error {
	set := urlset{Xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range []string{"/", "/projects", "/organisations", "/open-data"} {
		set.URLs = append(set.URLs, sitemapURL{Loc: absolute(e.App, p)})
	}
	var rows []struct {
		Slug string `db:"slug"`
		At   string `db:"at"`
	}
	err := e.App.DB().NewQuery(fmt.Sprintf(`SELECT slug, substr(lastActivityAt, 1, 10) AS at FROM projects
		WHERE visibility = 'published' ORDER BY lastActivityAt DESC LIMIT %d`, sitemapMax-1000)).All(&rows)
	if err != nil {
		return e.InternalServerError("", err)
	}
	for _, r := range rows {
		set.URLs = append(set.URLs, sitemapURL{Loc: absolute(e.App, "/projects/"+r.Slug), LastMod: r.At})
	}
	rows = nil
	if err := e.App.DB().NewQuery("SELECT slug, '' AS at FROM organisations ORDER BY slug LIMIT 996").All(&rows); err != nil {
		return e.InternalServerError("", err)
	}
	for _, r := range rows {
		set.URLs = append(set.URLs, sitemapURL{Loc: absolute(e.App, "/organisations/"+r.Slug)})
	}
	out, err := xml.Marshal(set)
	if err != nil {
		return e.InternalServerError("", err)
	}
	e.Response.Header().Set("Content-Type", "application/xml; charset=utf-8")
	e.Response.Header().Set("Cache-Control", "public, max-age=3600")
	return e.Blob(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// robots: GET /robots.txt. Pages are open to search engines; the API, the
// dashboard, one-click links and people's own pages are not.
func robots(e *core.RequestEvent) error {
	body := "User-agent: *\n" +
		"Disallow: /api/\n" +
		"Disallow: /_/\n" +
		"Disallow: /my\n" +
		"Disallow: /sign-in\n" +
		"Disallow: /sign-up\n" +
		"Disallow: /admin/\n" +
		"Disallow: /coordinator\n" +
		"Disallow: /portfolio\n" +
		"Sitemap: " + absolute(e.App, "/sitemap.xml") + "\n"
	e.Response.Header().Set("Cache-Control", "public, max-age=86400")
	return e.String(http.StatusOK, body)
}
