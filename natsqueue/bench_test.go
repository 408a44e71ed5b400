package natsqueue_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"sitrep"
	"sitrep/natsqueue"
	"sitrep/natsqueue/natstest"
)

func benchArticles(n int) ([]sitrep.Article, int) {
	as := make([]sitrep.Article, n)
	size := 0
	for i := range as {
		as[i] = sitrep.Article{
			Title: fmt.Sprintf("Report %d", i),
			Text: fmt.Sprintf("BAGHDAD (Wire) - Report %d: officials said on Tuesday that a convoy carrying food and medicine "+
				"reached the flooded district after the roads reopened, and that more deliveries were planned. ", i),
		}
		size += len(as[i].Text)
	}
	return as, size / n
}

// BenchmarkPublish publishes distinct articles to an in-process JetStream
// server (file storage) and waits for each ack; MB/s counts article text.
func BenchmarkPublish(b *testing.B) {
	ctx := context.Background()
	s := natstest.Start(b, "")
	p, err := natsqueue.NewPublisher(ctx, s.URL(), "")
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	as, avg := benchArticles(b.N)
	b.SetBytes(int64(avg))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := p.Publish(ctx, as[i]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConsume runs articles through Work with a handler that does
// nothing: the queue's own cost per article (fetch, decode, double ack).
func BenchmarkConsume(b *testing.B) {
	ctx := context.Background()
	s := natstest.Start(b, "")
	p, err := natsqueue.NewPublisher(ctx, s.URL(), "")
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	as, avg := benchArticles(b.N)
	for _, a := range as {
		if err := p.Publish(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	c, err := natsqueue.NewConsumer(ctx, s.URL(), natsqueue.ConsumerConfig{Concurrency: 4, Log: quiet})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	b.SetBytes(int64(avg))
	b.ResetTimer()
	wctx, cancel := context.WithCancel(ctx)
	var done atomic.Int64
	finished := make(chan struct{})
	go c.Work(wctx, func(context.Context, sitrep.Article) error {
		if done.Add(1) == int64(b.N) {
			close(finished)
		}
		return nil
	})
	<-finished
	b.StopTimer()
	cancel()
}
