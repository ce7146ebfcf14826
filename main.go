// Command pipeline runs Pipeline: a self-hosted collaboration platform for
// UK local government, built on PocketBase.
package main

import (
	"embed"
	"log"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"pipeline/hooks"
	_ "pipeline/pb_migrations"
)

//go:embed all:pb_public
var publicFS embed.FS

func main() {
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
	hooks.RegisterCommands(app)
	// PIPELINE_PUBLIC_DIR serves the UI from a folder instead of the copy
	// embedded at build time: for working on the UI without rebuilding.
	if dir := os.Getenv("PIPELINE_PUBLIC_DIR"); dir != "" {
		hooks.ServePublic(app, os.DirFS(dir), ".")
	} else {
		hooks.ServePublic(app, publicFS, "pb_public")
	}

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
