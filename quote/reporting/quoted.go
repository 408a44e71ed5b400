package reporting

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/text"
)

// Span is one stretch inside quotation marks: open is the offset of the
// opening mark, inner the first byte after it, closeAt the offset of the
// closing mark and end the first byte after it. An unclosed quotation runs to
// the end of its paragraph (closeAt == end).
type Span struct {
	Open, Inner, CloseAt, End int
}

// Quoted pairs the double quotation marks of every paragraph of a, as
// QuotedByShape does, and also takes a straight mark that follows a comma
// or a sentence's final mark and a space, while a quotation is open, for
// its closing mark even when a word sticks to it, as text rebuilt from
// tokens writes it ('... hosted by Mubarak, "one official said').
func Quoted(a *text.Analysis) []Span { return quoted(a, true) }

// QuotedByShape pairs the double quotation marks of every paragraph of a:
// curly marks by their shape, straight marks by what stands beside them.
// Single curly marks pair only when an opening one follows a space, since ’
// is mostly an apostrophe.
func QuotedByShape(a *text.Analysis) []Span { return quoted(a, false) }

// quoted is Quoted, or QuotedByShape when stuck is false.
func quoted(a *text.Analysis, stuck bool) []Span {
	s := a.Doc.Text
	var out []Span
	for i := 0; i < len(a.Sentences); {
		// one paragraph: sentences i..j-1
		j := i + 1
		for j < len(a.Sentences) && a.Sentences[j].Paragraph == a.Sentences[i].Paragraph {
			j++
		}
		pEnd := a.Sentences[j-1].End
		open := -1
		openW := 0
		sOpen, sOpenW := -1, 0
		for k := i; k < j; k++ {
			for _, t := range a.Sentences[k].Tokens {
				if t.Kind != text.Quote {
					continue
				}
				r, w := utf8.DecodeRuneInString(t.Text)
				switch r {
				case '\u201C', '\u00AB', '\u201E':
					if open >= 0 {
						out = append(out, Span{open, open + openW, t.Start, t.Start})
					}
					open, openW = t.Start, w
				case '\u201D', '\u00BB':
					if open >= 0 {
						out = append(out, Span{open, open + openW, t.Start, t.End})
						open = -1
					}
				case '"':
					if open < 0 || (opensHere(s, t.Start) && !closesHere(s, t.End) && !(stuck && afterClauseEnd(s, t.Start))) {
						if open >= 0 {
							out = append(out, Span{open, open + openW, t.Start, t.Start})
						}
						open, openW = t.Start, w
					} else {
						out = append(out, Span{open, open + openW, t.Start, t.End})
						open = -1
					}
				case '\u2018':
					if opensHere(s, t.Start) {
						sOpen, sOpenW = t.Start, w
					}
				case '\u2019', '\'':
					if sOpen >= 0 && closesHere(s, t.End) {
						out = append(out, Span{sOpen, sOpen + sOpenW, t.Start, t.End})
						sOpen = -1
					}
				}
			}
		}
		if open >= 0 {
			out = append(out, Span{open, open + openW, pEnd, pEnd})
		}
		i = j
	}
	sortSpans(out)
	return out
}

// opensHere reports whether a straight mark at i stands where an opening
// mark would: at the start of a line or after a space, dash or bracket.
func opensHere(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(r) || r == '(' || r == '[' || text.IsDash(r) || r == ':'
}

// afterClauseEnd reports whether a straight mark at i follows a comma or
// a sentence's final mark and one space.
func afterClauseEnd(s string, i int) bool {
	if i < 2 || s[i-1] != ' ' {
		return false
	}
	switch s[i-2] {
	case ',', '.', '?', '!':
		return true
	}
	return false
}

// closesHere reports whether a mark ending at i stands where a closing mark
// would: before a space, punctuation or the end.
func closesHere(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r) || unicode.IsPunct(r) || text.IsDash(r)
}

func sortSpans(q []Span) {
	sort.SliceStable(q, func(i, j int) bool { return q[i].Open < q[j].Open })
}

// Spans are a document's quoted spans ordered by opening mark, with the
// running maximum of their ends, so that the spans at or after an offset are
// found by binary search rather than by a scan from the start: long
// documents stay linear.
type Spans struct {
	q      []Span
	maxEnd []int // maxEnd[i] is the largest end of q[0..i]
}

// IndexSpans indexes q, which must be sorted by open.
func IndexSpans(q []Span) Spans {
	x := Spans{q: q, maxEnd: make([]int, len(q))}
	m := 0
	for i, s := range q {
		m = max(m, s.End)
		x.maxEnd[i] = m
	}
	return x
}

// At returns the quoted span holding offset off (the last opened one when
// spans nest), or nil.
func (x Spans) At(off int) *Span {
	i := sort.Search(len(x.q), func(i int) bool { return x.q[i].Open > off }) - 1
	for ; i >= 0 && x.maxEnd[i] > off; i-- {
		if off < x.q[i].End {
			return &x.q[i]
		}
	}
	return nil
}

// After returns the spans from the first that may end after off: every
// span before it ends at or before off.
func (x Spans) After(off int) []Span {
	i := sort.Search(len(x.q), func(i int) bool { return x.maxEnd[i] > off })
	return x.q[i:]
}

// All returns every span, ordered by opening mark.
func (x Spans) All() []Span { return x.q }

// SelfQuote reports whether q's content lies inside its own speaker
// phrase: no quote.
func SelfQuote(q sitrep.Quote) bool {
	sp := q.SpeakerSpan
	return sp != nil && sp.Start <= q.Start && q.End <= sp.End
}

// TrimDateline starts a reported content that begins the story after the
// dateline: "DHAKA, Bangladesh, Aug. 3 - Floods ..., the ministry said"
// reports "Floods ...".
func TrimDateline(doc *sitrep.Document, q *sitrep.Quote) {
	d := doc.Dateline
	if d == nil || q.Start > d.End || q.End <= d.End {
		return
	}
	k := d.End
	for k < q.End {
		r, size := utf8.DecodeRuneInString(doc.Text[k:])
		if r != ' ' && !text.IsDash(r) {
			break
		}
		k += size
	}
	if k < q.End {
		q.Start, q.Text = k, doc.Text[k:q.End]
	}
}
