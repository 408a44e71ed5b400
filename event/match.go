package event

import (
	"maps"
	"strings"

	"sitrep/lexicon"
	"sitrep/text"
)

// hit is one pattern matched in a sentence.
type hit struct {
	p          *Pattern
	start, end int    // token range of the trigger phrase
	head       int    // token index of the trigger word
	src, tgt   int    // actor index set by a pattern slot, else -1
	comp       int    // compound slot actor, else -1
	objFrom    int    // for a noun subject of a verb: where the verb's object starts
	learned    bool   // the coder chose the trigger (and code)
	mode       string // the coder's mode, "" for the modality rule
	acled      string // the coder's ACLED sub-event type, "" for none
	usable     bool   // the trigger is used as its pattern's kind (verb or noun), for the coder's features
}

// sent is one sentence being coded.
type sent struct {
	idx   int
	toks  []text.Token
	words *docWords    // the document's
	facts []*wordFacts // by token: its word's
	low   []string
	brk   []bool // the token ends a clause (it is a clause break)
	// actors are the rules' actors sorted by start (ruled() of them), then
	// the person nouns only the participant rankers read
	actors  []actor
	nRuled  int
	actAt   []int        // token -> actor index of a rules' actor, or -1
	verbAt  []bool       // a verb trigger is at the token
	isPlace map[int]bool // entity indexes that are geocoded places
	// hazardAt holds the byte starts of mentions of named hazards (storms)
	hazardAt map[int]bool
	// datelineEnd is the token after a dateline's dash ("DAKAR, March 25
	// (AFP) -"), 0 when the sentence has none
	datelineEnd int
	lastSrc     int // source actor of the last verb coded
	prevSrc     int // the coder's source of the event before, -1 for none
	// the coder and the sentence's features, when the coder codes it
	coder *Coder
	fx    *features
}

// clauseWords open another clause: the clause stops of the modal words
// (lexicon/data/modality.tsv) and event.clause-words.
var clauseWords = func() map[string]bool {
	m := lexicon.Words("event.clause-words")
	if mw, err := lexicon.LoadModalWords(); err == nil { // Stage.Run returns the error
		maps.Copy(m, mw.ClauseStops)
	}
	return m
}()

// newSent builds sentence idx of tokens toks for coding, with words of
// its own.
func newSent(idx int, toks []text.Token) *sent {
	return newDocWords(nil, nil, 0).sentence(idx, toks)
}

// findBreaks marks the tokens that end a clause, and the dateline's end.
func (s *sent) findBreaks() {
	toks := s.toks
	for i, w := range s.low {
		switch {
		case w == "(" || w == ")":
			// a name's acronym in brackets does not end the clause: "The
			// Syrian Democratic Forces (SDF) said"
			s.brk[i] = !nameInBrackets(toks, i)
		case w == ";" || w == ":" || w == "." || w == "?" || w == "!":
			s.brk[i] = true
		case (w == "-" || w == "—" || w == "–" || w == "--") && i > 0 && i < 10 && (toks[i-1].Kind == text.Number || strings.ToUpper(toks[i-1].Text) == toks[i-1].Text):
			// a dateline: "DHAKA, Aug. 3 -", "GENEVA -"
			s.brk[i] = true
			if s.datelineEnd == 0 {
				s.datelineEnd = i + 1
			}
		case s.fact(i).clauseWord:
			s.brk[i] = true
		case w == "," && i+1 < len(s.low):
			n := s.low[i+1]
			if n == "and" || n == "but" || n == "while" || n == "which" || n == "who" ||
				(strings.HasSuffix(n, "ing") && len(n) > 5) {
				s.brk[i] = true
			}
		}
	}
}

// nameInBrackets reports whether the bracket at i opens or closes one to
// three capitalized words right after a name: "(SDF)", "(Cosatu)", "(ELN)".
func nameInBrackets(toks []text.Token, i int) bool {
	open, close := i, i
	if toks[i].Text == "(" {
		for close = i + 1; close < len(toks) && close-i <= 4 && toks[close].Text != ")"; close++ {
		}
	} else {
		for open = i - 1; open >= 0 && i-open <= 4 && toks[open].Text != "("; open-- {
		}
	}
	if open < 1 || close >= len(toks) || toks[open].Text != "(" || toks[close].Text != ")" || close-open < 2 || close-open > 4 {
		return false
	}
	if !capitalized(toks[open-1].Text) {
		return false
	}
	for k := open + 1; k < close; k++ {
		if toks[k].Kind != text.Word || !capitalized(toks[k].Text) {
			return false
		}
	}
	return true
}

// clause returns the token range [lo, hi) of the clause holding token i.
func (s *sent) clause(i int) (lo, hi int) {
	lo = i
	for lo > 0 && !s.brk[lo-1] {
		lo--
	}
	hi = i + 1
	for hi < len(s.toks) && !s.brk[hi] {
		hi++
	}
	return lo, hi
}

// matchAt tries pattern p with its trigger at token i; end is the token
// after the match, or -1.
func (s *sent) matchAt(p *Pattern, i int) (h hit, ok bool) {
	h = hit{p: p, src: -1, tgt: -1, comp: -1, head: i, start: i}
	end := -1
	for _, alt := range p.head.alts {
		if e := s.seqAt(alt, i); e > end {
			end = e
		}
	}
	if end < 0 {
		return h, false
	}
	pos := end
	mg := p.MaxGap
	if mg == 0 {
		mg = maxGap
	}
	for _, e := range p.post {
		np := -1
		for skip := 0; skip <= mg && pos+skip <= len(s.toks); skip++ {
			if skip > 0 && (!e.gap || (s.brk[pos+skip-1] || s.low[pos+skip-1] == ",") && !(p.dictionary && clauseWords[s.low[pos+skip-1]])) {
				break
			}
			if n, a := s.elemAt(e, pos+skip); n >= 0 {
				np = n
				h.fill(e.slot, a)
				break
			}
		}
		if np < 0 {
			return h, false
		}
		pos = np
	}
	h.end = pos
	// words before the trigger, nearest first
	pos = i
	for _, e := range p.pre {
		np := -1
		for skip := 0; skip <= mg && pos-skip > 0; skip++ {
			if skip > 0 && (!e.gap || s.brk[pos-skip]) {
				break
			}
			if st, a := s.elemBefore(e, pos-skip); st >= 0 {
				np = st
				h.fill(e.slot, a)
				break
			}
		}
		if np < 0 {
			return h, false
		}
		pos = np
		h.start = pos
	}
	return h, true
}

// seqAt matches words at i; it returns the token after them or -1.
func (s *sent) seqAt(words []string, i int) int {
	if i+len(words) > len(s.low) {
		return -1
	}
	for k, w := range words {
		if s.low[i+k] != w {
			return -1
		}
	}
	return i + len(words)
}

func (s *sent) elemAt(e elem, i int) (end, act int) {
	if e.any {
		if i < len(s.toks) {
			return i + 1, -1
		}
		return -1, -1
	}
	if e.slot != slotNone {
		if i < len(s.actAt) && s.actAt[i] >= 0 && s.actors[s.actAt[i]].start == i {
			a := s.actAt[i]
			return s.actors[a].end, a
		}
		return -1, -1
	}
	best := -1
	for _, alt := range e.alts {
		if n := s.seqAt(alt, i); n > best {
			best = n
		}
	}
	return best, -1
}

// elemBefore matches e ending just before token i; it returns its start.
func (s *sent) elemBefore(e elem, i int) (start, act int) {
	if e.any {
		if i > 0 {
			return i - 1, -1
		}
		return -1, -1
	}
	if e.slot != slotNone {
		if i > 0 && s.actAt[i-1] >= 0 && s.actors[s.actAt[i-1]].end == i {
			a := s.actAt[i-1]
			return s.actors[a].start, a
		}
		return -1, -1
	}
	best := -1
	for _, alt := range e.alts {
		if st := i - len(alt); st >= 0 && s.seqAt(alt, st) == i && (best < 0 || st < best) {
			best = st
		}
	}
	return best, -1
}

// fill puts actor a in the hit's slot.
func (h *hit) fill(slot byte, a int) {
	switch slot {
	case slotSource:
		h.src = a
	case slotTarget:
		h.tgt = a
	case slotCompound:
		h.comp = a
	}
}
