package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"time"

	"sitrep"
	"sitrep/corpus"
	"sitrep/ingest"
)

// Feed is one feed (RSS, Atom, JSON Feed) or sitemap to poll.
type Feed struct {
	URL string
	// Interval is the time between polls; 0 means Options.Interval.
	Interval time.Duration
}

// Ingester extracts and stores one article; *corpus.Processor is one. It
// must be safe for concurrent use: feeds on different hosts are polled at
// once.
type Ingester interface {
	Process(ctx context.Context, a sitrep.Article) (corpus.Outcome, sitrep.PutResult, error)
}

// Options configure a Watcher. Zero fields take the defaults given.
type Options struct {
	// StatePath is the state file (required).
	StatePath string
	// Interval is the time between polls of a feed (15m).
	Interval time.Duration
	// Jitter spreads polls: each interval is drawn from
	// Interval×(1±Jitter) (0.1; negative: none).
	Jitter float64
	// HostDelay is the least time between the end of one request to a host
	// and the start of the next (2s; negative: none).
	HostDelay time.Duration
	// MinBackoff is the wait after a failed poll, doubled after each
	// further failure in a row up to MaxBackoff (1m, 6h).
	MinBackoff, MaxBackoff time.Duration
	// MaxRetryAfter caps the wait a Retry-After header asks for (24h).
	MaxRetryAfter time.Duration
	// Timeout bounds one request, body included, when Client has no
	// timeout (60s).
	Timeout time.Duration
	// FetchPages fetches the page each feed item links to and ingests
	// the page's article rather than the item's text (the feed's text
	// when the page cannot be read). Sitemap URLs are always fetched.
	FetchPages bool
	// MaxPages is the most pages fetched for one feed in one poll (100);
	// the new items past it wait for the next poll.
	MaxPages int
	// MaxSitemaps is the most child sitemaps of a sitemap index fetched in
	// one poll (20), the most recently modified first.
	MaxSitemaps int
	// MaxTries is how often an item that fails (its page unreachable, its
	// extraction or storing failed) is tried before it is given up (3).
	MaxTries int
	// SeenMaxAge is how long an item no longer in its feed is remembered
	// (30 days); SeenMax the most items remembered per feed (10000).
	SeenMaxAge time.Duration
	SeenMax    int
	// UserAgent is sent with every request ("sitrep (news feed monitor)").
	UserAgent string
	// Limits bound every feed, sitemap and page read (sitrep.DefaultLimits
	// where zero).
	Limits sitrep.Limits
	// Client sends the requests (a client with Timeout); its Transport is
	// wrapped with the watcher's politeness.
	Client *http.Client
	// Clock gives the time and waits (SystemClock).
	Clock Clock
	// Rand returns a number in [0, 1) for the jitter (math/rand/v2).
	Rand func() float64
	// Log receives a line per poll and per problem (slog.Default()).
	Log *slog.Logger
}

// withDefaults returns o with every zero field set.
func (o Options) withDefaults() Options {
	dur := func(d *time.Duration, def time.Duration) {
		if *d == 0 {
			*d = def
		}
	}
	num := func(n *int, def int) {
		if *n <= 0 {
			*n = def
		}
	}
	dur(&o.Interval, 15*time.Minute)
	dur(&o.HostDelay, 2*time.Second)
	dur(&o.MinBackoff, time.Minute)
	dur(&o.MaxBackoff, 6*time.Hour)
	dur(&o.MaxRetryAfter, 24*time.Hour)
	dur(&o.Timeout, 60*time.Second)
	dur(&o.SeenMaxAge, 30*24*time.Hour)
	if o.Jitter == 0 {
		o.Jitter = 0.1
	}
	num(&o.MaxPages, 100)
	num(&o.MaxSitemaps, 20)
	num(&o.MaxTries, 3)
	num(&o.SeenMax, 10000)
	if o.UserAgent == "" {
		o.UserAgent = "sitrep (news feed monitor)"
	}
	o.Limits = o.Limits.OrDefault()
	if o.Clock == nil {
		o.Clock = SystemClock{}
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	return o
}

// Watcher polls feeds and ingests their new articles. Its methods are safe
// for concurrent use.
type Watcher struct {
	opts   Options
	feeds  []Feed
	ing    Ingester
	client *http.Client
	reader *ingest.Reader
	log    *slog.Logger

	mu     sync.Mutex // guards state
	state  *State
	saveMu sync.Mutex // one save at a time
}

// New returns a watcher of feeds that hands new articles to ing, with the
// state read from opts.StatePath (empty when the file does not exist).
func New(feeds []Feed, ing Ingester, opts Options) (*Watcher, error) {
	if opts.StatePath == "" {
		return nil, errors.New("watch: no state file")
	}
	if ing == nil {
		return nil, errors.New("watch: no ingester")
	}
	o := opts.withDefaults()
	seen := map[string]bool{}
	var fs []Feed
	for _, f := range feeds {
		if !webURL(f.URL) {
			return nil, fmt.Errorf("watch: feed %q: not an http(s) URL", f.URL)
		}
		if !seen[f.URL] {
			seen[f.URL] = true
			fs = append(fs, f)
		}
	}
	st, err := LoadState(o.StatePath)
	if err != nil {
		return nil, err
	}
	w := &Watcher{opts: o, feeds: fs, ing: ing, state: st, log: o.Log}
	w.client = w.politeClient()
	w.reader = &ingest.Reader{Client: w.client, Limits: o.Limits}
	return w, nil
}

// politeClient returns a copy of the configured client whose transport
// keeps to the watcher's politeness.
func (w *Watcher) politeClient() *http.Client {
	var c http.Client
	if w.opts.Client != nil {
		c = *w.opts.Client
	}
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	delay := max(w.opts.HostDelay, 0)
	c.Transport = &politeTransport{base: base, clock: w.opts.Clock, delay: delay,
		maxPause: w.opts.MaxRetryAfter, userAgent: w.opts.UserAgent, gates: map[string]*hostGate{}}
	if c.Timeout == 0 {
		c.Timeout = w.opts.Timeout
	}
	return &c
}

// Result is what one poll of one feed did.
type Result struct {
	Feed   string
	Status int    // the feed's HTTP status; 0 when no answer came
	Kind   string // "feed", "sitemap" or "sitemap index"; "" without a 200
	// Items counts the items (sitemap URLs) of the answer, New those not
	// dealt with before, Ingested those stored, Duplicates those whose
	// text was stored already, Failed those that failed this time (their
	// page did not come, extraction or storing failed: tried again up to
	// MaxTries), Deferred those left for a later poll (page budget, host
	// waiting), Unreadable the items skipped as bad input (the feed
	// reader could not read them: no text, over a limit; or their page is
	// missing or holds no article).
	Items, New, Ingested, Duplicates, Failed, Deferred, Unreadable int
	// Next is when the feed is polled next.
	Next time.Time
	// Err is why the poll failed; nil when it did not.
	Err error
}

// Feeds returns the watched feeds.
func (w *Watcher) Feeds() []Feed { return append([]Feed(nil), w.feeds...) }

// Run polls every feed when it is due until ctx is done, then saves the
// state and returns nil. Feeds on one host are polled one after another,
// those on different hosts at once. A feed that fails is retried after its
// back-off; no feed's failure stops the others. The error is a failure to
// save the state.
func (w *Watcher) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, group := range byHost(w.feeds) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.runGroup(ctx, group)
		}()
	}
	wg.Wait()
	return w.save()
}

// runGroup polls the feeds of one host, each when it is due.
func (w *Watcher) runGroup(ctx context.Context, feeds []Feed) {
	for ctx.Err() == nil {
		f, due := w.nextDue(feeds)
		if err := w.opts.Clock.Sleep(ctx, due.Sub(w.opts.Clock.Now())); err != nil {
			return
		}
		w.Poll(ctx, f)
	}
}

// nextDue returns the feed due first and when it is due.
func (w *Watcher) nextDue(feeds []Feed) (Feed, time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	best, due := feeds[0], time.Time{}
	for i, f := range feeds {
		var next time.Time
		if fs := w.state.Feeds[f.URL]; fs != nil {
			next = fs.NextPoll
		}
		if i == 0 || next.Before(due) {
			best, due = f, next
		}
	}
	return best, due
}

// PollAll polls every feed once, now, whatever its schedule, and returns
// the results in the order of the feeds. Feeds on one host are polled one
// after another, those on different hosts at once.
func (w *Watcher) PollAll(ctx context.Context) []Result {
	results := map[string]Result{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, group := range byHost(w.feeds) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range group {
				if ctx.Err() != nil {
					return
				}
				r := w.Poll(ctx, f)
				mu.Lock()
				results[f.URL] = r
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	out := make([]Result, 0, len(w.feeds))
	for _, f := range w.feeds {
		if r, ok := results[f.URL]; ok {
			out = append(out, r)
		}
	}
	return out
}

// byHost groups feeds by host, keeping their order.
func byHost(feeds []Feed) [][]Feed {
	idx := map[string]int{}
	var groups [][]Feed
	for _, f := range feeds {
		host := ""
		if u, err := url.Parse(f.URL); err == nil {
			host = u.Host
		}
		i, ok := idx[host]
		if !ok {
			i = len(groups)
			idx[host] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], f)
	}
	return groups
}

// Poll polls one feed now: a conditional GET, then its new items ingested,
// its schedule set (the next poll, or the back-off after an error), the
// state saved and the poll logged.
func (w *Watcher) Poll(ctx context.Context, f Feed) Result {
	start := w.opts.Clock.Now()
	res := Result{Feed: f.URL}
	val := w.validators(f.URL)
	doc, err := fetchDocument(ctx, w.client, f.URL, val, w.opts.Limits)
	res.Status = doc.status
	complete := true // every item dealt with: the validators may be kept
	if err == nil && doc.status == http.StatusOK {
		complete, err = w.process(ctx, f, doc, &res)
	}
	w.finish(ctx, f, &res, doc, complete, err)
	if serr := w.save(); serr != nil {
		w.log.Error("watch: cannot save the state", "feed", f.URL, "err", serr)
	}
	w.logResult(res, w.opts.Clock.Now().Sub(start))
	return res
}

// validators returns the validators to send for the feed at u.
func (w *Watcher) validators(u string) Validators {
	w.mu.Lock()
	defer w.mu.Unlock()
	fs := w.state.Feeds[u]
	if fs == nil {
		return Validators{}
	}
	return Validators{ETag: fs.ETag, LastModified: fs.LastModified}
}

// finish records the poll's outcome in the feed's state: on success the
// next poll after the interval (jittered) and, when complete, the new
// validators; on failure the back-off. A poll cut short by ctx changes no
// schedule.
func (w *Watcher) finish(ctx context.Context, f Feed, res *Result, doc document, complete bool, err error) {
	now := w.opts.Clock.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	fs := w.state.feed(f.URL)
	defer func() { res.Next = fs.NextPoll }()
	if ctx.Err() != nil {
		res.Err = ctx.Err()
		return
	}
	fs.LastPoll = now
	if err != nil {
		res.Err = err
		fs.Failures++
		fs.LastError = err.Error()
		fs.NextPoll = now.Add(w.backoff(fs.Failures, err, now))
		return
	}
	fs.Failures, fs.LastError = 0, ""
	fs.NextPoll = now.Add(w.interval(f))
	if doc.status == http.StatusOK {
		// An answer with items left pending is not sent back as a
		// validator: the next poll must read them again.
		fs.ETag, fs.LastModified = "", ""
		if complete {
			fs.ETag, fs.LastModified = doc.etag, doc.lastModified
		}
	}
	fs.prune(now, w.opts.SeenMaxAge, w.opts.SeenMax)
}

// interval returns the feed's interval, jittered.
func (w *Watcher) interval(f Feed) time.Duration {
	d := f.Interval
	if d <= 0 {
		d = w.opts.Interval
	}
	if w.opts.Jitter > 0 {
		d = time.Duration(float64(d) * (1 + w.opts.Jitter*(2*w.opts.Rand()-1)))
	}
	return max(d, time.Second)
}

// backoff returns the wait after the n-th failure in a row: MinBackoff
// doubled n-1 times, at most MaxBackoff, and at least what the server
// asked for with Retry-After (at most MaxRetryAfter) or the time its host
// is paused.
func (w *Watcher) backoff(n int, err error, now time.Time) time.Duration {
	d := w.opts.MinBackoff
	for i := 1; i < n && d < w.opts.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, w.opts.MaxBackoff)
	var he *HTTPError
	if errors.As(err, &he) && he.RetryAfter > d {
		d = min(he.RetryAfter, w.opts.MaxRetryAfter)
	}
	var pe *PausedError
	if errors.As(err, &pe) && pe.Until.Sub(now) > d {
		d = pe.Until.Sub(now)
	}
	return max(d, time.Second)
}

// save writes the state file.
func (w *Watcher) save() error {
	w.saveMu.Lock()
	defer w.saveMu.Unlock()
	w.mu.Lock()
	data, err := marshalState(w.state)
	w.mu.Unlock()
	if err != nil {
		return fmt.Errorf("watch state %s: %w", w.opts.StatePath, err)
	}
	return writeAtomic(w.opts.StatePath, data)
}

// State returns a copy of the state of the feed at u (nil when it was
// never polled), for tests and reports.
func (w *Watcher) State(u string) *FeedState {
	w.mu.Lock()
	defer w.mu.Unlock()
	fs := w.state.Feeds[u]
	if fs == nil {
		return nil
	}
	c := *fs
	c.Seen = make(map[string]*Seen, len(fs.Seen))
	for k, s := range fs.Seen {
		sc := *s
		c.Seen[k] = &sc
	}
	c.Sitemaps = make(map[string]*Validators, len(fs.Sitemaps))
	for k, v := range fs.Sitemaps {
		vc := *v
		c.Sitemaps[k] = &vc
	}
	return &c
}

// logResult logs one poll: a line at Info, or at Warn when it failed.
func (w *Watcher) logResult(r Result, took time.Duration) {
	attrs := []any{"feed", r.Feed, "status", r.Status}
	if r.Err != nil {
		if errors.Is(r.Err, context.Canceled) {
			w.log.Info("watch: poll stopped", append(attrs, "ingested", r.Ingested)...)
			return
		}
		w.log.Warn("watch: poll failed", append(attrs, "err", r.Err, "next", r.Next.Format(time.RFC3339))...)
		return
	}
	if r.Status == http.StatusOK {
		attrs = append(attrs, "kind", r.Kind, "items", r.Items, "new", r.New, "ingested", r.Ingested,
			"duplicates", r.Duplicates, "skipped", r.Unreadable, "failed", r.Failed, "deferred", r.Deferred)
	}
	attrs = append(attrs, "next", r.Next.Format(time.RFC3339), "took", took.Round(time.Millisecond))
	w.log.Info("watch: poll", attrs...)
}

// sortByDate orders items newest first by their date (ISO strings; those
// without a date last), keeping the order of equal ones.
func sortByDate(items []item) {
	sort.SliceStable(items, func(i, j int) bool { return items[i].date > items[j].date })
}
