package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sitrep"
	"sitrep/event"
	"sitrep/internal/budget"
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
// on txt, one after the other, and returns each one's CPU time by name
// (the process's: other processes' load does not change it), after a
// garbage collection so that no stage pays for another's garbage.
func stageTimes(t *testing.T, txt string) map[string]time.Duration {
	t.Helper()
	ctx := context.Background()
	times := map[string]time.Duration{}
	runtime.GC()
	start := budget.CPUTime()
	a := text.Analyze(sitrep.NewDocument(text.Normalize(txt)))
	times["text"] = budget.CPUTime() - start
	for _, s := range append(stagesBeforeEvents(), event.New()) {
		runtime.GC()
		start = budget.CPUTime()
		if err := s.Run(ctx, a); err != nil {
			t.Fatalf("%s: %v", s.Name(), err)
		}
		times[s.Name()] = budget.CPUTime() - start
	}
	return times
}

// TestStagesAreLinear runs every stage on 0.5 and 2 MB of real news in
// one document: each must take at most six times as long on four times
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
	const slack = 50 * time.Millisecond // clock granularity on short stages
	for name, d := range tl {
		t.Logf("%-8s %6.0f ms on 0.5 MB, %6.0f ms on 2 MB (x%.1f)", name, ms(ts[name]), ms(d), float64(d)/float64(max(ts[name], 1)))
		if d > 6*ts[name]+slack {
			t.Errorf("%s: %v on 2 MB against %v on 0.5 MB: not linear", name, d, ts[name])
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// maxLateWork is the most CPU time an extraction may spend after its
// deadline (TestExtractHonoursDeadline).
const maxLateWork = 300 * time.Millisecond

// TestExtractHonoursDeadline extracts a 2 MB article (the article limit) with a short
// deadline: every stage looks at its context often enough that the run
// ends soon after the deadline with the context's error.
func TestExtractHonoursDeadline(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	txt := realNews(t, 2<<20)
	for _, deadline := range []time.Duration{50 * time.Millisecond, 400 * time.Millisecond, time.Second} {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		var atDeadline atomic.Int64 // the process's CPU time when the deadline passed
		stop := context.AfterFunc(ctx, func() { atDeadline.Store(int64(budget.CPUTime())) })
		doc, err := p.Extract(ctx, Input{Text: txt})
		end := budget.CPUTime()
		cancel()
		stop()
		if !errors.Is(err, context.DeadlineExceeded) || doc != nil {
			t.Fatalf("deadline %v: got %v, %v; want no document and the deadline's error", deadline, doc != nil, err)
		}
		// the work done after the deadline, in CPU time: a loaded machine
		// stretches the wall clock, not the work. The process's CPU time
		// also holds the garbage collector's, which may be marking the
		// article's heap (about 250 MB for 2 MB of text) when the deadline
		// passes: the stages' own late work is 2-60 ms, a collection
		// under way adds up to about 150 ms more
		late := end - time.Duration(atDeadline.Load())
		t.Logf("deadline %v: worked %v of CPU after it", deadline, late)
		if late > maxLateWork {
			t.Errorf("deadline %v: worked %v of CPU after it, want at most %v", deadline, late, maxLateWork)
		}
	}
}
