package learned

import (
	"strings"

	"sitrep/quote/learn"
	"sitrep/quote/reporting"
	"sitrep/text"
)

// Boundary types of content candidates: where a content may start or end
// relative to its cue.
const (
	bAfterStart   = 'a' // a token shortly after the cue
	bCommaStart   = 'A' // after the first comma after the cue ("according to X, ...")
	bNextStart    = 'n' // the next sentence
	bSentEnd      = 'E' // the end of the sentence
	bPunctEnd     = 'p' // before a comma, colon, dash or bracket after the cue
	bWordEnd      = 'j' // before a preposition, conjunction or relative pronoun after the cue
	bCloseEnd     = 'c' // after a closing quotation mark
	bRunEnd       = 'r' // where a quotation that opened runs past the sentence ends
	bNextEnd      = 'N' // the end of the next sentence
	bParaEnd      = 'P' // the end of the next sentence's paragraph
	bSentStart    = 'S' // the start of the sentence
	bClauseStart  = 's' // after a comma or colon before the cue
	bOpenStart    = 'o' // an opening quotation mark before the cue
	bQuoteStart   = 'Q' // a quotation that opened in an earlier sentence
	bBeforeEnd    = 'b' // before a comma or dash before the cue
	bCueEnd       = 'B' // right before the cue
	bSplit        = 'X' // a quotation before the cue and one after it
	bWhole        = 'W' // the whole sentence around "..., he said, ..."
	bPrevSent     = 'V' // the sentence before ("“...?” he said.")
	bPrevQuote    = 'U' // the quotation that ends the sentence before
	maxAfterStart = 5
	maxBounds     = 4
)

// Feature templates of the content model.
const (
	fConType byte = iota + 60
	fConWord
	fConPrev
	fConNext
	fConDist
	fConShape
	fConCue
	fConCueWord
	fConOrdinal
	fConPair
	fConPairCue
	fConLength
	fConQuoted
	fConSentences
	fConEntity
	fConSide
)

// Sides of a content relative to its cue.
const (
	sideAfter = iota
	sideNext
	sideBefore
	sidePrev
	sideSplit
	sideWhole
	sides
)

// sideOf returns the side of a content whose start is of type typ.
func sideOf(typ byte) int {
	switch typ {
	case bAfterStart, bCommaStart:
		return sideAfter
	case bNextStart:
		return sideNext
	case bPrevSent, bPrevQuote:
		return sidePrev
	case bSplit:
		return sideSplit
	case bWhole:
		return sideWhole
	}
	return sideBefore
}

// sidePart returns the part of the side (adding it the first time it is
// asked for): the side with what stands around the cue, shared by every
// candidate on that side.
func (f *finder) sidePart(r *ranking, s *sentence, k, side int) int {
	if f.sideParts[side] >= 0 {
		return f.sideParts[side]
	}
	r.begin()
	c := &f.cueCtx
	for i, v := range [...]int{-1, s.hash(k), c.right, c.left, c.after, c.afterWords, c.beforeWords, c.quotes, c.before, c.inQuote,
		c.first, c.finite, c.passive, c.first<<8 | c.passive<<4 | c.finite} {
		r.add(learn.New(fConSide).Int(side).Int(i).Int(v))
	}
	f.sideParts[side] = r.endPart()
	return f.sideParts[side]
}

// cueContext is what stands around a cue, for the side features of its
// contents.
type cueContext struct {
	right, left             int // hashes of rightKind and leftKind
	after                   int // what follows the cue: 0 nothing, 1 a short tail of names, times and prepositions, 2 more
	afterWords, beforeWords int // bucketed counts of words after and before the cue
	quotes                  int // quotation marks right before and after the cue
	before                  int // cueBefore
	inQuote                 int // the cue stands inside quotation marks
	first                   int // what the first token after the cue is (firstAfter)
	finite                  int // a finite verb follows the cue in its sentence
	passive                 int // a form of "be" (or "has drawn", "was ... by") makes the cue passive
}

// firstAfter sorts token j of s: 0 none or final punctuation, 1 a comma,
// 2 a colon, 3 an opening quotation mark, 4 "that", 5 a preposition, 6 a
// time word, 7 a determiner, 8 a pronoun, 9 a capitalized word, 10 a
// number, 11 a wh-word, 12 "to", 13 anything else.
func firstAfter(s *sentence, j int) int {
	if j >= len(s.toks) {
		return 0
	}
	w, c, t := s.low[j], s.cls[j], s.toks[j]
	switch {
	case w == ",":
		return 1
	case w == ":":
		return 2
	case t.Kind == text.Quote:
		return 3
	case t.Kind == text.Punct:
		return 0
	case w == "that":
		return 4
	case w == "to":
		return 12
	case c&wPrep != 0:
		return 5
	case c&wTime != 0:
		return 6
	case c&wDet != 0:
		return 7
	case c&wPronoun != 0:
		return 8
	case c&wWh != 0:
		return 11
	case t.Kind == text.Number:
		return 10
	case isUpper(t.Text):
		return 9
	}
	return 13
}

// newCueContext sums up what stands around the cue at tokens k..e of s.
func (f *finder) newCueContext(s *sentence, k, e int) cueContext {
	n := len(s.toks)
	c := cueContext{
		right: rightKind(s, k), left: leftKind(s, k),
		afterWords: bucket(s.wordsBefore(n) - s.wordsBefore(e+1)), beforeWords: bucket(s.wordsBefore(k)),
		quotes: f.quoteBefore(s, k)<<2 | f.quoteAfter(s, e), before: cueBefore(s, k), inQuote: b2i(s.inQ[k]),
	}
	c.first = firstAfter(s, e+1)
	for j := e + 1; j < n; j++ {
		if s.cls[j]&wFinite != 0 || s.cls[j]&wBe != 0 {
			c.finite = 1
			break
		}
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if s.cls[j]&wBe != 0 {
			c.passive = 1
			break
		}
		if s.cls[j]&wAux == 0 && !strings.HasSuffix(s.low[j], "ly") {
			break
		}
	}
	if s.word(e+1) == "by" || s.word(e+2) == "by" {
		c.passive |= 2
	}
	words := 0
	for j := e + 1; j < n; j++ {
		t := s.toks[j]
		if t.Kind != text.Word && t.Kind != text.Number {
			continue
		}
		words++
		if s.cls[j]&(wPrep|wTime|wDet|wCardinal) == 0 && !isUpper(t.Text) && t.Kind != text.Number || words > 6 {
			c.after = 2
			break
		}
		c.after = 1
	}
	return c
}

// bound is a possible start or end of a content: a byte offset, its type,
// and its part in the ranking.
type bound struct {
	off  int
	typ  byte
	part int
}

// contentCands fills r with the candidate contents of the cue at token k
// of s.
func (f *finder) contentCands(r *ranking, s *sentence, k, cueEnd int) {
	r.reset()
	f.cueCtx = f.newCueContext(s, k, cueEnd)
	for i := range f.sideParts {
		f.sideParts[i] = -1
	}
	n := len(s.toks)
	var starts, ends [3 * maxBounds]bound
	// after the cue
	as := starts[:0]
	for p := cueEnd + 1; p < n && p <= cueEnd+maxAfterStart; p++ {
		t := s.toks[p]
		if t.Kind == text.Punct || t.Kind == text.Symbol || (t.Kind == text.Quote && !f.opens(t)) || !opensContent(s, p) {
			continue
		}
		as = append(as, f.startBound(r, s, k, p, bAfterStart, t.Start, p-cueEnd))
	}
	for p := cueEnd + 1; p < n-1 && p <= cueEnd+25; p++ {
		if s.toks[p].Text == "," {
			if p > cueEnd+maxAfterStart-1 {
				as = append(as, f.startBound(r, s, k, p+1, bCommaStart, s.toks[p+1].Start, p-cueEnd))
			}
			break
		}
	}
	ae := ends[:0]
	stop := nextAttribution(s, cueEnd)
	if stop == n {
		ae = append(ae, f.endBound(r, s, k, n, bSentEnd, s.toks[n-1].End, 0))
	}
	ord, words := 0, 0
	for q := cueEnd + 2; q < n && q <= stop && ord < maxBounds; q++ {
		t := s.toks[q]
		switch {
		case words < 4 && t.Kind == text.Word && q > cueEnd+2 && endsPhrase(s, q):
			words++
			ae = append(ae, f.endBound(r, s, k, q, bWordEnd, t.Start, words))
		case t.Kind == text.Punct && isClauseMark(t.Text):
			ord++
			ae = append(ae, f.endBound(r, s, k, q, bPunctEnd, t.Start, ord))
		case t.Kind == text.Quote && !f.opens(t):
			ord++
			ae = append(ae, f.endBound(r, s, k, q+1, bCloseEnd, t.End, ord))
		case t.Kind == text.Quote:
			if qs := f.qs.At(t.Start); qs != nil && qs.End > f.a.Sentences[s.si].End {
				ae = append(ae, f.endBound(r, s, k, q, bRunEnd, qs.End, f.sentencesTo(s.si, qs.End)))
			}
		}
	}
	if pe := f.paragraphEnd(s.si); pe > s.si && stop == n {
		ae = append(ae, f.specialBound(r, s, k, bParaEnd, f.a.Sentences[pe].End, bucket(pe-s.si), ""))
	}
	for _, a := range as {
		for _, e := range ae {
			if e.off > a.off && !tailOnly(s, a.off, e.off) {
				f.contentCand(r, s, k, a, e)
			}
		}
	}
	f.prevCands(r, s, k)
	f.nextCands(r, s, k, cueEnd)
	f.beforeCands(r, s, k)
	f.splitCands(r, s, k, cueEnd)
}

// endsPhrase reports whether token q may open what follows a noun phrase
// or a clause: a preposition, a conjunction or a relative pronoun.
func endsPhrase(s *sentence, q int) bool {
	w := s.low[q]
	return s.cls[q]&(wPrep|wRelative) != 0 || w == "and" || w == "but" || w == "or"
}

// nextAttribution returns the comma after the cue ending at token e of s
// that opens another attribution of the same speaker (", adding that",
// ", saying", ", according to"), where the cue's content ends; len(toks)
// when there is none.
func nextAttribution(s *sentence, e int) int {
	for q := e + 2; q+1 < len(s.toks); q++ {
		if s.toks[q].Text == "," && s.cand[q+1] && (strings.HasSuffix(s.low[q+1], "ing") || s.low[q+1] == "according") {
			return q
		}
	}
	return len(s.toks)
}

// opensContent reports whether token p of s may open the content after a
// cue: not a preposition or a time word ("said on Tuesday", "said in a
// statement that"), but "at least", "up to"; and not a word inside a
// phrase ("the [country]", "in [statements]", "at [least]").
func opensContent(s *sentence, p int) bool {
	if p > 0 && !s.cand[p-1] && (s.cls[p-1]&(wDet|wCardinal|wPrep) != 0 && s.low[p-1] != "that" ||
		s.low[p-1] == "more" && s.low[p] == "than") {
		return false
	}
	switch w := s.low[p]; {
	case strings.HasPrefix(w, "'") || strings.HasPrefix(w, "’"):
		return false // a clitic: "the country['s] instability"
	case w == "at" && (s.word(p+1) == "least" || s.word(p+1) == "most"), w == "up" && s.word(p+1) == "to":
		return true
	case w == "of" || w == "about" || w == "for" || w == "to" || w == "on" && s.word(p+1) != "" && s.cls[p+1]&wTime == 0:
		return true // "spoke of", "talked about", "called for", "pledged to", "commented on"
	}
	return s.cls[p]&(wPrep|wTime) == 0
}

// tailOnly reports whether the words of s in [lo, hi) are no more than a
// tail after a cue: times, numbers, determiners and prepositions
// ("Tuesday", "last week").
func tailOnly(s *sentence, lo, hi int) bool {
	for j := s.tokenStarting(lo); j < len(s.toks) && s.toks[j].End <= hi; j++ {
		t := s.toks[j]
		if t.Kind == text.Word && s.cls[j]&(wPrep|wTime|wDet|wCardinal) == 0 {
			return false
		}
	}
	return true
}

// isClauseMark reports whether punctuation p may end a clause inside a
// sentence.
func isClauseMark(p string) bool {
	switch p {
	case ",", ";", ":", "—", "–", "-", "(", "--":
		return true
	}
	return false
}

// opens reports whether quotation mark t opens a quotation.
func (f *finder) opens(t text.Token) bool {
	q := f.qs.At(t.Start)
	return q != nil && q.Open == t.Start
}

// sentencesTo returns how many sentences after si hold offset off - 1
// (bucketed).
func (f *finder) sentencesTo(si, off int) int {
	j := si
	for j+1 < len(f.a.Sentences) && f.a.Sentences[j+1].Start < off && j-si < 20 {
		j++
	}
	return bucket(j - si)
}

// startBound adds the part of a start at token p (byte offset off) of
// type typ, d tokens from the cue.
func (f *finder) startBound(r *ranking, s *sentence, k, p int, typ byte, off, d int) bound {
	r.begin()
	r.add(learn.New(fConType).Int(int(typ)))
	r.add(learn.New(fConWord).Int(int(typ)).Int(s.hash(p)))
	r.add(learn.New(fConPrev).Int(int(typ)).Int(s.hash(p - 1)))
	r.add(learn.New(fConDist).Int(int(typ)).Int(bucket(d)))
	r.add(learn.New(fConShape).Int(int(typ)).Str(tokShape(s, p)).Str(s.kindOf(p)))
	r.add(learn.New(fConCueWord).Int(int(typ)).Int(s.hash(k)).Int(s.hash(p)))
	r.add(learn.New(fConCue).Int(int(typ)).Int(s.hash(k)).Int(bucket(d)))
	return bound{off: off, typ: typ, part: r.endPart()}
}

// endBound adds the part of an end before token q (byte offset off) of
// type typ, the ord-th of its kind after the cue.
func (f *finder) endBound(r *ranking, s *sentence, k, q int, typ byte, off, ord int) bound {
	r.begin()
	r.add(learn.New(fConType).Int(int(typ)))
	r.add(learn.New(fConWord).Int(int(typ)).Int(s.hash(q)))
	r.add(learn.New(fConNext).Int(int(typ)).Int(s.hash(q + 1)))
	r.add(learn.New(fConPrev).Int(int(typ)).Int(s.hash(q - 1)))
	r.add(learn.New(fConOrdinal).Int(int(typ)).Int(ord))
	r.add(learn.New(fConCueWord).Int(int(typ)).Int(s.hash(k)).Int(s.hash(q + 1)))
	r.add(learn.New(fConEntity).Int(int(typ)).Str(s.kindOf(q + 1)))
	return bound{off: off, typ: typ, part: r.endPart()}
}

// specialBound adds the part of a boundary outside the sentence or of a
// whole span: its type with the cue word and a detail.
func (f *finder) specialBound(r *ranking, s *sentence, k int, typ byte, off, detail int, word string) bound {
	r.begin()
	if word != "" {
		r.add(learn.New(fConWord).Int(int(typ)).Str(word))
	}
	r.add(learn.New(fConType).Int(int(typ)))
	r.add(learn.New(fConType).Int(int(typ)).Int(detail))
	r.add(learn.New(fConCue).Int(int(typ)).Str(s.low[k]))
	r.add(learn.New(fConCue).Int(int(typ)).Str(s.low[k]).Int(detail))
	return bound{off: off, typ: typ, part: r.endPart()}
}

// contentCand adds the candidate from start a to end e with its own
// features: the pair of types, with the cue word, its length and how much
// of it is quoted.
func (f *finder) contentCand(r *ranking, s *sentence, k int, a, e bound) {
	r.begin()
	pair := int(a.typ)<<8 | int(e.typ)
	r.add(learn.New(fConPair).Int(pair))
	r.add(learn.New(fConPairCue).Int(pair).Str(s.low[k]))
	words := f.wordsIn(s, a.off, e.off)
	r.add(learn.New(fConLength).Int(pair).Int(bucket(words)))
	r.add(learn.New(fConQuoted).Int(pair).Int(f.quotedShare(a.off, e.off)))
	if e.off > f.a.Sentences[s.si].End || a.off < f.a.Sentences[s.si].Start {
		r.add(learn.New(fConSentences).Int(pair).Str(s.low[k]))
	}
	r.endCand(rcand{start: a.off, end: e.off, parts: [3]int{a.part, e.part, f.sidePart(r, s, k, sideOf(a.typ))}, tok: -1})
}

// wordsIn counts the word tokens of s in [lo, hi), with those past the
// sentence counted roughly by bytes.
func (f *finder) wordsIn(s *sentence, lo, hi int) int {
	n := s.wordsBefore(s.tokenAt(hi)) - s.wordsBefore(s.tokenStarting(lo))
	if end := f.a.Sentences[s.si].End; hi > end {
		n += (hi - end) / 6
	}
	if start := f.a.Sentences[s.si].Start; lo < start {
		n += (start - lo) / 6
	}
	return n
}

// quotedShare tells how much of [lo, hi) stands inside quotation marks:
// 0 none, 1 some, 2 most, 3 all.
func (f *finder) quotedShare(lo, hi int) int {
	in := 0
	for _, q := range f.qs.After(lo) {
		if q.Open >= hi {
			break
		}
		if a, b := max(q.Open, lo), min(q.End, hi); b > a {
			in += b - a
		}
	}
	switch {
	case in == 0:
		return 0
	case in*10 < (hi-lo)*5:
		return 1
	case in*10 < (hi-lo)*9:
		return 2
	}
	return 3
}

// nextCands adds the candidates in the next sentence when little or
// nothing follows the cue in its own ("He said:", "she added.").
func (f *finder) nextCands(r *ranking, s *sentence, k, cueEnd int) {
	si := s.si
	if si+1 >= len(f.a.Sentences) || len(s.toks)-cueEnd > 6 || !onlySource(s, 0, k) {
		return
	}
	nx := &f.a.Sentences[si+1]
	if len(nx.Tokens) == 0 || nx.Paragraph > f.a.Sentences[si].Paragraph+1 || nx.Heading {
		return
	}
	last := s.word(len(s.toks) - 1)
	if last == "\"" || last == "“" {
		last = s.word(len(s.toks) - 2)
	}
	same := b2i(nx.Paragraph == f.a.Sentences[si].Paragraph)
	opensQuote := 0
	if t := nx.Tokens[0]; t.Kind == text.Quote && f.opens(t) {
		opensQuote = 1
	}
	detail := same<<1 | opensQuote
	a := f.specialBound(r, s, k, bNextStart, nx.Tokens[0].Start, detail, last)
	ends := []bound{f.specialBound(r, s, k, bNextEnd, nx.End, detail, "")}
	if opensQuote == 1 {
		if q := f.qs.At(nx.Tokens[0].Start); q != nil && q.End > nx.End {
			ends = append(ends, f.specialBound(r, s, k, bRunEnd, q.End, f.sentencesTo(si+1, q.End), ""))
		}
	}
	if pe := f.paragraphEnd(si + 1); pe > si+1 {
		ends = append(ends, f.specialBound(r, s, k, bParaEnd, f.a.Sentences[pe].End, bucket(pe-si), ""))
	}
	for _, e := range ends {
		f.contentCand(r, s, k, a, e)
	}
}

// paragraphEnd returns the last sentence of the paragraph of sentence si,
// at most 12 sentences on.
func (f *finder) paragraphEnd(si int) int {
	pe := si
	for pe+1 < len(f.a.Sentences) && f.a.Sentences[pe+1].Paragraph == f.a.Sentences[si].Paragraph && pe-si < 12 {
		pe++
	}
	return pe
}

// prevCands adds the sentence before, and the quotation that ends it, as
// candidates of a cue near the start of its sentence: the text layer ends
// a sentence after `?”`, leaving `“...?” he said.` in two.
func (f *finder) prevCands(r *ranking, s *sentence, k int) {
	if k > 6 || s.si == 0 || !onlySource(s, 0, k) {
		return
	}
	pv := &f.a.Sentences[s.si-1]
	if len(pv.Tokens) == 0 || pv.Heading || pv.Paragraph != f.a.Sentences[s.si].Paragraph {
		return
	}
	last := pv.Tokens[len(pv.Tokens)-1]
	closes := 0
	if last.Kind == text.Quote && !f.opens(last) {
		closes = 1
	}
	a := f.specialBound(r, s, k, bPrevSent, pv.Start, closes<<3|k, "")
	e := f.specialBound(r, s, k, bPrevSent, pv.End, closes, s.word(0))
	f.contentCand(r, s, k, a, e)
	if q := f.qs.At(last.Start); closes == 1 && q != nil && q.Open < pv.Start {
		a := f.specialBound(r, s, k, bPrevQuote, q.Open, f.sentencesTo(f.a.SentenceAt(q.Open), pv.Start), "")
		f.contentCand(r, s, k, a, e)
	}
}

// onlySource reports whether tokens a..b-1 of s may be no more than a
// cue's source: words that may be in a noun phrase, no punctuation.
func onlySource(s *sentence, a, b int) bool {
	for j := a; j < b; j++ {
		if s.isPunct(j) || s.cls[j]&(wStop|wPrep) != 0 && s.cls[j]&(wPronoun|wAux) == 0 {
			return false
		}
	}
	return true
}

// beforeCands adds the candidates before the cue: from the sentence start,
// a clause start or a quotation's opening mark to a comma, a closing
// mark or the cue.
func (f *finder) beforeCands(r *ranking, s *sentence, k int) {
	if k == 0 {
		return
	}
	var buf [2 * maxBounds]bound
	ends := buf[:0]
	if s.toks[k-1].Kind == text.Word {
		ends = append(ends, f.endBound(r, s, k, k, bCueEnd, s.toks[k-1].End, 0))
	}
	ord := 0
	for q := k - 1; q > 0 && q >= k-30 && ord < maxBounds; q-- {
		t := s.toks[q]
		switch {
		case t.Kind == text.Punct && isClauseMark(t.Text):
			ord++
			ends = append(ends, f.endBound(r, s, k, q, bBeforeEnd, t.Start, ord))
		case t.Kind == text.Quote && !f.opens(t):
			ord++
			ends = append(ends, f.endBound(r, s, k, q+1, bCloseEnd, t.End, ord))
		}
	}
	if len(ends) == 0 {
		return
	}
	var sbuf [maxBounds + 2]bound
	starts := sbuf[:0]
	sent := &f.a.Sentences[s.si]
	if q := f.qs.At(sent.Start); q != nil && q.Open < sent.Start {
		starts = append(starts, f.specialBound(r, s, k, bQuoteStart, q.Open, f.sentencesTo(f.a.SentenceAt(q.Open), sent.Start), ""))
	}
	starts = append(starts, f.startBound(r, s, k, 0, bSentStart, s.toks[0].Start, k))
	ord = 0
	for q := k - 2; q >= 0 && ord < maxBounds; q-- {
		t := s.toks[q]
		switch {
		case t.Kind == text.Punct && isClauseMark(t.Text):
			ord++
			starts = append(starts, f.startBound(r, s, k, q+1, bClauseStart, s.toks[q+1].Start, k-q))
		case t.Kind == text.Quote && f.opens(t) && q > 0:
			ord++
			starts = append(starts, f.startBound(r, s, k, q, bOpenStart, t.Start, k-q))
		}
	}
	for _, a := range starts {
		for _, e := range ends {
			if e.off > a.off {
				f.contentCand(r, s, k, a, e)
			}
		}
	}
	f.wholeCand(r, s, k)
}

// wholeCand adds the whole sentence as a candidate when the cue and its
// source stand between commas inside it: "The plan, he said, will fail."
func (f *finder) wholeCand(r *ranking, s *sentence, k int) {
	n := len(s.toks)
	before, after := -1, -1
	for q := k - 1; q > 0 && q >= k-6; q-- {
		if s.toks[q].Text == "," {
			before = q
			break
		}
	}
	for q := k + 1; q < n && q <= k+4; q++ {
		if s.toks[q].Text == "," {
			after = q
			break
		}
	}
	if before < 0 || after < 0 || n-after < 4 {
		return
	}
	a := f.specialBound(r, s, k, bWhole, s.toks[0].Start, k-before, "")
	e := f.specialBound(r, s, k, bWhole, s.toks[n-1].End, bucket(n-after), "")
	f.contentCand(r, s, k, a, e)
}

// splitCands adds the candidate of a quotation split by its cue:
// `"A," he said, "B."` and `"A," he said. "B."`.
func (f *finder) splitCands(r *ranking, s *sentence, k, cueEnd int) {
	var before *reporting.Span
	for q := k - 1; q >= 0 && q >= k-12; q-- {
		t := s.toks[q]
		if t.Kind == text.Quote && !f.opens(t) {
			if qs := f.qs.At(t.Start); qs != nil && qs.CloseAt == t.Start {
				before = qs
			}
			break
		}
	}
	if before == nil {
		return
	}
	var after *reporting.Span
	detail := 0
	for q := cueEnd + 1; q < len(s.toks) && q <= cueEnd+12; q++ {
		if t := s.toks[q]; t.Kind == text.Quote && f.opens(t) {
			after = f.qs.At(t.Start)
			break
		}
	}
	if after == nil && s.si+1 < len(f.a.Sentences) {
		nx := &f.a.Sentences[s.si+1]
		if len(nx.Tokens) > 0 && nx.Paragraph == f.a.Sentences[s.si].Paragraph && f.opens(nx.Tokens[0]) {
			after, detail = f.qs.At(nx.Tokens[0].Start), 1
		}
	}
	if after == nil || after.Open <= before.Open {
		return
	}
	a := f.specialBound(r, s, k, bSplit, before.Open, detail, "")
	e := f.specialBound(r, s, k, bSplit, after.End, 2+detail, "")
	f.contentCand(r, s, k, a, e)
	r.cands[len(r.cands)-1].split = true
}
