package httpsig

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func signed(t *testing.T, key *rsa.PrivateKey, body []byte, now time.Time) *http.Request {
	t.Helper()
	r, _ := http.NewRequest(http.MethodPost, "https://pipeline.leeds.example/ap/organisations/leeds/inbox", bytes.NewReader(body))
	if err := Sign(r, body, "https://pipeline.bristol.example/ap/organisations/city-of-bristol#main-key", key, now); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSignAndVerify(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	body := []byte(`{"type":"Follow"}`)

	r := signed(t, key, body, now)
	if id, err := KeyID(r); err != nil || !strings.HasSuffix(id, "#main-key") {
		t.Fatalf("keyId: %q %v", id, err)
	}
	if err := Verify(r, body, &key.PublicKey, now.Add(time.Minute)); err != nil {
		t.Fatalf("a good signature: %v", err)
	}
	for name, check := range map[string]func() error{
		"another key":               func() error { return Verify(r, body, &other.PublicKey, now) },
		"a changed body":            func() error { return Verify(r, []byte(`{"type":"Delete"}`), &key.PublicKey, now) },
		"a stale request":           func() error { return Verify(r, body, &key.PublicKey, now.Add(MaxSkew+time.Second)) },
		"a request from the future": func() error { return Verify(r, body, &key.PublicKey, now.Add(-MaxSkew-time.Second)) },
		"another target": func() error {
			r2 := signed(t, key, body, now)
			r2.URL.Path = "/ap/organisations/city-of-bristol/inbox"
			return Verify(r2, body, &key.PublicKey, now)
		},
		"a changed Date": func() error {
			r2 := signed(t, key, body, now)
			r2.Header.Set("Date", now.Add(time.Second).Format(http.TimeFormat))
			return Verify(r2, body, &key.PublicKey, now)
		},
		"the digest left unsigned": func() error {
			r2 := signed(t, key, body, now)
			r2.Header.Set("Signature", strings.Replace(r2.Header.Get("Signature"), ` digest"`, `"`, 1))
			return Verify(r2, body, &key.PublicKey, now)
		},
		"no signature": func() error {
			r2, _ := http.NewRequest(http.MethodPost, "https://pipeline.leeds.example/inbox", nil)
			return Verify(r2, body, &key.PublicKey, now)
		},
	} {
		if err := check(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}
