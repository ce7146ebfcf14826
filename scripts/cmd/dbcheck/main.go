// Command dbcheck checks a Pipeline SQLite database file for the drills,
// without the sqlite3 shell: PRAGMA integrity_check, the number of
// projects, that the search index agrees with the projects, and that every
// acknowledged project id is present.
//
// Usage:
//
//	dbcheck -db pb_data/data.db [-ids acked.tsv] [-before UNIXNANO] [-aux]
//
// -ids names a file of acknowledged writes as drillwriter records them
// ("id <TAB> acknowledged-at"); with -before, only writes acknowledged
// before that instant must be present (the rest are counted). -aux checks
// an auxiliary database (PocketBase's logs), which has no projects: only
// its integrity is checked.
//
// It prints one line of figures, for example
//
//	integrity=ok projects=1234 indexed=1234 acked=800 required=800 present=800 missing=0
//
// and exits 1 if anything is wrong. The database must not be in use by a
// writer; dbcheck only reads it.
package main

import (
	"bufio"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"

	_ "modernc.org/sqlite"
)

func main() {
	path := flag.String("db", "", "database file (required)")
	ids := flag.String("ids", "", "file of acknowledged project ids (drillwriter's output)")
	before := flag.Int64("before", 0, "only ids acknowledged before this Unix time in nanoseconds must be present")
	aux := flag.Bool("aux", false, "the file is an auxiliary (logs) database: check integrity only")
	flag.Parse()
	if *path == "" {
		log.Fatal("dbcheck: -db is required")
	}
	if _, err := os.Stat(*path); err != nil {
		log.Fatalf("dbcheck: %v", err)
	}
	db, err := sql.Open("sqlite", "file:"+*path+"?_pragma=busy_timeout(10000)&_pragma=query_only(1)")
	if err != nil {
		log.Fatalf("dbcheck: %v", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	ok := true
	var figures []string
	rows, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		log.Fatalf("dbcheck: integrity_check: %v", err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			log.Fatalf("dbcheck: integrity_check: %v", err)
		}
		problems = append(problems, s)
	}
	if err := rows.Err(); err != nil {
		log.Fatalf("dbcheck: integrity_check: %v", err)
	}
	rows.Close()
	integrity := strings.Join(problems, "; ")
	if integrity != "ok" {
		ok = false
		fmt.Fprintf(os.Stderr, "dbcheck: integrity_check: %s\n", integrity)
		integrity = "FAILED"
	}
	figures = append(figures, "integrity="+integrity)
	var journal string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&journal); err == nil {
		figures = append(figures, "journal="+journal)
	}

	if !*aux {
		var projects, indexed int
		if err := db.QueryRow("SELECT COUNT(*) FROM projects").Scan(&projects); err != nil {
			log.Fatalf("dbcheck: count projects: %v", err)
		}
		figures = append(figures, fmt.Sprintf("projects=%d", projects))
		if err := db.QueryRow("SELECT COUNT(*) FROM projects_fts_rowids").Scan(&indexed); err == nil {
			figures = append(figures, fmt.Sprintf("indexed=%d", indexed))
			if indexed != projects {
				ok = false
				fmt.Fprintf(os.Stderr, "dbcheck: %d projects but %d in the search index\n", projects, indexed)
			}
		}
		if *ids != "" {
			f, err := checkIds(db, *ids, *before)
			if err != nil {
				log.Fatalf("dbcheck: %v", err)
			}
			figures = append(figures, f.String())
			if f.missingRequired > 0 {
				ok = false
			}
		}
	}
	fmt.Println(strings.Join(figures, " "))
	if !ok {
		os.Exit(1)
	}
}

// idFigures count acknowledged writes found in the database.
type idFigures struct {
	acked, required, present, missingRequired, lateAcked, latePresent int
	before                                                            int64
}

func (f idFigures) String() string {
	s := fmt.Sprintf("acked=%d required=%d present=%d missing=%d", f.acked, f.required, f.present, f.missingRequired)
	if f.before > 0 {
		s += fmt.Sprintf(" acked_after_cutoff=%d of_which_present=%d", f.lateAcked, f.latePresent)
	}
	return s
}

// checkIds looks up each acknowledged id. Ids acknowledged at or after
// before (when set) are counted but not required.
func checkIds(db *sql.DB, path string, before int64) (idFigures, error) {
	f := idFigures{before: before}
	file, err := os.Open(path)
	if err != nil {
		return f, err
	}
	defer file.Close()
	stmt, err := db.Prepare("SELECT COUNT(*) FROM projects WHERE id = ?")
	if err != nil {
		return f, err
	}
	defer stmt.Close()
	sc := bufio.NewScanner(file)
	shown := 0
	for sc.Scan() {
		id, at, _ := strings.Cut(sc.Text(), "\t")
		if id == "" {
			continue
		}
		f.acked++
		var n int
		if err := stmt.QueryRow(id).Scan(&n); err != nil {
			return f, fmt.Errorf("look up %s: %w", id, err)
		}
		ackedAt, _ := strconv.ParseInt(at, 10, 64)
		required := before == 0 || ackedAt < before
		switch {
		case required && n == 1:
			f.required++
			f.present++
		case required:
			f.required++
			f.missingRequired++
			if shown < 10 {
				fmt.Fprintf(os.Stderr, "dbcheck: acknowledged project %s is missing\n", id)
				shown++
			}
		default:
			f.lateAcked++
			if n == 1 {
				f.latePresent++
				f.present++
			}
		}
	}
	return f, sc.Err()
}
