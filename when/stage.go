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
		from := len(fs)
		fs = sc.scan(fs)
		sc.told, sc.toldYear = toldDate(a.Doc.Text, fs[from:], sc.told, sc.toldYear)
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

// toldDate returns the last of the dates fs that the text writes out with
// a year ("December 6, 1992", "May 1996", "1992") as an anchor, with
// yearOnly set for a year alone; last and lastYear when there is none.
func toldDate(txt string, fs []found, last anchor, lastYear bool) (a anchor, yearOnly bool) {
	for _, f := range fs {
		v := f.val
		if f.typ != sitrep.TimeDate || f.ago || f.end > len(txt) || !writesYear(txt[f.start:f.end]) || !allDigits(v[:min(4, len(v))]) {
			continue
		}
		switch len(v) {
		case 4:
			v += "-07-01"
		case 7:
			v += "-15"
		}
		if t := parseAnchor(v); t.ok {
			last, lastYear = t, len(f.val) == 4
		}
	}
	return last, lastYear
}

// writesYear reports whether a time expression's text holds a year in
// four digits.
func writesYear(t string) bool {
	run := 0
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			run++
			continue
		}
		if run == 4 {
			return true
		}
		run = 0
	}
	return run == 4
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
