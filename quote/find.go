package quote

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/lexicon"
	"sitrep/quote/reporting"
	"sitrep/text"
)

// cand is one attribution found, with byte offsets.
type cand struct {
	start, end       int // content
	spStart, spEnd   int // speaker words; spStart < 0 when none
	spHead           int // end of the speaker's head part (before "of", "and", ...)
	pron             bool
	cueStart, cueEnd int
	cue              string
	sent             int
	direct           bool
	speaker          *string
	spType           string
}

// finder holds one document's state while quotes are found.
type finder struct {
	a     *text.Analysis
	s     string
	qs    reporting.Spans
	cands []cand
	spans map[[2]int]bool // the start and end of every candidate, for add
	// per sentence
	si    int
	toks  []text.Token
	low   []string
	first int // index in cands of this sentence's first candidate
}

// Rules returns the quotes the hand-written rules find in an analysed
// document, ordered by start, with ids S1, S2, ... and byte offsets.
// Speakers are resolved against a.Doc.Entities, whose mentions must hold
// byte offsets too.
func Rules(a *text.Analysis) []sitrep.Quote {
	qs, _ := RulesContext(context.Background(), a)
	return qs
}

// RulesContext is Rules that stops when ctx is done, every few sentences,
// and returns ctx's error.
func RulesContext(ctx context.Context, a *text.Analysis) ([]sitrep.Quote, error) {
	if a == nil || a.Doc == nil {
		return []sitrep.Quote{}, nil
	}
	f := &finder{a: a, s: a.Doc.Text, qs: reporting.IndexSpans(reporting.Quoted(a))}
	for si := range a.Sentences {
		if si%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		f.sentence(si)
	}
	f.leftovers()
	return dropSelfQuotes(trimDateline(a.Doc, f.finish())), nil
}

// dropSelfQuotes drops the quotes whose content lies inside their own
// speaker phrase.
func dropSelfQuotes(qs []sitrep.Quote) []sitrep.Quote {
	out := qs[:0]
	for _, q := range qs {
		if !reporting.SelfQuote(q) {
			out = append(out, q)
		}
	}
	return out
}

// trimDateline trims each quote's content of the dateline before it
// (reporting.TrimDateline).
func trimDateline(doc *sitrep.Document, qs []sitrep.Quote) []sitrep.Quote {
	for i := range qs {
		reporting.TrimDateline(doc, &qs[i])
	}
	return qs
}

func (f *finder) sentence(si int) {
	f.si = si
	f.toks = f.a.Sentences[si].Tokens
	if f.a.Sentences[si].Heading {
		// a headline ("Guinea-Bissau: the military announces ...") sums up
		// the story; its quotes are told again in the text
		f.toks = nil
	}
	f.first = len(f.cands)
	if cap(f.low) < len(f.toks) {
		f.low = make([]string, len(f.toks))
	}
	f.low = f.low[:len(f.toks)]
	headline := text.AllCapsSentence(f.toks)
	for k, t := range f.toks {
		f.low[k] = strings.ToLower(t.Text)
		if !headline && len(t.Text) >= 2 && f.low[k] != t.Text && text.IsUpperWord(t.Text) {
			f.low[k] = t.Text // "WHO" is an acronym, not the pronoun
		}
	}
	f.colon()
	for k, t := range f.toks {
		if t.Kind != text.Word {
			continue
		}
		if q := f.qs.At(t.Start); q != nil && t.Start > q.Open && t.Start < q.CloseAt {
			continue // words inside quotation marks are the quote, not its cue
		}
		w := f.low[k]
		if w == "according" && k+1 < len(f.toks) && f.low[k+1] == "to" {
			f.according(k)
			continue
		}
		v, ok := verbs[w]
		if !ok {
			continue
		}
		if k+1 < len(f.toks) && actObjects[f.low[k+1]] {
			continue // "claimed responsibility", "denied entry": an act, not speech
		}
		if k > 0 && isUpper(t.Text) && f.toks[k-1].Kind == text.Word {
			continue // a name ("Edward Said"), not a verb
		}
		if k > 0 && k+1 < len(f.toks) && strings.HasSuffix(w, "ed") && adjectiveBefore[f.low[k-1]] && f.toks[k+1].Kind == text.Word && !determiners[f.low[k+1]] && f.low[k+1] != "that" {
			continue // "the second reported violation": an adjective
		}
		f.verb(k, v)
	}
}

// adjectiveBefore are words after which a participle describes the noun
// that follows it.
var adjectiveBefore = lexicon.Words("quote.adjective-before")

func isUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// add records a candidate whose content is tokens [from, to) or the
// explicit byte span cs..ce when from < 0.
func (f *finder) add(c cand) {
	c.sent = f.si
	c.start, c.end, c.direct = f.trim(c.start, c.end)
	if c.end-c.start < 2 {
		return
	}
	key := [2]int{c.start, c.end}
	if f.spans[key] {
		return
	}
	if f.spans == nil {
		f.spans = map[[2]int]bool{}
	}
	f.spans[key] = true
	f.cands = append(f.cands, c)
}

// trim narrows content [cs, ce) to its words: no spaces, no trailing
// commas or periods; a content that is one quotation loses its marks and
// is direct.
func (f *finder) trim(cs, ce int) (int, int, bool) {
	s := f.s
	if cs < 0 {
		cs = 0
	}
	if ce > len(s) {
		ce = len(s)
	}
	for {
		for cs < ce && (s[cs] == ' ' || s[cs] == '\n' || s[cs] == '\t') {
			cs++
		}
		for ce > cs {
			r, w := utf8.DecodeLastRuneInString(s[cs:ce])
			if unicode.IsSpace(r) || r == ',' || r == '.' || r == ';' || r == ':' || text.IsDash(r) {
				ce -= w
				continue
			}
			break
		}
		if q := f.qs.At(cs); q != nil && q.Open == cs && q.CloseAt >= ce-4 && q.CloseAt <= ce && q.Inner < q.CloseAt {
			// the whole content is one quotation
			cs, ce = q.Inner, q.CloseAt
			for ce > cs {
				r, w := utf8.DecodeLastRuneInString(s[cs:ce])
				if unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' {
					ce -= w
					continue
				}
				break
			}
			return cs, ce, ce > cs
		}
		break
	}
	// mostly quoted content is direct
	in := 0
	for _, q := range f.qs.After(cs) {
		if q.Open >= ce {
			break
		}
		lo, hi := max(q.Inner, cs), min(q.CloseAt, ce)
		if hi > lo {
			in += hi - lo
		}
	}
	return cs, ce, ce > cs && in*10 >= (ce-cs)*8
}

// sentEnd is the byte offset where the current sentence ends.
func (f *finder) sentStart() int { return f.a.Sentences[f.si].Start }
func (f *finder) sentEnd() int   { return f.a.Sentences[f.si].End }

func (f *finder) isPunct(k int) bool {
	return k >= 0 && k < len(f.toks) && (f.toks[k].Kind == text.Punct || f.toks[k].Kind == text.Quote)
}

func (f *finder) word(k int) string {
	if k < 0 || k >= len(f.toks) {
		return ""
	}
	return f.low[k]
}

// verb tries the reporting verb at token k.
func (f *finder) verb(k int, v verbForm) {
	toks := f.toks
	n := len(toks)
	cue := cand{cueStart: toks[k].Start, cueEnd: toks[k].End, cue: toks[k].Text, spStart: -1}
	switch f.word(k - 1) {
	case "is", "are", "was", "were", "be", "been", "being", "to", "'s", "’s":
		return // passive or infinitive: "is expected", "wanted to say"
	}
	if w := f.low[k]; w == v.Lemma && !v.Ing && k > 0 {
		// a bare form is often a noun ("a 12 point jump", "the report"):
		// a verb after a pronoun, a modal or a plural subject
		p := f.low[k-1]
		if !(pronouns[p] || modalsBefore[p] || (strings.HasSuffix(p, "s") && !strings.HasSuffix(p, "ss") && f.toks[k-1].Kind == text.Word)) {
			return
		}
	}
	if v.Noun && v.S3 && f.word(k+1) != "that" && k > 0 {
		p := toks[k-1]
		if !(pronouns[f.low[k-1]] || modalsBefore[f.low[k-1]] || (p.Kind == text.Word && isUpper(p.Text) && k > 1)) {
			return
		}
	}
	if v.Ing {
		if k == 0 || toks[k-1].Text != "," {
			return
		}
		cs, ce, ok := f.contentAfter(k, v)
		if !ok {
			return
		}
		if !f.copySpeaker(&cue) && !f.subject(&cue, k) {
			return
		}
		cue.start, cue.end = cs, ce
		f.addSplit(cue)
		return
	}
	// inverted: `"...," said the minister.`
	if k > 0 && f.invertedAt(k) && k+1 < n && f.low[k+1] != "that" && !f.isPunct(k+1) {
		if a, b, ok := f.npRight(k + 1); ok && (b+1 >= n || f.isPunct(b+1)) {
			cue.spStart, cue.spEnd, cue.spHead = toks[a].Start, toks[b].End, f.headEnd(a, b)
			cue.pron = a == b && pronouns[f.low[a]]
			if cs, ce, ok := f.contentBefore(k - 1); ok {
				cue.start, cue.end = cs, ce
				f.add(cue)
			}
			return
		}
	}
	first, ok := f.speakerLeft(k, &cue)
	if !ok {
		return
	}
	if cs, ce, ok := f.contentAfter(k, v); ok {
		cue.start, cue.end = cs, ce
		f.addSplit(cue)
		return
	}
	// backward: "..., officials said (on Monday)."
	if !f.tailOnly(k + 1) {
		return
	}
	b := first - 1
	if b < 0 || !(toks[b].Text == "," || toks[b].Kind == text.Quote) {
		return
	}
	cs, ce, ok := f.contentBefore(b)
	if !ok {
		return
	}
	if k+1 < n && toks[k+1].Text == "," && k+2 < n && !isIngCue(f.low[k+2]) && f.low[k+2] != "and" {
		ce = f.sentEnd() // "The plan, he said, will fail."
	}
	cue.start, cue.end = cs, ce
	f.add(cue)
}

// invertedAt reports whether the verb at k may come before its speaker:
// right after a closing quotation mark (`"...," said X`), or after a comma
// that closes a clause rather than a name (`..., said X`).
func (f *finder) invertedAt(k int) bool {
	toks := f.toks
	if toks[k-1].Kind == text.Quote {
		return true
	}
	if toks[k-1].Text != "," {
		return false
	}
	if k >= 2 && toks[k-2].Kind == text.Quote {
		return true
	}
	o := k - 2
	for o >= 0 && toks[o].Text != "," {
		o--
	}
	return k-2-o >= 6
}

// addSplit adds c, and when its content goes on with ", and that ..." a
// second candidate with the same speaker and cue.
func (f *finder) addSplit(c cand) {
	for guard := 0; guard < 8; guard++ {
		f.add(c)
		m := 0
		for m < len(f.toks) && f.toks[m].Start < c.end {
			m++
		}
		if f.word(m) == "," {
			m++
		}
		if f.word(m) != "and" || f.word(m+1) != "that" || m+2 >= len(f.toks) {
			return
		}
		c.start, c.end = f.toks[m+2].Start, f.contentEnd(m+2)
	}
}

// tailOnly reports whether what follows a verb at i is no content: the end
// of the sentence, a comma, or a phrase opened by a preposition, a time word
// or a hearer ("told reporters").
func (f *finder) tailOnly(i int) bool {
	n := len(f.toks)
	if i >= n || f.isPunct(i) || prepositions[f.low[i]] || timeWords[f.low[i]] || f.low[i] == "last" || f.low[i] == "this" {
		return true
	}
	// a short hearer: "told reporters.", "told The Associated Press on Monday."
	m := i
	for m < n && m < i+5 && f.nounish(m) {
		m++
	}
	return m > i && (m >= n || f.isPunct(m) || prepositions[f.low[m]] || timeWords[f.low[m]])
}

// copySpeaker gives c the speaker of the sentence's last candidate.
func (f *finder) copySpeaker(c *cand) bool {
	if len(f.cands) == f.first {
		return false
	}
	p := f.cands[len(f.cands)-1]
	c.spStart, c.spEnd, c.spHead, c.pron = p.spStart, p.spEnd, p.spHead, p.pron
	return c.spStart >= 0
}

// subject gives c the subject of the clause that holds token k: the
// noun phrase that opens it, after a comma, a conjunction or a
// subordinator ("when Rubio thanked Miami and said ...").
func (f *finder) subject(c *cand, k int) bool {
	i := k - 1
	if i >= 0 && f.toks[i].Text == "," {
		i--
	}
	for i >= 0 && f.toks[i].Text != "," && f.toks[i].Text != ";" && f.toks[i].Text != ":" {
		i--
	}
	i++
	for i < k && (f.low[i] == "and" || f.low[i] == "but" || subordinators[f.low[i]] || f.low[i] == "then") {
		i++
	}
	if i == 0 && prepositions[f.word(0)] {
		for i < k && f.toks[i].Text != "," {
			i++
		}
		i++
	}
	if i >= k {
		return false
	}
	if pronouns[f.word(i)] {
		c.spStart, c.spEnd, c.spHead, c.pron = f.toks[i].Start, f.toks[i].End, f.toks[i].End, true
		return true
	}
	a, b, ok := f.npRight(i)
	if !ok || b >= k {
		return false
	}
	c.spStart, c.spEnd, c.spHead = f.toks[a].Start, f.toks[b].End, f.headEnd(a, b)
	return true
}

// speakerLeft finds the speaker before the verb at k and returns the index
// of its first token.
func (f *finder) speakerLeft(k int, c *cand) (int, bool) {
	toks := f.toks
	j := f.skipAux(k - 1)
	// a time phrase: "Al-Kazemi on Sunday said"
	if j >= 0 && timeWords[f.low[j]] {
		for j >= 0 && (timeWords[f.low[j]] || f.low[j] == "on" || f.low[j] == "last" || f.low[j] == "this" || f.low[j] == "early" || f.low[j] == "late") {
			j--
		}
		j = f.skipAux(j)
	}
	// a comma before the verb closes an appositive ("..., Sefin Dizayi,
	// said", "Smith, a spokesman for X, said"), a relative clause ("Smith,
	// who ..., said") or a clause ("X did Y, then says ...")
	if j > 0 && toks[j].Text == "," {
		o := j - 1
		for o >= 0 && toks[o].Text != "," && !f.isPunct(o) {
			o--
		}
		seg := o + 1
		switch {
		case o >= 0 && toks[o].Text == "," && (relatives[f.low[seg]] || determiners[f.low[seg]] || !isUpper(toks[seg].Text)):
			// "Smith, a spokesman for X, said": the noun before the appositive
			a, ok := f.npLeft(o - 1)
			if !ok {
				return 0, false
			}
			end := j - 1
			if relatives[f.low[seg]] {
				end = o - 1
			}
			c.spStart, c.spEnd, c.spHead = toks[a].Start, toks[end].End, f.headEnd(a, o-1)
			return a, true
		case j-seg >= 7 || (seg < j && !isUpper(toks[seg].Text) && !determiners[f.low[seg]]):
			// a clause: the sentence's subject speaks
			if f.copySpeaker(c) || f.subject(c, seg) {
				return j, true
			}
			return 0, false
		}
		j--
	}
	if j < 0 {
		return 0, false
	}
	// "The World Health Organization (WHO) said": the name before its
	// acronym speaks
	if toks[j].Text == ")" {
		o := j - 1
		for o >= 0 && j-o <= 4 && toks[o].Text != "(" {
			o--
		}
		if o >= 1 && j-o >= 2 && j-o <= 4 && toks[o].Text == "(" && isUpper(toks[o+1].Text) {
			j = o - 1
		}
	}
	w := f.low[j]
	switch {
	case w == "and" || w == "but":
		// "denied ... and said that": the same speaker
		if f.copySpeaker(c) || f.subject(c, j) {
			return j, true
		}
		return 0, false
	case relatives[w]:
		m := j - 1
		if m >= 0 && toks[m].Text == "," {
			m--
		}
		for m >= 0 && (npStop[f.low[m]] || auxSkip[f.low[m]] || isParticiple(toks[m].Text)) && !relatives[f.low[m]] && toks[m].Kind == text.Word {
			m--
		}
		a, ok := f.npLeft(m)
		if !ok {
			return 0, false
		}
		c.spStart, c.spEnd, c.spHead = toks[a].Start, toks[m].End, f.headEnd(a, m)
		return j, true
	case pronouns[w]:
		c.spStart, c.spEnd, c.spHead, c.pron = toks[j].Start, toks[j].End, toks[j].End, true
		return j, true
	}
	a, ok := f.npLeft(j)
	if !ok {
		return 0, false
	}
	c.spStart, c.spEnd, c.spHead = toks[a].Start, toks[j].End, f.headEnd(a, j)
	return a, true
}

// isParticiple reports whether a lower-case word looks like a past
// participle ("issued", "taken").
func isParticiple(w string) bool {
	return !isUpper(w) && lexicon.IsParticiple(w)
}

func (f *finder) skipAux(j int) int {
	for j >= 0 && f.toks[j].Kind == text.Word && (auxSkip[f.low[j]] || (len(f.low[j]) > 4 && strings.HasSuffix(f.low[j], "ly") && !isUpper(f.toks[j].Text))) {
		j--
	}
	return j
}

// nounish reports whether token k may be part of a noun phrase.
func (f *finder) nounish(k int) bool {
	if k < 0 || k >= len(f.toks) {
		return false
	}
	t := f.toks[k]
	switch t.Kind {
	case text.Word, text.Number:
	case text.Symbol:
		return t.Text == "&"
	default:
		return false
	}
	w := f.low[k]
	if npStop[w] || prepositions[w] {
		return false
	}
	if v, ok := verbs[w]; ok && !isUpper(t.Text) && v.Lemma != w {
		return false // "said", "told": not a noun ("report", "statement" are)
	}
	return true
}

// npLeft walks back from token j, the last word of a noun phrase, and
// returns the phrase's first token.
func (f *finder) npLeft(j int) (int, bool) {
	if !f.nounish(j) || pronouns[f.word(j)] || determiners[f.word(j)] {
		return 0, false
	}
	i := j
	count := 0
	for i >= 0 && j-i < 14 {
		w := f.low[i]
		if cardinals[w] && count > 0 && i > 0 && determiners[f.low[i-1]] {
			i-- // "the two sides": the number belongs to the phrase
			continue
		}
		if determiners[w] && count > 0 {
			i--
			if i > 0 && npPreps[f.low[i]] && f.nounish(i-1) && !determiners[f.low[i-1]] {
				i--
				continue
			}
			break
		}
		if w == "and" && count > 0 && i > 0 && isUpper(f.toks[i-1].Text) && isUpper(f.toks[i+1].Text) {
			i--
			continue
		}
		if npPreps[w] && count > 0 && i > 0 && f.nounish(i-1) && !determiners[f.low[i-1]] {
			i--
			continue
		}
		if !f.nounish(i) || pronouns[w] {
			break
		}
		if strings.HasSuffix(w, "ed") && !isUpper(f.toks[i].Text) && !(i > 0 && (determiners[f.low[i-1]] || f.toks[i-1].Kind == text.Number)) {
			break
		}
		count++
		i--
	}
	a := i + 1
	for a <= j && (npPreps[f.low[a]] || f.low[a] == "and") {
		a++
	}
	if a > j {
		return 0, false
	}
	return a, true
}

// npRight reads a noun phrase that starts at token i and returns its first
// and last tokens.
func (f *finder) npRight(i int) (int, int, bool) {
	n := len(f.toks)
	if i >= n {
		return 0, 0, false
	}
	if pronouns[f.low[i]] {
		return i, i, true
	}
	j := i
	if determiners[f.low[j]] {
		j++
	}
	last := -1
	for j < n && j-i < 14 {
		w := f.low[j]
		if (npPreps[w] || w == "by") && last >= 0 && j+1 < n && (f.nounish(j+1) || determiners[f.low[j+1]]) {
			j++
			if determiners[f.low[j]] {
				j++
			}
			continue
		}
		if w == "and" && last >= 0 && j+1 < n && isUpper(f.toks[j-1].Text) && isUpper(f.toks[j+1].Text) {
			j++
			continue
		}
		if !f.nounish(j) || determiners[w] || (last >= 0 && !isUpper(f.toks[j].Text) && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly"))) {
			break
		}
		last = j
		j++
	}
	if last < 0 {
		return 0, 0, false
	}
	return i, last, true
}

// headEnd returns the byte offset where the head part of the noun phrase
// a..b ends: before its first preposition or conjunction.
func (f *finder) headEnd(a, b int) int {
	for k := a + 1; k <= b; k++ {
		if npPreps[f.low[k]] || f.low[k] == "and" || f.low[k] == "by" {
			return f.toks[k-1].End
		}
	}
	return f.toks[b].End
}

// contentAfter finds the content that follows the verb at k.
func (f *finder) contentAfter(k int, v verbForm) (int, int, bool) {
	toks := f.toks
	n := len(toks)
	i := k + 1
	if i >= n {
		return 0, 0, false
	}
	// `said: "..."`, `said, "..."`
	if toks[i].Text == ":" || (toks[i].Text == "," && i+1 < n && toks[i+1].Kind == text.Quote) || toks[i].Kind == text.Quote {
		if q := f.spanFrom(toks[i].Start); q != nil {
			return q.Open, q.End, true
		}
		if toks[i].Text == ":" && i+1 < n {
			return toks[i+1].Start, f.contentEnd(i + 1), true
		}
		return 0, 0, false
	}
	if f.low[i] == "that" {
		if i+1 >= n {
			return 0, 0, false
		}
		return toks[i+1].Start, f.contentEnd(i + 1), true
	}
	// "that" after a hearer or a phrase: "told Al Jazeera that", "said in a
	// statement on Monday that", "pointed out that"
	for m := i; m < n && m < i+12; m++ {
		if f.low[m] == "that" {
			if m+1 < n && (m == i || !v.Weak && (v.Obj || prepositions[f.low[i]] || timeWords[f.low[i]] || m-i <= 2)) {
				return toks[m+1].Start, f.contentEnd(m + 1), true
			}
			break
		}
		if toks[m].Kind != text.Word && toks[m].Kind != text.Number && toks[m].Text != "-" {
			if toks[m].Text == ":" && m+1 < n {
				if q := f.spanFrom(toks[m].End); q != nil {
					return q.Open, q.End, true
				}
			}
			break
		}
		if _, isVerb := verbs[f.low[m]]; isVerb && m > i {
			break
		}
	}
	if v.Weak {
		return 0, 0, false
	}
	if v.Obj {
		// "told reporters the plan would fail"
		m := i
		if determiners[f.low[m]] {
			m++
		}
		for m < n && m < i+4 && f.nounish(m) && isUpper(toks[m].Text) {
			m++
		}
		if m == i || (m < n && !isUpper(toks[m-1].Text)) {
			m++
		}
		i = m
		if i >= n || f.isPunct(i) {
			return 0, 0, false
		}
	}
	// zero "that": "said his administration is committed", "announced
	// today the injury of ...", "denied monitoring ..."
	for i < n && (timeWords[f.low[i]] || ((f.low[i] == "on" || f.low[i] == "last" || f.low[i] == "this") && i+1 < n && timeWords[f.low[i+1]])) {
		i++
	}
	if i < n && whWords[f.low[i]] && v.Lemma != "say" || i < n && subordinators[f.low[i]] {
		if n-i >= 5 {
			return toks[i].Start, f.contentEnd(i), true
		}
		return 0, 0, false
	}
	// "said more than 100 people died", "at least 12 soldiers": a count
	// opens the reported clause
	count := i+1 < n && ((f.low[i] == "more" || f.low[i] == "fewer" || f.low[i] == "less") && f.low[i+1] == "than" ||
		f.low[i] == "at" && (f.low[i+1] == "least" || f.low[i+1] == "most") || f.low[i] == "up" && f.low[i+1] == "to")
	if !count {
		if i >= n || f.isPunct(i) || prepositions[f.low[i]] || npStop[f.low[i]] && f.low[i] != "there" && f.low[i] != "it" {
			return 0, 0, false
		}
		switch f.low[i] {
		case "so", "nothing", "yes", "no", "something", "anything", "this", "more", "much":
			return 0, 0, false
		}
	}
	words := 0
	for m := i; m < n; m++ {
		if toks[m].Kind == text.Word || toks[m].Kind == text.Number {
			words++
		}
	}
	if words < 3 {
		return 0, 0, false
	}
	ce := f.contentEnd(i)
	if !v.NP && !f.hasFinite(i, ce) {
		return 0, 0, false // "maintains a commanding lock": no clause
	}
	return toks[i].Start, ce, true
}

// hasFinite reports whether the tokens from i up to byte offset end hold a
// finite verb: an auxiliary, a past form, or a present form after its
// subject ("he wants", "Iraq needs").
func (f *finder) hasFinite(i, end int) bool {
	for m := i; m < len(f.toks) && f.toks[m].Start < end; m++ {
		w := f.low[m]
		if finite[w] {
			return true
		}
		if m == i || isUpper(f.toks[m].Text) || f.toks[m].Kind != text.Word || len(w) < 3 {
			continue
		}
		if strings.HasSuffix(w, "ed") {
			return true
		}
		if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
			p := f.low[m-1]
			if pronouns[p] || isUpper(f.toks[m-1].Text) || auxSkip[p] || p == "longer" {
				return true
			}
		}
	}
	return false
}

// spanFrom returns the quotation that opens at off, after spaces.
func (f *finder) spanFrom(off int) *reporting.Span {
	for off < len(f.s) && (f.s[off] == ' ' || f.s[off] == '\n' || f.s[off] == ',' || f.s[off] == ':') {
		off++
	}
	q := f.qs.At(off)
	if q == nil || q.Open != off {
		return nil
	}
	return q
}

// contentEnd returns where content starting at token from ends: the end of
// the sentence, or before ", adding that ...", ", and that ...", ";"; and
// past the sentence when a quotation opened inside runs on.
func (f *finder) contentEnd(from int) int {
	toks := f.toks
	n := len(toks)
	end := n
	for m := from; m < n; m++ {
		if toks[m].Text == ";" {
			end = m
			break
		}
		if toks[m].Text == "," && m+1 < n {
			nx := f.low[m+1]
			if isIngCue(nx) || (nx == "according" && m+2 < n && f.low[m+2] == "to") {
				end = m
				break
			}
			if v, ok := verbs[nx]; ok && !v.Ing && nx != v.Lemma && m > from+2 {
				end = m // "X, who said ..., said ..."
				break
			}
			if nx == "and" && m+2 < n {
				if v, ok := verbs[f.low[m+2]]; f.low[m+2] == "that" || (ok && !v.Ing) {
					end = m
					break
				}
			}
		}
		if f.low[m] == "and" && m > from && m+1 < n && f.low[m+1] == "that" && toks[m-1].Text != "," {
			end = m
			break
		}
	}
	if end == 0 || end <= from {
		return toks[from].End
	}
	ce := toks[end-1].End
	if end == n {
		ce = f.sentEnd()
	}
	cs := toks[from].Start
	// a quotation opened inside the content and running past it
	for _, q := range f.qs.After(cs) {
		if q.Open >= ce {
			break
		}
		if q.Open >= cs && q.End > ce {
			ce = q.End
		}
	}
	return ce
}

// contentBefore returns the content that ends at token b (a comma or a
// closing quotation mark before the speaker or the verb).
func (f *finder) contentBefore(b int) (int, int, bool) {
	toks := f.toks
	for m := b; m >= 0 && m >= b-1; m-- {
		if toks[m].Kind == text.Quote {
			if q := f.qs.At(toks[m].Start); q != nil && q.CloseAt == toks[m].Start {
				return q.Open, q.End, true
			}
		}
	}
	if b < 4 {
		return 0, 0, false
	}
	cs := f.sentStart()
	// skip a quotation's continuation: the sentence may open inside one
	return cs, toks[b].Start, true
}

// according reads "according to X": the content is the rest of the
// sentence when the phrase opens it, else what comes before.
func (f *finder) according(k int) {
	toks := f.toks
	n := len(toks)
	a, b, ok := f.npRight(k + 2)
	if !ok {
		return
	}
	c := cand{cueStart: toks[k].Start, cueEnd: toks[k+1].End, cue: "according to",
		spStart: toks[a].Start, spEnd: toks[b].End, spHead: f.headEnd(a, b), pron: a == b && pronouns[f.low[a]]}
	if k == 0 || (k == 1 && toks[0].Kind == text.Quote) {
		m := b + 1
		for m < n && m < k+30 && toks[m].Text != "," {
			m++
		}
		if m+1 < n && toks[m].Text == "," {
			c.start, c.end = toks[m+1].Start, f.contentEnd(m+1)
			f.add(c)
		}
		return
	}
	if k < 3 {
		return
	}
	cs, ce := f.sentStart(), toks[k].Start
	if b+1 < n && toks[b+1].Text == "," && b+2 < n && toks[b+2].Kind == text.Word && !relatives[f.low[b+2]] {
		ce = f.sentEnd() // "The plan, according to X, will fail."
	}
	if k > 0 && toks[k-1].Kind == text.Quote {
		if q := f.qs.At(toks[k-1].Start); q != nil && q.CloseAt == toks[k-1].Start {
			cs, ce = q.Open, q.End
		}
	}
	c.start, c.end = cs, ce
	f.add(c)
}

// colon reads a headline's or a sentence's "Name: what they said", where
// Name is one to five capitalized words opening the sentence.
func (f *finder) colon() {
	toks := f.toks
	n := len(toks)
	k := 0
	for k < n && k < 6 && toks[k].Text != ":" {
		if !isUpper(toks[k].Text) || (toks[k].Kind != text.Word && toks[k].Kind != text.Number) {
			return
		}
		k++
	}
	if k == 0 || k >= n-3 || toks[k].Text != ":" || notSpeakers[f.low[0]] {
		return
	}
	c := cand{cueStart: toks[k].Start, cueEnd: toks[k].End, cue: ":",
		spStart: toks[0].Start, spEnd: toks[k-1].End, spHead: toks[k-1].End, pron: k == 1 && pronouns[f.low[0]]}
	c.start, c.end = toks[k+1].Start, f.contentEnd(k+1)
	if q := f.spanFrom(toks[k].End); q != nil {
		c.start, c.end = q.Open, q.End
	}
	f.add(c)
}

// notSpeakers are words that open "Word: ..." lines without naming a speaker.
var notSpeakers = lexicon.Words("quote.not-speakers")

// leftovers attributes a quotation that opens a sentence, found no cue of
// its own and follows an attributed quote in the sentence or paragraph
// before: the second half of `"...," he said. "..."` and quotes that go on
// over paragraphs.
func (f *finder) leftovers() {
	found := len(f.cands) // found sentence by sentence: in sentence order
	cover := newCoverage(f.cands)
	for _, q := range f.qs.All() {
		if words(f.s[q.Inner:q.CloseAt]) < 4 || cover.overlaps(q.Inner, q.CloseAt) {
			continue
		}
		si := f.a.SentenceAt(q.Open)
		if si < 0 || f.a.Sentences[si].Start != q.Open {
			continue
		}
		prev := f.lastDirect(0, found, si, q.Open)
		if p := f.lastDirect(found, len(f.cands), si, q.Open); p != nil && (prev == nil || p.end > prev.end) {
			prev = p
		}
		if prev == nil || f.a.Sentences[prev.sent].Paragraph < f.a.Sentences[si].Paragraph-1 {
			continue
		}
		c := *prev
		f.si = si
		c.start, c.end = q.Open, q.End
		n := len(f.cands)
		f.add(c)
		if len(f.cands) > n {
			cover.add(f.cands[n].start, f.cands[n].end)
		}
	}
}

// lastDirect returns, among the candidates f.cands[from:to] (in sentence
// order), the direct one of the two sentences before si that ends last at
// or before off, or nil.
func (f *finder) lastDirect(from, to, si, off int) *cand {
	cs := f.cands[from:to]
	i := sort.Search(len(cs), func(i int) bool { return cs[i].sent >= si-2 })
	var prev *cand
	for ; i < len(cs) && cs[i].sent < si; i++ {
		c := &cs[i]
		if c.end <= off && c.direct && (prev == nil || c.end > prev.end) {
			prev = c
		}
	}
	return prev
}

// coverage tells whether any of a set of byte ranges overlaps a range: the
// ranges sorted by start with the running maximum of their ends.
type coverage struct {
	start, maxEnd []int
}

// newCoverage indexes the ranges of cands.
func newCoverage(cands []cand) *coverage {
	rs := make([][2]int, len(cands))
	for i, c := range cands {
		rs[i] = [2]int{c.start, c.end}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	cv := &coverage{}
	for _, r := range rs {
		cv.add(r[0], r[1])
	}
	return cv
}

// add adds the range [start, end); a range that starts before the last one
// added is taken to start with it (ranges come in order of start).
func (cv *coverage) add(start, end int) {
	n := len(cv.start)
	if n > 0 {
		start = max(start, cv.start[n-1])
		end = max(end, cv.maxEnd[n-1])
	}
	cv.start = append(cv.start, start)
	cv.maxEnd = append(cv.maxEnd, end)
}

// overlaps reports whether a range overlaps [lo, hi).
func (cv *coverage) overlaps(lo, hi int) bool {
	i := sort.SearchInts(cv.start, hi) // ranges starting before hi: [0, i)
	return i > 0 && cv.maxEnd[i-1] > lo
}

func words(s string) int { return len(strings.Fields(s)) }

// finish orders the candidates, resolves their speakers and returns them
// as quotes.
func (f *finder) finish() []sitrep.Quote {
	sort.SliceStable(f.cands, func(i, j int) bool { return f.cands[i].start < f.cands[j].start })
	f.resolve()
	out := make([]sitrep.Quote, 0, len(f.cands))
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
		out = append(out, q)
	}
	return out
}

// actObjects after a reporting verb make it an act rather than speech:
// "claimed responsibility", "announced a ceasefire" stays speech, but
// "denied entry" and "claimed credit" do not report words.
var actObjects = lexicon.Words("quote.act-objects")
