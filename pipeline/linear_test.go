package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/event"
	"sitrep/text"
)

// realNews returns about size bytes of real news: the PolNeAR training
// articles, repeated as needed, or skips the test when ../shared is not
// beside the repository.
func realNews(t testing.TB, size int) string {
	t.Helper()
	files, _ := filepath.Glob("../../shared/eval/polnear/train/text/*.txt")
	if len(files) == 0 {
		t.Skip("../shared is not beside the repository")
	}
	var b strings.Builder
	for b.Len() < size {
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(raw)
			b.WriteString("\n\n")
			if b.Len() >= size {
				break
			}
		}
	}
	return b.String()
}

// stageTimes runs the text layer and every stage of the default pipeline
// on txt, one after the other, and returns each one's time by name.
func stageTimes(t *testing.T, txt string) map[string]time.Duration {
	t.Helper()
	ctx := context.Background()
	times := map[string]time.Duration{}
	start := time.Now()
	a := text.Analyze(sitrep.NewDocument(text.Normalize(txt)))
	times["text"] = time.Since(start)
	for _, s := range append(stagesBeforeEvents(), event.New()) {
		start = time.Now()
		if err := s.Run(ctx, a); err != nil {
			t.Fatalf("%s: %v", s.Name(), err)
		}
		times[s.Name()] = time.Since(start)
	}
	return times
}

// TestStagesAreLinear runs every stage on 0.5 and 2 MB of real news in
// one document: each must take at most eight times as long on four times
// the text (quadratic scans took 11 to 17 times as long).
func TestStagesAreLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("takes seconds")
	}
	if _, err := Load(); err != nil {
		t.Fatal(err)
	}
	small, large := realNews(t, 512<<10), realNews(t, 2<<20)
	stageTimes(t, small[:64<<10]) // warm: load the models once
	ts, tl := stageTimes(t, small), stageTimes(t, large)
	const slack = 50 * time.Millisecond // timer noise on short stages
	for name, d := range tl {
		t.Logf("%-8s %6.0f ms on 0.5 MB, %6.0f ms on 2 MB (x%.1f)", name, ms(ts[name]), ms(d), float64(d)/float64(max(ts[name], 1)))
		if d > 8*ts[name]+slack {
			t.Errorf("%s: %v on 2 MB against %v on 0.5 MB: not linear", name, d, ts[name])
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// TestExtractHonoursDeadline extracts a 4 MB article with a short
// deadline: every stage looks at its context often enough that the run
// ends soon after the deadline with the context's error.
func TestExtractHonoursDeadline(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	txt := realNews(t, 4<<20)
	for _, deadline := range []time.Duration{50 * time.Millisecond, 400 * time.Millisecond, 1500 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		start := time.Now()
		doc, err := p.Extract(ctx, Input{Text: txt})
		late := time.Since(start) - deadline
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || doc != nil {
			t.Fatalf("deadline %v: got %v, %v; want no document and the deadline's error", deadline, doc != nil, err)
		}
		t.Logf("deadline %v: ended %v after it", deadline, late)
		if late > 150*time.Millisecond {
			t.Errorf("deadline %v: ended %v after it, want at most 150ms", deadline, late)
		}
	}
}
