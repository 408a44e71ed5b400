package corpus

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"sitrep"
	"sitrep/pipeline"
	"sitrep/text"
)

// Hash is the content hash an article's document will be stored under: the
// TextID of its normalized text.
func Hash(a sitrep.Article) string { return sitrep.TextID(text.Normalize(a.Text)) }

// Outcome is what happened to one article.
type Outcome int

// What Process did with an article.
const (
	Stored        Outcome = iota // extracted and stored
	Duplicate                    // its text was already stored: skipped
	Failed                       // extraction or storing failed
	OtherLanguage                // in a language the pipeline does not extract: stored with its language, not extracted
)

func (o Outcome) String() string {
	switch o {
	case Stored:
		return "stored"
	case Duplicate:
		return "duplicate"
	case OtherLanguage:
		return "other language"
	}
	return "failed"
}

// Processor extracts articles with a pipeline and stores their documents.
// It is safe for concurrent use when its store is.
type Processor struct {
	Pipeline *pipeline.Pipeline
	Store    sitrep.Store
}

// Process extracts one article and stores its document, unless a document
// with the same text is stored already. An article in a language the
// pipeline does not extract is stored with its language and no extraction
// (OtherLanguage). The error names the article's origin.
func (p *Processor) Process(ctx context.Context, a sitrep.Article) (Outcome, sitrep.PutResult, error) {
	name := a.Origin
	if name == "" {
		name = a.ID
	}
	have, err := p.Store.Has(ctx, Hash(a))
	if err != nil {
		return Failed, sitrep.PutResult{}, fmt.Errorf("%s: %w", name, err)
	}
	if have {
		return Duplicate, sitrep.PutResult{}, nil
	}
	doc, err := p.Pipeline.Extract(ctx, a)
	var le *pipeline.LanguageError
	other := errors.As(err, &le) // stored with its language, for the record
	if err != nil && !other {
		return Failed, sitrep.PutResult{}, fmt.Errorf("%s: extract: %w", name, err)
	}
	res, err := p.Store.Put(ctx, doc)
	if err != nil {
		return Failed, res, fmt.Errorf("%s: store: %w", name, err)
	}
	switch {
	case !res.Added:
		return Duplicate, res, nil
	case other:
		return OtherLanguage, res, nil
	}
	return Stored, res, nil
}

// Counts tallies a run. Its fields are updated atomically while Run works,
// so a progress display may read them (with Snapshot) at any time.
type Counts struct {
	Read, Stored, Duplicates, Failed, Events, Bytes atomic.Int64
	// OtherLanguage counts articles stored with their language, not
	// extracted (pipeline.OnlyLanguages).
	OtherLanguage atomic.Int64
	// InputErrors counts records the readers could not read.
	InputErrors atomic.Int64
	start       time.Time
}

// Snapshot is a copy of Counts at one moment.
type Snapshot struct {
	Read, Stored, Duplicates, Failed, InputErrors, Events, Bytes int64
	OtherLanguage                                                int64
	Elapsed                                                      time.Duration
}

// Snapshot reads the counters.
func (c *Counts) Snapshot() Snapshot {
	return Snapshot{
		Read: c.Read.Load(), Stored: c.Stored.Load(), Duplicates: c.Duplicates.Load(),
		Failed: c.Failed.Load(), InputErrors: c.InputErrors.Load(), Events: c.Events.Load(),
		Bytes: c.Bytes.Load(), OtherLanguage: c.OtherLanguage.Load(), Elapsed: time.Since(c.start),
	}
}

// PerSecond is the rate of articles read.
func (s Snapshot) PerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Read) / s.Elapsed.Seconds()
}

// Run processes every article that next yields with workers goroutines (at
// least one) and returns the counts. next is called from one goroutine; it
// returns ok false when the input is done. report, when not nil, is called
// for every article that failed, from the worker goroutines. Run stops early
// when ctx is cancelled and returns ctx's error.
func (p *Processor) Run(ctx context.Context, workers int, next func() (sitrep.Article, bool), report func(sitrep.Article, error), counts *Counts) error {
	if workers < 1 {
		workers = 1
	}
	if counts.start.IsZero() {
		counts.start = time.Now()
	}
	jobs := make(chan sitrep.Article, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range jobs {
				out, res, err := p.Process(ctx, a)
				switch out {
				case Stored:
					counts.Stored.Add(1)
					counts.Events.Add(int64(res.Events))
				case Duplicate:
					counts.Duplicates.Add(1)
				case OtherLanguage:
					counts.OtherLanguage.Add(1)
				default:
					counts.Failed.Add(1)
					if report != nil && ctx.Err() == nil {
						report(a, err)
					}
				}
			}
		}()
	}
	var err error
	for {
		if err = ctx.Err(); err != nil {
			break
		}
		a, ok := next()
		if !ok {
			break
		}
		counts.Read.Add(1)
		counts.Bytes.Add(int64(len(a.Text)))
		select {
		case jobs <- a:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// Start sets the moment rates are measured from; Run sets it when unset.
func (c *Counts) Start(t time.Time) { c.start = t }
