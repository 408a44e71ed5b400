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

// Run finds the document's quotes, and in the modes that run the learned
// model its attributions (sitrep.Document.Attributions). It replaces
// a.Doc.Quotes and a.Doc.Attributions.
func (st Stage) Run(ctx context.Context, a *text.Analysis) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := lexicon.Check(); err != nil {
		return err
	}
	qs, as, err := st.Mode.find(ctx, a)
	if err != nil {
		return fmt.Errorf("finding quotes: %w", err)
	}
	a.Doc.Quotes, a.Doc.Attributions = qs, as
	return nil
}

// find returns the quotes of a in mode m and, unless m is RulesOnly, the
// learned model's attributions, numbered A1, A2, ...
func (m Mode) find(ctx context.Context, a *text.Analysis) (quotes, attributions []sitrep.Quote, err error) {
	if m == RulesOnly {
		quotes, err = RulesContext(ctx, a)
		return quotes, nil, err
	}
	model, err := learned.DefaultModel()
	if err != nil {
		return nil, nil, err
	}
	as, err := model.Attributions(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	attributions = make([]sitrep.Quote, len(as))
	for i, l := range as {
		attributions[i] = ownSpans(l.Quote)
		attributions[i].ID = fmt.Sprintf("A%d", i+1)
	}
	if m == LearnedOnly {
		quotes = make([]sitrep.Quote, len(as))
		for i, l := range as {
			quotes[i] = l.Quote
		}
		return quotes, attributions, nil
	}
	rules, err := RulesContext(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	return Union(a, rules, as), attributions, nil
}

// ownSpans returns q with its own copies of its speaker and cue spans, so
// that a quote and an attribution made from the same reading share no
// span: converting or tidying one leaves the other as it was.
func ownSpans(q sitrep.Quote) sitrep.Quote {
	if q.SpeakerSpan != nil {
		sp := *q.SpeakerSpan
		q.SpeakerSpan = &sp
	}
	if q.CueSpan != nil {
		c := *q.CueSpan
		q.CueSpan = &c
	}
	return q
}
