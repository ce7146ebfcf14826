package ops

import (
	"pipeline/hooks"

	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/spf13/cobra"
)

// jobCommand runs one scheduled job once, now, in this process, and says
// how long it took. Administrators use it to catch up by hand (say after
// an SMTP outage); benchmarks use it to time a job on a copy of real data.
func jobCommand(app *pocketbase.PocketBase) *cobra.Command {
	var at, cpuProfile string
	ids := make([]string, len(hooks.Jobs()))
	for i, j := range hooks.Jobs() {
		ids[i] = j.Id
	}
	cmd := &cobra.Command{
		Use:   "job <id>",
		Short: "Run one scheduled job once, now, and report what it did and how long it took",
		Long: "Runs one of Pipeline's scheduled jobs once against the data directory given by --dir,\n" +
			"as the scheduler would, and prints how many items it handled and how long it took.\n" +
			"It is safe while the server runs: jobs claim their work in the database.\n" +
			"Jobs: " + strings.Join(ids, ", ") + ".",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var run func() (int, error)
			now := time.Now().UTC()
			if at != "" {
				t, err := time.Parse(time.RFC3339, at)
				if err != nil {
					return fmt.Errorf("--at %q: want a time like 2026-11-23T06:00:00Z: %w", at, err)
				}
				now = t.UTC()
			}
			for _, j := range hooks.Jobs() {
				if j.Id == args[0] {
					run = func() (int, error) { return j.Run(app, now) }
				}
			}
			if run == nil {
				return fmt.Errorf("no job %q; the jobs are %s", args[0], strings.Join(ids, ", "))
			}
			if err := app.RunAllMigrations(); err != nil {
				return fmt.Errorf("migrate: %w", err)
			}
			if cpuProfile != "" {
				f, err := os.Create(cpuProfile)
				if err != nil {
					return fmt.Errorf("--cpuprofile: %w", err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return fmt.Errorf("start CPU profile: %w", err)
				}
				defer pprof.StopCPUProfile()
			}
			start := time.Now()
			n, err := run()
			took := time.Since(start)
			if err != nil {
				return fmt.Errorf("job %s after %s: %w", args[0], took.Round(time.Millisecond), err)
			}
			fmt.Printf("job %s: %d handled in %s\n", args[0], n, took.Round(time.Millisecond))
			return nil
		},
	}
	cmd.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	cmd.Flags().StringVar(&at, "at", "", "run as if it were this time (RFC 3339, UTC), for drills")
	return cmd
}
