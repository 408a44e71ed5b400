package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"sitrep/corpus"
	"sitrep/pipeline"
	"sitrep/sqlitestore"
	"sitrep/watch"
)

// runWatch is `sitrep watch FEED...`: it polls feeds and sitemaps at their
// interval and ingests the articles that are new, until it is stopped
// (SIGINT or SIGTERM: the state is saved and it exits 0); with --once it
// polls every feed once and exits (see watchOnce for its exit code).
func runWatch(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("watch", "FEED...  (feed or sitemap URLs, or files listing them: URL [INTERVAL] a line)", e)
	so := addStoreFlags(fs)
	statePath := fs.String("state", "", "state `file` (default: the SQLite store's path + .watch.json; required with --store)")
	interval := fs.Duration("interval", 15*time.Minute, "time between polls of a feed, jittered by ±10%")
	once := fs.Bool("once", false, "poll every feed once, now, and exit")
	fetchPages := fs.Bool("fetch-pages", false, "fetch the page each feed item links to and ingest it rather than the item's text")
	hostDelay := fs.Duration("host-delay", 2*time.Second, "least time between two requests to one host")
	maxPages := fs.Int("max-pages", 100, "most pages fetched for one feed in one poll; the rest wait for the next")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit of one request, body included")
	maxBackoff := fs.Duration("max-backoff", 6*time.Hour, "longest wait after failed polls (the wait starts at 1m and doubles)")
	contact := fs.String("contact", "", "a `URL or e-mail` for site owners, sent in the User-Agent")
	level := fs.String("log-level", "info", "log `level`: debug, info, warn or error")
	lf := addLimitFlags(fs)
	lang := addLangFlag(fs)
	if code, done := parse(fs, args); done {
		return code
	}
	if code := checkWatchFlags(e, *interval, *hostDelay, *timeout, *maxBackoff, *maxPages); code != exitOK {
		return code
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: --log-level %q: want debug, info, warn or error\n", *level)
		return exitUsage
	}
	feeds, code := watchFeeds(e, fs.Args())
	if code != exitOK {
		return code
	}
	state, err := watchStatePath(so, *statePath)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitUsage
	}
	pipe, err := pipeline.Load()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitBadInput
	}
	if pipe, err = lang.apply(pipe); err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitUsage
	}
	st, code := so.open(ctx, e, "watch")
	if st == nil {
		return code
	}
	defer st.Close()
	opts := watch.Options{
		StatePath:  state,
		Interval:   *interval,
		HostDelay:  noneIfZero(*hostDelay),
		MaxBackoff: *maxBackoff,
		Timeout:    *timeout,
		FetchPages: *fetchPages,
		MaxPages:   *maxPages,
		UserAgent:  userAgent(*contact),
		Limits:     lf.limits(),
		Log:        slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: lvl})),
	}
	w, err := watch.New(feeds, &corpus.Processor{Pipeline: pipe, Store: st}, opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitBadInput
	}
	if *once {
		return watchOnce(ctx, e, w)
	}
	opts.Log.Info("watch: started", "feeds", len(feeds), "interval", *interval, "state", state)
	if err := w.Run(ctx); err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitBadInput
	}
	opts.Log.Info("watch: stopped, state saved", "state", state)
	return exitOK
}

// checkWatchFlags refuses durations and counts that make no sense.
func checkWatchFlags(e *env, interval, hostDelay, timeout, maxBackoff time.Duration, maxPages int) int {
	switch {
	case interval < time.Second:
		fmt.Fprintln(e.stderr, "sitrep watch: --interval must be at least 1s")
	case hostDelay < 0:
		fmt.Fprintln(e.stderr, "sitrep watch: --host-delay must not be negative")
	case timeout <= 0:
		fmt.Fprintln(e.stderr, "sitrep watch: --timeout must be positive")
	case maxBackoff < time.Minute:
		fmt.Fprintln(e.stderr, "sitrep watch: --max-backoff must be at least 1m")
	case maxPages < 1:
		fmt.Fprintln(e.stderr, "sitrep watch: --max-pages must be at least 1")
	default:
		return exitOK
	}
	return exitUsage
}

// noneIfZero maps a zero delay to the watcher's "none" (negative), as 0
// means the default there.
func noneIfZero(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// userAgent is sitrep's User-Agent for watching: its version and a
// contact when given.
func userAgent(contact string) string {
	if contact == "" {
		return "sitrep/" + version + " (news feed monitor)"
	}
	return "sitrep/" + version + " (news feed monitor; +" + contact + ")"
}

// watchFeeds turns the arguments into feeds: a URL is one, any other
// argument a file listing them.
func watchFeeds(e *env, args []string) ([]watch.Feed, int) {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "sitrep watch: no feed (give feed or sitemap URLs, or files listing them)")
		return nil, exitUsage
	}
	var feeds []watch.Feed
	for _, a := range args {
		if isURL(a) {
			feeds = append(feeds, watch.Feed{URL: a})
			continue
		}
		f, err := os.Open(a)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
			return nil, exitBadInput
		}
		list, err := watch.ReadFeedList(f, a)
		f.Close()
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
			return nil, exitBadInput
		}
		feeds = append(feeds, list...)
	}
	if len(feeds) == 0 {
		fmt.Fprintln(e.stderr, "sitrep watch: the feed lists name no feed")
		return nil, exitUsage
	}
	return feeds, exitOK
}

// watchStatePath returns the state file: the one named, else beside the
// SQLite store.
func watchStatePath(so *storeOpts, named string) (string, error) {
	if named != "" {
		return named, nil
	}
	if so.store != "" {
		return "", errors.New("--state FILE is required with --store")
	}
	db := so.db
	if db == "" {
		var err error
		if db, err = sqlitestore.DefaultPath(); err != nil {
			return "", err
		}
	}
	return db + ".watch.json", nil
}

// watchOnce polls every feed once, prints a summary line and returns the
// exit code (docs/exit-codes.md): 1 when a feed could not be polled or an
// article failed, 3 when items were skipped as bad input, 0 otherwise.
func watchOnce(ctx context.Context, e *env, w *watch.Watcher) int {
	var ingested, dups, failed, skipped, deferred, feedsFailed int
	results := w.PollAll(ctx)
	for _, r := range results {
		ingested += r.Ingested
		dups += r.Duplicates
		failed += r.Failed
		skipped += r.Unreadable
		deferred += r.Deferred
		if r.Err != nil {
			feedsFailed++
		}
	}
	fmt.Fprintf(e.stderr, "sitrep watch: %d feeds polled, %d failed; %d articles ingested, %d already stored, %d failed, %d skipped, %d left for the next poll\n",
		len(results), feedsFailed, ingested, dups, failed, skipped, deferred)
	switch {
	case ctx.Err() != nil, feedsFailed > 0, failed > 0, len(results) < len(w.Feeds()):
		return exitBadInput
	case skipped > 0:
		return exitSkipped
	}
	return exitOK
}
