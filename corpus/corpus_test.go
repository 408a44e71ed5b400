package corpus_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"sitrep"
	"sitrep/corpus"
	"sitrep/pipeline"
	"sitrep/sqlitestore"
	"sitrep/storetest"
)

func openStore(t testing.TB) *sqlitestore.Store {
	t.Helper()
	st, err := sqlitestore.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func feed(arts []sitrep.Article) func() (sitrep.Article, bool) {
	i := 0
	return func() (sitrep.Article, bool) {
		if i == len(arts) {
			return sitrep.Article{}, false
		}
		i++
		return arts[i-1], true
	}
}

func TestProcess(t *testing.T) {
	ctx := context.Background()
	p := &corpus.Processor{Pipeline: pipeline.Default(), Store: openStore(t)}
	a := sitrep.Article{ID: "a1", Text: "BAGHDAD - Police arrested 14 people on Saturday after clashes, officials said.", Published: "2021-07-27", Origin: "test#1"}
	tests := []struct {
		name string
		art  sitrep.Article
		want corpus.Outcome
	}{
		{"new", a, corpus.Stored},
		{"same text again", a, corpus.Duplicate},
		{"same text, other metadata", sitrep.Article{ID: "a2", URL: "https://example.org/x", Text: a.Text}, corpus.Duplicate},
		{"same text, other whitespace", sitrep.Article{Text: a.Text + "\n"}, corpus.Duplicate},
		{"other text", sitrep.Article{Text: "PARIS - Ministers met on Monday to discuss a ceasefire."}, corpus.Stored},
	}
	for _, tt := range tests {
		got, res, err := p.Process(ctx, tt.art)
		if err != nil || got != tt.want {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
		if got == corpus.Stored && (!res.Added || res.ID == "") {
			t.Errorf("%s: stored but result %+v", tt.name, res)
		}
	}
	if h := corpus.Hash(a); h != sitrep.TextID(a.Text) {
		t.Errorf("Hash = %s, want the TextID of the (already normal) text %s", h, sitrep.TextID(a.Text))
	}
}

func TestRun(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	p := &corpus.Processor{Pipeline: pipeline.Default(), Store: st}
	arts := storetest.Corpus(60, 3)
	arts = append(arts, arts[:10]...) // read twice: stored once
	distinct := map[string]bool{}
	for _, a := range arts {
		distinct[corpus.Hash(a)] = true
	}
	var c corpus.Counts
	if err := p.Run(ctx, 3, feed(arts), func(a sitrep.Article, err error) { t.Errorf("%s: %v", a.Origin, err) }, &c); err != nil {
		t.Fatal(err)
	}
	s := c.Snapshot()
	if s.Read != int64(len(arts)) || s.Stored != int64(len(distinct)) || s.Stored+s.Duplicates != s.Read || s.Failed != 0 {
		t.Errorf("counts %+v: want %d read, %d stored", s, len(arts), len(distinct))
	}
	stats, err := st.Stats(ctx)
	if err != nil || stats.Documents != len(distinct) || int64(stats.Events) != s.Events {
		t.Errorf("store holds %+v (%v); want %d documents, %d events", stats, err, len(distinct), s.Events)
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := &corpus.Processor{Pipeline: pipeline.Default(), Store: openStore(t)}
	var c corpus.Counts
	err := p.Run(ctx, 2, feed(storetest.Corpus(5, 1)), nil, &c)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run on a cancelled context: %v, want context.Canceled", err)
	}
}

func ExampleProcessor_Process() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "sitrep-example")
	defer os.RemoveAll(dir)
	st, err := sqlitestore.Open(ctx, filepath.Join(dir, "example.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	p := &corpus.Processor{Pipeline: pipeline.Default(), Store: st}
	a := sitrep.Article{Text: "KABUL - Protesters marched on Friday, police said.", Published: "2021-08-20"}
	for range 2 {
		out, _, err := p.Process(ctx, a)
		fmt.Println(out, err)
	}
	// Output:
	// stored <nil>
	// duplicate <nil>
}

// BenchmarkIngest extracts and stores a generated corpus (SITREP_BENCH_N
// articles, default 300; the corpus issue's figure uses 10000) with one
// worker per core, and reports articles/s and MB/s of text.
func BenchmarkIngest(b *testing.B) {
	n := 300
	if v, err := strconv.Atoi(os.Getenv("SITREP_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	arts := storetest.Corpus(n, 11)
	var size int64
	for _, a := range arts {
		size += int64(len(a.Text))
	}
	p := pipeline.Default()
	ctx := context.Background()
	if _, err := p.Extract(ctx, arts[0]); err != nil { // load the models outside the timing
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := openStore(b)
		b.StartTimer()
		var c corpus.Counts
		pr := &corpus.Processor{Pipeline: p, Store: st}
		if err := pr.Run(ctx, runtime.GOMAXPROCS(0), feed(arts), func(a sitrep.Article, err error) { b.Error(err) }, &c); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*n)/sec, "articles/s")
	b.ReportMetric(float64(int64(b.N)*size)/1e6/sec, "MB/s")
}

// TestProcessOtherLanguage: an article in a language the pipeline does not
// extract is stored with its language and without extraction, and counted
// apart; with every language allowed it is extracted.
func TestProcessOtherLanguage(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	fr := sitrep.Article{Text: "Les manifestants ont défilé samedi à Paris contre la réforme des retraites, a annoncé le ministère de l'Intérieur. Selon la police, plus de cent mille personnes ont participé.", Origin: "fr#1"}
	p := &corpus.Processor{Pipeline: pipeline.Default().OnlyLanguages("en"), Store: st}
	got, res, err := p.Process(ctx, fr)
	if err != nil || got != corpus.OtherLanguage || !res.Added {
		t.Fatalf("French article: %v %+v %v; want it stored as another language", got, res, err)
	}
	doc, err := st.Get(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Language != "fr" || len(doc.Entities) != 0 || len(doc.Events) != 0 || len(doc.Errors) != 1 || doc.Errors[0].Stage != "language" {
		t.Errorf("stored document: language %q, %d entities, %d events, errors %+v; want fr, nothing extracted, the language noted",
			doc.Language, len(doc.Entities), len(doc.Events), doc.Errors)
	}
	var counts corpus.Counts
	if err := p.Run(ctx, 1, feed([]sitrep.Article{{Text: fr.Text + " Le gouvernement n'a pas commenté."}}), nil, &counts); err != nil {
		t.Fatal(err)
	}
	if s := counts.Snapshot(); s.OtherLanguage != 1 || s.Stored != 0 || s.Failed != 0 {
		t.Errorf("counts %+v, want one article in another language", s)
	}
	any := &corpus.Processor{Pipeline: pipeline.Default(), Store: openStore(t)}
	if got, _, err := any.Process(ctx, fr); got != corpus.Stored || err != nil {
		t.Errorf("every language allowed: %v %v, want extracted and stored", got, err)
	}
}
