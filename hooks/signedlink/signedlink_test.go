package signedlink

import (
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func TestSignedLinks(t *testing.T) {
	secret := strings.Repeat("s", 64)
	claims := Claims{Action: "confirm", User: "u1", Project: "p1", Expires: testNow.Add(time.Hour).Unix()}
	token, err := Sign(secret, claims)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Verify(secret, token, testNow); err != nil || got != claims {
		t.Fatalf("VerifyLink = %+v, %v", got, err)
	}
	if _, err := Verify(secret, token, testNow.Add(2*time.Hour)); err != ErrExpired {
		t.Fatalf("expired link: %v", err)
	}
	body, sig, _ := strings.Cut(token, ".")
	forged, _ := Sign(secret, Claims{Action: "confirm", User: "u2", Project: "p1", Expires: claims.Expires})
	forgedBody, _, _ := strings.Cut(forged, ".")
	for name, bad := range map[string]string{
		"other user's body": forgedBody + "." + sig,
		"no signature":      body,
		"other secret":      mustSign(t, strings.Repeat("x", 64), claims),
		"empty":             "",
		"garbage":           "....",
	} {
		if _, err := Verify(secret, bad, testNow); err != ErrInvalid {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}

func mustSign(t testing.TB, secret string, c Claims) string {
	t.Helper()
	s, err := Sign(secret, c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func FuzzSignedLinks(f *testing.F) {
	secret := strings.Repeat("k", 64)
	good, _ := Sign(secret, Claims{Action: "confirm", User: "u1", Project: "p1", Expires: 4102444800})
	f.Add(good)
	f.Add("")
	f.Add("a.b")
	f.Add(good + "x")
	f.Fuzz(func(t *testing.T, token string) {
		c, err := Verify(secret, token, time.Unix(1700000000, 0))
		if err == nil && token != good {
			// Only a token signed with the secret may pass.
			again, _ := Sign(secret, c)
			body, _, _ := strings.Cut(token, ".")
			if againBody, _, _ := strings.Cut(again, "."); againBody != body {
				t.Fatalf("accepted a token not signed with the secret: %q", token)
			}
		}
	})
}
