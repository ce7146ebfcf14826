package hooks

import (
	"pipeline/hooks/signedlink"

	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// signedURL is the absolute address of a one-click link for user.
func signedURL(app core.App, cfg Config, action, user, project string, now time.Time) (string, error) {
	token, err := signedlink.Sign(cfg.LinkSecret, signedlink.Claims{Action: action, User: user, Project: project, Expires: now.Add(cfg.LinkExpiry).Unix()})
	if err != nil {
		return "", err
	}
	return absoluteURL(app, "/api/pipeline/"+action+"?token="+url.QueryEscape(token)), nil
}

// absoluteURL prefixes a path with the instance's application URL.
func absoluteURL(app core.App, path string) string {
	return strings.TrimRight(app.Settings().Meta.AppURL, "/") + path
}
