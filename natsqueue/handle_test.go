package natsqueue

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"sitrep"
)

// fakeMsg records how a message was acknowledged.
type fakeMsg struct {
	data      []byte
	delivered uint64
	mu        sync.Mutex
	acks      []string
	delay     time.Duration
}

func (m *fakeMsg) record(s string) error {
	m.mu.Lock()
	m.acks = append(m.acks, s)
	m.mu.Unlock()
	return nil
}

func (m *fakeMsg) Metadata() (*jetstream.MsgMetadata, error) {
	return &jetstream.MsgMetadata{NumDelivered: m.delivered, Sequence: jetstream.SequencePair{Stream: 7}}, nil
}
func (m *fakeMsg) Data() []byte                       { return m.data }
func (m *fakeMsg) Headers() nats.Header               { return nil }
func (m *fakeMsg) Subject() string                    { return DefaultSubject }
func (m *fakeMsg) Reply() string                      { return "" }
func (m *fakeMsg) Ack() error                         { return m.record("ack") }
func (m *fakeMsg) DoubleAck(context.Context) error    { return m.record("ack") }
func (m *fakeMsg) Nak() error                         { return m.record("nak") }
func (m *fakeMsg) NakWithDelay(d time.Duration) error { m.delay = d; return m.record("nak") }
func (m *fakeMsg) InProgress() error                  { return m.record("wip") }
func (m *fakeMsg) Term() error                        { return m.record("term") }
func (m *fakeMsg) TermWithReason(string) error        { return m.record("term") }
func (m *fakeMsg) last() string                       { return m.acks[len(m.acks)-1] }
func (m *fakeMsg) String() string                     { return string(m.data) }
func (m *fakeMsg) _() jetstream.Msg                   { return m }

func testConsumer() *Consumer {
	return &Consumer{cfg: ConsumerConfig{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}.withDefaults()}
}

func TestHandle(t *testing.T) {
	ok := func(context.Context, sitrep.Article) error { return nil }
	fail := func(context.Context, sitrep.Article) error { return errors.New("down") }
	perm := func(context.Context, sitrep.Article) error { return Permanent(errors.New("bad")) }
	boom := func(context.Context, sitrep.Article) error { panic("boom") }
	article := []byte(`{"ID":"x","Text":"Rain fell."}`)
	for _, c := range []struct {
		name      string
		data      []byte
		delivered uint64
		h         Handler
		want      string
		delay     time.Duration
	}{
		{"ok", article, 1, ok, "ack", 0},
		{"not json", []byte("<html>"), 1, ok, "term", 0},
		{"empty", nil, 1, ok, "term", 0},
		{"first failure", article, 1, fail, "nak", time.Second},
		{"third failure", article, 3, fail, "nak", 4 * time.Second},
		{"capped", article, 19, fail, "nak", time.Minute},
		{"permanent", article, 1, perm, "term", 0},
		{"panic", article, 1, boom, "nak", time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := &fakeMsg{data: c.data, delivered: c.delivered}
			testConsumer().handle(context.Background(), m, c.h)
			if got := m.last(); got != c.want {
				t.Fatalf("got %s, want %s", got, c.want)
			}
			if m.delay != c.delay {
				t.Errorf("delay %v, want %v", m.delay, c.delay)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	if got := redact("nats://user:secret@host:4222"); got != "nats://***@host:4222" {
		t.Error(got)
	}
	if got := redact("nats://host:4222"); got != "nats://host:4222" {
		t.Error(got)
	}
}

// FuzzHandle: whatever bytes arrive, handling them never panics and ends
// in exactly one ack, nak or term.
func FuzzHandle(f *testing.F) {
	f.Add([]byte(`{"ID":"x","Text":"Rain fell."}`))
	f.Add([]byte(`{"Text":1}`))
	f.Add([]byte(`null`))
	f.Add([]byte("\xff\xfe"))
	c := testConsumer()
	f.Fuzz(func(t *testing.T, data []byte) {
		m := &fakeMsg{data: data, delivered: 1}
		c.handle(context.Background(), m, func(_ context.Context, a sitrep.Article) error {
			if len(a.Text)%2 == 1 {
				return errors.New("odd")
			}
			return nil
		})
		n := 0
		for _, a := range m.acks {
			if a != "wip" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("acks %v", m.acks)
		}
	})
}
