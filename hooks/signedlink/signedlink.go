// Package signedlink makes and checks the tokens of Pipeline's one-click
// links (still accurate, unsubscribe, mute): a JSON body of claims and an
// HMAC-SHA256 signature, both base64url, joined by a dot. It needs nothing
// of PocketBase.
package signedlink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Claims is what a signed link says: who may do what, to which
// project, until when.
type Claims struct {
	Action  string `json:"a"`
	User    string `json:"u"`
	Project string `json:"p,omitempty"`
	Expires int64  `json:"e"`
}

// Errors of signed links.
var (
	ErrInvalid = errors.New("this link is not valid")
	ErrExpired = errors.New("this link has expired")
)

// Sign makes a token for claims, signed with secret.
func Sign(secret string, c Claims) (string, error) {
	payload, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("encode link: %w", err)
	}
	body := base64.RawURLEncoding.EncodeToString(payload)
	return body + "." + signature(secret, body), nil
}

// Verify checks a token's signature and expiry at now and returns what
// it says.
func Verify(secret, token string, now time.Time) (Claims, error) {
	var c Claims
	body, sig, found := strings.Cut(token, ".")
	if !found || len(token) > 1000 || secret == "" {
		return c, ErrInvalid
	}
	if !hmac.Equal([]byte(sig), []byte(signature(secret, body))) {
		return c, ErrInvalid
	}
	payload, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || json.Unmarshal(payload, &c) != nil || c.User == "" || c.Action == "" {
		return Claims{}, ErrInvalid
	}
	if now.Unix() > c.Expires {
		return c, ErrExpired
	}
	return c, nil
}

// signature is the HMAC-SHA256 of a token's body under secret.
func signature(secret, body string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("pipeline-link\x00" + body))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
