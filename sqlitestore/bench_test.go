package sqlitestore

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/pipeline"
	"sitrep/storetest"
)

// benchN is how many generated articles the benchmarks store:
// $SITREP_BENCH_N, else 1000.
func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("SITREP_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 1000
}

var (
	benchOnce sync.Once
	benchDocs []*sitrep.Document
	benchErr  error
)

// corpusDocs extracts storetest.Corpus(benchN(), 1) once per process.
func corpusDocs(b *testing.B) []*sitrep.Document {
	benchOnce.Do(func() {
		start := time.Now()
		p := pipeline.Default()
		for _, a := range storetest.Corpus(benchN(), 1) {
			d, err := p.Extract(context.Background(), a)
			if err != nil {
				benchErr = err
				return
			}
			benchDocs = append(benchDocs, d)
		}
		b.Logf("extracted %d generated articles in %s", len(benchDocs), time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDocs
}

// BenchmarkPut stores the generated corpus into a fresh store per
// iteration; it reports documents a second and MB/s of article text.
func BenchmarkPut(b *testing.B) {
	docs := corpusDocs(b)
	ctx := context.Background()
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	b.SetBytes(size)
	var elapsed, cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		st, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		for _, d := range docs {
			if _, err := st.Put(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(docs)*b.N)/elapsed.Seconds(), "docs/s")
	// CPU time a document, which a busy machine disturbs less than wall time.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(docs)*b.N), "cpu-ms/doc")
}

var (
	filledOnce sync.Once
	filled     string // the filled store's file, in a directory TestMain removes
)

func TestMain(m *testing.M) {
	code := m.Run()
	if filled != "" {
		os.RemoveAll(filepath.Dir(filled))
	}
	os.Exit(code)
}

// filledStore returns a store holding the generated corpus, built once per
// process.
func filledStore(b *testing.B) *Store {
	docs := corpusDocs(b)
	ctx := context.Background()
	filledOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sitrep-bench")
		if err != nil {
			b.Fatal(err)
		}
		filled = filepath.Join(dir, "bench.db")
		st, err := Open(ctx, filled)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			if _, err := st.Put(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
		st.Close()
	})
	st, err := Open(ctx, filled)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkSearch runs queries over the stored corpus, each a
// sub-benchmark, and reports ms/query.
func BenchmarkSearch(b *testing.B) {
	st := filledStore(b)
	ctx := context.Background()
	for _, q := range []struct{ name, q string }{
		{"word", "earthquake"}, {"common", "said"}, {"phrase", `"tear gas"`}, {"and", "police arrested"},
		{"or", "Kabul OR Baghdad"}, {"prefix", "rescue* rubble"}, {"unbalanced", `drone "Najaf`},
	} {
		b.Run(q.name, func(b *testing.B) {
			hits := 0
			start := time.Now()
			for b.Loop() {
				h, err := st.Search(ctx, sitrep.SearchQuery{Query: q.q})
				if err != nil {
					b.Fatal(err)
				}
				hits += len(h)
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/query")
			b.ReportMetric(float64(hits)/float64(b.N), "hits/query")
		})
	}
}

// BenchmarkEvents runs event filters over the stored corpus, each a
// sub-benchmark, and reports ms/query.
func BenchmarkEvents(b *testing.B) {
	st := filledStore(b)
	ctx := context.Background()
	doc := corpusDocs(b)[len(corpusDocs(b))/2].ID
	for _, f := range []struct {
		name string
		f    sitrep.EventFilter
	}{
		{"all", sitrep.EventFilter{}}, {"root", sitrep.EventFilter{Root: "19"}}, {"actor-code", sitrep.EventFilter{Actor: "AFG"}},
		{"actor-name", sitrep.EventFilter{Actor: "taliban"}}, {"place", sitrep.EventFilter{Place: "Kenya"}},
		{"country", sitrep.EventFilter{Place: "KE"}}, {"dates", sitrep.EventFilter{From: "2021-01-01", To: "2021-03-31"}},
		{"cameo-place", sitrep.EventFilter{CAMEO: "14", Place: "Nairobi"}}, {"modality", sitrep.EventFilter{Modality: "negated"}},
		{"page", sitrep.EventFilter{Root: "18", Limit: 10, Offset: 20}}, {"doc", sitrep.EventFilter{Doc: doc}},
	} {
		b.Run(f.name, func(b *testing.B) {
			recs := 0
			start := time.Now()
			for b.Loop() {
				r, err := st.Events(ctx, f.f)
				if err != nil {
					b.Fatal(err)
				}
				recs += len(r)
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/query")
			b.ReportMetric(float64(recs)/float64(b.N), "records/query")
		})
	}
}
