package learned

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/quote/reporting"
	"sitrep/text"
)

// cand is one attribution found, with byte offsets.
type cand struct {
	start, end         int // content
	spStart, spEnd     int // speaker words; spStart < 0 when none
	headStart, headEnd int // the speaker's head word
	pron               bool
	cueStart, cueEnd   int
	cue                string
	sent               int
	direct             bool
	split              bool    // a quotation split by its cue: `"A," he said. "B."`
	score              float32 // the cue's score, bias included (above 0)
	speaker            *string
	spType             string
}

// finder holds one document's state while quotes are found.
type finder struct {
	m     *Model
	a     *text.Analysis
	s     string
	qs    reporting.Spans
	ms    *text.Mentions
	sent  sentence
	cands []cand
	rank  ranking
	fs    []uint32
	// the content candidates of the cue being read: what stands around
	// it, and the part of each side (-1 until asked for)
	cueCtx    cueContext
	sideParts [sides]int
	// the source candidates of the cue being read (f.rank holds its
	// content candidates), the cue's token, and scratch space for scores
	srank                            ranking
	cueTok                           int
	srcScores, conScores, partScores []float32
	top                              []int
}

// Find returns the quotes of an analysed document, ordered by start, with
// ids S1, S2, ... and byte offsets, read with the embedded model (none when
// it cannot be loaded: FindContext returns that error). Speakers are
// resolved against a.Doc.Entities, whose mentions must hold byte offsets
// too.
func Find(a *text.Analysis) []sitrep.Quote {
	qs, err := FindContext(context.Background(), a)
	if err != nil {
		return []sitrep.Quote{}
	}
	return qs
}

// FindContext is Find that returns the model's loading error, and stops
// when ctx is done, every 256 sentences, returning ctx's error.
func FindContext(ctx context.Context, a *text.Analysis) ([]sitrep.Quote, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return m.Find(ctx, a)
}

// Attribution is one attribution the model finds: its quote and how
// surely its cue is one.
type Attribution struct {
	sitrep.Quote
	// CueScore is the cue model's score of the cue, the cue bias
	// included: above 0, higher the surer.
	CueScore float32
}

// Find returns the quotes of an analysed document read with m: for every
// word the cue model takes for a reporting cue, the content the content
// model ranks first among the spans around it and the source the source
// model ranks first among the words near it (or none). It stops when ctx
// is done, every 256 sentences, and returns ctx's error.
func (m *Model) Find(ctx context.Context, a *text.Analysis) ([]sitrep.Quote, error) {
	as, err := m.Attributions(ctx, a)
	if err != nil {
		return nil, err
	}
	qs := make([]sitrep.Quote, len(as))
	for i := range as {
		qs[i] = as[i].Quote
	}
	return qs, nil
}

// Attributions is Find that tells each quote's cue score.
func (m *Model) Attributions(ctx context.Context, a *text.Analysis) ([]Attribution, error) {
	if a == nil || a.Doc == nil {
		return []Attribution{}, nil
	}
	f := finders.Get().(*finder)
	defer f.release()
	f.init(m, a)
	for si := range a.Sentences {
		if si%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if f.prepare(si) {
			f.sentenceQuotes()
		}
	}
	return dropSelfQuotes(trimDateline(a.Doc, f.finish())), nil
}

// finders keeps finders between documents, so that their buffers are
// reused.
var finders = sync.Pool{New: func() any { return new(finder) }}

// newFinder returns a finder of a's quotes read with m.
func newFinder(m *Model, a *text.Analysis) *finder {
	f := new(finder)
	f.init(m, a)
	return f
}

// init prepares f for document a, read with m: the document-wide indexes
// of its quoted spans and entity mentions.
func (f *finder) init(m *Model, a *text.Analysis) {
	f.m, f.a, f.s = m, a, a.Doc.Text
	// the quotations as the model was trained to read them (the rules
	// also close a quotation at a mark stuck to the next word; retraining
	// on that reading moved single contents, see docs/quotes.md)
	f.qs = reporting.IndexSpans(reporting.QuotedByShape(a))
	f.ms = text.IndexMentions(a.Doc, nil)
	f.cands = f.cands[:0]
}

// release drops f's references to its document, keeping its buffers, and
// puts it back in finders.
func (f *finder) release() {
	f.sent.forget()
	clear(f.cands)
	f.cands = f.cands[:0]
	f.m, f.a, f.s, f.qs, f.ms = nil, nil, "", reporting.Spans{}, nil
	finders.Put(f)
}

// prepare fills f.sent for sentence si and reports whether it holds a cue
// candidate. A heading holds none: a headline sums up the story, its
// quotes told again in the text. Nor does a participle that describes the
// noun after it (participle).
func (f *finder) prepare(si int) bool {
	st := &f.a.Sentences[si]
	if st.Heading {
		return false
	}
	s := &f.sent
	s.reset(si, st.Tokens)
	if !f.m.words.read(s) {
		return false
	}
	for k := range s.toks {
		if s.cand[k] && participle(s, k) {
			s.cand[k] = false
		}
	}
	f.markEntities(s, st)
	f.markQuoted(s)
	s.index()
	return true
}

// participle reports whether token k of s is a participle between a
// determiner or an ordinal and the noun it describes ("the second
// reported violation", "an impassioned defense"), not a verb: a word in
// -ed after one of adjectiveBefore, before a word that is no determiner
// or preposition ("first reported by" is a verb).
func participle(s *sentence, k int) bool {
	if k == 0 || k+1 >= len(s.toks) || !strings.HasSuffix(s.low[k], "ed") || !adjectiveBefore[s.low[k-1]] {
		return false
	}
	return s.toks[k+1].Kind == text.Word && s.cls[k+1]&(wDet|wPrep) == 0
}

// markEntities sets the entity type of every token of s inside an entity
// mention.
func (f *finder) markEntities(s *sentence, st *text.Sentence) {
	k := 0
	for _, r := range f.ms.StartingIn(st.Start, st.End) {
		for k < len(s.toks) && s.toks[k].End <= r.Start {
			k++
		}
		typ := f.a.Doc.Entities[r.Entity].Type
		last := -1
		for j := k; j < len(s.toks) && s.toks[j].Start < r.End; j++ {
			if s.ent[j] == "" {
				s.ent[j] = typ
			}
			last = j
		}
		if last >= 0 {
			s.entLast[last] = true
		}
	}
}

// markQuoted marks the tokens of s that stand inside quotation marks.
func (f *finder) markQuoted(s *sentence) {
	for k, t := range s.toks {
		if q := f.qs.At(t.Start); q != nil && t.Start >= q.Inner && t.Start < q.CloseAt {
			s.inQ[k] = true
		}
	}
}

// sentenceQuotes finds the attributions whose cue is in the prepared
// sentence.
func (f *finder) sentenceQuotes() {
	s := &f.sent
	for k := range s.toks {
		if !s.cand[k] {
			continue
		}
		f.fs = f.cueFeatures(f.fs[:0], s, k)
		score := f.m.cue.Score(f.fs) + f.m.cueBias
		if score <= 0 {
			continue
		}
		f.attribute(s, k, score)
	}
}

// cueEnd returns the last token of the cue whose first token is k:
// "according to" takes two.
func cueEnd(s *sentence, k int) int {
	if s.low[k] == "according" && s.word(k+1) == "to" {
		return k + 1
	}
	return k
}

// attribute adds the attribution of the cue at token k of s, scored
// score: its best content and source.
func (f *finder) attribute(s *sentence, k int, score float32) {
	e := cueEnd(s, k)
	f.cueTok = k
	c := cand{cueStart: s.toks[k].Start, cueEnd: s.toks[e].End, spStart: -1, sent: s.si, score: score}
	c.cue = f.s[c.cueStart:c.cueEnd]
	if e > k {
		c.cue = "according to"
	}
	f.sourceCands(&f.srank, s, k, e)
	f.contentCands(&f.rank, s, k, e)
	sb, b := f.jointBest()
	if b < 0 {
		return
	}
	if j := f.srank.cands[sb].tok; j >= 0 {
		a, h := f.speakerSpan(s, j)
		c.spStart, c.spEnd = s.toks[a].Start, s.toks[h].End
		r := j
		if isRelative(s.low[j]) {
			r = antecedent(s, j)
		}
		c.headStart, c.headEnd = s.toks[r].Start, s.toks[r].End
		c.pron = s.cls[r]&wPronoun != 0
	}
	if o := f.firstAttribution(s, k); o != nil {
		c.spStart, c.spEnd, c.headStart, c.headEnd, c.pron = o.spStart, o.spEnd, o.headStart, o.headEnd, o.pron
	}
	c.start, c.end = f.rank.cands[b].start, f.rank.cands[b].end
	c.split = f.rank.cands[b].split
	if c.start >= c.cueEnd {
		c.end = f.cutTimeTail(s, c.start, c.end)
	}
	f.add(c)
}

// firstAttribution returns the attribution whose speaker the cue at token
// k of s takes, or nil: a cue that goes on after a comma (", adding that
// ...", ", saying ...") takes the speaker of the sentence's first
// attribution, when it has one.
func (f *finder) firstAttribution(s *sentence, k int) *cand {
	if k == 0 || s.toks[k-1].Text != "," || !strings.HasSuffix(s.low[k], "ing") {
		return nil
	}
	first := -1
	for j := len(f.cands) - 1; j >= 0 && f.cands[j].sent == s.si; j-- {
		first = j
	}
	if first < 0 || f.cands[first].spStart < 0 || f.cands[first].cueEnd > s.toks[k].Start {
		return nil
	}
	return &f.cands[first]
}

// cutTimeTail returns where content [cs, ce) after its cue ends once a
// trailing time phrase is cut, when the content is a noun phrase (no
// finite verb): "conceded defeat on Monday" reports "defeat". A clause
// keeps its time ("three soldiers were killed on Monday").
func (f *finder) cutTimeTail(s *sentence, cs, ce int) int {
	a, z := s.tokenStarting(cs), s.tokenAt(ce)
	if a >= z || s.toks[z-1].End != ce {
		return ce
	}
	for j := a; j < z; j++ {
		if s.cls[j]&(wFinite|wBe) != 0 {
			return ce
		}
	}
	for z > a && s.isPunct(z-1) {
		z--
	}
	if t := timeTail(s, a, z); t > a && t < z {
		return s.toks[t-1].End
	}
	return ce
}

// timeTail returns the first token of the time phrase that ends tokens
// [a, z) of s ("on Monday", "in March 2016"): a preposition followed by
// time words, numbers and determiners, one time word at least; z when
// there is none.
func timeTail(s *sentence, a, z int) int {
	dated := false
	for j := z - 1; j > a; j-- {
		switch c := s.cls[j]; {
		case c&wTime != 0:
			dated = true
		case s.toks[j].Kind == text.Number || c&(wDet|wCardinal) != 0:
		case c&wPrep != 0 && dated:
			return j
		default:
			return z
		}
	}
	return z
}

// jointBest returns the source (in f.srank) and the content (in f.rank)
// whose scores sum highest among the pairs that fit: a content leaves out
// its source's head word, unless it holds the cue too ("The plan, he
// said, will fail"). Only the few best sources are tried. The content is
// -1 when there is none.
func (f *finder) jointBest() (int, int) {
	f.srcScores = f.srank.all(f.m.source, f.srcScores, &f.partScores, false)
	for i, c := range f.srank.cands {
		if c.tok < 0 {
			f.srcScores[i] += f.m.noneBias
		}
	}
	f.conScores = f.rank.all(f.m.content, f.conScores, &f.partScores, true)
	cue := f.sent.toks[f.cueTok].Start
	bs, bc := -1, -1
	var best float32
	for _, i := range topK(f.srcScores, 4, &f.top) {
		sc := f.srank.cands[i]
		for j, cc := range f.rank.cands {
			if sc.tok >= 0 && cc.start <= sc.start && sc.end <= cc.end && !(cc.start <= cue && cue < cc.end) {
				continue
			}
			if v := f.srcScores[i] + f.conScores[j]; bc < 0 || v > best {
				bs, bc, best = i, j, v
			}
		}
	}
	return bs, bc
}

// topK returns the indices of the k highest of scores, best first (ties
// to the lower index), in buf.
func topK(scores []float32, k int, buf *[]int) []int {
	out := (*buf)[:0]
	for i, v := range scores {
		at := len(out)
		for at > 0 && scores[out[at-1]] < v {
			at--
		}
		if at >= k {
			continue
		}
		out = append(out, 0)
		copy(out[at+1:], out[at:])
		out[at] = i
		if len(out) > k {
			out = out[:k]
		}
	}
	*buf = out
	return out
}

// add records a candidate, its content trimmed to its words (a split
// quotation is direct); one whose content is then empty is dropped.
func (f *finder) add(c cand) {
	c.start, c.end, c.direct = f.trim(c.start, c.end)
	c.direct = c.direct || c.split
	if c.end-c.start < 2 {
		return
	}
	f.cands = append(f.cands, c)
}

// trim narrows content [cs, ce) to its words: no spaces, no trailing
// commas or periods, no opening "that" (PolNeAR's contents hold it, but
// the clause is what is reported); a content that is one quotation loses
// its marks and is direct, as is one mostly quoted.
func (f *finder) trim(cs, ce int) (int, int, bool) {
	s := f.s
	cs, ce = max(cs, 0), min(ce, len(s))
	for cs < ce && (s[cs] == ' ' || s[cs] == '\n' || s[cs] == '\t') {
		cs++
	}
	if ce-cs > 6 && (s[cs:cs+5] == "that " || s[cs:cs+5] == "That ") {
		cs += 5
	}
	ce = trimEnd(s, cs, ce, func(r rune) bool { return r == '.' || text.IsDash(r) })
	if q := f.wholeQuotation(cs, ce); q != nil {
		cs, ce = q.Inner, trimEnd(s, q.Inner, q.CloseAt, nil)
		return cs, ce, ce > cs
	}
	return cs, ce, ce > cs && f.quotedShare(cs, ce) >= 2 && f.quotedShareExact(cs, ce)
}

// trimEnd returns where s[cs:ce] ends without its trailing spaces,
// commas, semicolons and colons, and the runes more says (nil: none).
func trimEnd(s string, cs, ce int, more func(rune) bool) int {
	for ce > cs {
		r, w := utf8.DecodeLastRuneInString(s[cs:ce])
		if !unicode.IsSpace(r) && r != ',' && r != ';' && r != ':' && (more == nil || !more(r)) {
			break
		}
		ce -= w
	}
	return ce
}

// wholeQuotation returns the quotation that content [cs, ce) consists of,
// or nil: one that opens at cs and closes near ce, a few bytes before it
// or after it past nothing but punctuation (`“The talks were useful,”`
// trimmed of its comma).
func (f *finder) wholeQuotation(cs, ce int) *reporting.Span {
	q := f.qs.At(cs)
	if q == nil || q.Open != cs || q.Inner >= q.CloseAt {
		return nil
	}
	if q.CloseAt >= ce-4 && q.CloseAt <= ce || q.CloseAt > ce && strings.Trim(f.s[ce:q.CloseAt], " ,.;:") == "" {
		return q
	}
	return nil
}

// quotedShareExact reports whether at least four fifths of [cs, ce) stand
// inside quotation marks.
func (f *finder) quotedShareExact(cs, ce int) bool {
	in := 0
	for _, q := range f.qs.After(cs) {
		if q.Open >= ce {
			break
		}
		if lo, hi := max(q.Inner, cs), min(q.CloseAt, ce); hi > lo {
			in += hi - lo
		}
	}
	return in*10 >= (ce-cs)*8
}

// dropSelfQuotes drops the attributions whose content lies inside their
// own speaker phrase.
func dropSelfQuotes(qs []Attribution) []Attribution {
	out := qs[:0]
	for _, q := range qs {
		if !reporting.SelfQuote(q.Quote) {
			out = append(out, q)
		}
	}
	return out
}

// trimDateline trims each attribution's content of the dateline before it
// (reporting.TrimDateline).
func trimDateline(doc *sitrep.Document, qs []Attribution) []Attribution {
	for i := range qs {
		reporting.TrimDateline(doc, &qs[i].Quote)
	}
	return qs
}

// finish orders the candidates, resolves their speakers and returns them
// as quotes.
func (f *finder) finish() []Attribution {
	sort.SliceStable(f.cands, func(i, j int) bool { return f.cands[i].start < f.cands[j].start })
	f.resolve()
	out := make([]Attribution, 0, len(f.cands))
	for i, c := range f.cands {
		q := sitrep.Quote{
			ID:      fmt.Sprintf("S%d", i+1),
			Start:   c.start,
			End:     c.end,
			Text:    f.s[c.start:c.end],
			Cue:     c.cue,
			CueSpan: &sitrep.Span{Start: c.cueStart, End: c.cueEnd},
			Direct:  c.direct,
			Speaker: c.speaker,
		}
		if c.spStart >= 0 {
			q.SpeakerText = f.s[c.spStart:c.spEnd]
			q.SpeakerSpan = &sitrep.Span{Start: c.spStart, End: c.spEnd}
		}
		out = append(out, Attribution{Quote: q, CueScore: c.score})
	}
	return out
}
