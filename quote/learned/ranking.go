package learned

import "sitrep/quote/learn"

// ranking is the candidates of one choice (a cue's content, a cue's
// source) with their features, in reusable flat storage: parts are
// feature lists that several candidates share (a boundary of a span), and
// each candidate has parts and features of its own.
type ranking struct {
	feats []uint32
	parts [][2]int32 // [lo, hi) into feats
	cands []rcand
	open  int32 // where the part or candidate being built starts in feats
	memo  weightMemo
}

// weightMemo remembers the weights of the features last looked up, for
// the candidates of a choice share many (the pair of boundary types, the
// cue word): a direct-mapped cache in front of the model's table.
type weightMemo struct {
	keys [256]uint32
	vals [256]float32
	used [256]uint32 // the generation that filled each entry
	gen  uint32
}

// reset forgets every entry.
func (c *weightMemo) reset() {
	c.gen++
	if c.gen == 0 {
		clear(c.used[:])
		c.gen = 1
	}
}

// score returns the sum of the weights of fs under w.
func (c *weightMemo) score(w *learn.Weights, fs []uint32) float32 {
	var s float32
	for _, f := range fs {
		i := (f ^ f>>8 ^ f>>16) & 255
		if c.used[i] == c.gen && c.keys[i] == f {
			s += c.vals[i]
			continue
		}
		v := w.Weight(f)
		c.keys[i], c.vals[i], c.used[i] = f, v, c.gen
		s += v
	}
	return s
}

// rcand is one candidate: a span of bytes (a content, or a source's head
// token), up to three parts (-1: none) and its own features feats[lo:hi].
type rcand struct {
	start, end int
	parts      [3]int
	lo, hi     int32
	tok        int  // the head token of a source candidate; -1 for none
	split      bool // a content split by its cue
}

// reset empties r.
func (r *ranking) reset() {
	r.feats, r.parts, r.cands = r.feats[:0], r.parts[:0], r.cands[:0]
	r.open = 0
}

// add appends a feature to the part or candidate being built.
func (r *ranking) add(h learn.Hash) { r.feats = append(r.feats, h.Sum()) }

// begin starts a part or a candidate's own features.
func (r *ranking) begin() { r.open = int32(len(r.feats)) }

// endPart closes the part being built and returns its index.
func (r *ranking) endPart() int {
	r.parts = append(r.parts, [2]int32{r.open, int32(len(r.feats))})
	return len(r.parts) - 1
}

// noParts is the parts of a candidate that has none.
var noParts = [3]int{-1, -1, -1}

// endCand closes the candidate being built.
func (r *ranking) endCand(c rcand) {
	c.lo, c.hi = r.open, int32(len(r.feats))
	r.cands = append(r.cands, c)
}

// part returns the features of part i.
func (r *ranking) part(i int) []uint32 { p := r.parts[i]; return r.feats[p[0]:p[1]] }

// all returns the score under w of every candidate, in out (reused),
// with parts as scratch space for the parts' scores; memo looks the
// weights up through the memo, for candidates that share many features.
func (r *ranking) all(w *learn.Weights, out []float32, parts *[]float32, memo bool) []float32 {
	score := w.Score
	if memo {
		r.memo.reset()
		score = func(fs []uint32) float32 { return r.memo.score(w, fs) }
	}
	ps := resize(*parts, len(r.parts))
	for i := range r.parts {
		ps[i] = score(r.part(i))
	}
	*parts = ps
	out = resize(out, len(r.cands))
	for i, c := range r.cands {
		s := score(r.feats[c.lo:c.hi])
		for _, p := range c.parts {
			if p >= 0 {
				s += ps[p]
			}
		}
		out[i] = s
	}
	return out
}

// choice copies r into a learn.Choice whose right candidates are those
// right says.
func (r *ranking) choice(right func(c rcand) bool) learn.Choice {
	ch := learn.Choice{Parts: make([][]uint32, len(r.parts))}
	for i := range r.parts {
		ch.Parts[i] = append([]uint32(nil), r.part(i)...)
	}
	for _, c := range r.cands {
		lc := learn.Candidate{Own: append([]uint32(nil), r.feats[c.lo:c.hi]...)}
		for _, p := range c.parts {
			if p >= 0 {
				lc.Parts = append(lc.Parts, p)
			}
		}
		ch.Candidates = append(ch.Candidates, lc)
		ch.Right = append(ch.Right, right(c))
	}
	return ch
}
