package ner

import (
	"fmt"
	"io"
	"sort"
)

// Span is one entity: tokens [Start, End) of a sentence, of type Type.
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the entities of an IOB2 (or IOB1) tag sequence the way
// conlleval reads them: a chunk starts at B-X, at I-X after O or after
// another type, and ends before any tag that does not continue it.
func Spans(tags []string) []Span {
	var out []Span
	start, typ := -1, ""
	end := func(i int) {
		if start >= 0 {
			out = append(out, Span{start, i, typ})
			start, typ = -1, ""
		}
	}
	for i, t := range tags {
		switch {
		case len(t) > 2 && t[1] == '-' && t[0] == 'B':
			end(i)
			start, typ = i, t[2:]
		case len(t) > 2 && t[1] == '-' && t[0] == 'I':
			if start < 0 || typ != t[2:] {
				end(i)
				start, typ = i, t[2:]
			}
		default:
			end(i)
		}
	}
	end(len(tags))
	return out
}

// Counts holds span counts for one entity type.
type Counts struct {
	Gold, Pred, Correct int
}

// Precision, Recall and F1 are percentages (0-100).
func (c Counts) Precision() float64 { return pct(c.Correct, c.Pred) }

// Recall is the share of gold spans found exactly, in percent.
func (c Counts) Recall() float64 { return pct(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall, in percent.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Score is a conlleval-equivalent exact-span evaluation: a predicted entity
// counts only when its boundaries and type both match a gold entity.
type Score struct {
	Total                 Counts
	ByType                map[string]Counts
	Tokens, TokensCorrect int
}

// Add scores one sentence's predicted tags against its gold tags.
func (s *Score) Add(gold, pred []string) {
	if s.ByType == nil {
		s.ByType = map[string]Counts{}
	}
	g, p := Spans(gold), Spans(pred)
	for i := range gold {
		s.Tokens++
		if i < len(pred) && pred[i] == gold[i] {
			s.TokensCorrect++
		}
	}
	set := make(map[Span]bool, len(g))
	for _, sp := range g {
		set[sp] = true
		c := s.ByType[sp.Type]
		c.Gold++
		s.ByType[sp.Type] = c
		s.Total.Gold++
	}
	for _, sp := range p {
		c := s.ByType[sp.Type]
		c.Pred++
		s.Total.Pred++
		if set[sp] {
			c.Correct++
			s.Total.Correct++
		}
		s.ByType[sp.Type] = c
	}
}

// Write prints the score in conlleval's layout.
func (s *Score) Write(w io.Writer) error {
	acc := pct(s.TokensCorrect, s.Tokens)
	if _, err := fmt.Fprintf(w, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n",
		s.Tokens, s.Total.Gold, s.Total.Pred, s.Total.Correct); err != nil {
		return err
	}
	fmt.Fprintf(w, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
		acc, s.Total.Precision(), s.Total.Recall(), s.Total.F1())
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := s.ByType[t]
		_, err := fmt.Fprintf(w, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
			t, c.Precision(), c.Recall(), c.F1(), c.Pred)
		if err != nil {
			return err
		}
	}
	return nil
}
