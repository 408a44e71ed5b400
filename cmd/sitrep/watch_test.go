package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// watchFeed serves an RSS feed of the stories numbered in items.
type watchFeed struct {
	mu    sync.Mutex
	items []int
	hits  atomic.Int64
}

func (f *watchFeed) set(items ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = items
}

func (f *watchFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.hits.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.URL.Path == "/broken.xml" {
		io.WriteString(w, "<rss><channel><item><title>cut")
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>`)
	for _, n := range f.items {
		fmt.Fprintf(&b, `<item><title>Story %d</title><guid>wire-%d</guid><link>https://wire.example/%d</link>`+
			`<pubDate>Tue, 14 Mar 2023 09:00:00 GMT</pubDate><description>BAGHDAD - Protesters marched in Baghdad on Tuesday, day %d of the strike, and police arrested 12 people, officials said.</description></item>`, n, n, n, n)
	}
	b.WriteString("</channel></rss>")
	io.WriteString(w, b.String())
}

func TestWatchOnce(t *testing.T) {
	feed := &watchFeed{}
	feed.set(1, 2)
	srv := httptest.NewServer(feed)
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "sitrep.db")
	args := []string{"watch", "--once", "--db", db, "--host-delay", "0", srv.URL + "/rss.xml"}

	code, _, stderr := runCLI(t, "", args...)
	if code != exitOK || !strings.Contains(stderr, "2 articles ingested") || !strings.Contains(stderr, "status=200") {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(db + ".watch.json"); err != nil {
		t.Fatalf("state file: %v", err)
	}
	// One new story; the server ignores validators, the state keeps the
	// old ones out.
	feed.set(3, 2, 1)
	code, _, stderr = runCLI(t, "", args...)
	if code != exitOK || !strings.Contains(stderr, "1 articles ingested, 0 already stored") {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "", args...)
	if code != exitOK || !strings.Contains(stderr, "0 articles ingested") || !strings.Contains(stderr, "new=0") {
		t.Fatalf("third run: exit %d\n%s", code, stderr)
	}
	if stats, _ := storeSummary(t, db); stats.Documents != 3 {
		t.Errorf("%d documents stored, want 3", stats.Documents)
	}

	// A feed list with a broken feed: the others are read, exit 1.
	list := filepath.Join(dir, "feeds.txt")
	os.WriteFile(list, []byte("# wires\n"+srv.URL+"/broken.xml\n"+srv.URL+"/other.xml 5m\n"), 0o644)
	code, _, stderr = runCLI(t, "", "watch", "--once", "--db", db, "--host-delay", "0", list)
	if code != exitBadInput || !strings.Contains(stderr, "poll failed") || !strings.Contains(stderr, "2 feeds polled, 1 failed") {
		t.Fatalf("broken feed: exit %d\n%s", code, stderr)
	}
}

func TestWatchUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"watch"}, exitUsage, "no feed"},
		{[]string{"watch", "--store", "postgres://x/y", "https://a.example/rss"}, exitUsage, "--state FILE is required"},
		{[]string{"watch", "--interval", "10ms", "https://a.example/rss"}, exitUsage, "--interval"},
		{[]string{"watch", "--max-pages", "0", "https://a.example/rss"}, exitUsage, "--max-pages"},
		{[]string{"watch", filepath.Join(dir, "missing.txt")}, exitBadInput, "missing.txt"},
		{[]string{"watch", "--help"}, exitOK, "-fetch-pages"},
	} {
		code, _, stderr := runCLI(t, "", tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, want %d with %q\n%s", tt.args, code, tt.code, tt.want, stderr)
		}
	}
}

// TestWatchStopsOnSignal runs the watcher until its context ends, as
// SIGINT or SIGTERM end it, and checks that it exits 0 with the state
// saved.
func TestWatchStopsOnSignal(t *testing.T) {
	feed := &watchFeed{}
	feed.set(1)
	srv := httptest.NewServer(feed)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "sitrep.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errb := &syncWriter{}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: errb,
		log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan int)
	go func() { done <- run(ctx, e, []string{"watch", "--db", db, "--interval", "1h", srv.URL + "/rss.xml"}) }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(db + ".watch.json"); err == nil {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("the watcher ended before its first poll: exit %d\n%s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no poll within two minutes:\n%s", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the watcher did not stop")
	}
	if feed.hits.Load() != 1 {
		t.Errorf("%d polls within the interval", feed.hits.Load())
	}
	state, err := os.ReadFile(db + ".watch.json")
	if err != nil || !strings.Contains(string(state), `"id:wire-1"`) || !strings.Contains(string(state), "next_poll") {
		t.Errorf("state: %v\n%s", err, state)
	}
}

// syncWriter is a buffer safe for concurrent use.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
