package natsqueue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"sitrep"
	"sitrep/text"
)

// Defaults.
const (
	DefaultStream   = "SITREP"
	DefaultSubject  = "sitrep.articles"
	DefaultDurable  = "sitrep-worker"
	DefaultDupWin   = time.Hour
	DefaultAckWait  = 30 * time.Second
	DefaultMaxDeliv = 20
)

// Subject returns the subject articles of a stream are published on:
// sitrep.articles for the default stream SITREP, and NAME.articles (lower
// case) for any other, so that several streams never share a subject.
func Subject(stream string) string {
	if stream == "" || stream == DefaultStream {
		return DefaultSubject
	}
	return strings.ToLower(stream) + ".articles"
}

// MsgID is the Nats-Msg-Id an article is published with: its content hash,
// the id its document is stored under (corpus.Hash).
func MsgID(a sitrep.Article) string { return sitrep.TextID(text.Normalize(a.Text)) }

// StreamConfig says how the stream is created when it does not exist yet.
// An existing stream is used as it is (an operator may have given it
// replicas or limits), except that one which discards its oldest messages
// when full is switched to discard new ones (see ensureStream).
type StreamConfig struct {
	Name       string        // DefaultStream when empty
	Subject    string        // Subject(Name) when empty
	Replicas   int           // 1 when 0; 3 in a NATS cluster
	Duplicates time.Duration // duplicate window; DefaultDupWin when 0
	Memory     bool          // memory storage instead of file storage
	// MaxBytes and MaxMsgs bound the stream (0: no bound). When it is
	// full, Publish refuses further articles (ErrStreamFull) until workers
	// have taken some: nothing already queued is ever deleted.
	MaxBytes, MaxMsgs int64
}

func (c StreamConfig) withDefaults() StreamConfig {
	if c.Name == "" {
		c.Name = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = Subject(c.Name)
	}
	if c.Replicas == 0 {
		c.Replicas = 1
	}
	if c.Duplicates == 0 {
		c.Duplicates = DefaultDupWin
	}
	return c
}

// connect dials a NATS server and keeps reconnecting for as long as the
// connection is open.
func connect(url, name string, log *slog.Logger) (*nats.Conn, error) {
	nc, err := nats.Connect(url,
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { log.Info("nats reconnected", "url", c.ConnectedUrlRedacted()) }),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			// A slow consumer after a reconnect drops messages that the
			// server redelivers after AckWait: worth a line, no more.
			subject := ""
			if sub != nil {
				subject = sub.Subject
			}
			log.Warn("nats async error", "err", err, "subject", subject)
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("natsqueue: connect %s: %w", redact(url), err)
	}
	return nc, nil
}

// redact drops a password from a URL for messages.
func redact(url string) string {
	if i := strings.Index(url, "@"); i > 0 {
		if j := strings.Index(url, "://"); j > 0 && j < i {
			return url[:j+3] + "***" + url[i:]
		}
	}
	return url
}

// ensureStream returns the stream, creating it when missing, and makes
// sure that it discards new messages, not old ones, when it is full (see
// discardNew).
func ensureStream(ctx context.Context, js jetstream.JetStream, c StreamConfig, log *slog.Logger) (jetstream.Stream, error) {
	s, err := js.Stream(ctx, c.Name)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		s, err = createStream(ctx, js, c)
	}
	if err != nil {
		return nil, fmt.Errorf("natsqueue: stream %s: %w", c.Name, err)
	}
	return discardNew(ctx, js, s, log)
}

// createStream creates the work-queue stream that c describes, or returns
// the one another process created first.
func createStream(ctx context.Context, js jetstream.JetStream, c StreamConfig) (jetstream.Stream, error) {
	maxMsgs, maxBytes := int64(-1), int64(-1)
	if c.MaxMsgs > 0 {
		maxMsgs = c.MaxMsgs
	}
	if c.MaxBytes > 0 {
		maxBytes = c.MaxBytes
	}
	s, err := js.CreateStream(ctx, jetstream.StreamConfig{
		Name:        c.Name,
		Description: "sitrep articles waiting for extraction",
		Subjects:    []string{c.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     storage(c.Memory),
		Replicas:    c.Replicas,
		Duplicates:  c.Duplicates,
		MaxMsgs:     maxMsgs,
		MaxBytes:    maxBytes,
		Discard:     jetstream.DiscardNew,
	})
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		s, err = js.Stream(ctx, c.Name) // another process created it first
	}
	if err != nil {
		return nil, fmt.Errorf("create: %w", err)
	}
	return s, nil
}

// discardNew switches a stream that discards its oldest messages when full
// (DiscardOld, which on a work queue deletes articles no worker has
// processed) to discard new ones instead, so that a full stream refuses a
// publish rather than losing what it holds. It keeps the rest of the
// operator's configuration; when the update is not allowed it returns an
// error that says how to make it by hand. A max_age, which deletes
// unprocessed articles whatever the discard policy, is logged.
func discardNew(ctx context.Context, js jetstream.JetStream, s jetstream.Stream, log *slog.Logger) (jetstream.Stream, error) {
	cfg := s.CachedInfo().Config
	if cfg.MaxAge > 0 {
		log.Warn("natsqueue: the stream deletes messages older than its max_age, processed or not; set max_age to 0",
			"stream", cfg.Name, "max_age", cfg.MaxAge)
	}
	if cfg.Discard == jetstream.DiscardNew {
		return s, nil
	}
	cfg.Discard = jetstream.DiscardNew
	// A user without the right to update streams gets no answer at all:
	// do not wait for one beyond an API call's usual time.
	uctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	updated, err := js.UpdateStream(uctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("natsqueue: stream %s discards its oldest messages when full, unprocessed articles included, "+
			"and switching it to discard new ones failed (run `nats stream edit %s --discard new`): %w", cfg.Name, cfg.Name, err)
	}
	log.Warn("natsqueue: switched the stream from discard old to discard new, so that a full stream refuses articles instead of deleting queued ones",
		"stream", cfg.Name)
	return updated, nil
}

func storage(memory bool) jetstream.StorageType {
	if memory {
		return jetstream.MemoryStorage
	}
	return jetstream.FileStorage
}

// Publisher publishes articles to the stream. It is safe for concurrent
// use.
type Publisher struct {
	nc         *nats.Conn
	js         jetstream.JetStream
	subject    string
	stream     string
	maxMsgSize int64 // the stream's max_msg_size; 0 or less: none
	published  atomic.Int64
	dups       atomic.Int64
	refused    atomic.Int64
	// Timeout bounds one Publish, retries included, when ctx has no
	// deadline (default one minute).
	Timeout time.Duration
	// Limits bounds the articles Publish accepts (ArticleBytes); zero
	// fields are sitrep.DefaultLimits'. Set it before the first Publish.
	Limits sitrep.Limits
}

// NewPublisher connects to the NATS server at url and ensures the stream
// (DefaultStream when stream is empty).
func NewPublisher(ctx context.Context, url, stream string) (*Publisher, error) {
	return NewPublisherConfig(ctx, url, StreamConfig{Name: stream}, nil)
}

// NewPublisherConfig is NewPublisher with the stream's configuration and a
// logger (slog.Default when nil).
func NewPublisherConfig(ctx context.Context, url string, sc StreamConfig, log *slog.Logger) (*Publisher, error) {
	if log == nil {
		log = slog.Default()
	}
	sc = sc.withDefaults()
	nc, err := connect(url, "sitrep-publisher", log)
	if err != nil {
		return nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("natsqueue: %w", err)
	}
	s, err := ensureStream(ctx, js, sc, log)
	if err != nil {
		nc.Close()
		return nil, err
	}
	return &Publisher{nc: nc, js: js, subject: sc.Subject, stream: sc.Name,
		maxMsgSize: int64(s.CachedInfo().Config.MaxMsgSize), Timeout: time.Minute}, nil
}

// Publish sends one article and waits until the stream has stored it. An
// article whose content hash was published within the duplicate window is
// acknowledged without being stored again (see Duplicates). While the
// server is unreachable or restarting, Publish retries until ctx (or
// Timeout) runs out; a retry never stores the article twice.
//
// An article the queue cannot take is refused with a *RefusedError:
// ErrTooLarge before anything is sent when its text is over
// Limits.ArticleBytes or its message over the server's max_payload (or the
// stream's max_msg_size), and ErrStreamFull when the stream is at its
// max_bytes or max_msgs. A refused article is not in the stream; nothing
// already there was deleted to make room.
func (p *Publisher) Publish(ctx context.Context, a sitrep.Article) error {
	_, err := p.publish(ctx, a)
	return err
}

// PublishDup is Publish that also says whether the stream had the article
// already (within its duplicate window).
func (p *Publisher) PublishDup(ctx context.Context, a sitrep.Article) (dup bool, err error) {
	return p.publish(ctx, a)
}

func (p *Publisher) publish(ctx context.Context, a sitrep.Article) (bool, error) {
	id := MsgID(a)
	if err := p.Limits.CheckArticle(ArticleName(a), a.Text); err != nil {
		return false, p.refuse(&RefusedError{Article: ArticleName(a), Stream: p.stream, Reason: ErrTooLarge,
			Limit: LimitArticle, Size: int64(len(a.Text)), Max: p.Limits.OrDefault().ArticleBytes, Err: err})
	}
	data, err := json.Marshal(a)
	if err != nil {
		return false, fmt.Errorf("natsqueue: encode article %s: %w", ArticleName(a), err)
	}
	if err := p.checkSize(a, id, data); err != nil {
		return false, p.refuse(err)
	}
	if _, ok := ctx.Deadline(); !ok && p.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.Timeout)
		defer cancel()
	}
	wait := 50 * time.Millisecond
	for {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ack, err := p.js.Publish(actx, p.subject, data, jetstream.WithMsgID(id), jetstream.WithExpectStream(p.stream))
		cancel()
		if err == nil {
			if ack.Duplicate {
				p.dups.Add(1)
			} else {
				p.published.Add(1)
			}
			return ack.Duplicate, nil
		}
		if reason := refusal(err); reason != nil {
			return false, p.refuse(&RefusedError{Article: ArticleName(a), Stream: p.stream, Reason: reason,
				Size: int64(len(data)), Err: err})
		}
		if !retryable(err) || ctx.Err() != nil {
			return false, fmt.Errorf("natsqueue: publish %s: %w", id, err)
		}
		select {
		case <-ctx.Done():
			return false, fmt.Errorf("natsqueue: publish %s: %w (last error: %v)", id, ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(wait*2, 2*time.Second)
	}
}

// retryable reports whether a publish error may go away: the server is
// restarting, the connection is reconnecting, or no ack came in time.
func retryable(err error) bool {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		// The stream answered with an error: a config problem, not a
		// transient one (except a leader election in a cluster).
		return apiErr.Code == 503
	}
	return !errors.Is(err, nats.ErrConnectionClosed) && !errors.Is(err, nats.ErrMaxPayload)
}

// Published counts the articles Publish stored in the stream (duplicates
// not included).
func (p *Publisher) Published() int64 { return p.published.Load() }

// Duplicates counts the articles Publish found already in the stream.
func (p *Publisher) Duplicates() int64 { return p.dups.Load() }

// Refused counts the articles Publish refused (a *RefusedError).
func (p *Publisher) Refused() int64 { return p.refused.Load() }

// Close flushes and closes the connection.
func (p *Publisher) Close() error {
	if p == nil || p.nc == nil {
		return nil
	}
	err := p.nc.Drain()
	if err != nil {
		p.nc.Close()
	}
	return err
}

// ConsumerConfig says how a Consumer reads the stream.
type ConsumerConfig struct {
	Stream StreamConfig
	// Durable is the consumer's name; every worker of one deployment uses
	// the same one and shares its messages. DefaultDurable when empty.
	Durable string
	// AckWait is how long the server waits for an ack before it
	// redelivers (DefaultAckWait when 0). A handler that runs longer keeps
	// its message with InProgress every AckWait/3.
	AckWait time.Duration
	// MaxDeliver bounds deliveries of one message (DefaultMaxDeliv when 0,
	// unlimited when negative). A message that failed that often stays in
	// the stream, unacknowledged, for an operator to look at.
	MaxDeliver int
	// NakDelay is the redelivery delay after a first failure, doubled after
	// each further one up to MaxNakDelay (defaults 1s and 1m).
	NakDelay, MaxNakDelay time.Duration
	// Concurrency is how many handlers Work runs at once (1 when 0).
	Concurrency int
	// Grace is how long in-flight handlers may still run after Work's
	// context is cancelled before their context is cancelled too; their
	// messages are then negatively acknowledged (10s when 0).
	Grace time.Duration
	// Log receives what happens; slog.Default when nil.
	Log *slog.Logger
}

func (c ConsumerConfig) withDefaults() ConsumerConfig {
	c.Stream = c.Stream.withDefaults()
	if c.Durable == "" {
		c.Durable = DefaultDurable
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	if c.MaxDeliver == 0 {
		c.MaxDeliver = DefaultMaxDeliv
	}
	if c.NakDelay <= 0 {
		c.NakDelay = time.Second
	}
	if c.MaxNakDelay <= 0 {
		c.MaxNakDelay = time.Minute
	}
	if c.Concurrency < 1 {
		c.Concurrency = 1
	}
	if c.Grace <= 0 {
		c.Grace = 10 * time.Second
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	return c
}

// Consumer hands the stream's articles to a handler.
type Consumer struct {
	cfg  ConsumerConfig
	nc   *nats.Conn
	js   jetstream.JetStream
	cons jetstream.Consumer

	// Counters, updated atomically while Work runs.
	Acked, Naked, Termed atomic.Int64
}

// NewConsumer connects to url and ensures the stream and the durable
// consumer.
func NewConsumer(ctx context.Context, url string, cfg ConsumerConfig) (*Consumer, error) {
	cfg = cfg.withDefaults()
	nc, err := connect(url, "sitrep-worker", cfg.Log)
	if err != nil {
		return nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("natsqueue: %w", err)
	}
	c := &Consumer{cfg: cfg, nc: nc, js: js}
	if err := c.ensure(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

func (c *Consumer) ensure(ctx context.Context) error {
	if _, err := ensureStream(ctx, c.js, c.cfg.Stream, c.cfg.Log); err != nil {
		return err
	}
	cons, err := c.js.CreateOrUpdateConsumer(ctx, c.cfg.Stream.Name, jetstream.ConsumerConfig{
		Durable:       c.cfg.Durable,
		Description:   "sitrep extraction workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.cfg.AckWait,
		MaxDeliver:    c.cfg.MaxDeliver,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		return fmt.Errorf("natsqueue: consumer %s on %s: %w", c.cfg.Durable, c.cfg.Stream.Name, err)
	}
	c.cons = cons
	return nil
}

// Pending returns how many messages wait in the consumer: not yet
// delivered, plus delivered and not yet acknowledged.
func (c *Consumer) Pending(ctx context.Context) (waiting, unacked uint64, err error) {
	info, err := c.cons.Info(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("natsqueue: consumer info: %w", err)
	}
	return info.NumPending, uint64(info.NumAckPending), nil
}

// permanent marks an error no redelivery will cure.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps an error of a handler to say that the article will never
// succeed (it is malformed): Work terminates its message instead of
// redelivering it.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// Handler processes one article. It returns nil once the article's result
// is durably committed: only then is the message acknowledged.
type Handler func(ctx context.Context, a sitrep.Article) error

// Work runs handler on the stream's articles, Concurrency at a time, until
// ctx is cancelled; it then stops fetching, lets in-flight handlers finish
// (for up to Grace), negatively acknowledges what it had fetched but not
// handled, and returns nil. It returns an error only when it cannot read
// the stream at all.
func (c *Consumer) Work(ctx context.Context, handler Handler) error {
	log := c.cfg.Log
	for {
		err := c.work(ctx, handler)
		if ctx.Err() != nil {
			return nil
		}
		// The consumer went away (deleted, or the server lost it):
		// recreate it and carry on.
		log.Warn("natsqueue: message iterator stopped; recreating the consumer", "err", err)
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(time.Second):
			}
			ectx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := c.ensure(ectx)
			cancel()
			if err == nil {
				break
			}
			if c.nc.IsClosed() {
				return fmt.Errorf("natsqueue: connection closed: %w", err)
			}
			log.Warn("natsqueue: recreating the consumer failed", "err", err)
		}
	}
}

func (c *Consumer) work(ctx context.Context, handler Handler) error {
	it, err := c.cons.Messages(jetstream.PullMaxMessages(max(2*c.cfg.Concurrency, 2)))
	if err != nil {
		return fmt.Errorf("natsqueue: messages: %w", err)
	}
	var (
		wg      sync.WaitGroup
		errOnce sync.Once
		iterErr error
	)
	for range c.cfg.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fails := 0
			for ctx.Err() == nil {
				msg, err := it.Next(jetstream.NextContext(ctx))
				if err != nil {
					if ctx.Err() == nil {
						errOnce.Do(func() { iterErr = err })
						it.Stop()
					}
					return
				}
				if c.handle(ctx, msg, handler) {
					fails = 0
					continue
				}
				// Something failed: pause a little so that an outage of
				// the store does not spin through the whole backlog.
				fails++
				select {
				case <-ctx.Done():
				case <-time.After(min(time.Duration(fails)*100*time.Millisecond, 5*time.Second)):
				}
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		// Hand back what was fetched but not handled.
		it.Drain()
		for {
			msg, err := it.Next(jetstream.NextMaxWait(time.Second))
			if err != nil {
				break
			}
			if err := msg.Nak(); err == nil {
				c.Naked.Add(1)
			}
		}
		it.Stop()
		return nil
	}
	return iterErr
}

// handle runs the handler on one message and acknowledges it; ok is false
// when the handler failed.
func (c *Consumer) handle(ctx context.Context, msg jetstream.Msg, handler Handler) (ok bool) {
	log := c.cfg.Log
	meta, _ := msg.Metadata()
	var seq, delivered uint64
	if meta != nil {
		seq, delivered = meta.Sequence.Stream, meta.NumDelivered
	}
	var a sitrep.Article
	if err := json.Unmarshal(msg.Data(), &a); err != nil {
		log.Error("natsqueue: message is not an article; terminating it", "seq", seq, "err", err, "bytes", len(msg.Data()))
		if err := msg.Term(); err != nil {
			log.Warn("natsqueue: term failed", "seq", seq, "err", err)
		}
		c.Termed.Add(1)
		return true
	}

	// The handler's context outlives ctx by Grace, so that a stop lets
	// in-flight articles finish.
	hctx, hcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer hcancel()
	stopGrace := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(c.cfg.Grace, hcancel)
		context.AfterFunc(hctx, func() { t.Stop() })
	})
	defer stopGrace()

	// Keep the message while the handler runs.
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(max(c.cfg.AckWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = msg.InProgress()
			}
		}
	}()
	err := safeCall(hctx, handler, a)
	close(done)

	if err == nil {
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := msg.DoubleAck(actx); err != nil {
			// The article is stored; a redelivery will find it stored.
			log.Warn("natsqueue: ack failed; the message will be redelivered", "seq", seq, "err", err)
		} else {
			c.Acked.Add(1)
		}
		return true
	}
	var perm permanent
	if errors.As(err, &perm) {
		log.Error("natsqueue: article failed for good; terminating it", "seq", seq, "id", a.ID, "origin", a.Origin, "err", err)
		_ = msg.Term()
		c.Termed.Add(1)
		return false
	}
	if ctx.Err() != nil {
		// Stopping: give it back at once for another worker.
		_ = msg.Nak()
		c.Naked.Add(1)
		return false
	}
	delay := c.cfg.NakDelay
	for i := uint64(1); i < delivered && delay < c.cfg.MaxNakDelay; i++ {
		delay *= 2
	}
	delay = min(delay, c.cfg.MaxNakDelay)
	if c.cfg.MaxDeliver > 0 && delivered >= uint64(c.cfg.MaxDeliver) {
		log.Error("natsqueue: article failed on its last delivery; it stays in the stream unacknowledged",
			"seq", seq, "deliveries", delivered, "id", a.ID, "origin", a.Origin, "err", err)
	} else {
		log.Warn("natsqueue: article failed; redelivering later", "seq", seq, "deliveries", delivered, "delay", delay, "err", err)
	}
	if nerr := msg.NakWithDelay(delay); nerr != nil {
		log.Warn("natsqueue: nak failed", "seq", seq, "err", nerr)
	}
	c.Naked.Add(1)
	return false
}

// safeCall runs the handler and turns a panic into an error, so that one
// bad article cannot take the worker down.
func safeCall(ctx context.Context, h Handler, a sitrep.Article) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("natsqueue: handler panicked: %v", r)
		}
	}()
	return h(ctx, a)
}

// Close closes the connection. Call it after Work returned.
func (c *Consumer) Close() error {
	if c == nil || c.nc == nil {
		return nil
	}
	c.nc.Close()
	return nil
}
