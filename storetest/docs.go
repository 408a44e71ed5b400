package storetest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"sitrep"
	"sitrep/pipeline"
)

// fixture is the set of documents the suite stores: the extracted examples
// (and the reference article when present), and a near-duplicate of one of
// them from another outlet.
type fixture struct {
	docs []*sitrep.Document // distinct articles, examples first
	base *sitrep.Document   // the article the near-duplicate copies
	near *sitrep.Document   // its near-duplicate
	err  error
}

var (
	fixOnce sync.Once
	fix     fixture
)

// dirOf returns a directory next to this package: ../examples and the like.
// It looks next to the source file first, then relative to the working
// directory (a test's package directory).
func dirOf(rel string) string {
	if _, file, _, ok := runtime.Caller(0); ok {
		p := filepath.Join(filepath.Dir(file), rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return filepath.Clean(rel)
}

// outlets and dates the example articles are given, in file order.
var (
	exampleOutlets = []string{"Agence One", "Reuters", "Associated Press", "BSS", "AP", "Nation Media"}
	exampleDates   = []string{"2023-10-16", "2023-03-10", "2020-01-25", "2022-08-03", "2021-10-08", "2023-03-14"}
)

// loadFixture extracts the documents once per test binary.
func loadFixture(t *testing.T) *fixture {
	t.Helper()
	fixOnce.Do(func() { fix = buildFixture() })
	if fix.err != nil {
		t.Fatalf("storetest: %v", fix.err)
	}
	return &fix
}

func buildFixture() fixture {
	ctx := context.Background()
	p := pipeline.Default()
	files, err := filepath.Glob(filepath.Join(dirOf("../examples"), "*.txt"))
	if err != nil || len(files) == 0 {
		return fixture{err: errorf("no example articles in %s", dirOf("../examples"))}
	}
	sort.Strings(files)
	var f fixture
	for i, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			return fixture{err: err}
		}
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		in := sitrep.Article{
			ID:        "ex-" + name,
			URL:       "https://news.example.org/" + name,
			Title:     strings.ReplaceAll(name, "-", " "),
			Outlet:    exampleOutlets[i%len(exampleOutlets)],
			Published: exampleDates[i%len(exampleDates)],
			Text:      string(data),
		}
		doc, err := p.Extract(ctx, in)
		if err != nil {
			return fixture{err: errorf("extract %s: %v", path, err)}
		}
		f.docs = append(f.docs, doc)
	}
	if data, err := os.ReadFile(filepath.Join(dirOf("../../shared/articles"), "iraq-2021-07-27.txt")); err == nil {
		doc, err := p.Extract(ctx, sitrep.Article{
			URL: "https://www.example.com/iraq", Title: "US forces to end combat role in Iraq",
			Published: "2021-07-27", Text: string(data),
		})
		if err != nil {
			return fixture{err: errorf("extract reference article: %v", err)}
		}
		f.docs = append(f.docs, doc) // id is the text hash: Get by id and hash agree
	}
	// The near-duplicate: the article with most events, republished by
	// another outlet under a new headline with its last paragraph changed.
	base := f.docs[0]
	for _, d := range f.docs {
		if len(d.Events) > len(base.Events) {
			base = d
		}
	}
	f.base = base
	paras := strings.Split(strings.TrimSpace(base.Text), "\n\n")
	paras[len(paras)-1] = "A spokesman for the ministry declined to comment further when reached by telephone."
	near, err := p.Extract(ctx, sitrep.Article{
		ID: base.ID + "-copy", URL: "https://wire.example.net/story/12345",
		Title: "UPDATE 1-" + base.Title + " (adds comment)", Outlet: "Wire Service",
		Published: base.Published, Text: strings.Join(paras, "\n\n"),
	})
	if err != nil {
		return fixture{err: errorf("extract near-duplicate: %v", err)}
	}
	f.near = near
	return f
}

// clone deep-copies a document through its JSON form, the form a store must
// give back.
func clone(t testing.TB, d *sitrep.Document) *sitrep.Document {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var c sitrep.Document
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	c.RuneOffsets = d.RuneOffsets
	return &c
}

// docs returns fresh copies of the fixture's distinct documents.
func (f *fixture) copies(t testing.TB) []*sitrep.Document {
	out := make([]*sitrep.Document, len(f.docs))
	for i, d := range f.docs {
		out[i] = clone(t, d)
	}
	return out
}
