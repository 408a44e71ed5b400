package quote

import (
	"context"
	"fmt"

	"sitrep"
	"sitrep/lexicon"
	"sitrep/quote/learned"
	"sitrep/text"
)

// Mode chooses how the quote stage finds quotes.
type Mode int

// The modes of the quote stage.
const (
	// Combined finds quotes with the hand-written rules and adds the
	// learned attributions that Union takes (Find).
	Combined Mode = iota
	// RulesOnly finds quotes with the hand-written rules alone (Rules).
	RulesOnly
	// LearnedOnly takes every attribution of the learned finder
	// (package sitrep/quote/learned), as PolNeAR marks them.
	LearnedOnly
)

// modeNames are the names ParseMode reads, in the order of the modes.
var modeNames = [...]string{"union", "rules", "learned"}

// String returns the mode's name: union, rules or learned.
func (m Mode) String() string {
	if m < 0 || int(m) >= len(modeNames) {
		return fmt.Sprintf("Mode(%d)", int(m))
	}
	return modeNames[m]
}

// ParseMode returns the mode called name (union, rules or learned).
func ParseMode(name string) (Mode, error) {
	for i, n := range modeNames {
		if n == name {
			return Mode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown quote mode %q (want union, rules or learned)", name)
}

// Finder returns the function that finds the quotes of an analysed
// document in mode m.
func (m Mode) Finder() func(context.Context, *text.Analysis) ([]sitrep.Quote, error) {
	switch m {
	case RulesOnly:
		return RulesContext
	case LearnedOnly:
		return learned.FindContext
	}
	return FindContext
}

// Stage is the pipeline stage that fills a.Doc.Quotes, in its Mode: by
// default (Combined) the hand-written rules' quotes and the learned
// attributions that add to them.
type Stage struct {
	Mode Mode
}

// Name returns "quote".
func (Stage) Name() string { return "quote" }

// Run finds the document's quotes. It replaces a.Doc.Quotes.
func (st Stage) Run(ctx context.Context, a *text.Analysis) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := lexicon.Check(); err != nil {
		return err
	}
	qs, err := st.Mode.Finder()(ctx, a)
	if err != nil {
		return fmt.Errorf("finding quotes: %w", err)
	}
	a.Doc.Quotes = qs
	return nil
}
