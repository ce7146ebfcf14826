package hooks

import (
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// BenchmarkPullFeeds reads 200 projects' weeknotes feeds from a loopback
// server: a first run (each feed new, its newest entries becoming
// updates) and a run an hour later (every feed answering 304 Not
// Modified). For docs/benchmarks.md:
//
//	go test ./hooks -run '^$' -bench PullFeeds -benchtime 5x
func BenchmarkPullFeeds(b *testing.B) {
	b.Setenv(EnvFeedsLoopback, "1")
	const sources = 200
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		app := newTestApp(b)
		srv := newFeedServer(b, feedTestNow)
		col, err := app.FindCollectionByNameOrId(ColProjects)
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < sources; j++ {
			path := fmt.Sprintf("/team%d/feed.atom", j)
			srv.serve(path, "weeknotes.atom")
			p := core.NewRecord(col)
			p.Load(map[string]any{"title": fmt.Sprintf("Service %d", j), "summary": "A service.", "organisation": fx.leeds,
				"visibility": VisibilityPublished, "contactEmail": "officer@leeds.test", "feedUrl": srv.URL + path})
			if err := app.Save(p); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start := time.Now()
		if n, err := PullFeeds(app, feedTestNow); err != nil || n != sources {
			b.Fatalf("first run read %d (%v)", n, err)
		}
		first := time.Since(start)
		start = time.Now()
		if n, err := PullFeeds(app, feedTestNow.Add(2*time.Hour)); err != nil || n != sources {
			b.Fatalf("second run read %d (%v)", n, err)
		}
		again := time.Since(start)
		b.StopTimer()
		updates, _ := app.CountRecords(ColUpdates)
		b.ReportMetric(float64(first.Milliseconds()), "first-ms")
		b.ReportMetric(float64(again.Milliseconds()), "again-ms")
		b.ReportMetric(float64(updates), "updates")
		app.Cleanup()
		b.StartTimer()
	}
}
