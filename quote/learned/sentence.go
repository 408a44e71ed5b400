package learned

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep/entity/ner"
	"sitrep/quote/learn"
	"sitrep/text"
)

// sentence holds what the models read of one sentence's tokens: their
// lower-case forms, entity types, whether they stand inside quotation
// marks, their word clusters (found when first asked for) and whether
// they may be cues.
type sentence struct {
	si      int
	toks    []text.Token
	low     []string // the lower-case form of a known word, else the token as written
	ent     []string // entity type of the mention holding the token, "" when none
	entLast []bool   // the token ends a mention
	inQ     []bool   // inside quotation marks
	cand    []bool   // a cue candidate
	cl      [][2]uint32
	clDone  []bool
	words   []int    // words[k]: the word and number tokens before token k
	wh      []uint32 // hash of the token in lower case
	cls     []uint16 // word classes (wPronoun, ...)
	// filled by index, once the above are:
	kind []string // entity type, "PRON" for a pronoun, or ""
	pre  []counts // pre[k]: counts of the tokens before token k
	head []bool   // the token may head a source's noun phrase
	subj int      // the head of the sentence's subject, -1 when not found
}

// counts counts kinds of tokens: clause punctuation (comma, semicolon,
// colon), quotation marks, "that", cue candidates, and words that cannot
// stand between a subject and its verb (all but auxiliaries, adverbs and
// time words).
type counts struct {
	commas, quotes, thats, cands, stops, heads int32
}

// sub returns c less o.
func (c counts) sub(o counts) counts {
	return counts{c.commas - o.commas, c.quotes - o.quotes, c.thats - o.thats, c.cands - o.cands, c.stops - o.stops, c.heads - o.heads}
}

// emptyWord is the hash of a word outside the sentence.
var emptyWord = learn.New(0).Str("").Sum()

// index fills wh, kind and pre from the tokens, their lower-case forms,
// entity types and cue candidates.
func (s *sentence) index() {
	n := len(s.toks)
	s.kind = resize(s.kind, n)
	s.head = resize(s.head, n)
	s.pre = resize(s.pre, n+1)
	var c counts
	for k, t := range s.toks {
		w, cl := s.low[k], s.cls[k]
		switch {
		case s.ent[k] != "":
			s.kind[k] = s.ent[k]
		case cl&wPronoun != 0:
			s.kind[k] = "PRON"
		default:
			s.kind[k] = ""
		}
		s.pre[k] = c
		switch {
		case w == "," || w == ";" || w == ":":
			c.commas++
		case t.Kind == text.Quote:
			c.quotes++
		case w == "that":
			c.thats++
		}
		if s.cand[k] {
			c.cands++
		}
		if cl&(wAux|wTime) == 0 && !(len(w) > 4 && strings.HasSuffix(w, "ly")) {
			c.stops++
		}
		s.head[k] = canHead(s, k)
		if s.head[k] {
			c.heads++
		}
	}
	s.pre[n] = c
	s.subj = sentenceSubject(s)
}

// between returns the counts of tokens a..b-1.
func (s *sentence) between(a, b int) counts { return s.pre[b].sub(s.pre[a]) }

// hash returns the hash of the lower-case token k (of "" outside the
// sentence).
func (s *sentence) hash(k int) int {
	if k < 0 || k >= len(s.toks) {
		return int(emptyWord)
	}
	return int(s.wh[k])
}

// kindOf returns the entity type of token k, "PRON" for a pronoun, "" for
// neither, "-" outside the sentence.
func (s *sentence) kindOf(k int) string {
	if k < 0 || k >= len(s.toks) {
		return "-"
	}
	return s.kind[k]
}

// reset prepares s for the tokens of sentence si, reusing its buffers.
func (s *sentence) reset(si int, toks []text.Token) {
	s.si, s.toks = si, toks
	n := len(toks)
	s.low = resize(s.low, n)
	s.wh = resize(s.wh, n)
	s.cls = resize(s.cls, n)
	s.ent = resize(s.ent, n)
	s.entLast = resize(s.entLast, n)
	s.inQ = resize(s.inQ, n)
	s.cand = resize(s.cand, n)
	s.cl = resize(s.cl, n)
	s.clDone = resize(s.clDone, n)
	clear(s.ent)
	clear(s.entLast)
	clear(s.inQ)
	clear(s.cand)
	clear(s.clDone)
	s.words = resize(s.words, n+1)
	c := 0
	for k, t := range toks {
		s.words[k] = c
		if t.Kind == text.Word || t.Kind == text.Number {
			c++
		}
	}
	s.words[n] = c
}

// forget drops s's references to its document's text, keeping its
// buffers.
func (s *sentence) forget() {
	s.toks = nil
	clear(s.low[:cap(s.low)])
	clear(s.ent[:cap(s.ent)])
	clear(s.kind[:cap(s.kind)])
}

// wordsBefore returns how many word and number tokens stand before token
// k (0 <= k <= len(toks)).
func (s *sentence) wordsBefore(k int) int { return s.words[k] }

// tokenStarting returns the index of the first token that starts at or
// after byte offset off (len(toks) when none does).
func (s *sentence) tokenStarting(off int) int {
	lo, hi := 0, len(s.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if s.toks[m].Start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// resize returns b with length n, reusing its array when it is big
// enough.
func resize[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// lowerAll fills s.low with every token in lower case, except an acronym
// in capitals ("WHO", "US") outside a headline written in capitals: how
// training counts words.
func (s *sentence) lowerAll() {
	headline := text.AllCapsSentence(s.toks)
	for k, t := range s.toks {
		if len(t.Text) >= 2 && !headline && allCaps(t.Text) {
			s.low[k] = t.Text
			continue
		}
		s.low[k] = strings.ToLower(t.Text)
	}
}

// word returns the lower-case token k, or "" outside the sentence.
func (s *sentence) word(k int) string {
	if k < 0 || k >= len(s.toks) {
		return ""
	}
	return s.low[k]
}

// clusters returns the word clusters (levels 1 and 2) of token k.
func (s *sentence) clusters(k int) (uint32, uint32) {
	if k < 0 || k >= len(s.toks) {
		return 0, 0
	}
	if !s.clDone[k] {
		a, b := ner.Clusters(strings.ToLower(s.toks[k].Text))
		s.cl[k], s.clDone[k] = [2]uint32{a, b}, true
	}
	return s.cl[k][0], s.cl[k][1]
}

// isPunct reports whether token k is punctuation or a quotation mark.
func (s *sentence) isPunct(k int) bool {
	return k >= 0 && k < len(s.toks) && (s.toks[k].Kind == text.Punct || s.toks[k].Kind == text.Quote)
}

// tokenAt returns the index of the first token that ends after byte
// offset off (len(toks) when none does).
func (s *sentence) tokenAt(off int) int {
	lo, hi := 0, len(s.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if s.toks[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// allCaps reports whether w has letters and no lower-case one.
func allCaps(w string) bool {
	letter := false
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letter = true
		}
	}
	return letter
}

// shape sums up a token's letters: "X" all capitals, "Xx" capitalized,
// "x" lower case, "9" a number, "." punctuation.
func shape(t text.Token) string {
	switch t.Kind {
	case text.Number:
		return "9"
	case text.Punct, text.Quote, text.Symbol:
		return "."
	}
	switch {
	case len(t.Text) > 1 && allCaps(t.Text):
		return "X"
	case isUpper(t.Text):
		return "Xx"
	}
	return "x"
}

// isUpper reports whether w starts with a capital letter.
func isUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
