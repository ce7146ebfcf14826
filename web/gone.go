package web

import (
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// gone says whether a published project or an organisation once had
// this slug and was deleted (pipeline_gone, written by the database's
// triggers; a deleted draft is never listed there).
func gone(app core.App, kind, slug string) bool {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM pipeline_gone WHERE kind = {:k} AND slug = {:s}").
		Bind(dbx.Params{"k": kind, "s": slug}).Row(&n)
	return err == nil && n > 0
}

// isWebAddress says whether s is an http or https address with a host.
func isWebAddress(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
