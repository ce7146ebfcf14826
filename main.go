// Command pipeline runs Pipeline: a self-hosted collaboration platform for
// UK local government, built on PocketBase.
package main

import (
	"embed"
	"io/fs"
	"log"
	"os"
	"runtime/debug"
	"strings"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"pipeline/hooks"
	"pipeline/ops"
	_ "pipeline/pb_migrations"
	"pipeline/web"
)

//go:embed all:pb_public
var publicFS embed.FS

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is not
// set: the collector works harder as the heap nears it, which keeps a
// busy server's memory near its measured peak rather than doubling with
// every burst of garbage. It must stay well above what the server holds
// for good: at 100,000 projects the similarity index alone is about
// 150 MB, and under the earlier 96 MiB the collector never rested
// (similar projects p95 11 ms against 2.6 ms at this limit; see
// docs/benchmarks.md).
const defaultMemoryLimit = 320 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	isGoRun := strings.HasPrefix(os.Args[0], os.TempDir())
	app := pocketbase.NewWithConfig(pocketbase.Config{
		DefaultDev: isGoRun,
		DBConnect:  hooks.DBConnect,
	})

	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		Dir:         "pb_migrations",
		Automigrate: isGoRun,
	})

	hooks.Register(app)
	ops.RegisterCommands(app)
	// PIPELINE_PUBLIC_DIR serves the UI from a folder instead of the copy
	// embedded at build time: for working on the UI without rebuilding.
	public, err := fs.Sub(publicFS, "pb_public")
	if err != nil {
		log.Fatal(err)
	}
	if dir := os.Getenv(hooks.EnvPublicDir); dir != "" {
		public = os.DirFS(dir)
	}
	// Pages the server renders whole, then the built UI's files.
	if err := web.Register(app, public); err != nil {
		log.Fatal(err)
	}
	hooks.ServePublic(app, public, ".")

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
