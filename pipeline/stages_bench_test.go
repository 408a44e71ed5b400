package pipeline

import (
	"context"
	"testing"
	"time"

	"sitrep"
	"sitrep/event"
	"sitrep/lang"
	"sitrep/text"
)

// BenchmarkStagesReal runs the default pipeline over real news, the 84
// PolNeAR test articles, timing every step apart, and reports each one's
// MB/s of article text besides the whole run's: normalization and the text
// layer ("text"), language identification ("lang") and every stage by its
// name. Each stage reads what the stages before it wrote, as in sitrep
// extract.
//
//	go test -run '^$' -bench StagesReal -benchtime 3x -cpu 1 ./pipeline
func BenchmarkStagesReal(b *testing.B) {
	texts, size := ReadTexts(b, PolNeARTestFiles(b))
	if _, err := Load(); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	stages := append(stagesBeforeEvents(), event.New())
	names := []string{"text", "lang"}
	for _, s := range stages {
		names = append(names, s.Name())
	}
	took := make([]time.Duration, len(names))
	run := func(t string) {
		start := time.Now()
		doc := sitrep.NewDocument(text.Normalize(t))
		a := text.Analyze(doc)
		mid := time.Now()
		doc.Language = lang.Detect(doc.Text).Code
		end := time.Now()
		took[0] += mid.Sub(start)
		took[1] += end.Sub(mid)
		for k, s := range stages {
			start = time.Now()
			if err := s.Run(ctx, a); err != nil {
				b.Fatalf("%s: %v", s.Name(), err)
			}
			took[k+2] += time.Since(start)
		}
	}
	run(texts[0]) // every model loaded before the timer
	clear(took)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			run(t)
		}
	}
	for k, name := range names {
		if took[k] > 0 {
			b.ReportMetric(float64(size)*float64(b.N)/1e6/took[k].Seconds(), name+"-MB/s")
		}
	}
}
