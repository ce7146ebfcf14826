package hooks

import (
	"context"
	"path/filepath"
	"testing"
)

func TestDBConnectTakesTheWriteLockAtBeginAndBoundsThePageCache(t *testing.T) {
	db, err := DBConnect(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cache int
	if err := db.NewQuery("PRAGMA cache_size").Row(&cache); err != nil || cache != -2000 {
		t.Fatalf("cache_size %d (%v), want -2000", cache, err)
	}
	if _, err := db.NewQuery("CREATE TABLE t (x)").Execute(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tx, err := db.DB().BeginTx(ctx, nil) // no statement yet
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := db.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		t.Fatal(err)
	}
	// A deferred BEGIN would hold no lock until its first write, and this
	// insert would succeed.
	if _, err := other.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err == nil {
		t.Fatal("another connection wrote while a transaction was open: BEGIN was not IMMEDIATE")
	}
}
