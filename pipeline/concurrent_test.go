package pipeline_test

import (
	"context"
	"encoding/json"
	"os"
	"sync"
	"testing"

	"sitrep/pipeline"
)

// TestConcurrentExtract runs one pipeline from several goroutines at once,
// as ingest and the server do, and checks each document is the one a lone
// run gives. Run with -race to check the stages share nothing mutable.
func TestConcurrentExtract(t *testing.T) {
	p := pipeline.Default()
	ctx := context.Background()
	var inputs []pipeline.Input
	var want []string
	for name, g := range goldenArticles(t) {
		data, err := os.ReadFile(g.path)
		if err != nil {
			t.Fatal(err)
		}
		in := pipeline.Input{ID: name, Text: string(data), Published: g.date}
		doc, err := p.Extract(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(doc)
		inputs = append(inputs, in)
		want = append(want, string(js))
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := range inputs {
				i := (k + w) % len(inputs)
				doc, err := p.Extract(ctx, inputs[i])
				if err != nil {
					t.Error(err)
					return
				}
				if js, _ := json.Marshal(doc); string(js) != want[i] {
					t.Errorf("%s: concurrent run differs from a lone run", inputs[i].ID)
				}
			}
		}(w)
	}
	wg.Wait()
}
