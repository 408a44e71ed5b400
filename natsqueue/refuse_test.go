package natsqueue_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"sitrep"
	"sitrep/natsqueue"
	"sitrep/natsqueue/natstest"
)

// streamIDs returns the article IDs the stream holds, read message by
// message, and the stream's info.
func streamIDs(t *testing.T, ctx context.Context, url, stream string) (map[string]bool, *jetstream.StreamInfo) {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	s, err := js.Stream(ctx, stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for seq := info.State.FirstSeq; info.State.Msgs > 0 && seq <= info.State.LastSeq; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			t.Fatalf("message %d: %v", seq, err)
		}
		var a sitrep.Article
		if err := json.Unmarshal(m.Data, &a); err != nil {
			t.Fatalf("message %d: %v", seq, err)
		}
		ids[a.ID] = true
	}
	return ids, info
}

// createStream creates a work-queue stream the way an operator following
// the old docs did: max_bytes, discard old.
func createStream(t *testing.T, ctx context.Context, url, name string, maxBytes int64) {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{
		Name: name, Subjects: []string{natsqueue.Subject(name)}, Retention: jetstream.WorkQueuePolicy,
		Storage: jetstream.FileStorage, MaxBytes: maxBytes, Discard: jetstream.DiscardOld,
	}); err != nil {
		t.Fatal(err)
	}
}

// TestStreamFullRefusesNotDiscards publishes more articles than a small
// stream holds, with no worker taking any: every article is either in the
// stream or refused with ErrStreamFull, none deleted, and the publisher's
// counts say so.
func TestStreamFullRefusesNotDiscards(t *testing.T) {
	const n, maxBytes = 300, 24 << 10
	tests := []struct {
		name     string
		existing bool // the stream exists already, with discard old
	}{
		{"created by natsqueue", false},
		{"existing discard-old stream", true},
	}
	srv := natstest.Start(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			stream := streamName(t, srv.URL())
			if tt.existing {
				createStream(t, ctx, srv.URL(), stream, maxBytes)
			}
			p, err := natsqueue.NewPublisherConfig(ctx, srv.URL(), natsqueue.StreamConfig{Name: stream, MaxBytes: maxBytes}, quiet)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			accepted, refused := map[string]bool{}, map[string]bool{}
			for _, a := range articles(n) {
				err := p.Publish(ctx, a)
				var re *natsqueue.RefusedError
				switch {
				case err == nil:
					accepted[a.ID] = true
				case errors.Is(err, natsqueue.ErrStreamFull) && errors.As(err, &re):
					refused[a.ID] = true
					if !strings.Contains(err.Error(), fmt.Sprintf("%q", a.ID)) || !strings.Contains(err.Error(), "full") {
						t.Errorf("refusal does not name the article and the cause: %v", err)
					}
				default:
					t.Fatalf("%s: %v", a.ID, err)
				}
			}
			if len(refused) == 0 || len(accepted) == 0 {
				t.Fatalf("%d accepted, %d refused: the stream should fill part way", len(accepted), len(refused))
			}
			if len(accepted)+len(refused) != n {
				t.Errorf("%d accepted + %d refused != %d", len(accepted), len(refused), n)
			}
			if p.Published() != int64(len(accepted)) || p.Refused() != int64(len(refused)) {
				t.Errorf("Published %d, Refused %d; want %d, %d", p.Published(), p.Refused(), len(accepted), len(refused))
			}
			stored, info := streamIDs(t, ctx, srv.URL(), stream)
			if info.Config.Discard != jetstream.DiscardNew {
				t.Errorf("stream discard policy %v, want new", info.Config.Discard)
			}
			for id := range accepted {
				if !stored[id] {
					t.Errorf("accepted article %s is not in the stream (dropped)", id)
				}
			}
			for id := range stored {
				if !accepted[id] {
					t.Errorf("stream holds %s, which was not accepted", id)
				}
			}
		})
	}
}

// TestDiscardOldUpdateRefused: a publisher that may not update the
// stream refuses to use a discard-old stream, saying how to fix it.
func TestDiscardOldUpdateRefused(t *testing.T) {
	all := &natsserver.SubjectPermission{Allow: []string{">"}}
	srv := natstest.Start(t, "", func(o *natsserver.Options) {
		o.Users = []*natsserver.User{
			{Username: "admin", Password: "a", Permissions: &natsserver.Permissions{Publish: all, Subscribe: all}},
			{Username: "pub", Password: "p", Permissions: &natsserver.Permissions{Subscribe: all, Publish: &natsserver.SubjectPermission{
				Allow: []string{">"}, Deny: []string{"$JS.API.STREAM.UPDATE.>"}}}},
		}
	})
	port := strings.TrimPrefix(srv.URL(), "nats://")
	admin, pub := "nats://admin:a@"+port, "nats://pub:p@"+port
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	createStream(t, ctx, admin, "OLD", 1<<20)
	pctx, pcancel := context.WithTimeout(ctx, 3*time.Second) // the denied update gets no answer
	defer pcancel()
	p, err := natsqueue.NewPublisherConfig(pctx, pub, natsqueue.StreamConfig{Name: "OLD"}, quiet)
	if err == nil {
		p.Close()
		t.Fatal("publisher accepted a discard-old stream it could not update")
	}
	if !strings.Contains(err.Error(), "nats stream edit OLD --discard new") {
		t.Errorf("error does not say how to fix the stream: %v", err)
	}
}

// TestTooLargeRefused: an article over the server's max_payload or the
// article limit is refused before it is sent, naming the article and both
// sizes; one that fits goes through.
func TestTooLargeRefused(t *testing.T) {
	const payload = 64 << 10
	srv := natstest.Start(t, "", natstest.MaxPayload(payload))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream := streamName(t, srv.URL())
	p, err := natsqueue.NewPublisherConfig(ctx, srv.URL(), natsqueue.StreamConfig{Name: stream}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.Limits = sitrep.Limits{ArticleBytes: 48 << 10}
	text := func(n int) string { return strings.Repeat("Shelling hit Kharkiv. ", n/22+1)[:n] }
	tests := []struct {
		id    string
		bytes int
		limit string // "" when the article goes through
		max   int64
	}{
		{"small", 1000, "", 0},
		{"under both", 40 << 10, "", 0},
		{"over article limit", 50 << 10, natsqueue.LimitArticle, 48 << 10},
		{"over max_payload", 70 << 10, natsqueue.LimitArticle, 48 << 10},
	}
	accepted := 0
	for _, tt := range tests {
		a := sitrep.Article{ID: tt.id, URL: "https://example.org/" + strings.ReplaceAll(tt.id, " ", "-"), Text: text(tt.bytes)}
		err := p.Publish(ctx, a)
		if tt.limit == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.id, err)
			}
			accepted++
			continue
		}
		checkTooLarge(t, err, a, tt.limit, tt.max)
	}

	// With the article limit out of the way, max_payload refuses.
	p.Limits = sitrep.Limits{}
	a := sitrep.Article{ID: "over max_payload", URL: "https://example.org/big", Text: text(70 << 10)}
	checkTooLarge(t, p.Publish(ctx, a), a, natsqueue.LimitMaxPayload, payload)
	if !strings.Contains(p.Publish(ctx, a).Error(), "raise max_payload") {
		t.Error("the max_payload refusal does not say what to do")
	}

	if p.Refused() != 4 || p.Published() != int64(accepted) {
		t.Errorf("Refused %d, Published %d; want 4, %d", p.Refused(), p.Published(), accepted)
	}
	stored, _ := streamIDs(t, ctx, srv.URL(), stream)
	if len(stored) != accepted {
		t.Errorf("stream holds %d articles, want %d", len(stored), accepted)
	}
}

// checkTooLarge checks that err refuses a as too large for limit, and
// names the article and both sizes.
func checkTooLarge(t *testing.T, err error, a sitrep.Article, limit string, max int64) {
	t.Helper()
	var re *natsqueue.RefusedError
	if !errors.Is(err, natsqueue.ErrTooLarge) || !errors.As(err, &re) {
		t.Fatalf("%s: err %v, want a RefusedError for ErrTooLarge", a.ID, err)
	}
	if re.Limit != limit || re.Max != max || re.Size <= max {
		t.Errorf("%s: limit %q, size %d, max %d; want %q, over %d", a.ID, re.Limit, re.Size, re.Max, limit, max)
	}
	var le *sitrep.LimitError
	if (limit == natsqueue.LimitArticle) != errors.As(err, &le) {
		t.Errorf("%s: wraps a LimitError: %v, want %v", a.ID, !(limit == natsqueue.LimitArticle), limit == natsqueue.LimitArticle)
	}
	msg := err.Error()
	for _, want := range []string{a.URL, fmt.Sprint(re.Size), fmt.Sprint(max), limit} {
		if !strings.Contains(msg, want) {
			t.Errorf("%s: message %q does not hold %q", a.ID, msg, want)
		}
	}
}
