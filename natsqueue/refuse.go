package natsqueue

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"sitrep"
)

// Why the queue refuses an article; a *RefusedError wraps one of them.
var (
	// ErrTooLarge: the article's text is over the article limit, or its
	// message over the NATS server's max_payload or the stream's
	// max_msg_size.
	ErrTooLarge = errors.New("article too large for the queue")
	// ErrStreamFull: the stream is at its max_bytes or max_msgs (or
	// JetStream at its storage limit) and discards new messages.
	ErrStreamFull = errors.New("stream full")
)

// The limits a RefusedError may name.
const (
	LimitArticle    = "the article limit"             // sitrep.Limits.ArticleBytes, on the text
	LimitMaxPayload = "the NATS server's max_payload" // on the whole message
	LimitMaxMsgSize = "the stream's max_msg_size"     // on the whole message
)

// RefusedError says that the queue did not take an article: it is not in
// the stream, and nothing else was deleted in its place. errors.Is matches
// its Reason and errors.As its Err (a *sitrep.LimitError for the article
// limit, a *jetstream.APIError for the server's refusal).
type RefusedError struct {
	Article string // ArticleName
	Stream  string
	Reason  error  // ErrTooLarge or ErrStreamFull
	Limit   string // LimitArticle, LimitMaxPayload or LimitMaxMsgSize; empty when the server refused
	Size    int64  // the text's bytes (LimitArticle), else the message's
	Max     int64  // the limit's bytes, when Limit is set
	Err     error  // the underlying error, if any
}

// Error names the article, the stream, both sizes and what to do.
func (e *RefusedError) Error() string {
	head := fmt.Sprintf("natsqueue: article %s refused by stream %s", e.Article, e.Stream)
	switch {
	case errors.Is(e.Reason, ErrStreamFull):
		return fmt.Sprintf("%s: the stream is full (%v); the article is not queued: let workers drain the stream "+
			"or raise its max_bytes/max_msgs, then ingest it again", head, e.Err)
	case e.Limit == LimitArticle:
		return fmt.Sprintf("%s: its text of %d bytes is over %s of %d bytes", head, e.Size, e.Limit, e.Max)
	case e.Limit == LimitMaxPayload:
		return fmt.Sprintf("%s: its message of %d bytes is over %s of %d bytes "+
			"(raise max_payload on the server, up to 64 MB: see docs/scale.md)", head, e.Size, e.Limit, e.Max)
	case e.Limit != "":
		return fmt.Sprintf("%s: its message of %d bytes is over %s of %d bytes", head, e.Size, e.Limit, e.Max)
	}
	return fmt.Sprintf("%s: its message of %d bytes is too large: %v", head, e.Size, e.Err)
}

// Unwrap returns the reason and the underlying error.
func (e *RefusedError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Reason}
	}
	return []error{e.Reason, e.Err}
}

// ArticleName names an article in messages: its ID and its URL (or
// origin), else its content hash.
func ArticleName(a sitrep.Article) string {
	var parts []string
	if a.ID != "" {
		parts = append(parts, fmt.Sprintf("%q", a.ID))
	}
	switch {
	case a.URL != "":
		parts = append(parts, a.URL)
	case a.Origin != "":
		parts = append(parts, a.Origin)
	}
	if len(parts) == 0 {
		return "with content hash " + MsgID(a)
	}
	return strings.Join(parts, " ")
}

// refuse counts a refusal and returns it.
func (p *Publisher) refuse(err *RefusedError) error {
	p.refused.Add(1)
	return err
}

// checkSize returns a *RefusedError when the message that carries data,
// with its headers, is larger than the server's max_payload (as the
// connection reports it, which follows a reconnect to another server) or
// the stream's max_msg_size.
func (p *Publisher) checkSize(a sitrep.Article, id string, data []byte) *RefusedError {
	size := messageSize(id, p.stream, data)
	limit, max := LimitMaxPayload, p.nc.MaxPayload()
	if p.maxMsgSize > 0 && p.maxMsgSize < max {
		limit, max = LimitMaxMsgSize, p.maxMsgSize
	}
	if max <= 0 || size <= max {
		return nil
	}
	return &RefusedError{Article: ArticleName(a), Stream: p.stream, Reason: ErrTooLarge, Limit: limit, Size: size, Max: max}
}

// messageSize is the size the server checks against max_payload: the data
// plus the encoded headers Publish sends (message id, expected stream).
func messageSize(id, stream string, data []byte) int64 {
	m := &nats.Msg{Header: nats.Header{}, Data: data}
	m.Header.Set(jetstream.MsgIDHeader, id)
	m.Header.Set(jetstream.ExpectedStreamHeader, stream)
	return int64(m.Size() - len(m.Subject) - len(m.Reply))
}

// JetStream's error codes for a message the stream did not store
// (nats-server's jetstream_errors_generated.go).
const (
	codeAccountResources = 10002 // resource limits exceeded for account
	codeInsufficient     = 10023 // insufficient resources (JetStream's store is full)
	codeMemoryResources  = 10028
	codeStorageResources = 10047
	codeMsgExceedsMax    = 10054 // message size exceeds maximum allowed
	codeStoreFailed      = 10077 // storing failed: {err}
)

// refusal says why the server refused a publish for good: ErrStreamFull,
// ErrTooLarge, or nil for any other error (which may be transient).
func refusal(err error) error {
	if errors.Is(err, nats.ErrMaxPayload) {
		return ErrTooLarge
	}
	var apiErr *jetstream.APIError
	if !errors.As(err, &apiErr) {
		return nil
	}
	switch apiErr.ErrorCode {
	case codeMsgExceedsMax:
		return ErrTooLarge
	case codeAccountResources, codeInsufficient, codeMemoryResources, codeStorageResources:
		return ErrStreamFull
	case codeStoreFailed:
		d := strings.ToLower(apiErr.Description)
		switch {
		case strings.Contains(d, "maximum bytes exceeded"), strings.Contains(d, "maximum messages exceeded"),
			strings.Contains(d, "maximum messages per subject exceeded"):
			return ErrStreamFull
		case strings.Contains(d, "message too large"):
			return ErrTooLarge
		}
	}
	return nil
}
