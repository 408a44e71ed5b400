package main

import (
	"context"

	"sitrep"
	"sitrep/natsqueue"
	"sitrep/pgstore"
)

// publisher sends articles to a queue for workers.
type publisher interface {
	Publish(ctx context.Context, a sitrep.Article) error
	Close() error
}

// openShared opens the PostgreSQL store that several machines share.
func openShared(ctx context.Context, url string) (sitrep.Store, error) {
	st, err := pgstore.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// openPublisher connects to a NATS JetStream server for `ingest --queue`;
// it refuses articles over lim, as the store path does.
func openPublisher(ctx context.Context, url, stream string, lim sitrep.Limits) (publisher, error) {
	p, err := natsqueue.NewPublisher(ctx, url, stream)
	if err != nil {
		return nil, err
	}
	p.Limits = lim
	return p, nil
}
