package hooks

import (
	"fmt"

	"github.com/pocketbase/dbx"
)

// DBConnect opens Pipeline's SQLite databases. It keeps PocketBase's own
// settings (WAL, synchronous NORMAL, a 10 s busy timeout, foreign keys,
// defensive mode) with two changes:
//
//   - transactions begin IMMEDIATE, taking the write lock at the start.
//     A deferred transaction that has read and then wants to write fails
//     at once with SQLITE_BUSY_SNAPSHOT when another connection wrote in
//     between (a checkpoint by Litestream, say), and PocketBase's retries
//     cannot mend that; an immediate one just waits its turn.
//   - each connection keeps at most 2 MB of pages (PocketBase: 32 MB). A
//     busy server holds tens of connections, so this bounds memory; the
//     operating system's file cache still holds the database.
func DBConnect(dbPath string) (*dbx.DB, error) {
	// busy_timeout must come first, so that setting WAL mode waits for
	// other connections rather than failing.
	const pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-2000)" +
		"&_defensive=1&_txlock=immediate"
	db, err := dbx.Open("sqlite", dbPath+pragmas)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dbPath, err)
	}
	return db, nil
}
