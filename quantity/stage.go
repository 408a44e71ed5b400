package quantity

import (
	"context"
	"fmt"
	"strings"

	"sitrep"
	"sitrep/lexicon"
	"sitrep/quote/reporting"
	"sitrep/text"
)

// Stage is the pipeline stage that fills Document.Quantities. It runs after
// the when stage, whose spans it leaves alone, and reads entity mentions
// when an entity stage ran before it.
type Stage struct{}

// Name returns "quantity".
func (Stage) Name() string { return "quantity" }

// Run finds the quantities of every sentence and appends them to
// a.Doc.Quantities with ids Q1, Q2 ... in text order, byte offsets.
func (Stage) Run(ctx context.Context, a *text.Analysis) error {
	if err := lexicon.Check(); err != nil {
		return err
	}
	sc := scanner{doc: a.Doc, mentions: text.IndexMentions(a.Doc, nil)}
	if l := strings.ToLower(a.Doc.Text); len(l) == len(a.Doc.Text) {
		sc.lowDoc = l
	}
	ti := 0 // next time span to consider
	qs := a.Doc.Quantities[:0:0]
	qs = append(qs, a.Doc.Quantities...)
	n := len(qs)
	for si := range a.Sentences {
		if si%256 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("quantity: %w", err)
			}
		}
		st := &a.Sentences[si]
		if len(st.Tokens) == 0 {
			continue
		}
		for ti < len(a.Doc.Times) && a.Doc.Times[ti].End <= st.Start {
			ti++
		}
		sc.load(st.Tokens, a.Doc.Times[ti:], st.End)
		for _, f := range sc.scan() {
			n++
			q := sitrep.Quantity{ID: fmt.Sprintf("Q%d", n), Start: f.start, End: f.end,
				Text: a.Doc.Text[f.start:f.end], Value: f.value, Approximate: f.approx,
				Unit: f.unit, Casualty: f.casualty}
			q.Entity = sc.entity(f)
			qs = append(qs, q)
		}
	}
	a.Doc.Quantities = qs
	return nil
}

// Find returns the quantities of a plain text, byte offsets; it runs the
// when stage first so that dates and durations are left out.
func Find(txt string, times []sitrep.Time) []sitrep.Quantity {
	doc := sitrep.NewDocument(txt)
	doc.Times = times
	a := text.Analyze(doc)
	_ = Stage{}.Run(context.Background(), a)
	return doc.Quantities
}

type tok struct {
	start, end int
	raw, low   string
	kind       text.Kind
	cap        bool
	inTime     bool
}

type found struct {
	i, j       int // tokens [i,j)
	start, end int
	head       int // token of the counted noun, -1 when none
	value      float64
	approx     bool
	unit       string
	casualty   string
	money      bool
}

type scanner struct {
	doc      *sitrep.Document
	mentions *text.Mentions // the entity mentions, by start
	w        []tok
	lowDoc   string // the lower-cased document when it has the text's byte length
	out      []found
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

func (s *scanner) load(toks []text.Token, times []sitrep.Time, end int) {
	s.w = s.w[:0]
	k := 0
	for _, t := range toks {
		c := t.Text[0]
		w := tok{start: t.Start, end: t.End, raw: t.Text, kind: t.Kind, cap: c >= 'A' && c <= 'Z'}
		if s.lowDoc != "" {
			w.low = s.lowDoc[t.Start:t.End]
		} else if t.Kind == text.Word || t.Kind == text.Number {
			w.low = lower(t.Text)
		} else {
			w.low = t.Text
		}
		for k < len(times) && times[k].End <= t.Start {
			k++
		}
		if k < len(times) && times[k].Start < t.End && times[k].Start < end {
			w.inTime = true
		}
		s.w = append(s.w, w)
	}
}

func (s *scanner) low(i int) string {
	if i < 0 || i >= len(s.w) {
		return ""
	}
	return s.w[i].low
}

func (s *scanner) scan() []found {
	s.out = s.out[:0]
	for i := 0; i < len(s.w); {
		if !s.maybe(i) {
			i++
			continue
		}
		if f, ok := s.match(i); ok {
			s.casualties(&f)
			f.start, f.end = s.w[f.i].start, s.w[f.j-1].end
			s.out = append(s.out, f)
			i = f.j
			continue
		}
		i++
	}
	return s.out
}

// approxPrefixes make the number after them approximate.
var approxPrefixes = lexicon.Phrases("shared.approximators", "quantity.approximators")

var prefixStart = map[string]bool{}

func init() {
	for _, p := range approxPrefixes {
		prefixStart[p[0]] = true
	}
}

func (s *scanner) prefix(i int) int {
	if !prefixStart[s.low(i)] {
		return i
	}
	best := i
	for _, p := range approxPrefixes {
		ok := true
		for k, w := range p {
			if s.low(i+k) != w {
				ok = false
				break
			}
		}
		if ok && i+len(p) > best {
			best = i + len(p)
		}
	}
	return best
}

// currencies by symbol and by word (quantity.currency-words).
var currencySymbols = map[string]string{
	"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "c$": "CAD", "a$": "AUD",
}

var currencyWords = lexicon.Values("quantity.currency-words")

// maybe is the cheap test that token i may start a quantity.
func (s *scanner) maybe(i int) bool {
	w := &s.w[i]
	switch w.kind {
	case text.Number, text.Symbol:
		return true
	case text.Word:
		if prefixStart[w.low] || w.low == "a" || w.low == "an" || w.low == "tens" {
			return true
		}
		if _, ok := numberWord(w.low, ones); ok {
			return true
		}
		if _, ok := numberWord(w.low, vague); ok {
			return true
		}
		if h := strings.IndexByte(w.low, '-'); h > 0 {
			if _, ok := hyphenMeasure(w.low); ok {
				return true
			}
			if _, ok := groupSize(w.low); ok {
				return true
			}
			_, ok := numberWord(w.low[:h], ones)
			return ok
		}
		_, ok := currencySymbols[w.low]
		return ok
	}
	return false
}

type measure struct {
	value float64
	unit  string
}

// hyphenMeasure reads a number joined to its unit by a hyphen: "12-mile",
// "1,340-kilometer", "500-kilovolt", "2.5-tonne".
func hyphenMeasure(w string) (measure, bool) {
	v, unit, ok := hyphened(w, measureUnits)
	if !ok {
		return measure{}, false
	}
	return measure{v, lemma(unit)}, true
}

// measureUnits are units of measure that a number may be hyphened to.
var measureUnits = lexicon.Words("quantity.measure-units")

// groupSizes are the words a count is hyphened to that give a group's
// size ("3,000-strong", "99-man").
var groupSizes = lexicon.Words("quantity.group-sizes")

// groupSize reads a group's size written as a number hyphened to one of
// groupSizes: "3,000-strong" is 3000.
func groupSize(w string) (float64, bool) {
	v, _, ok := hyphened(w, groupSizes)
	return v, ok
}

// hyphened reads a number in digits hyphened to one of words ("12-mile"):
// the number and the word.
func hyphened(w string, words map[string]bool) (float64, string, bool) {
	h := strings.IndexByte(w, '-')
	if h <= 0 || !words[w[h+1:]] {
		return 0, "", false
	}
	v, ok := ParseDigits(w[:h])
	return v, w[h+1:], ok
}

// match tries a quantity at token i.
func (s *scanner) match(i int) (found, bool) {
	w := s.w[i]
	if w.inTime {
		return found{}, false
	}
	k := s.prefix(i)
	approx := k > i
	cur := ""
	if k < len(s.w) {
		if c, ok := currencySymbols[s.w[k].low]; ok && k+1 < len(s.w) {
			cur, k = c, k+1
		}
	}
	if k >= len(s.w) || s.w[k].inTime {
		return found{}, false
	}
	if m, ok := hyphenMeasure(s.w[k].low); ok && cur == "" {
		// "a 1,340-kilometer border", "a 500-kilovolt line"
		f := found{i: i, j: k + 1, value: m.value, approx: approx, head: -1, unit: m.unit}
		s.temperatureScale(&f)
		return f, true
	}
	if v, ok := groupSize(s.w[k].low); ok && cur == "" {
		// "a 3,000-strong militia": a count of the noun after
		f := found{i: i, j: k + 1, value: v, approx: approx, head: -1}
		s.noun(&f, k+1)
		return f, true
	}
	v, vagueN, e, ok := s.number(k)
	if !ok {
		return found{}, false
	}
	f := found{i: i, j: e, value: v, approx: approx || vagueN, head: -1}
	if cur != "" {
		f.unit, f.money = cur, true
	}
	// what follows the number
	switch nw := s.low(e); {
	case nw == "%" || nw == "percent" || nw == "pct":
		f.unit, f.j = "percent", e+1
		if s.low(e+1) == "points" || s.low(e+1) == "point" {
			f.unit, f.j = "percentage point", e+2
		}
	case nw == "per" && s.low(e+1) == "cent":
		f.unit, f.j = "percent", e+2
	case nw == "percentage" && (s.low(e+1) == "points" || s.low(e+1) == "point"):
		f.unit, f.j = "percentage point", e+2
	case currencyWords[nw] != "" && cur == "":
		f.unit, f.j, f.money = currencyWords[nw], e+1, true
	case f.unit == "":
		s.noun(&f, e)
	}
	s.temperatureScale(&f)
	switch {
	case s.low(f.j) == "or" && (s.low(f.j+1) == "more" || s.low(f.j+1) == "so"):
		f.approx = true
	case s.low(f.j) == "+" || s.low(f.j) == "-plus":
		f.approx = true
		f.j++
	}
	return f, true
}

// temperatureScale extends a quantity in degrees over the scale after it:
// "3 degrees Celsius", "a 2-degree Fahrenheit rise".
func (s *scanner) temperatureScale(f *found) {
	if f.unit != "degree" {
		return
	}
	switch w := s.low(f.j); w {
	case "celsius", "fahrenheit":
		f.unit += " " + w
		f.j++
	}
}

// number reads a number at k: digits with a scale word, number words,
// "dozens of", "tens of thousands". It returns the value, whether the
// number is vague, and the index after it.
func (s *scanner) number(k int) (float64, bool, int, bool) {
	w := s.w[k]
	lw := w.low
	if w.kind == text.Number {
		if strings.ContainsAny(lw, ":/") || len(lw) > 1 && lw[0] == '0' && !strings.HasPrefix(lw, "0.") {
			return 0, false, k, false
		}
		v, ok := ParseDigits(lw)
		if !ok || s.nameNumber(k) || s.age(k, v) {
			return 0, false, k, false
		}
		e := k + 1
		if sc, ok := numberWord(s.low(e), scales); ok && (len(s.low(e)) > 1) {
			v *= sc
			e++
			if sc2, ok := numberWord(s.low(e), scales); ok && sc2 > sc && len(s.low(e)) > 2 {
				v *= sc2
				e++
			}
		}
		if len(lw) == 4 && !strings.Contains(lw, ",") && !strings.Contains(lw, ".") && v >= 1900 && v <= 2099 && e == k+1 {
			// a year the time tagger left: only a count when a plural noun follows
			if n := s.low(e); !(len(n) > 3 && strings.HasSuffix(n, "s") && !s.w[e].cap) {
				return 0, false, k, false
			}
		}
		return v, false, e, true
	}
	if w.kind != text.Word {
		return 0, false, k, false
	}
	// vague plurals
	if vv, ok := numberWord(lw, vague); ok {
		if s.low(k+1) == "of" {
			if v2, ok := numberWord(s.low(k+2), vague); ok && lw != "dozens" && v2 > vv {
				e := k + 3
				if s.low(e) == "of" {
					e++
				}
				return vv * v2 / 2, true, e, true
			}
			return vv, true, k + 2, true
		}
		return 0, false, k, false
	}
	if lw == "tens" && s.low(k+1) == "of" {
		if sc, ok := numberWord(s.low(k+2), vague); ok {
			v := 10 * sc
			e := k + 3
			if s.low(e) == "of" {
				e++
			}
			return v, true, e, true
		}
	}
	if lw == "a" || lw == "an" {
		n := s.low(k + 1)
		if n == "dozen" || n == "hundred" || n == "thousand" || n == "million" || n == "billion" || n == "trillion" {
			v, _ := ParseWords("a " + n)
			e := k + 2
			if n == "dozen" && s.low(e) == "of" {
				e++
			}
			return v, false, e, true
		}
		return 0, false, k, false
	}
	if _, ok := numberWord(lw, ones); !ok {
		h := strings.IndexByte(lw, '-')
		if h <= 0 {
			return 0, false, k, false
		}
		if _, ok := numberWord(lw[:h], ones); !ok {
			return 0, false, k, false
		}
	}
	// gather number words: "two hundred and fifty thousand"
	e := k
	var parts []string
	for e < len(s.w) && len(parts) < 8 {
		t := s.low(e)
		if t == "and" && len(parts) > 0 {
			if _, ok := numberWord(s.low(e+1), ones); ok {
				parts = append(parts, t)
				e++
				continue
			}
			break
		}
		if _, ok := numberWord(t, ones); ok {
			parts = append(parts, t)
			e++
			continue
		}
		if sc, ok := numberWord(t, scales); ok && len(t) > 2 && sc >= 100 {
			parts = append(parts, t)
			e++
			continue
		}
		if t == "dozen" {
			parts = append(parts, t)
			e++
			continue
		}
		if strings.Contains(t, "-") {
			if _, ok := ParseWords(t); ok {
				parts = append(parts, t)
				e++
				continue
			}
		}
		break
	}
	if len(parts) == 0 {
		return 0, false, k, false
	}
	v, ok := ParseWords(strings.Join(parts, " "))
	if !ok {
		return 0, false, k, false
	}
	if parts[0] == "one" && len(parts) == 1 && !s.countingOne(k) {
		return 0, false, k, false
	}
	if parts[0] == "zero" {
		return 0, false, k, false
	}
	return v, false, e, true
}

// age reports whether the number at k is a person's age set off by commas:
// "Rashida Begum, 52, said".
func (s *scanner) age(k int, v float64) bool {
	if v >= 130 || v != float64(int(v)) || k < 2 || s.low(k-1) != "," || !s.w[k-2].cap {
		return false
	}
	n := s.low(k + 1)
	return n == "," || n == ")" || n == "." || n == ""
}

// countingOne tells "one of the soldiers", "one soldier" from the pronoun
// and the idioms ("no one", "one another", "the one"). "One of the X"
// counts only when the X are people ("one of the dead"): else it singles
// out a member of a set ("one of his golf courses", "one of two").
func (s *scanner) countingOne(k int) bool {
	switch s.low(k - 1) {
	case "the", "this", "that", "no", "any", "every", "each", "which", "a", "only", "last", "next", "another":
		return false
	}
	n := s.low(k + 1)
	if n == "of" {
		return s.peopleAfterOf(k + 2)
	}
	if k+1 >= len(s.w) || s.w[k+1].kind != text.Word || s.w[k+1].cap {
		return false
	}
	switch n {
	case "another", "day", "time", "way", "thing", "who", "which", "that", "is", "was", "has", "had", "does", "did",
		"can", "could", "would", "will", "should", "might", "must", "may", "said", "says", "in", "on", "at", "to",
		"by", "for", "and", "or", "more", "less", "hand", "side", "point", "reason", "too", "as", "if", "knows", "person":
		return n == "person"
	}
	return !s.anonymousSource(k + 2)
}

// anonymousSource reports whether the word at j, past an adverb, is a
// reporting verb: "one student said", "one analyst recently told" name
// an unnamed speaker, not a count.
func (s *scanner) anonymousSource(j int) bool {
	if strings.HasSuffix(s.low(j), "ly") {
		j++
	}
	v, ok := reporting.Verbs[s.low(j)]
	return ok && !v.Noun && !v.Ing
}

// peopleAfterOf reports whether the noun phrase at j, after "one of",
// counts people: its head (past a determiner or possessive) is a person
// noun, or "dead", "injured", "wounded".
func (s *scanner) peopleAfterOf(j int) bool {
	switch s.low(j) {
	case "the", "its", "their", "his", "her", "our", "those", "these", "your", "my":
		j++
	}
	if casualtyOf(s.low(j)) != "" {
		return true
	}
	h, _ := s.head(j, 2)
	return h >= 0 && (personLike(s.w[h].low) || groupNouns[lemma(s.w[h].low)])
}

// groupNouns name organized groups of people ("factions", "units").
var groupNouns = lexicon.Words("quantity.group-nouns")

// nameNumber reports whether the number at k belongs to a name: "Apollo
// 11", "Flight 17", "Resolution 1441", "No. 5".
func (s *scanner) nameNumber(k int) bool {
	if k == 0 {
		return false
	}
	p := s.w[k-1]
	if p.kind != text.Word || !p.cap {
		return p.low == "no." || p.low == "#"
	}
	if k-1 == 0 {
		// sentence-initial capital: a name only when it is one word before a number like "Apollo"
		switch p.low {
		case "about", "around", "nearly", "almost", "some", "over", "only", "just", "roughly", "approximately", "more", "at", "up", "as", "all", "another", "those", "these", "the", "in", "of", "with", "and", "but", "by", "for", "when", "after", "before", "since", "while":
			return false
		}
		return true
	}
	switch p.low {
	case "about", "around", "nearly", "almost", "some", "over":
		return false
	}
	return true
}

// noun reads the counted noun after the number at e: modifiers then a
// head, or "of its members".
func (s *scanner) noun(f *found, e int) {
	j := e
	if s.low(j) == "of" {
		k := j + 1
		switch s.low(k) {
		case "the", "its", "their", "his", "her", "our", "those", "these", "your", "my", "whom":
			k++
		case "them", "us", "which", "it":
			f.j = k + 1
			return
		}
		if h, end := s.head(k, f.value); h >= 0 {
			f.head, f.j = h, end
			f.unit = lemma(s.w[h].low)
		}
		return
	}
	if h, end := s.head(j, f.value); h >= 0 {
		f.head, f.j = h, end
		f.unit = lemma(s.w[h].low)
	}
}

// stop words end a noun phrase.
var stop = lexicon.Words("quantity.stop")

// irregular plurals and collective nouns that end a noun phrase.
var irregular = lexicon.Values("quantity.irregular-plurals")

// head returns the head noun of the phrase starting at j and the token after
// it, or -1.
func (s *scanner) head(j int, value float64) (int, int) {
	for k := j; k < j+4 && k < len(s.w); k++ {
		t := s.w[k]
		if t.low == "'s" || t.low == "\u2019s" {
			continue
		}
		if t.kind != text.Word || stop[t.low] || t.inTime {
			return -1, 0
		}
		if n := s.low(k + 1); (n == "'s" || n == "\u2019s") && k+2 < len(s.w) && s.w[k+2].kind == text.Word && !stop[s.w[k+2].low] {
			j += 2
			k++
			continue
		}
		if _, ok := irregular[t.low]; ok {
			return k, k + 1
		}
		if !t.cap && (strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "ing") && t.low != "building" && t.low != "meeting") && len(t.low) > 4 {
			return -1, 0
		}
		if plural(t.low) && !t.cap {
			return k, k + 1
		}
		if value <= 1 && !t.cap {
			return k, k + 1
		}
		if t.cap && (k+1 >= len(s.w) || s.w[k+1].kind != text.Word || stop[s.w[k+1].low]) {
			return -1, 0 // a name or a nationality on its own
		}
	}
	return -1, 0
}

func plural(w string) bool {
	if len(w) < 3 || !strings.HasSuffix(w, "s") {
		return false
	}
	return !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s")
}

// lemma returns the singular of a plural noun.
func lemma(w string) string {
	if l, ok := irregular[w]; ok {
		return l
	}
	switch {
	case strings.HasSuffix(w, "men") && len(w) > 4:
		return w[:len(w)-3] + "man"
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "zes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "oes") && len(w) > 4:
		return w[:len(w)-2]
	case plural(w):
		return w[:len(w)-1]
	}
	return w
}

// entity returns the id of the entity counted: a mention inside the phrase,
// the one over the head noun first.
func (s *scanner) entity(f found) string {
	best := ""
	for _, m := range s.mentions.Within(f.start, f.end) {
		id := s.doc.Entities[m.Entity].ID
		if f.head >= 0 && m.Start <= s.headStart(f) && s.headStart(f) < m.End {
			return id
		}
		if best == "" {
			best = id
		}
	}
	return best
}

func (s *scanner) headStart(f found) int {
	if f.head < 0 || f.head >= len(s.w) {
		return -1
	}
	return s.w[f.head].start
}
