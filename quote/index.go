package quote

import (
	"slices"
	"sort"

	"sitrep"
)

// Index finds a document's quotes by the span they hold and by their cue,
// by binary search rather than by a scan of every quote per question: the
// event stage asks for every event, and long documents stay linear.
type Index struct {
	quotes   []sitrep.Quote
	byStart  []int // quote indices ordered by start (ties in document order)
	start    []int // start[k], end[k]: the span of byStart[k]
	end      []int
	maxEnd   []int // maxEnd[k]: the largest end of byStart[0..k]
	cues     []int // indices of the quotes with a cue, ordered by cue start
	longCue  int   // the longest cue, in bytes
	cueStart []int // cueStart[k]: the cue start of cues[k]
}

// NewIndex indexes qs, which it keeps (not copied).
func NewIndex(qs []sitrep.Quote) *Index {
	x := &Index{quotes: qs}
	for i, q := range qs {
		x.byStart = append(x.byStart, i)
		if q.CueSpan != nil {
			x.cues = append(x.cues, i)
			x.longCue = max(x.longCue, q.CueSpan.End-q.CueSpan.Start)
		}
	}
	sort.SliceStable(x.byStart, func(a, b int) bool { return qs[x.byStart[a]].Start < qs[x.byStart[b]].Start })
	sort.SliceStable(x.cues, func(a, b int) bool { return qs[x.cues[a]].CueSpan.Start < qs[x.cues[b]].CueSpan.Start })
	m := 0
	for _, i := range x.byStart {
		m = max(m, qs[i].End)
		x.start = append(x.start, qs[i].Start)
		x.end = append(x.end, qs[i].End)
		x.maxEnd = append(x.maxEnd, m)
	}
	for _, i := range x.cues {
		x.cueStart = append(x.cueStart, qs[i].CueSpan.Start)
	}
	return x
}

// Holding returns the indices of the quotes whose span holds [start, end),
// in document order.
func (x *Index) Holding(start, end int) []int {
	var out []int
	for k := sort.SearchInts(x.start, start+1) - 1; k >= 0 && x.maxEnd[k] >= end; k-- {
		if x.end[k] >= end {
			out = append(out, x.byStart[k])
		}
	}
	slices.Sort(out)
	return out
}

// CueHolding returns the indices of the quotes whose cue holds offset off,
// in document order.
func (x *Index) CueHolding(off int) []int {
	var out []int
	lo := sort.SearchInts(x.cueStart, off-x.longCue)
	for k := lo; k < len(x.cues) && x.cueStart[k] <= off; k++ {
		if c := x.quotes[x.cues[k]].CueSpan; off >= c.Start && off < c.End {
			out = append(out, x.cues[k])
		}
	}
	slices.Sort(out)
	return out
}

// Attribution returns the id of the narrowest quote whose content holds
// [start, end): the event or claim it reports is attributed to that
// quote's speaker. Nil when none does.
func (x *Index) Attribution(start, end int) *string {
	if start >= end {
		return nil
	}
	best := -1
	for _, i := range x.Holding(start, end) {
		q := x.quotes[i]
		if best < 0 || q.End-q.Start < x.quotes[best].End-x.quotes[best].Start {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return sitrep.Ptr(x.quotes[best].ID)
}
