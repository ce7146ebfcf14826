package hooks

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"database/sql"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// actorKeyBits is the size of an organisation's RSA key, as the fediverse
// expects (HTTP Signatures with rsa-sha256).
const actorKeyBits = 2048

// ActorPublicKey is an organisation's public key, PEM, made (with its
// private half, kept in pipeline_actor_keys) the first time it is asked
// for.
func ActorPublicKey(app core.App, orgID string) (string, error) {
	var row struct {
		Public string `db:"publicPem"`
	}
	err := app.DB().NewQuery("SELECT publicPem FROM pipeline_actor_keys WHERE organisation = {:o}").Bind(dbx.Params{"o": orgID}).One(&row)
	if err == nil {
		return row.Public, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read the actor key of %s: %w", orgID, err)
	}
	key, err := rsa.GenerateKey(rand.Reader, actorKeyBits)
	if err != nil {
		return "", fmt.Errorf("make an actor key: %w", err)
	}
	private := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: mustPKCS8(key)})
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return "", fmt.Errorf("encode an actor key: %w", err)
	}
	public := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))
	// Two first requests at once: the first key stored wins, and both
	// answer with it.
	if _, err := app.DB().NewQuery("INSERT OR IGNORE INTO pipeline_actor_keys (organisation, privatePem, publicPem) VALUES ({:o}, {:priv}, {:pub})").
		Bind(dbx.Params{"o": orgID, "priv": string(private), "pub": public}).Execute(); err != nil {
		return "", fmt.Errorf("store the actor key of %s: %w", orgID, err)
	}
	return ActorPublicKey(app, orgID)
}

func mustPKCS8(key *rsa.PrivateKey) []byte {
	b, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		panic(fmt.Sprintf("encode an RSA key: %v", err)) // cannot fail for a key rsa.GenerateKey made
	}
	return b
}

// instanceKeyOwner is the key row of the instance's own actor
// (/ap/instance), which follows peers' organisations and signs the
// instance's fetches.
const instanceKeyOwner = "@instance"

// actorPrivateKey is the private key of an organisation (or of the
// instance, instanceKeyOwner), made first if it has none.
func actorPrivateKey(app core.App, owner string) (*rsa.PrivateKey, error) {
	if _, err := ActorPublicKey(app, owner); err != nil {
		return nil, err
	}
	var row struct {
		Private string `db:"privatePem"`
	}
	if err := app.DB().NewQuery("SELECT privatePem FROM pipeline_actor_keys WHERE organisation = {:o}").
		Bind(dbx.Params{"o": owner}).One(&row); err != nil {
		return nil, fmt.Errorf("read the private key of %s: %w", owner, err)
	}
	block, _ := pem.Decode([]byte(row.Private))
	if block == nil {
		return nil, fmt.Errorf("the private key of %s is not PEM", owner)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parse the private key of %s: %w", owner, err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("the private key of %s is not RSA", owner)
	}
	return rk, nil
}

// parsePublicKey reads a PEM public key (PKIX, or PKCS #1 as some servers
// publish).
func parsePublicKey(pemText string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(pemText))
	if block == nil {
		return nil, errors.New("the public key is not PEM")
	}
	if k, err := x509.ParsePKIXPublicKey(block.Bytes); err == nil {
		if rk, ok := k.(*rsa.PublicKey); ok {
			return rk, nil
		}
		return nil, errors.New("the public key is not RSA")
	}
	k, err := x509.ParsePKCS1PublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parse the public key: %w", err)
	}
	return k, nil
}
