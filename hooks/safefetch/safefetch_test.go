package safefetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestAllowed(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.216.34": true, "2606:4700::1111": true,
		"127.0.0.1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false, "169.254.169.254": false,
		"100.64.0.1": false, "0.0.0.0": false, "::1": false, "::": false, "fe80::1": false, "fc00::1": false,
		"::ffff:127.0.0.1": false, "::ffff:10.0.0.1": false, "224.0.0.1": false, "255.255.255.255": false,
		"64:ff9b::a00:1": false, "fd00:ec2::254": false,
	} {
		if got := Allowed(netip.MustParseAddr(addr), false); got != want {
			t.Errorf("%s: %v, want %v", addr, got, want)
		}
	}
	if !Allowed(netip.MustParseAddr("127.0.0.1"), true) || Allowed(netip.MustParseAddr("::1"), true) || Allowed(netip.MustParseAddr("10.0.0.1"), true) {
		t.Error("the test switch lets 127.0.0.0/8 through, and nothing else")
	}
}

func TestCheckURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://example.org/feed": true, "http://example.org": true,
		"ftp://example.org": false, "file:///etc/passwd": false, "gopher://x": false, "https://": false,
		"https://user:pw@example.org": false, "http://169.254.169.254/latest/meta-data/": false, "http://[::1]/": false,
		"http://10.0.0.1/": false,
	} {
		if err := CheckURL(raw, false); (err == nil) != ok {
			t.Errorf("%s: %v", raw, err)
		}
	}
}

func TestFetchingRefusesTheServersOwnNetwork(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			_, _ = w.Write([]byte(strings.Repeat("x", 2048)))
		case "/slow":
			time.Sleep(500 * time.Millisecond)
		case "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/to-private-name":
			http.Redirect(w, r, "http://localhost:1/", http.StatusFound)
		default:
			_, _ = w.Write([]byte("ok"))
		}
	}))
	defer srv.Close()
	ctx := context.Background()

	// Without the test switch, loopback is refused, by name or by number.
	strict := Options{}
	if _, _, err := Get(ctx, NewClient(strict), srv.URL, nil, strict); !errors.Is(err, ErrRefused) {
		t.Fatalf("loopback without the switch: %v", err)
	}
	named := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if _, _, err := Get(ctx, NewClient(strict), named, nil, strict); !errors.Is(err, ErrRefused) {
		t.Fatalf("a name that resolves to loopback: %v", err)
	}

	o := Options{AllowLoopback: true, MaxBytes: 1024, Timeout: 200 * time.Millisecond}
	c := NewClient(o)
	if _, body, err := Get(ctx, c, srv.URL+"/ok", nil, o); err != nil || string(body) != "ok" {
		t.Fatalf("an allowed fetch: %q %v", body, err)
	}
	if _, _, err := Get(ctx, c, srv.URL+"/big", nil, o); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("an answer over the limit: %v", err)
	}
	if _, _, err := Get(ctx, c, srv.URL+"/slow", nil, o); err == nil {
		t.Fatal("an answer slower than the timeout")
	}
	if _, _, err := Get(ctx, c, srv.URL+"/to-metadata", nil, o); !errors.Is(err, ErrRefused) {
		t.Fatalf("a redirect to the metadata address: %v", err)
	}
	// localhost resolves to ::1 or 127.0.0.1; port 1 answers nothing either
	// way, and ::1 is refused even with the switch.
	if _, _, err := Get(ctx, c, srv.URL+"/to-private-name", nil, o); err == nil {
		t.Fatal("a redirect to localhost:1 succeeded")
	}
}
