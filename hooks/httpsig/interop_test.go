package httpsig

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"testing"
	"time"

	gofed "github.com/go-fed/httpsig"
)

// The fediverse's servers sign as go-fed/httpsig does (Mastodon follows the
// same draft): what it signs verifies here, and what is signed here
// verifies with it.
func TestSignaturesInteroperateWithGoFed(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"type":"Follow"}`)
	newRequest := func() *http.Request {
		r, _ := http.NewRequest(http.MethodPost, "https://pipeline.example/ap/organisations/leeds/inbox", bytes.NewReader(body))
		r.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
		r.Header.Set("Host", r.Host)
		return r
	}

	theirs := newRequest()
	signer, _, err := gofed.NewSigner([]gofed.Algorithm{gofed.RSA_SHA256}, gofed.DigestSha256,
		[]string{gofed.RequestTarget, "host", "date", "digest"}, gofed.Signature, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := signer.SignRequest(key, "https://mastodon.example/users/sam#main-key", theirs, body); err != nil {
		t.Fatal(err)
	}
	if err := Verify(theirs, body, &key.PublicKey, time.Now()); err != nil {
		t.Fatalf("go-fed's signature does not verify here: %v", err)
	}

	ours := newRequest()
	if err := Sign(ours, body, "https://pipeline.example/ap/organisations/leeds#main-key", key, time.Now()); err != nil {
		t.Fatal(err)
	}
	v, err := gofed.NewVerifier(ours)
	if err != nil {
		t.Fatal(err)
	}
	if v.KeyId() != "https://pipeline.example/ap/organisations/leeds#main-key" {
		t.Fatalf("go-fed reads the key id as %q", v.KeyId())
	}
	if err := v.Verify(&key.PublicKey, gofed.RSA_SHA256); err != nil {
		t.Fatalf("go-fed does not verify our signature: %v", err)
	}
	// And a changed body fails both ways.
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	if err := Verify(theirs, body, &other.PublicKey, time.Now()); err == nil {
		t.Fatal("verified with another key")
	}
}
