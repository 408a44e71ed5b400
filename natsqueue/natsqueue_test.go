package natsqueue_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"sitrep"
	"sitrep/corpus"
	"sitrep/natsqueue"
	"sitrep/natsqueue/natstest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// server is one NATS server the tests run against.
type server struct {
	name string
	url  string
	proc *natstest.Server // nil for an external server
}

// servers returns an in-process server, plus the one SITREP_TEST_NATS
// names when set.
func servers(t *testing.T) []server {
	s := natstest.Start(t, "")
	out := []server{{"inprocess", s.URL(), s}}
	if u := os.Getenv("SITREP_TEST_NATS"); u != "" {
		out = append(out, server{"external", u, nil})
	}
	return out
}

// streamName returns a stream name no other test uses, and deletes the
// stream when the test ends (on an external server it would stay).
func streamName(t *testing.T, url string) string {
	name := fmt.Sprintf("T%08X", rand.Uint32())
	t.Cleanup(func() {
		nc, err := nats.Connect(url)
		if err != nil {
			return
		}
		defer nc.Close()
		js, _ := jetstream.New(nc)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = js.DeleteStream(ctx, name)
	})
	return name
}

func articles(n int) []sitrep.Article {
	out := make([]sitrep.Article, n)
	for i := range out {
		out[i] = sitrep.Article{
			ID:    fmt.Sprintf("a%d", i),
			Title: fmt.Sprintf("Article %d", i),
			Text:  fmt.Sprintf("Article number %d says something happened in Baghdad on Monday.", i),
		}
	}
	return out
}

// collector records what a handler saw.
type collector struct {
	mu    sync.Mutex
	seen  map[string]int
	calls atomic.Int64
}

func newCollector() *collector { return &collector{seen: map[string]int{}} }

func (c *collector) add(a sitrep.Article) {
	c.mu.Lock()
	c.seen[a.ID]++
	c.mu.Unlock()
}

func (c *collector) distinct() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func publishAll(t *testing.T, ctx context.Context, url, stream string, as []sitrep.Article) *natsqueue.Publisher {
	t.Helper()
	p, err := natsqueue.NewPublisher(ctx, url, stream)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	for _, a := range as {
		if err := p.Publish(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func consumer(t *testing.T, ctx context.Context, url, stream string, cfg natsqueue.ConsumerConfig) *natsqueue.Consumer {
	t.Helper()
	cfg.Stream.Name = stream
	if cfg.Log == nil {
		cfg.Log = quiet
	}
	c, err := natsqueue.NewConsumer(ctx, url, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// work runs c.Work in the background; stop cancels it and waits.
func work(ctx context.Context, c *natsqueue.Consumer, h natsqueue.Handler) (stop func() error) {
	ctx, cancel := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() { errc <- c.Work(ctx, h) }()
	return func() error { cancel(); return <-errc }
}

func TestSubject(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "sitrep.articles"}, {"SITREP", "sitrep.articles"}, {"NEWS_EU", "news_eu.articles"},
	} {
		if got := natsqueue.Subject(c.in); got != c.want {
			t.Errorf("Subject(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMsgIDIsContentHash(t *testing.T) {
	for _, a := range articles(3) {
		a.Text = "  Baghdad \u2014 “quoted”\r\n" + a.Text
		if got, want := natsqueue.MsgID(a), corpus.Hash(a); got != want {
			t.Errorf("MsgID = %s, corpus.Hash = %s", got, want)
		}
	}
}

func TestPublishConsume(t *testing.T) {
	for _, s := range servers(t) {
		t.Run(s.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			stream := streamName(t, s.url)
			as := articles(50)
			p := publishAll(t, ctx, s.url, stream, as)
			// Publishing the same texts again stores nothing: dedup by
			// content hash, whatever the metadata.
			for _, a := range as[:10] {
				a.ID = "other"
				dup, err := p.PublishDup(ctx, a)
				if err != nil || !dup {
					t.Fatalf("republish: dup %v, err %v", dup, err)
				}
			}
			if p.Duplicates() != 10 {
				t.Errorf("Duplicates = %d, want 10", p.Duplicates())
			}
			col := newCollector()
			c := consumer(t, ctx, s.url, stream, natsqueue.ConsumerConfig{Concurrency: 4})
			stop := work(ctx, c, func(_ context.Context, a sitrep.Article) error {
				col.calls.Add(1)
				col.add(a)
				return nil
			})
			waitFor(t, 10*time.Second, "50 articles", func() bool { return c.Acked.Load() == 50 })
			if err := stop(); err != nil {
				t.Fatal(err)
			}
			if col.calls.Load() != 50 || col.distinct() != 50 {
				t.Errorf("handler calls %d, distinct %d, want 50", col.calls.Load(), col.distinct())
			}
			waiting, unacked, err := c.Pending(ctx)
			if err != nil || waiting != 0 || unacked != 0 {
				t.Errorf("Pending = %d, %d, %v", waiting, unacked, err)
			}
		})
	}
}

func TestRedeliverAfterError(t *testing.T) {
	for _, s := range servers(t) {
		t.Run(s.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			stream := streamName(t, s.url)
			publishAll(t, ctx, s.url, stream, articles(5))
			col := newCollector()
			c := consumer(t, ctx, s.url, stream, natsqueue.ConsumerConfig{
				NakDelay: 20 * time.Millisecond, MaxNakDelay: 50 * time.Millisecond})
			var failures atomic.Int64
			stop := work(ctx, c, func(_ context.Context, a sitrep.Article) error {
				col.calls.Add(1)
				// Every article fails twice before it succeeds.
				col.mu.Lock()
				n := col.seen[a.ID+"#try"]
				col.seen[a.ID+"#try"]++
				col.mu.Unlock()
				if n < 2 {
					failures.Add(1)
					return errors.New("store unavailable")
				}
				col.add(a)
				return nil
			})
			waitFor(t, 20*time.Second, "5 acks", func() bool { return c.Acked.Load() == 5 })
			stop()
			if failures.Load() != 10 || col.calls.Load() != 15 {
				t.Errorf("failures %d, calls %d; want 10, 15", failures.Load(), col.calls.Load())
			}
		})
	}
}

func TestPermanentAndInvalid(t *testing.T) {
	s := servers(t)[0]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream := streamName(t, s.url)
	p := publishAll(t, ctx, s.url, stream, articles(3))
	_ = p
	// A message that is not an article.
	nc, err := nats.Connect(s.url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	if _, err := js.Publish(ctx, natsqueue.Subject(stream), []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	col := newCollector()
	c := consumer(t, ctx, s.url, stream, natsqueue.ConsumerConfig{NakDelay: 10 * time.Millisecond})
	stop := work(ctx, c, func(_ context.Context, a sitrep.Article) error {
		col.calls.Add(1)
		if a.ID == "a1" {
			return natsqueue.Permanent(errors.New("cannot read"))
		}
		if a.ID == "a2" {
			panic("boom") // becomes an error: redelivered, never crashes
		}
		return nil
	})
	waitFor(t, 10*time.Second, "termed", func() bool { return c.Termed.Load() == 2 && c.Acked.Load() == 1 })
	time.Sleep(100 * time.Millisecond)
	stop()
	if c.Naked.Load() == 0 {
		t.Error("the panicking article was not redelivered")
	}
}

func TestInProgressKeepsLongMessage(t *testing.T) {
	s := servers(t)[0]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream := streamName(t, s.url)
	publishAll(t, ctx, s.url, stream, articles(1))
	c := consumer(t, ctx, s.url, stream, natsqueue.ConsumerConfig{AckWait: 300 * time.Millisecond})
	var calls atomic.Int64
	stop := work(ctx, c, func(ctx context.Context, a sitrep.Article) error {
		calls.Add(1)
		time.Sleep(1200 * time.Millisecond) // four AckWaits
		return nil
	})
	waitFor(t, 10*time.Second, "ack", func() bool { return c.Acked.Load() == 1 })
	time.Sleep(400 * time.Millisecond)
	stop()
	if calls.Load() != 1 {
		t.Errorf("handler ran %d times; InProgress should have kept the message", calls.Load())
	}
}

// TestStopFinishesInFlight: cancelling Work lets the running handler
// finish and ack; what was fetched but not started goes back to the stream
// for the next worker.
func TestStopFinishesInFlight(t *testing.T) {
	s := servers(t)[0]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream := streamName(t, s.url)
	publishAll(t, ctx, s.url, stream, articles(20))
	col := newCollector()
	c1 := consumer(t, ctx, s.url, stream, natsqueue.ConsumerConfig{Concurrency: 2, AckWait: time.Minute})
	started := make(chan struct{}, 20)
	stop := work(ctx, c1, func(ctx context.Context, a sitrep.Article) error {
		started <- struct{}{}
		time.Sleep(300 * time.Millisecond)
		col.add(a)
		return nil
	})
	<-started
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	first := col.distinct()
	if first == 0 || int64(first) != c1.Acked.Load() {
		t.Fatalf("in-flight not finished: handled %d, acked %d", first, c1.Acked.Load())
	}
	// With AckWait a minute, the rest can only come back this fast if the
	// first worker handed them back.
	c2 := consumer(t, ctx, s.url, stream, natsqueue.ConsumerConfig{Concurrency: 4, AckWait: time.Minute})
	stop2 := work(ctx, c2, func(ctx context.Context, a sitrep.Article) error { col.add(a); return nil })
	waitFor(t, 10*time.Second, "the rest", func() bool { return col.distinct() == 20 })
	stop2()
	if c1.Acked.Load()+c2.Acked.Load() != 20 {
		t.Errorf("acked %d + %d, want 20", c1.Acked.Load(), c2.Acked.Load())
	}
}

// TestServerRestart: the server goes down while articles are published and
// worked; the publisher retries, the worker reconnects, nothing is lost.
func TestServerRestart(t *testing.T) {
	s := servers(t)[0]
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	stream := streamName(t, s.url)
	as := articles(200)
	p := publishAll(t, ctx, s.url, stream, as[:100])
	col := newCollector()
	c := consumer(t, ctx, s.url, stream, natsqueue.ConsumerConfig{Concurrency: 2, AckWait: 2 * time.Second})
	stop := work(ctx, c, func(ctx context.Context, a sitrep.Article) error {
		time.Sleep(time.Millisecond)
		col.add(a)
		return nil
	})
	waitFor(t, 10*time.Second, "some work", func() bool { return col.distinct() >= 20 })
	pubDone := make(chan error, 1)
	go func() {
		for _, a := range as[100:] {
			if err := p.Publish(ctx, a); err != nil {
				pubDone <- err
				return
			}
		}
		pubDone <- nil
	}()
	s.proc.Restart(t, 300*time.Millisecond)
	if err := <-pubDone; err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "all 200", func() bool { return col.distinct() == 200 })
	stop()
}

func Example() {
	ctx := context.Background()
	// Ingest side.
	p, err := natsqueue.NewPublisher(ctx, "nats://127.0.0.1:4222", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()
	_ = p.Publish(ctx, sitrep.Article{Text: "Protesters gathered in Lagos on Monday."})

	// Worker side.
	c, err := natsqueue.NewConsumer(ctx, "nats://127.0.0.1:4222", natsqueue.ConsumerConfig{Concurrency: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	_ = c.Work(ctx, func(ctx context.Context, a sitrep.Article) error {
		// Extract and store the article; return nil once committed.
		return nil
	})
}
