package sitrep

import (
	"fmt"
	"unicode/utf8"
)

// eachOffset calls f on every offset field of the document. Any field added
// to the contract that holds an offset must be listed here, so that the one
// conversion between byte and code-point offsets stays complete.
func (d *Document) eachOffset(f func(*int)) {
	span := func(s *Span) {
		if s != nil {
			f(&s.Start)
			f(&s.End)
		}
	}
	span(d.Dateline)
	for i := range d.Sentences {
		span(&d.Sentences[i])
	}
	for i := range d.Entities {
		for j := range d.Entities[i].Mentions {
			m := &d.Entities[i].Mentions[j]
			f(&m.Start)
			f(&m.End)
		}
	}
	for i := range d.Times {
		f(&d.Times[i].Start)
		f(&d.Times[i].End)
	}
	for i := range d.Quantities {
		f(&d.Quantities[i].Start)
		f(&d.Quantities[i].End)
	}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		f(&q.Start)
		f(&q.End)
		span(q.SpeakerSpan)
		span(q.CueSpan)
	}
	for i := range d.Attributions {
		q := &d.Attributions[i]
		f(&q.Start)
		f(&q.End)
		span(q.SpeakerSpan)
		span(q.CueSpan)
	}
	for i := range d.Events {
		f(&d.Events[i].Start)
		f(&d.Events[i].End)
		span(d.Events[i].SourceSpan)
		span(d.Events[i].TargetSpan)
	}
}

// ToRuneOffsets converts every offset of the document from bytes to code
// points. It does nothing when the offsets are code points already. An
// offset that does not fall on a character boundary is moved to the start of
// its character.
func (d *Document) ToRuneOffsets() {
	if d.RuneOffsets {
		return
	}
	index := RuneIndex(d.Text)
	d.eachOffset(func(p *int) {
		switch {
		case *p < 0:
			*p = 0
		case *p >= len(index):
			*p = index[len(index)-1]
		default:
			*p = index[*p]
		}
	})
	d.RuneOffsets = true
}

// ToByteOffsets converts every offset of the document from code points back
// to bytes, so a stored document can go through stages again.
func (d *Document) ToByteOffsets() {
	if !d.RuneOffsets {
		return
	}
	bytePos := make([]int, 0, len(d.Text)+1)
	for i := range d.Text {
		bytePos = append(bytePos, i)
	}
	bytePos = append(bytePos, len(d.Text))
	d.eachOffset(func(p *int) {
		switch {
		case *p < 0:
			*p = 0
		case *p >= len(bytePos):
			*p = len(d.Text)
		default:
			*p = bytePos[*p]
		}
	})
	d.RuneOffsets = false
}

// RuneIndex maps each byte offset of s (0..len(s)) to the code-point offset
// of the character holding that byte.
func RuneIndex(s string) []int {
	index := make([]int, len(s)+1)
	n := 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			index[i+k] = n
		}
		i += size
		n++
	}
	index[len(s)] = n
	return index
}

// Validate checks the document's form: every span inside the text, in order,
// with its text equal to the slice it names, and ids unique. It returns the
// first problem found, or nil. Offsets are checked in the unit the document
// currently holds.
func (d *Document) Validate() error {
	var runes []rune
	if d.RuneOffsets {
		runes = []rune(d.Text)
	}
	n := len(d.Text)
	if d.RuneOffsets {
		n = len(runes)
	}
	slice := func(s, e int) string {
		if d.RuneOffsets {
			return string(runes[s:e])
		}
		return d.Text[s:e]
	}
	check := func(what string, s, e int, text *string) error {
		if s < 0 || e > n || s > e {
			return fmt.Errorf("%s: span [%d,%d) outside text of length %d", what, s, e, n)
		}
		if text != nil && slice(s, e) != *text {
			return fmt.Errorf("%s: text %q does not match span [%d,%d) %q", what, *text, s, e, slice(s, e))
		}
		return nil
	}
	prev := 0
	for i, s := range d.Sentences {
		if err := check(fmt.Sprintf("sentence %d", i), s.Start, s.End, nil); err != nil {
			return err
		}
		if s.Start < prev {
			return fmt.Errorf("sentence %d starts at %d before the previous one ends at %d", i, s.Start, prev)
		}
		prev = s.End
	}
	ids := map[string]bool{}
	id := func(x string) error {
		if x == "" {
			return fmt.Errorf("empty id")
		}
		if ids[x] {
			return fmt.Errorf("duplicate id %q", x)
		}
		ids[x] = true
		return nil
	}
	for _, e := range d.Entities {
		if err := id(e.ID); err != nil {
			return err
		}
		for _, m := range e.Mentions {
			if err := check("entity "+e.ID, m.Start, m.End, &m.Text); err != nil {
				return err
			}
		}
	}
	for _, p := range d.Places {
		if err := id(p.ID); err != nil {
			return err
		}
	}
	for _, t := range d.Times {
		if err := id(t.ID); err != nil {
			return err
		}
		if err := check("time "+t.ID, t.Start, t.End, &t.Text); err != nil {
			return err
		}
	}
	for _, q := range d.Quantities {
		if err := id(q.ID); err != nil {
			return err
		}
		if err := check("quantity "+q.ID, q.Start, q.End, &q.Text); err != nil {
			return err
		}
	}
	for _, q := range d.Quotes {
		if err := id(q.ID); err != nil {
			return err
		}
		if err := check("quote "+q.ID, q.Start, q.End, &q.Text); err != nil {
			return err
		}
	}
	for _, q := range d.Attributions {
		if err := id(q.ID); err != nil {
			return err
		}
		if err := check("attribution "+q.ID, q.Start, q.End, &q.Text); err != nil {
			return err
		}
	}
	for _, e := range d.Events {
		if err := id(e.ID); err != nil {
			return err
		}
		if err := check("event "+e.ID, e.Start, e.End, &e.Text); err != nil {
			return err
		}
		if e.Sentence < 0 || e.Sentence >= len(d.Sentences) {
			return fmt.Errorf("event %s: sentence %d out of range", e.ID, e.Sentence)
		}
	}
	return nil
}
