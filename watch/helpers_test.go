package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/corpus"
)

// fakeClock is a Clock whose Sleep returns at once, moving the time on.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
		c.sleeps = append(c.sleeps, d)
	}
	return nil
}

// advance moves the time on by d.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// memIngester is an Ingester that keeps articles in memory and, like the
// store, takes each text once.
type memIngester struct {
	mu     sync.Mutex
	hashes map[string]bool
	got    []sitrep.Article
	fail   int // the next fail calls fail
}

func newMemIngester() *memIngester { return &memIngester{hashes: map[string]bool{}} }

func (m *memIngester) Process(ctx context.Context, a sitrep.Article) (corpus.Outcome, sitrep.PutResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail > 0 {
		m.fail--
		return corpus.Failed, sitrep.PutResult{}, errors.New("store unavailable")
	}
	h := corpus.Hash(a)
	if m.hashes[h] {
		return corpus.Duplicate, sitrep.PutResult{}, nil
	}
	m.hashes[h] = true
	m.got = append(m.got, a)
	return corpus.Stored, sitrep.PutResult{Added: true}, nil
}

// titles returns the titles of the articles ingested, in order.
func (m *memIngester) titles() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, a := range m.got {
		out = append(out, a.Title)
	}
	return out
}

// reply is one canned answer.
type reply struct {
	status  int
	body    string
	ctype   string
	etag    string
	lastMod string
	header  map[string]string
}

// request is what the server saw of one request.
type request struct {
	path, ifNoneMatch, ifModifiedSince, userAgent string
	at                                            time.Time // by the fake clock
}

// site is a test web server whose documents can change between polls:
// each path answers its reply, or the next of its queued replies. A reply
// with an etag or lastMod answers 304 to a request that matches them.
type site struct {
	t     *testing.T
	clock *fakeClock
	srv   *httptest.Server

	mu      sync.Mutex
	docs    map[string]reply
	queue   map[string][]reply
	reqs    []request
	onReq   func(path string)
	inFlite int
	overlap bool // two requests were under way at once
}

func newSite(t *testing.T, clock *fakeClock) *site {
	s := &site{t: t, clock: clock, docs: map[string]reply{}, queue: map[string][]reply{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// url returns the address of path on the site.
func (s *site) url(path string) string { return s.srv.URL + path }

// set makes path answer r.
func (s *site) set(path string, r reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = r
}

// enqueue makes path answer rs first, one per request, then its reply.
func (s *site) enqueue(path string, rs ...reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue[path] = append(s.queue[path], rs...)
}

// requests returns the requests seen for path ("" for all).
func (s *site) requests(path string) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []request
	for _, r := range s.reqs {
		if path == "" || r.path == path {
			out = append(out, r)
		}
	}
	return out
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.inFlite++
	if s.inFlite > 1 {
		s.overlap = true
	}
	s.reqs = append(s.reqs, request{path: r.URL.Path, ifNoneMatch: r.Header.Get("If-None-Match"),
		ifModifiedSince: r.Header.Get("If-Modified-Since"), userAgent: r.Header.Get("User-Agent"), at: s.clock.Now()})
	rep, ok := s.docs[r.URL.Path]
	if q := s.queue[r.URL.Path]; len(q) > 0 {
		rep, ok, s.queue[r.URL.Path] = q[0], true, q[1:]
	}
	on := s.onReq
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlite--
		s.mu.Unlock()
	}()
	if on != nil {
		on(r.URL.Path)
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.etag != "" {
		w.Header().Set("ETag", rep.etag)
	}
	if rep.lastMod != "" {
		w.Header().Set("Last-Modified", rep.lastMod)
	}
	if rep.status == 0 || rep.status == http.StatusOK {
		inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if (inm != "" && inm == rep.etag) || (inm == "" && ims != "" && ims == rep.lastMod) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if rep.ctype != "" {
		w.Header().Set("Content-Type", rep.ctype)
	}
	if rep.status != 0 {
		w.WriteHeader(rep.status)
	}
	io.WriteString(w, rep.body)
}

// rssItem is one item of a test feed.
type rssItem struct{ guid, title, link, text string }

// rss returns an RSS 2.0 feed of items.
func rss(items ...rssItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>`)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title>", it.title)
		if it.guid != "" {
			fmt.Fprintf(&b, "<guid isPermaLink=\"false\">%s</guid>", it.guid)
		}
		if it.link != "" {
			fmt.Fprintf(&b, "<link>%s</link>", it.link)
		}
		if it.text != "" {
			fmt.Fprintf(&b, "<description>%s</description>", it.text)
		}
		b.WriteString("<pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate></item>\n")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// story returns an item numbered n with text.
func story(n int) rssItem {
	return rssItem{guid: fmt.Sprintf("story-%d", n), title: fmt.Sprintf("Story %d", n),
		link: fmt.Sprintf("https://wire.example/story/%d", n),
		text: fmt.Sprintf("Protesters marched in the capital on day %d, police said. Officials promised talks.", n)}
}

// page returns an HTML news page.
func page(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body><article><h1>%s</h1>", title, title)
	for i := range 4 {
		fmt.Fprintf(&b, "<p>Paragraph %d of %s. Thousands of people gathered in the main square on Tuesday to protest against the government, and police said the demonstration was peaceful, while organisers promised to return every week until their demands are met.</p>", i+1, title)
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// testOptions returns options for a fast, deterministic watcher.
func testOptions(t *testing.T, clock *fakeClock, log io.Writer) Options {
	if log == nil {
		log = io.Discard
	}
	return Options{
		StatePath: filepath.Join(t.TempDir(), "sitrep.db.watch.json"),
		Interval:  15 * time.Minute,
		Jitter:    -1,
		HostDelay: 2 * time.Second,
		Clock:     clock,
		Rand:      func() float64 { return 0.5 },
		Log:       slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug})),
		UserAgent: "sitrep/test (+https://sitrep.example/bot)",
	}
}

// newTestWatcher makes a watcher or fails the test.
func newTestWatcher(t *testing.T, feeds []Feed, ing Ingester, o Options) *Watcher {
	t.Helper()
	w, err := New(feeds, ing, o)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// logBuffer is a goroutine-safe log sink.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
