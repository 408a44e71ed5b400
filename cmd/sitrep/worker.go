package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"sitrep"
	"sitrep/corpus"
	"sitrep/natsqueue"
	"sitrep/pgstore"
)

// runWorker is `sitrep worker`: it takes articles from a NATS JetStream
// queue, extracts them and stores their documents in PostgreSQL, until it
// is stopped (SIGTERM or SIGINT: it finishes the articles in hand, hands
// back those it fetched but did not start, and exits 0). Any number of
// workers on any number of machines may share one queue and one store.
func runWorker(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("worker", "", e)
	queue := fs.String("queue", os.Getenv("SITREP_QUEUE"), "NATS `URL` of the queue, nats://HOST:4222 (default $SITREP_QUEUE)")
	store := fs.String("store", os.Getenv("SITREP_STORE"), "PostgreSQL `URL` of the store, postgres://USER@HOST/DB (default $SITREP_STORE)")
	workers := fs.Int("workers", runtime.NumCPU(), "articles extracted at once")
	stream := fs.String("stream", natsqueue.DefaultStream, "JetStream stream `NAME` (its subject is "+natsqueue.DefaultSubject+" for "+natsqueue.DefaultStream+", name.articles otherwise)")
	durable := fs.String("consumer", natsqueue.DefaultDurable, "durable consumer `NAME` the workers share")
	ackWait := fs.Duration("ack-wait", natsqueue.DefaultAckWait, "redeliver an article not acknowledged within this `duration`")
	maxDeliver := fs.Int("max-deliver", natsqueue.DefaultMaxDeliv, "give up on an article after this many deliveries (-1: never)")
	grace := fs.Duration("grace", 10*time.Second, "on stop, how long articles in hand may still run")
	progress := fs.Duration("progress", 30*time.Second, "log progress every `interval` (0: never)")
	level := fs.String("log-level", "info", "log `level`: debug, info, warn or error")
	dicts := addDictFlags(fs)
	lang := addLangFlag(fs)
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "sitrep worker: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *queue == "" || *store == "" {
		fmt.Fprintln(e.stderr, "sitrep worker: --queue nats://... and --store postgres://... are required")
		return exitUsage
	}
	if *workers < 1 {
		fmt.Fprintln(e.stderr, "sitrep worker: --workers must be at least 1")
		return exitUsage
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: --log-level %q: want debug, info, warn or error\n", *level)
		return exitUsage
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: lvl}))

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	p, err := dicts.pipeline()
	if err == nil {
		p, err = lang.apply(p)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return exitUsage
	}
	st, err := pgstore.Open(ctx, poolSize(*store, *workers+2))
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return exitBadInput
	}
	defer st.Close()
	c, err := natsqueue.NewConsumer(ctx, *queue, natsqueue.ConsumerConfig{
		Stream:      natsqueue.StreamConfig{Name: *stream},
		Durable:     *durable,
		AckWait:     *ackWait,
		MaxDeliver:  *maxDeliver,
		Concurrency: *workers,
		Grace:       *grace,
		Log:         log,
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return exitBadInput
	}
	defer c.Close()

	proc := &corpus.Processor{Pipeline: p, Store: st}
	var counts corpus.Counts
	counts.Start(time.Now())
	handler := func(ctx context.Context, a sitrep.Article) error {
		counts.Read.Add(1)
		counts.Bytes.Add(int64(len(a.Text)))
		out, res, err := proc.Process(ctx, a)
		switch out {
		case corpus.Stored:
			counts.Stored.Add(1)
			counts.Events.Add(int64(res.Events))
			log.Debug("stored", "id", res.ID, "story", res.Story, "events", res.Events, "origin", a.Origin)
		case corpus.Duplicate:
			counts.Duplicates.Add(1)
			log.Debug("duplicate", "id", res.ID, "origin", a.Origin)
		case corpus.OtherLanguage:
			counts.OtherLanguage.Add(1)
			log.Info("stored, not extracted: its language is not read", "id", res.ID, "origin", a.Origin)
		default:
			counts.Failed.Add(1)
			return err
		}
		return nil
	}
	report := func(msg string) {
		s := counts.Snapshot()
		log.Info(msg, "read", s.Read, "stored", s.Stored, "duplicates", s.Duplicates, "failed", s.Failed,
			"events", s.Events, "per_second", fmt.Sprintf("%.1f", s.PerSecond()), "elapsed", s.Elapsed.Round(time.Second))
	}
	if *progress > 0 {
		go func() {
			t := time.NewTicker(*progress)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					report("progress")
				}
			}
		}()
	}
	log.Info("worker started", "queue", redactURL(*queue), "store", redactURL(*store), "stream", *stream,
		"consumer", *durable, "workers", *workers, "version", version)
	err = c.Work(ctx, handler)
	report("worker stopped")
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return exitBadInput
	}
	return exitOK
}

// poolSize adds pool_max_conns=n to a PostgreSQL URL that does not size
// its pool, so that each extracting goroutine can hold a connection.
func poolSize(raw string, n int) string {
	if strings.Contains(raw, "pool_max_conns") {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return raw // a key=value DSN: leave it to pgx
	}
	q := u.Query()
	q.Set("pool_max_conns", strconv.Itoa(n))
	u.RawQuery = q.Encode()
	return u.String()
}

// redactURL hides a password in a URL for the log.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// refusals counts the articles the queue refused for `ingest --queue`, by
// reason (see natsqueue.RefusedError).
type refusals struct{ full, tooLarge atomic.Int64 }

// add counts err if the queue refused an article with it, and reports
// whether it did.
func (r *refusals) add(err error) bool {
	switch {
	case errors.Is(err, natsqueue.ErrStreamFull):
		r.full.Add(1)
	case errors.Is(err, natsqueue.ErrTooLarge):
		r.tooLarge.Add(1)
	default:
		return false
	}
	return true
}

// queueSummary is the last line of `ingest --queue`: how many articles the
// stream took (published, duplicates within its window included), how many
// it refused and why, and how many failed otherwise (e.g. the server stayed
// unreachable). Every article read is in exactly one of the three.
func queueSummary(s corpus.Snapshot, r *refusals) string {
	full, large := r.full.Load(), r.tooLarge.Load()
	return fmt.Sprintf("sitrep ingest: %d articles read: %d published, %d refused: %d stream full, %d too large; "+
		"%d failed, %d unreadable records; %.1f articles/s",
		s.Read, s.Stored, full+large, full, large, s.Failed-full-large, s.InputErrors, s.PerSecond())
}
