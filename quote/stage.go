package quote

import (
	"context"
	"fmt"

	"sitrep/lexicon"
	"sitrep/text"
)

// Stage is the pipeline stage that fills a.Doc.Quotes.
type Stage struct{}

// Name returns "quote".
func (Stage) Name() string { return "quote" }

// Run finds the document's quotes. It replaces a.Doc.Quotes.
func (Stage) Run(ctx context.Context, a *text.Analysis) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := lexicon.Check(); err != nil {
		return err
	}
	qs, err := FindContext(ctx, a)
	if err != nil {
		return fmt.Errorf("finding quotes: %w", err)
	}
	a.Doc.Quotes = qs
	return nil
}
