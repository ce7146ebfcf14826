package hooks

import (
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// A peer is another Pipeline this one federates with. Its address is its
// Application URL: https, a host and nothing else (no path, query or
// credentials), never this instance's own. Plain http is let through only
// on 127.0.0.0/8 when PIPELINE_FEDERATION_ALLOW_LOOPBACK=1, for tests that
// run several instances on one machine.

// peerURL checks and normalises a peer's address, or says what is wrong
// with it.
func peerURL(raw, own string, allowLoopback bool) (string, string) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "", "Enter the peer's address, like https://pipeline.council.gov.uk"
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || strings.Trim(u.Path, "/") != "" {
		return "", "Enter only the peer's address, like https://pipeline.council.gov.uk, without a path"
	}
	host := strings.ToLower(u.Hostname())
	loopback := false
	if ip := net.ParseIP(host); ip != nil {
		loopback = ip.To4() != nil && ip.To4()[0] == 127
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && allowLoopback && loopback:
	default:
		return "", "A peer must be served over HTTPS"
	}
	norm := strings.ToLower(u.Scheme) + "://" + host
	if p := u.Port(); p != "" && !(u.Scheme == "https" && p == "443") && !(u.Scheme == "http" && p == "80") {
		norm += ":" + p
	}
	if strings.EqualFold(strings.TrimRight(own, "/"), norm) {
		return "", "This is this instance's own address"
	}
	return norm, ""
}

// peerValidate checks a peer's address on every save, however it is made
// (the API, the dashboard), and keeps it normalised.
func peerValidate(e *core.RecordEvent) error {
	norm, problem := peerURL(e.Record.GetString("url"), instanceBase(e.App), os.Getenv(EnvFederationLoopback) == "1")
	if problem != "" {
		return fieldError("url", "pipeline_invalid_peer", problem)
	}
	e.Record.Set("url", norm)
	return e.Next()
}

// guardPeerCreate sets who added a peer; the state is the coordinator's
// to choose, pending unless said.
func guardPeerCreate(e *core.RecordRequestEvent) error {
	if err := guardFields(e.Record, "url", "state", "note"); err != nil && !e.HasSuperuserAuth() {
		return badRequest(e.RequestEvent, err)
	}
	if e.Auth != nil && !e.HasSuperuserAuth() {
		e.Record.Set("addedBy", e.Auth.Id)
	}
	if e.Record.GetString("state") == "" {
		e.Record.Set("state", PeerPending)
	}
	return e.Next()
}

// guardPeerUpdate lets a coordinator change a peer's address, state and
// note, never who added it.
func guardPeerUpdate(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	if err := guardFields(e.Record, "url", "state", "note"); err != nil {
		return badRequest(e.RequestEvent, err)
	}
	return e.Next()
}
