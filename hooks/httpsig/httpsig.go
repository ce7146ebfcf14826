// Package httpsig signs and checks server-to-server requests with HTTP
// Signatures as the fediverse uses them (draft-cavage-http-signatures,
// rsa-sha256): the request target, Host, Date and, with a body, its
// SHA-256 Digest are signed. A check refuses a signature that does not
// verify, a body that does not match its digest, a request that leaves
// any of those headers out of what it signs, and a Date too far from now
// (a stale or replayed request).
package httpsig

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// MaxSkew is how far a request's Date may be from now.
const MaxSkew = 5 * time.Minute

// ErrInvalid is a request whose signature is missing, malformed or wrong.
var ErrInvalid = errors.New("invalid HTTP signature")

// Digest is the Digest header's value for body.
func Digest(body []byte) string {
	sum := sha256.Sum256(body)
	return "SHA-256=" + base64.StdEncoding.EncodeToString(sum[:])
}

// Sign signs r (whose body is body, or nil) as keyID with key, setting
// Date (if unset), Digest (with a body) and Signature.
func Sign(r *http.Request, body []byte, keyID string, key *rsa.PrivateKey, now time.Time) error {
	if r.Header.Get("Date") == "" {
		r.Header.Set("Date", now.UTC().Format(http.TimeFormat))
	}
	if r.Host == "" {
		r.Host = r.URL.Host
	}
	headers := []string{"(request-target)", "host", "date"}
	if body != nil {
		r.Header.Set("Digest", Digest(body))
		headers = append(headers, "digest")
	}
	sum := sha256.Sum256([]byte(signingString(r, headers)))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		return fmt.Errorf("sign a request: %w", err)
	}
	r.Header.Set("Signature", fmt.Sprintf(`keyId="%s",algorithm="rsa-sha256",headers="%s",signature="%s"`,
		keyID, strings.Join(headers, " "), base64.StdEncoding.EncodeToString(sig)))
	return nil
}

// KeyID is the keyId a request's Signature names, for finding its key.
func KeyID(r *http.Request) (string, error) {
	p, err := parse(r.Header.Get("Signature"))
	if err != nil {
		return "", err
	}
	return p["keyId"], nil
}

// Verify checks r's signature with key, its body against its Digest, and
// its Date against now.
func Verify(r *http.Request, body []byte, key *rsa.PublicKey, now time.Time) error {
	p, err := parse(r.Header.Get("Signature"))
	if err != nil {
		return err
	}
	if a := p["algorithm"]; a != "" && a != "rsa-sha256" && a != "hs2019" {
		return fmt.Errorf("%w: algorithm %q", ErrInvalid, a)
	}
	headers := strings.Fields(strings.ToLower(p["headers"]))
	if len(headers) == 0 {
		headers = []string{"date"}
	}
	need := []string{"(request-target)", "host", "date"}
	if len(body) > 0 {
		need = append(need, "digest")
	}
	for _, h := range need {
		if !slices.Contains(headers, h) {
			return fmt.Errorf("%w: %s is not signed", ErrInvalid, h)
		}
	}
	date, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil {
		return fmt.Errorf("%w: no readable Date", ErrInvalid)
	}
	if d := now.Sub(date); d > MaxSkew || d < -MaxSkew {
		return fmt.Errorf("%w: Date %s is too far from now", ErrInvalid, r.Header.Get("Date"))
	}
	if len(body) > 0 && r.Header.Get("Digest") != Digest(body) {
		return fmt.Errorf("%w: the body does not match its Digest", ErrInvalid)
	}
	sig, err := base64.StdEncoding.DecodeString(p["signature"])
	if err != nil {
		return fmt.Errorf("%w: the signature is not base64", ErrInvalid)
	}
	sum := sha256.Sum256([]byte(signingString(r, headers)))
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], sig); err != nil {
		return fmt.Errorf("%w: it does not verify", ErrInvalid)
	}
	return nil
}

// signingString is the text a signature covers: each header, lower-case,
// with its value, a line each.
func signingString(r *http.Request, headers []string) string {
	lines := make([]string, 0, len(headers))
	for _, h := range headers {
		switch h {
		case "(request-target)":
			lines = append(lines, "(request-target): "+strings.ToLower(r.Method)+" "+r.URL.RequestURI())
		case "host":
			host := r.Host
			if host == "" {
				host = r.URL.Host
			}
			lines = append(lines, "host: "+host)
		default:
			lines = append(lines, h+": "+strings.Join(r.Header.Values(h), ", "))
		}
	}
	return strings.Join(lines, "\n")
}

// parse reads a Signature header's parameters.
func parse(header string) (map[string]string, error) {
	if header == "" {
		return nil, fmt.Errorf("%w: no Signature header", ErrInvalid)
	}
	out := map[string]string{}
	for _, part := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("%w: %q", ErrInvalid, part)
		}
		out[k] = strings.Trim(v, `"`)
	}
	if out["keyId"] == "" || out["signature"] == "" {
		return nil, fmt.Errorf("%w: no keyId or signature", ErrInvalid)
	}
	return out, nil
}

// SignatureBytes is the signature a request carries, decoded: the same
// signature however its header is written, for recognising a replay.
func SignatureBytes(r *http.Request) ([]byte, error) {
	p, err := parse(r.Header.Get("Signature"))
	if err != nil {
		return nil, err
	}
	sig, err := base64.StdEncoding.DecodeString(p["signature"])
	if err != nil {
		return nil, fmt.Errorf("%w: the signature is not base64", ErrInvalid)
	}
	return sig, nil
}
