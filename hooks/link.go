package hooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// LinkClaims is what a signed link says: who may do what, to which
// project, until when.
type LinkClaims struct {
	Action  string `json:"a"`
	User    string `json:"u"`
	Project string `json:"p,omitempty"`
	Expires int64  `json:"e"`
}

// Errors of signed links.
var (
	ErrLinkInvalid = errors.New("this link is not valid")
	ErrLinkExpired = errors.New("this link has expired")
)

// SignLink makes a token for claims, signed with secret.
func SignLink(secret string, c LinkClaims) (string, error) {
	payload, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("encode link: %w", err)
	}
	body := base64.RawURLEncoding.EncodeToString(payload)
	return body + "." + linkSignature(secret, body), nil
}

// VerifyLink checks a token's signature and expiry at now and returns what
// it says.
func VerifyLink(secret, token string, now time.Time) (LinkClaims, error) {
	var c LinkClaims
	body, sig, found := strings.Cut(token, ".")
	if !found || len(token) > 1000 || secret == "" {
		return c, ErrLinkInvalid
	}
	if !hmac.Equal([]byte(sig), []byte(linkSignature(secret, body))) {
		return c, ErrLinkInvalid
	}
	payload, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || json.Unmarshal(payload, &c) != nil || c.User == "" || c.Action == "" {
		return LinkClaims{}, ErrLinkInvalid
	}
	if now.Unix() > c.Expires {
		return c, ErrLinkExpired
	}
	return c, nil
}

func linkSignature(secret, body string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("pipeline-link\x00" + body))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// signedURL is the absolute address of a one-click link for user.
func signedURL(app core.App, cfg Config, action, user, project string, now time.Time) (string, error) {
	token, err := SignLink(cfg.LinkSecret, LinkClaims{Action: action, User: user, Project: project, Expires: now.Add(cfg.LinkExpiry).Unix()})
	if err != nil {
		return "", err
	}
	return absoluteURL(app, "/api/pipeline/"+action+"?token="+url.QueryEscape(token)), nil
}

// absoluteURL prefixes a path with the instance's application URL.
func absoluteURL(app core.App, path string) string {
	return strings.TrimRight(app.Settings().Meta.AppURL, "/") + path
}
