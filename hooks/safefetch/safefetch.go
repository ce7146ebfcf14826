// Package safefetch fetches addresses that people gave Pipeline (a peer's
// actor, a team's feed) without letting them reach inside the network the
// server runs in: http and https only; the address of every connection,
// after names are resolved and after every redirect, is checked, so a
// name that resolves to a private, loopback, link-local or metadata
// address is refused even when it changes between checks (DNS rebinding);
// answers are capped in size and time. Loopback can be let through for
// tests only (Options.AllowLoopback), and nothing else ever.
package safefetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"
)

// Defaults: the most an answer may hold, and how long a fetch may take.
const (
	DefaultMaxBytes = 1 << 20
	DefaultTimeout  = 10 * time.Second
	maxRedirects    = 5
)

var (
	// ErrRefused is an address safefetch will not fetch: not http or
	// https, or a host inside the server's own network.
	ErrRefused = errors.New("address refused")
	// ErrTooLarge is an answer larger than the limit.
	ErrTooLarge = errors.New("answer too large")
)

// Options set what a client lets through.
type Options struct {
	// AllowLoopback lets 127.0.0.0/8 through, for tests on one machine.
	AllowLoopback bool
	// MaxBytes caps an answer (DefaultMaxBytes when 0); Timeout caps a
	// whole fetch, redirects included (DefaultTimeout when 0).
	MaxBytes int64
	Timeout  time.Duration
	// WebPorts lets connections reach ports 80 and 443 only (any port on
	// loopback, when that is allowed, for tests).
	WebPorts bool
}

// maxHeaderBytes caps an answer's headers (Go's default is 10 MB).
const maxHeaderBytes = 64 << 10

// blocked are the ranges no fetch may reach, beyond what netip's own
// predicates cover.
var blocked = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64, which can reach IPv4 inside
	netip.MustParsePrefix("64:ff9b:1::/48"), // local NAT64
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated)
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, the cloud metadata address among them
	netip.MustParsePrefix("fd00:ec2::/32"),  // a cloud's IPv6 metadata range
	netip.MustParsePrefix("::/96"),          // IPv4-compatible (deprecated), which can name IPv4 inside
	netip.MustParsePrefix("2002::/16"),      // 6to4, which carries an IPv4 address
	netip.MustParsePrefix("2001::/32"),      // Teredo, likewise
}

// ownAddresses are the server's own interface addresses: reached from the
// server itself, they pass no firewall, so no fetch may connect to them.
var ownAddresses = sync.OnceValue(func() map[netip.Addr]bool {
	out := map[netip.Addr]bool{}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return out
	}
	for _, a := range addrs {
		if p, err := netip.ParsePrefix(a.String()); err == nil {
			out[p.Addr().Unmap()] = true
		}
	}
	return out
})

// Allowed says whether a connection may be made to ip.
func Allowed(ip netip.Addr, allowLoopback bool) bool {
	ip = ip.Unmap()
	if !ip.IsValid() {
		return false
	}
	if ip.IsLoopback() {
		return allowLoopback && ip.Is4() && netip.MustParsePrefix("127.0.0.0/8").Contains(ip)
	}
	if ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range blocked {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// CheckURL refuses what can be told from an address alone: a scheme other
// than http or https, no host, credentials, or a literal IP that is not
// allowed. A name is checked when it is resolved, at connection time.
func CheckURL(raw string, allowLoopback bool) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil {
		return fmt.Errorf("%w: %s is not an http or https address", ErrRefused, raw)
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil && !Allowed(ip, allowLoopback) {
		return fmt.Errorf("%w: %s is inside the server's network", ErrRefused, u.Hostname())
	}
	return nil
}

// NewClient is an HTTP client that connects only to allowed addresses,
// uses no proxy, follows at most five redirects (each checked) and gives
// up after the timeout.
func NewClient(o Options) *http.Client {
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	dialer := &net.Dialer{Timeout: timeout, Control: func(_, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrRefused, address)
		}
		ip, err := netip.ParseAddr(host)
		if err != nil || !Allowed(ip, o.AllowLoopback) {
			return fmt.Errorf("%w: %s is inside the server's network", ErrRefused, host)
		}
		if !ip.Unmap().IsLoopback() && ownAddresses()[ip.Unmap()] {
			return fmt.Errorf("%w: %s is this server's own address", ErrRefused, host)
		}
		if o.WebPorts && !ip.Unmap().IsLoopback() {
			if _, port, _ := net.SplitHostPort(address); port != "80" && port != "443" {
				return fmt.Errorf("%w: port %s is not a web port", ErrRefused, port)
			}
		}
		return nil
	}}
	transport := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		TLSHandshakeTimeout:    timeout,
		ResponseHeaderTimeout:  timeout,
		MaxResponseHeaderBytes: maxHeaderBytes,
		MaxIdleConns:           10,
		IdleConnTimeout:        30 * time.Second,
	}
	return &http.Client{Transport: transport, Timeout: timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("%w: more than %d redirects", ErrRefused, maxRedirects)
		}
		return CheckURL(req.URL.String(), o.AllowLoopback)
	}}
}

// Get fetches raw with the client, returning the answer (its body read,
// at most maxBytes; ErrTooLarge beyond) or why not. headers are added to
// the request (Accept, If-None-Match…).
func Get(ctx context.Context, c *http.Client, raw string, headers map[string]string, o Options) (*http.Response, []byte, error) {
	if err := CheckURL(raw, o.AllowLoopback); err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return Do(c, req, o)
}

// Do sends a request already made (a signed GET, a POST) with the client,
// returning the answer (its body read, at most o.MaxBytes; ErrTooLarge
// beyond) or why not. The address is checked as Get checks it.
func Do(c *http.Client, req *http.Request, o Options) (*http.Response, []byte, error) {
	raw := req.URL.String()
	if err := CheckURL(raw, o.AllowLoopback); err != nil {
		return nil, nil, err
	}
	res, err := c.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	defer res.Body.Close()
	max := o.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, max+1))
	if err != nil {
		return res, nil, fmt.Errorf("read %s: %w", raw, err)
	}
	if int64(len(body)) > max {
		return res, nil, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, raw, max)
	}
	return res, body, nil
}
