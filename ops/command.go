// Package ops is Pipeline's operations tooling, apart from what the server
// runs: the demo command and its content, the benchmark seeding
// (seed-bench) and the job command that runs one scheduled job now. It
// uses only the exported API of package hooks.
package ops

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/spf13/cobra"
)

// RegisterCommands adds Pipeline's own console commands to the binary.
func RegisterCommands(app *pocketbase.PocketBase) {
	app.RootCmd.AddCommand(demoCommand(app))
	app.RootCmd.AddCommand(seedBenchCommand(app))
	app.RootCmd.AddCommand(jobCommand(app))
}

// seedBenchCommand fills an empty data directory with deterministic
// generated data for benchmarks.
func seedBenchCommand(app *pocketbase.PocketBase) *cobra.Command {
	sizes := DefaultBenchSizes
	var seed uint64
	var force bool
	cmd := &cobra.Command{
		Use:   "seed-bench",
		Short: "Fill an empty data directory with generated organisations, people, projects, interest and updates for benchmarks",
		Long: "Generates deterministic data (the same --seed gives the same data) into the data directory\n" +
			"given by --dir. It refuses a directory that already holds people or projects unless --force.\n" +
			"Every generated user's password is \"" + BenchPassword + "\".",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAllMigrations(); err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
			took, err := SeedBench(app, sizes, seed, force)
			if err != nil {
				return err
			}
			fmt.Printf("Seeded %d organisations, %d projects, %d users, %d interests, %d updates, %d calls in %s\n",
				sizes.Organisations, sizes.Projects, sizes.Users, sizes.Interests, sizes.Updates, sizes.Calls, took.Round(time.Second))
			return nil
		},
	}
	cmd.Flags().IntVar(&sizes.Organisations, "organisations", sizes.Organisations, "organisations in all (councils included)")
	cmd.Flags().IntVar(&sizes.Projects, "projects", sizes.Projects, "projects")
	cmd.Flags().IntVar(&sizes.Users, "users", sizes.Users, "users")
	cmd.Flags().IntVar(&sizes.Interests, "interests", sizes.Interests, "interests")
	cmd.Flags().IntVar(&sizes.Updates, "updates", sizes.Updates, "status updates")
	cmd.Flags().IntVar(&sizes.Calls, "calls", sizes.Calls, "open partner calls, with pledges")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "seed of the generator")
	cmd.Flags().BoolVar(&force, "force", false, "add to a data directory that already holds data")
	return cmd
}

// demoCommand loads the demo into the data directory, only if it is fresh,
// then serves it. Demo content is never loaded by `serve`.
func demoCommand(app *pocketbase.PocketBase) *cobra.Command {
	var httpAddr string
	var noServe bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Load demo councils, people and projects into a fresh data directory, then serve it",
		Long: "Loads demo content (people at demo councils, a dozen projects, interest and a partner call)\n" +
			"into the data directory given by --dir, then starts the web server.\n" +
			"It refuses a data directory that already holds projects or people, so it cannot\n" +
			"touch a production instance. Use a directory of its own, e.g. --dir ./pb_demo.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAllMigrations(); err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
			loaded, err := LoadDemo(app, time.Now())
			if err != nil {
				return err
			}
			counts, err := demoCounts(app)
			if err != nil {
				return err
			}
			if loaded {
				fmt.Println("Demo content loaded: " + counts)
			} else {
				fmt.Println("Demo content already loaded: " + counts)
			}
			printDemoAccounts(httpAddr)
			if noServe {
				return nil
			}
			if err := CatchDemoMail(app); err != nil {
				return err
			}
			s := app.Settings()
			if s.Meta.AppURL == "" || s.Meta.AppURL == "http://localhost:8090" {
				s.Meta.AppURL = "http://" + httpAddr
				if err := app.Save(s); err != nil {
					return fmt.Errorf("set demo app URL: %w", err)
				}
			}
			return apis.Serve(app, apis.ServeConfig{HttpAddr: httpAddr, ShowStartBanner: true})
		},
	}
	cmd.Flags().StringVar(&httpAddr, "http", "127.0.0.1:8090", "address to serve the demo on")
	cmd.Flags().BoolVar(&noServe, "no-serve", false, "load the demo and exit")
	return cmd
}

func printDemoAccounts(httpAddr string) {
	fmt.Printf("\nPipeline demo at http://%s/ (dashboard: http://%s/_/)\n", httpAddr, httpAddr)
	fmt.Printf("Every demo account's password is %q:\n", demoPassword)
	for _, u := range demoUsers {
		switch u.Key {
		case "officer", "orgadmin", "bristol", "coordinator":
			fmt.Printf("  %-13s %s\n", u.Role, u.Email)
		}
	}
	fmt.Printf("  %-13s %s (dashboard)\n\n", "superuser", DemoSuperuserEmail)
	fmt.Printf("Email the demo sends is kept, not sent: read it at http://%s/demo/mail\n", httpAddr)
	fmt.Printf("(Another address: make demo HTTP=127.0.0.1:8091, or pipeline demo --http 127.0.0.1:8091.)\n\n")
}
