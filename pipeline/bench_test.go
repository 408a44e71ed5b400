package pipeline_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/event"
	"sitrep/pipeline"
	"sitrep/text"
)

// BenchmarkExtract runs the whole pipeline over the shipped example
// articles and reports MB/s of article text.
func BenchmarkExtract(b *testing.B) {
	files, err := filepath.Glob("../examples/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatal("no example articles", err)
	}
	benchExtract(b, files, "2024-01-15")
}

// BenchmarkExtractReal runs the whole pipeline over real news, the 84
// PolNeAR test articles, and reports MB/s of article text.
func BenchmarkExtractReal(b *testing.B) {
	benchExtract(b, pipeline.PolNeARTestFiles(b), "2016-10-15")
}

// benchExtract extracts every file with the default pipeline, dated
// published, once per iteration, the models loaded before the timer.
func benchExtract(b *testing.B, files []string, published string) {
	texts, size := pipeline.ReadTexts(b, files)
	p := pipeline.Default()
	ctx := context.Background()
	if _, err := p.Extract(ctx, pipeline.Input{Text: texts[0]}); err != nil { // load models once
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := p.Extract(ctx, pipeline.Input{Text: t, Published: published}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func ExamplePipeline_Extract() {
	doc, err := pipeline.Default().Extract(context.Background(), pipeline.Input{
		Text:      "BAGHDAD - Iraqi Prime Minister Mustafa Al-Kazemi met US President Joe Biden at the White House on Monday.",
		Published: "2021-07-27",
	})
	if err != nil {
		panic(err)
	}
	var names []string
	for _, e := range doc.Entities {
		names = append(names, e.Name+"/"+e.Type)
	}
	fmt.Println(strings.Join(names, ", "))
	// Output: Baghdad/GPE, Iraqi/NORP, Mustafa Al-Kazemi/PERSON, United States/GPE, Joe Biden/PERSON, White House/FAC
}

// BenchmarkEventStage times the event stage alone (the trained coder, the
// default) on real news: the 84 PolNeAR test articles, analysed once by
// the stages before it.
func BenchmarkEventStage(b *testing.B) {
	texts, size := pipeline.ReadTexts(b, pipeline.PolNeARTestFiles(b))
	ctx := context.Background()
	var as []*text.Analysis
	for _, t := range texts {
		a, err := pipeline.BeforeEvents().Analyze(ctx, pipeline.Input{Text: t, Published: "2016-10-15"})
		if err != nil {
			b.Fatal(err)
		}
		as = append(as, a)
	}
	st := event.New()
	if err := st.Run(ctx, as[0]); err != nil { // load the coder once
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range as {
			if err := st.Run(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
}
