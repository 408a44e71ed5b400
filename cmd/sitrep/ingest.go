package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"sitrep"
	"sitrep/corpus"
	"sitrep/ingest"
	"sitrep/pipeline"
)

func runIngest(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("ingest", "INPUT...  (files, directories, - for stdin: text, HTML, RSS/Atom, WARC, JSON Lines)", e)
	so := addStoreFlags(fs)
	workers := fs.Int("workers", runtime.NumCPU(), "articles extracted at once")
	quiet := fs.Bool("quiet", false, "no progress line, even on a terminal")
	queue := fs.String("queue", "", "publish the articles to this NATS JetStream `URL` (nats://HOST:4222) for workers, instead of extracting here")
	stream := fs.String("stream", "SITREP", "JetStream stream `name` (with --queue)")
	date := fs.String("date", "", "publication date `YYYY-MM-DD` for articles whose input gives none (plain text)")
	lf := addLimitFlags(fs)
	lang := addLangFlag(fs)
	if code, done := parse(fs, args); done {
		return code
	}
	if *date != "" {
		if _, err := time.Parse("2006-01-02", *date); err != nil {
			fmt.Fprintf(e.stderr, "sitrep ingest: --date %q: want YYYY-MM-DD\n", *date)
			return exitUsage
		}
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		fmt.Fprintln(e.stderr, "sitrep ingest: no input (give files, directories, or - for stdin)")
		fs.Usage()
		return exitUsage
	}
	for _, in := range inputs {
		if in == "-" || isURL(in) {
			continue
		}
		if _, err := os.Stat(in); err != nil {
			fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
			return exitBadInput
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var counts corpus.Counts
	counts.Start(time.Now())
	prog := newProgress(e, &counts, *quiet)
	var handle func(context.Context, sitrep.Article) error
	var refused refusals // articles the queue did not take
	if *queue != "" {
		pub, err := openPublisher(ctx, *queue, *stream, lf.limits())
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
			return exitBadInput
		}
		defer pub.Close()
		handle = pub.Publish
	}

	// The readers run in their own goroutine and hand articles over.
	articles := make(chan sitrep.Article, 64)
	var readErr error
	warns := newWarnings(e.stderr, "ingest")
	warns.print = func(line string) { prog.printf("%s", line) }
	go func() {
		defer close(articles)
		rd := &ingest.Reader{Stdin: e.stdin, Limits: lf.limits(), Warn: warns.warn}
		readErr = rd.Read(ctx, inputs, func(a sitrep.Article, err error) bool {
			if err != nil {
				counts.InputErrors.Add(1)
				prog.printf("sitrep ingest: skipped: %v\n", err)
				return true
			}
			if a.Published == "" {
				a.Published = *date
			}
			select {
			case articles <- a:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	next := func() (sitrep.Article, bool) {
		a, ok := <-articles
		return a, ok
	}
	report := func(a sitrep.Article, err error) { prog.printf("sitrep ingest: %v\n", err) }

	var runErr error
	if handle != nil {
		runErr = publishAll(ctx, handle, next, report, &counts, &refused)
	} else {
		pipe, err := pipeline.Load()
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
			return exitBadInput
		}
		if pipe, err = lang.apply(pipe); err != nil {
			fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
			return exitUsage
		}
		st, code := so.open(ctx, e, "ingest")
		if st == nil {
			return code
		}
		defer st.Close()
		p := &corpus.Processor{Pipeline: pipe, Store: st}
		runErr = p.Run(ctx, *workers, next, report, &counts)
	}
	cancel()
	for range articles { // let the reader finish
	}
	prog.stop()
	warns.finish()
	s := counts.Snapshot()
	if handle != nil {
		fmt.Fprintln(e.stderr, queueSummary(s, &refused))
	} else {
		fmt.Fprintf(e.stderr, "sitrep ingest: %d articles read, %d stored, %d already stored, %d failed, %d records skipped, %d events; %.1f articles/s\n",
			s.Read, s.Stored, s.Duplicates, s.Failed, s.InputErrors, s.Events, s.PerSecond())
		if s.OtherLanguage > 0 {
			fmt.Fprintf(e.stderr, "sitrep ingest: %d articles in another language stored with it, not extracted (--lang any extracts articles in any language; a text once stored is not read again)\n", s.OtherLanguage)
		}
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", readErr)
		return exitBadInput
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", runErr)
		return exitBadInput
	}
	if ctx.Err() != nil && runErr != nil {
		return exitBadInput
	}
	// articles the queue refused count as failed: they are lost, not bad
	// input
	t := tally{done: int(s.Read - s.Failed), skipped: int(s.InputErrors), failed: int(s.Failed)}
	return t.exitCode()
}

// tally counts what a command read: articles done, records skipped as bad
// input (a file, line, feed item or WARC record that could not be read or
// was over a limit) and failures (an input that could not be opened, an
// extraction, store or queue that failed, output that could not be
// written).
type tally struct{ done, skipped, failed int }

// exitCode is the exit code of a run that counted t (docs/exit-codes.md):
// a failure is 1, and so is a run that skipped records and read nothing;
// one that skipped some and read others is 3; one that read all is 0.
func (t tally) exitCode() int {
	switch {
	case t.failed > 0, t.skipped > 0 && t.done == 0:
		return exitBadInput
	case t.skipped > 0:
		return exitSkipped
	}
	return exitOK
}

// report prints the summary line of cmd when something was skipped or
// failed (what names the things done: "documents") and returns the exit
// code.
func (t tally) report(e *env, cmd, what string) int {
	code := t.exitCode()
	if t.skipped > 0 || t.failed > 0 {
		fmt.Fprintf(e.stderr, "sitrep %s: %d %s, %d records skipped, %d failed; exit %d\n", cmd, t.done, what, t.skipped, t.failed, code)
	}
	return code
}

// maxWarnings is how many reader warnings a command prints; the rest are
// counted.
const maxWarnings = 20

// warnings prints the warnings of the ingest readers (a charset guessed)
// on stderr, at most maxWarnings of them, and at the end how many more
// there were. It is safe for concurrent use.
type warnings struct {
	mu    sync.Mutex
	cmd   string
	print func(line string)
	n     int
}

func newWarnings(w io.Writer, cmd string) *warnings {
	return &warnings{cmd: cmd, print: func(line string) { fmt.Fprint(w, line) }}
}

// warn prints or counts one warning; it is an ingest.Reader's Warn.
func (w *warnings) warn(ie *ingest.InputError) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	if w.n <= maxWarnings {
		w.print(fmt.Sprintf("sitrep %s: warning: %v\n", w.cmd, ie))
	}
}

// finish says how many warnings were not printed, if any.
func (w *warnings) finish() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.n > maxWarnings {
		w.print(fmt.Sprintf("sitrep %s: %d more warnings not shown\n", w.cmd, w.n-maxWarnings))
	}
}

// publishAll hands every article to publish (the queue), one at a time. An
// article the queue did not take counts as failed, and also in refused when
// the queue refused it (stream full, too large); only an accepted article
// counts as stored.
func publishAll(ctx context.Context, publish func(context.Context, sitrep.Article) error, next func() (sitrep.Article, bool), report func(sitrep.Article, error), counts *corpus.Counts, refused *refusals) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, ok := next()
		if !ok {
			return nil
		}
		counts.Read.Add(1)
		counts.Bytes.Add(int64(len(a.Text)))
		if err := publish(ctx, a); err != nil {
			counts.Failed.Add(1)
			if refused.add(err) {
				report(a, err) // names the article, its size and the limit
			} else {
				report(a, fmt.Errorf("%s: publish: %w", a.Origin, err))
			}
			continue
		}
		counts.Stored.Add(1)
	}
}

func isURL(s string) bool {
	return len(s) > 8 && (s[:7] == "http://" || s[:8] == "https://")
}

// progress draws a one-line progress display on a terminal, and keeps
// messages from tearing it. On anything else it only passes messages on.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	tty    bool
	counts *corpus.Counts
	done   chan struct{}
	wg     sync.WaitGroup
}

func newProgress(e *env, counts *corpus.Counts, quiet bool) *progress {
	p := &progress{w: e.stderr, counts: counts, done: make(chan struct{})}
	if f, ok := e.stderr.(*os.File); ok && !quiet {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	if p.tty {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-p.done:
					return
				case <-t.C:
					p.mu.Lock()
					p.draw()
					p.mu.Unlock()
				}
			}
		}()
	}
	return p
}

func (p *progress) draw() {
	s := p.counts.Snapshot()
	mbps := 0.0
	if s.Elapsed > 0 {
		mbps = float64(s.Bytes) / 1e6 / s.Elapsed.Seconds()
	}
	fmt.Fprintf(p.w, "\r\033[K%s  %d read  %d stored  %d dup  %d errors  %.1f articles/s  %.2f MB/s",
		spinner(s.Elapsed), s.Read, s.Stored, s.Duplicates, s.Failed+s.InputErrors, s.PerSecond(), mbps)
}

func spinner(d time.Duration) string {
	return string(`|/-\`[int(d/(250*time.Millisecond))%4])
}

func (p *progress) printf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, format, args...)
}

func (p *progress) stop() {
	close(p.done)
	p.wg.Wait()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
