package ops

import (
	"pipeline/hooks"

	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// hooks.Search and similar at scale, side by side with PocketBase's own `~`
// (LIKE) filter over the same fields. Run with:
//
//	PIPELINE_BENCH_PROJECTS=100000 go test ./hooks -run '^$' -bench BenchmarkSearchScale -benchtime 300x
//
// Each sub-benchmark reports p50, p95 and p99 latencies in milliseconds.

var (
	benchOnce sync.Once
	benchApp  *tests.TestApp
	benchErr  error
)

func scaleApp(b *testing.B) *tests.TestApp {
	benchOnce.Do(func() {
		n, _ := strconv.Atoi(os.Getenv("PIPELINE_BENCH_PROJECTS"))
		if n <= 0 {
			n = 10000
		}
		dir, err := os.MkdirTemp("", "pipeline_bench_*")
		if err != nil {
			benchErr = err
			return
		}
		benchApp, benchErr = tests.NewTestApp(dir)
		if benchErr != nil {
			return
		}
		hooks.Register(benchApp)
		took, err := SeedProjects(benchApp, n, 1)
		benchErr = err
		b.Logf("seeded %d projects in %s", n, took.Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchApp
}

var benchQueries = []string{"bins", "missed bin", "repairs damp", "planning applications", "school admissions",
	"chatbot", "council tax", "parking permits", "library books", "website", "garden waste", "potholes", "care assessment",
	"repiars", "recyc", `"missed bins"`}

func percentiles(b *testing.B, durations []time.Duration) {
	slices.Sort(durations)
	at := func(p float64) float64 {
		return float64(durations[int(p*float64(len(durations)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

func BenchmarkSearchScale(b *testing.B) {
	app := scaleApp(b)
	run := func(name string, op func(i int) error) {
		b.Run(name, func(b *testing.B) {
			durations := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if err := op(i); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			b.StopTimer()
			percentiles(b, durations)
		})
	}
	run("pipeline_search", func(i int) error {
		_, err := hooks.Search(app, hooks.SearchParams{Query: benchQueries[i%len(benchQueries)], PerPage: 20})
		return err
	})
	run("pocketbase_like_filter", func(i int) error {
		q := benchQueries[i%len(benchQueries)]
		_, err := app.FindRecordsByFilter(hooks.ColProjects,
			"visibility = 'published' && dormantSince = '' && (title ~ {:q} || summary ~ {:q} || description ~ {:q} || tags ~ {:q})",
			"-lastActivityAt", 20, 0, dbx.Params{"q": q})
		return err
	})
	var ids []string
	_ = app.DB().Select("id").From(hooks.ColProjects).OrderBy("id").Limit(500).Column(&ids)
	run("pipeline_similar_project", func(i int) error {
		p, err := app.FindRecordById(hooks.ColProjects, ids[i%len(ids)])
		if err != nil {
			return err
		}
		_, err = hooks.Similar(app, hooks.SimilarQuery{Project: p.Id, ExcludeOrg: p.GetString("organisation"), Limit: 5})
		return err
	})
	run("pipeline_similar_text", func(i int) error {
		_, err := hooks.Similar(app, hooks.SimilarQuery{Text: benchQueries[i%len(benchQueries)] + " for residents", Limit: 5})
		return err
	})
}
