package eval

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"sitrep/entity"
	"sitrep/pipeline"
	"sitrep/place"
	"sitrep/quantity"
	"sitrep/quote"
	"sitrep/when"
)

// QuoteModes scores each mode of the quote stage (quote.Mode: the rules
// and the learned model together, the rules alone, the learned model
// alone) on PolNeAR dev and test, as PolNeAR does: each split is read once
// through the stages before quote, then each mode finds its quotes.
func QuoteModes(ctx context.Context, shared string, w io.Writer) error {
	p := pipeline.New(entity.Stage{}, when.Stage{}, quantity.Stage{}, place.Stage{}) // the stages before quote
	for _, split := range []string{"dev", "test"} {
		docs, err := LoadPolNeAR(ctx, p, filepath.Join(shared, "eval", "polnear", split), 0)
		if err != nil {
			return err
		}
		for _, m := range []quote.Mode{quote.Combined, quote.RulesOnly, quote.LearnedOnly} {
			s, err := ScorePolNeAR(ctx, docs, m.Finder())
			if err != nil {
				return fmt.Errorf("quotes %s: %w", m, err)
			}
			fmt.Fprintf(w, "== %s, %s: %s\n", split, m, s)
		}
	}
	return nil
}
