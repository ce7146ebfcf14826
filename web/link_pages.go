package web

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"pipeline/hooks"
)

// renderLinkPage draws a one-click link page (confirm, unsubscribe, mute,
// hooks/link_oneclick.go) in the site's layout. Its button posts the
// signed link back; the link's signature is what allows the action, so
// the form carries no CSRF token. The page is never cached, never sends
// its address (which holds the token) as a referrer, and is never indexed.
func (s *Site) renderLinkPage(e *core.RequestEvent, status int, p hooks.LinkPage) error {
	title := p.Heading
	page := Page{Title: title, Page: "link", Private: true, Data: p}
	if p.Failed {
		page.Title = "Error: " + title
	}
	if status == 0 {
		status = http.StatusOK
	}
	return s.render(e, status, "link", page)
}
