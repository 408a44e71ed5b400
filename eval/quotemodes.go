package eval

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"sitrep"
	"sitrep/entity"
	"sitrep/pipeline"
	"sitrep/place"
	"sitrep/quantity"
	"sitrep/quote"
	"sitrep/quote/learned"
	"sitrep/text"
	"sitrep/when"
)

// QuoteModes scores each mode of the quote stage (quote.Mode: the rules
// and the learned model together, the rules alone, the learned model
// alone) on PolNeAR dev and test, as PolNeAR does: each split is read once
// through the stages before quote, then each mode finds its quotes. A
// last line scores the union's quotes together with the learned
// attributions it leaves out (beliefs, stances, intentions, acts), as a
// document that listed those apart would hold them.
func QuoteModes(ctx context.Context, shared string, w io.Writer) error {
	p := pipeline.New(entity.Stage{}, when.Stage{}, quantity.Stage{}, place.Stage{}) // the stages before quote
	finders := []struct {
		name string
		find func(context.Context, *text.Analysis) ([]sitrep.Quote, error)
	}{
		{quote.Combined.String(), quote.Combined.Finder()},
		{quote.RulesOnly.String(), quote.RulesOnly.Finder()},
		{quote.LearnedOnly.String(), quote.LearnedOnly.Finder()},
		{"union and the attributions it leaves out", unionAndRest},
	}
	for _, split := range []string{"dev", "test"} {
		docs, err := LoadPolNeAR(ctx, p, filepath.Join(shared, "eval", "polnear", split), 0)
		if err != nil {
			return err
		}
		for _, f := range finders {
			s, err := ScorePolNeAR(ctx, docs, f.find)
			if err != nil {
				return fmt.Errorf("quotes %s: %w", f.name, err)
			}
			fmt.Fprintf(w, "== %s, %s: %s\n", split, f.name, s)
		}
	}
	return nil
}

// unionAndRest returns the union's quotes of a and the learned
// attributions that overlap none of them.
func unionAndRest(ctx context.Context, a *text.Analysis) ([]sitrep.Quote, error) {
	qs, err := quote.FindContext(ctx, a)
	if err != nil {
		return nil, err
	}
	m, err := learned.DefaultModel()
	if err != nil {
		return nil, err
	}
	as, err := m.Attributions(ctx, a)
	if err != nil {
		return nil, err
	}
	n := len(qs)
	for _, l := range as {
		if !overlapsContent(qs[:n], l.Quote) {
			qs = append(qs, l.Quote)
		}
	}
	return qs, nil
}

// overlapsContent reports whether q's content overlaps that of one of qs.
func overlapsContent(qs []sitrep.Quote, q sitrep.Quote) bool {
	for _, r := range qs {
		if q.Start < r.End && r.Start < q.End {
			return true
		}
	}
	return false
}
