package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestArticles(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 6 {
		t.Fatalf("got %d articles, want at least 6", len(arts))
	}
	for _, a := range arts {
		if a.Text == "" || a.Title == "" || a.Published == "" {
			t.Errorf("%s: empty text, title or date: %+v", a.Origin, a)
		}
	}
}

// TestCopiesMatchExamples checks the embedded copies against the
// repository's examples (skipped where they are not around).
func TestCopiesMatchExamples(t *testing.T) {
	src, _ := filepath.Glob("../../examples/*.txt")
	if len(src) == 0 {
		t.Skip("no ../../examples")
	}
	have, _ := filepath.Glob("articles/*.txt")
	if len(have) != len(src) {
		t.Fatalf("%d embedded examples, %d in ../../examples: run go generate ./server/demo", len(have), len(src))
	}
	for _, p := range src {
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join("articles", filepath.Base(p)))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s differs from its embedded copy: run go generate ./server/demo", p)
		}
	}
}

func ExampleArticles() {
	arts, err := Articles()
	if err != nil {
		panic(err)
	}
	// Store them with corpus.Processor{Pipeline, Store}.Process.
	fmt.Println(arts[0].Title, arts[0].Published)
	// Output: Ceasefire talks 2022-10-03
}
