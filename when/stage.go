package when

import (
	"context"
	"fmt"
	"strings"

	"sitrep"
	"sitrep/lexicon"
	"sitrep/text"
)

// Stage is the pipeline stage that fills Document.Times.
type Stage struct{}

// Name returns "when".
func (Stage) Name() string { return "when" }

// Run finds the time expressions of every sentence and appends them to
// a.Doc.Times with ids T1, T2 ... in text order, byte offsets.
func (Stage) Run(ctx context.Context, a *text.Analysis) error {
	if err := lexicon.Check(); err != nil {
		return err
	}
	sc := &scanner{dct: parseAnchor(a.Doc.Published)}
	if l := strings.ToLower(a.Doc.Text); len(l) == len(a.Doc.Text) {
		sc.lowDoc = l
	}
	var fs []found
	for si := range a.Sentences {
		if si%256 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("when: %w", err)
			}
		}
		toks := a.Sentences[si].Tokens
		if len(toks) == 0 {
			continue
		}
		sc.load(toks)
		fs = sc.scan(fs)
	}
	txt := a.Doc.Text
	times := a.Doc.Times[:0:0]
	times = append(times, a.Doc.Times...)
	n := len(times)
	for _, f := range fs {
		if f.val == "" || f.start >= f.end || f.end > len(txt) {
			continue
		}
		n++
		times = append(times, sitrep.Time{ID: fmt.Sprintf("T%d", n), Start: f.start, End: f.end,
			Text: txt[f.start:f.end], Type: f.typ, Value: f.val})
	}
	a.Doc.Times = times
	return nil
}

// Find returns the time expressions of a plain text, resolved against
// published ("YYYY-MM-DD", a date-time, or empty). Offsets are bytes.
func Find(txt, published string) []sitrep.Time {
	doc := sitrep.NewDocument(txt)
	doc.Published = published
	a := text.Analyze(doc)
	_ = Stage{}.Run(context.Background(), a)
	return doc.Times
}
