package eval

import (
	"context"
	"fmt"
	"io"
)

// Sentences is filled in below.
func Sentences(ctx context.Context, shared string, w io.Writer) error {
	return fmt.Errorf("not yet")
}
