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
