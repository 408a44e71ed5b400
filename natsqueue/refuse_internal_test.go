package natsqueue

import (
	"context"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

func TestRefusal(t *testing.T) {
	api := func(code jetstream.ErrorCode, desc string) error {
		return fmt.Errorf("nats: %w", &jetstream.APIError{Code: 503, ErrorCode: code, Description: desc})
	}
	tests := []struct {
		name string
		err  error
		want error // nil: not a refusal
	}{
		{"max bytes", api(10077, "maximum bytes exceeded"), ErrStreamFull},
		{"max messages", api(10077, "maximum messages exceeded"), ErrStreamFull},
		{"max per subject", api(10077, "maximum messages per subject exceeded"), ErrStreamFull},
		{"store too large", api(10077, "message too large"), ErrTooLarge},
		{"max_msg_size", api(10054, "message size exceeds maximum allowed"), ErrTooLarge},
		{"account limits", api(10002, "resource limits exceeded for account"), ErrStreamFull},
		{"jetstream full", api(10023, "insufficient resources"), ErrStreamFull},
		{"client max_payload", fmt.Errorf("publish: %w", nats.ErrMaxPayload), ErrTooLarge},
		{"other store error", api(10077, "input/output error"), nil},
		{"timeout", context.DeadlineExceeded, nil},
		{"no responders", jetstream.ErrNoStreamResponse, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := refusal(tt.err); got != tt.want {
				t.Errorf("Refusal(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
