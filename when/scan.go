package when

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/lexicon"
	"sitrep/text"
)

// word is one token as the scanner sees it.
type word struct {
	start, end int
	raw, low   string
	cap        bool // starts with an upper-case letter
	digits     bool // all ASCII digits
}

// found is one time expression: tokens [i,j), bytes [start,end).
type found struct {
	i, j       int
	start, end int
	typ, val   string
	clock      bool // a clock time without a date of its own
	day        bool // a date of day precision
	ago        bool // a date counted back from the anchor ("two years ago")
}

// scanner finds time expressions in one sentence.
type scanner struct {
	w   []word
	dct anchor
	// told is the last date written out with its year in the sentences
	// before ("on December 6, 1992", "in 1992"), which "three months
	// later" counts from; toldYear is set when it names a year alone
	told     anchor
	toldYear bool
	lowDoc   string // the lower-cased document when it has the text's byte length
	tenses   []int8 // per token: cached tense, 0 unknown yet
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (s *scanner) load(toks []text.Token) {
	s.w = s.w[:0]
	for _, t := range toks {
		c := t.Text[0]
		var lw string
		if s.lowDoc != "" {
			lw = s.lowDoc[t.Start:t.End]
		} else {
			lw = lower(t.Text)
		}
		s.w = append(s.w, word{start: t.Start, end: t.End, raw: t.Text, low: lw,
			cap: c >= 'A' && c <= 'Z', digits: c >= '0' && c <= '9' && allDigits(t.Text)})
	}
	if cap(s.tenses) < len(s.w) {
		s.tenses = make([]int8, len(s.w))
	}
	s.tenses = s.tenses[:len(s.w)]
	for i := range s.tenses {
		s.tenses[i] = 0
	}
}

func (s *scanner) low(i int) string {
	if i < 0 || i >= len(s.w) {
		return ""
	}
	return s.w[i].low
}

// scan returns the sentence's time expressions, in order, without overlaps.
func (s *scanner) scan(out []found) []found {
	first := len(out)
	for i := 0; i < len(s.w); {
		if n := len(s.w[i].raw); (n == 9 || n == 7) && s.w[i].raw[4] == '-' {
			if a, b, ok := s.yearRange(i); ok {
				out = append(out, a, b)
				i++
				continue
			}
		}
		if !s.maybe(i) {
			i++
			continue
		}
		if f, ok := s.match(i); ok && f.j > i {
			if f.start == 0 && f.end == 0 {
				f.start, f.end = s.w[f.i].start, s.w[f.j-1].end
			}
			out = append(out, f)
			i = f.j
			continue
		}
		i++
	}
	s.dateClocks(out[first:])
	return out
}

// dateClocks gives clock times without a date the nearest day-precision
// date of their sentence, or the anchor's date.
func (s *scanner) dateClocks(fs []found) {
	for k := range fs {
		if !fs[k].clock {
			continue
		}
		date := "XXXX-XX-XX"
		if s.dct.ok {
			date = dayValue(s.dct.t)
		}
		best := -1
		for m := range fs {
			if fs[m].day && (best < 0 || abs(m-k) < abs(best-k)) {
				best = m
			}
		}
		if best >= 0 {
			v := fs[best].val
			if i := strings.IndexByte(v, 'T'); i >= 0 {
				v = v[:i]
			}
			date = v
		}
		fs[k].val = date + fs[k].val
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// maybe is the cheap test that token i may start a time expression.
func (s *scanner) maybe(i int) bool {
	w := &s.w[i]
	c := w.raw[0]
	if c >= '0' && c <= '9' || c == '\'' {
		return true
	}
	return triggers[w.low] || strings.HasPrefix(w.low, "mid") || strings.IndexByte(w.low, '-') > 0 || w.low == "\u2019"
}

// match tries every pattern at token i, modifiers first.
func (s *scanner) match(i int) (found, bool) {
	w := s.w[i]
	if w.digits || w.raw[0] >= '0' && w.raw[0] <= '9' {
		if f, ok := s.core(i); ok {
			return f, true
		}
		return found{}, false
	}
	if !triggers[w.low] && !strings.HasPrefix(w.low, "mid") && w.low[0] != '\'' && !strings.Contains(w.low, "-") {
		return found{}, false
	}
	if k := s.approxPrefix(i); k > i && k < len(s.w) {
		if f, ok := s.core(k); ok && (f.typ == sitrep.TimeDuration || f.ago) {
			f.i, f.start, f.end = i, 0, 0
			return f, true
		}
	}
	if f, ok := s.modified(i); ok {
		return f, true
	}
	return s.core(i)
}

// triggers are the words a time expression (or its modifier) can start with.
var triggers = map[string]bool{}

func init() {
	for _, m := range []map[string]int{months, weekdays, weekdaysPlural, ordinals} {
		for k := range m {
			triggers[k] = true
		}
	}
	for _, k := range numberTriggers() {
		triggers[k] = true
	}
	for k := range vagueCounts {
		triggers[k] = true
	}
	for k := range seasons {
		triggers[k] = true
	}
	for k := range partsOfDay {
		triggers[k] = true
	}
	for k := range units {
		triggers[k] = true
	}
	for _, p := range approxPrefixes {
		triggers[p[0]] = true
	}
	for k := range lexicon.Words("when.trigger-words") {
		triggers[k] = true
	}
}

func (s *scanner) approxPrefix(i int) int {
	for _, p := range approxPrefixes {
		if s.low(i) != p[0] {
			continue
		}
		ok := true
		for k := 1; k < len(p); k++ {
			if s.low(i+k) != p[k] {
				ok = false
				break
			}
		}
		if ok {
			return i + len(p)
		}
	}
	return i
}

// modified handles a date with a modifier in front: "early", "late",
// "mid", "the end of", "the first half of", "earlier this month".
func (s *scanner) modified(i int) (found, bool) {
	k := i
	half := 0
	switch s.low(i) {
	case "early", "late", "mid", "earlier", "later":
		k = i + 1
		if s.low(k) == "-" {
			k++
		}
	case "the":
		switch s.low(i + 1) {
		case "end", "beginning", "start", "middle", "turn", "close":
			if s.low(i+2) == "of" {
				k = i + 3
			}
		case "first", "second", "last", "latter":
			if s.low(i+2) == "half" && s.low(i+3) == "of" {
				k = i + 4
				half = 2
				if s.low(i+1) == "first" {
					half = 1
				}
			}
		}
	case "end", "beginning", "start", "middle":
		if s.low(i+1) == "of" {
			k = i + 2
		}
	}
	if k == i || k >= len(s.w) {
		return found{}, false
	}
	// "the end of the year", "the end of the month": the anchor's
	if s.low(k) == "the" {
		if u := s.low(k + 1); u == "year" || u == "month" || u == "week" || u == "decade" || u == "day" || u == "century" {
			f := found{i: i, j: k + 2, typ: sitrep.TimeDate, val: s.thisUnit(u, 0)}
			if u == "day" {
				f.day = true
			}
			return f, f.val != ""
		}
	}
	switch s.low(i) {
	case "earlier", "later":
		if n := s.low(k); n != "this" && n != "that" && n != "next" && n != "last" {
			return found{}, false
		}
	case "early", "late", "mid":
		if _, ok := weekdays[s.low(k)]; ok {
			return found{}, false
		}
		switch s.low(k) {
		case "today", "tomorrow", "yesterday", "tonight":
			return found{}, false
		}
	}
	f, ok := s.core(k)
	if !ok || f.typ == sitrep.TimeDuration || f.typ == sitrep.TimeSet || f.i != k {
		return found{}, false
	}
	if half > 0 {
		if len(f.val) != 4 {
			return found{}, false
		}
		f.val += fmt.Sprintf("-H%d", half)
	}
	f.i, f.start, f.end = i, 0, 0
	return f, true
}

// thisUnit is the value of the anchor's unit shifted by n units: this
// year, last week, next month.
func (s *scanner) thisUnit(u string, n int) string {
	t := s.dct.t
	switch u {
	case "year", "years":
		if !s.dct.ok {
			return "XXXX"
		}
		return yearValue(t.Year() + n)
	case "month", "months":
		if !s.dct.ok {
			return "XXXX-XX"
		}
		y, m := shiftMonths(t, n)
		return monthValue(y, m)
	case "week", "weeks":
		if !s.dct.ok {
			return "XXXX-WXX"
		}
		return weekValue(shiftDays(t, 7*n))
	case "weekend", "weekends":
		if !s.dct.ok {
			return "XXXX-WXX-WE"
		}
		return weekValue(shiftDays(t, 7*n)) + "-WE"
	case "day", "days":
		if !s.dct.ok {
			return "XXXX-XX-XX"
		}
		return dayValue(shiftDays(t, n))
	case "quarter", "quarters":
		if !s.dct.ok {
			return "XXXX-QX"
		}
		q := quarterOf(int(t.Month())) - 1 + n
		y := t.Year() + floorDiv(q, 4)
		q -= floorDiv(q, 4) * 4
		return fmt.Sprintf("%04d-Q%d", y, q+1)
	case "decade", "decades":
		if !s.dct.ok {
			return "XXX"
		}
		return strconv.Itoa(t.Year()/10 + n)
	case "century", "centuries":
		if !s.dct.ok {
			return "XX"
		}
		return strconv.Itoa(t.Year()/100 + n)
	}
	return ""
}

// agoValue is the value of a date n units before (dir -1) or after (dir 1)
// the anchor, at the unit's granularity; a vague count ("several years
// ago") or a fraction is a past or future reference.
func (s *scanner) agoValue(u unit, n float64, vague bool, dir int) string {
	if vague || n != float64(int(n)) || n > 10000 {
		if dir < 0 {
			return "PAST_REF"
		}
		return "FUTURE_REF"
	}
	k := int(n) * dir
	switch u.gran {
	case "year", "decade", "century":
		if !s.dct.ok {
			return "XXXX"
		}
		return yearValue(s.dct.t.Year() + k*int(u.mult))
	case "quarter":
		return s.thisUnit("quarter", k)
	case "month":
		return s.thisUnit("month", k)
	case "week":
		if u.code == "WE" {
			return s.thisUnit("weekend", k)
		}
		return s.thisUnit("week", k*int(u.mult))
	default:
		return s.thisUnit("day", k)
	}
}

// tense returns -1 when the clause around token i is in the past, 1 when it
// speaks of the future, and -1 by default: news reports mostly look back;
// -2 or 2 when the date's own verb says so, just before it (cueNear).
func (s *scanner) tense(i int) int {
	if s.tenses[i] != 0 {
		return int(s.tenses[i])
	}
	// first within the clause (up to a comma or a stop), then beyond: in
	// "Ruto, who is expected to speak on Thursday, met ...", "expected"
	// dates Thursday, not "met"
	t, found := s.nearestCue(i, true)
	if found && s.cueNear(i, t) {
		t *= 2
	}
	if !found {
		// "In January, Warren issued a report": a date that opens the
		// sentence before a comma is dated by the verb of the clause
		// after it
		t, found = s.frontedCue(i)
	}
	if !found {
		t, found = s.nearestCue(i, false)
	}
	if !found {
		t = -1 // no cue: past, as news mostly is
	}
	s.tenses[i] = int8(t)
	return t
}

// frontedCue returns twice the tense of the verb of the clause after a
// short phrase that opens the sentence and holds token i ("In January,",
// "On Friday,"): the first cue within fronted words after its comma.
func (s *scanner) frontedCue(i int) (int, bool) {
	comma := -1
	for k := 0; k < len(s.w) && k <= fronted; k++ {
		if clauseEnd(s.low(k)) {
			if s.low(k) == "," && k > i {
				comma = k
			}
			break
		}
	}
	if comma < 0 {
		return 0, false
	}
	for k := comma + 1; k < len(s.w) && k <= comma+fronted; k++ {
		if clauseEnd(s.low(k)) {
			break
		}
		if v, ok := s.cue(k); ok {
			return 2 * v, true
		}
	}
	return 0, false
}

// fronted is how many words frontedCue reads on either side of the comma.
const fronted = 5

// cueNear reports whether a cue of tense t stands within nearCue words
// before token i, in its clause: the verb of the date ("the trial began
// on February 16").
func (s *scanner) cueNear(i, t int) bool {
	for d := 1; d <= nearCue && i-d >= 0; d++ {
		if clauseEnd(s.low(i - d)) {
			return false
		}
		if v, ok := s.cue(i - d); ok {
			return v == t
		}
	}
	return false
}

// nearCue is how far before a date cueNear looks: two words leave
// TimeBank/AQUAINT (dev) unchanged, three and more take a verb of another
// clause and lower it.
const nearCue = 2

// nearestCue returns the tense of the cue nearest token i, looking left
// and right in turn up to 11 words away, within the clause when clause is
// set; found is false when there is none.
func (s *scanner) nearestCue(i int, clause bool) (t int, found bool) {
	left, right := true, true
	for d := 1; d < 12 && (left || right); d++ {
		if left && (i-d < 0 || clause && clauseEnd(s.low(i-d))) {
			left = false
		}
		if left {
			if v, ok := s.cue(i - d); ok {
				return v, true
			}
		}
		if right && (i+d >= len(s.w) || clause && clauseEnd(s.low(i+d))) {
			right = false
		}
		if right {
			if v, ok := s.cue(i + d); ok {
				return v, true
			}
		}
	}
	return 0, false
}

// possibilityModals are the modals ("can" is not one: "we can confirm"
// speaks of now) that, before a bare verb, put a
// clause in the future ("might meet on Saturday", "could be held on
// Sunday"), and before "have" in the past ("may have died on Monday").
var possibilityModals = lexicon.Words("when.possibility-modals")

// modalTense returns the tense a possibility modal at k gives its clause:
// future before a bare verb (past an adverb such as "all" or "also"), past
// before "have"; none before "not" ("could not be reached on Saturday"
// tells of a past attempt).
func (s *scanner) modalTense(k int) (int, bool) {
	j := k + 1
	if modalAdverbs[s.low(j)] {
		j++
	}
	switch n := s.low(j); {
	case n == "have":
		return -1, true
	case n == "not" || n == "n't" || n == "" || s.w[j].digits || !isLetterWord(n):
		return 0, false
	}
	return 1, true
}

// isLetterWord reports whether w starts with a letter.
func isLetterWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

// yearDeterminers may stand before a year that names the noun after it.
var yearDeterminers = lexicon.Words("when.year-determiners")

// modalAdverbs may stand between a modal and its verb.
var modalAdverbs = lexicon.Words("when.modal-adverbs")

func clauseEnd(w string) bool {
	return w == "," || w == ";" || w == "." || w == ":" || w == "(" || w == ")"
}

func (s *scanner) cue(k int) (int, bool) {
	if k < 0 || k >= len(s.w) {
		return 0, false
	}
	w := s.w[k].low
	if futureCues[w] {
		if w == "set" || w == "due" || w == "going" {
			if s.low(k+1) != "to" {
				return 0, false
			}
		}
		if w == "until" {
			return 0, false
		}
		return 1, true
	}
	if (w == "is" || w == "are") && s.low(k+1) == "to" {
		return 1, true
	}
	if w == "to" && s.low(k+1) == "be" {
		return 1, true // "a government to be formed by Thursday"
	}
	if possibilityModals[w] {
		return s.modalTense(k)
	}
	if w == "expected" && s.low(k+1) == "to" {
		return 1, true // "is expected to address the nation on Thursday"
	}
	if ed := pastCues[w] || len(w) > 4 && strings.HasSuffix(w, "ed") && !s.w[k].cap && !notPastEd[w]; ed {
		switch s.low(k - 1) {
		case "be", "been":
			// "will be held", "would have been signed": the modal decides
			for j := k - 2; j >= 0 && j >= k-4; j-- {
				switch s.low(j) {
				case "will", "would", "'ll", "’ll", "shall":
					return 1, true
				case "to", "could", "can", "may", "might", "should", "must":
					return 0, false
				case "was", "were", "had", "has", "have":
					return -1, true
				}
			}
			return 0, false
		case "is", "are", "am":
			return 0, false // "is held", "are scheduled": no past
		}
	}
	if pastCues[w] {
		// "would hit", "to cut": a bare verb after a modal is no past
		switch s.low(k - 1) {
		case "will", "would", "'ll", "\u2019ll", "shall":
			return 1, true
		case "to", "could", "can", "may", "might", "should", "must":
			return 0, false
		}
		return -1, true
	}
	if len(w) > 4 && strings.HasSuffix(w, "ed") && !s.w[k].cap && !notPastEd[w] {
		return -1, true
	}
	return 0, false
}

// weekdayValue resolves weekday wd (1 Monday) in direction dir (-1 the one
// on or before the anchor, 1 the one on or after it).
func (s *scanner) weekdayValue(wd, dir int, strict bool) string {
	if !s.dct.ok {
		return fmt.Sprintf("XXXX-WXX-%d", wd)
	}
	diff := wd - isoWeekday(s.dct.t)
	if dir > 0 {
		if diff < 0 || strict && diff == 0 {
			diff += 7
		}
	} else if diff > 0 || strict && diff == 0 {
		diff -= 7
	}
	return dayValue(shiftDays(s.dct.t, diff))
}

// monthDayValue resolves a month (and day, 0 when none) without a year:
// the year that puts it nearest the anchor, where a date ahead of the
// anchor in a past-tense clause (or behind it in a future one) counts as
// four months farther.
func (s *scanner) monthDayValue(m, d, dir int) string {
	if !s.dct.ok {
		if d == 0 {
			return fmt.Sprintf("XXXX-%02d", m)
		}
		return fmt.Sprintf("XXXX-%02d-%02d", m, d)
	}
	best, bestCost := 0, 1<<30
	for y := s.dct.t.Year() - 1; y <= s.dct.t.Year()+1; y++ {
		dd := d
		if d == 0 {
			dd = 15
		}
		if !validDate(y, m, dd) {
			continue
		}
		diff := int(timeDate(y, m, dd).Sub(s.dct.t).Hours() / 24)
		cost := abs(diff)
		if d == 0 && abs(diff) <= 16 {
			cost = 0 // the anchor's own month
		}
		if dir < 0 && diff > 0 && cost > 0 || dir > 0 && diff < 0 && cost > 0 {
			cost += 120 // about four months: tuned on TimeBank/AQUAINT (dev)
			if dir == 2 || dir == -2 {
				cost += 400 // the date's own verb: the year before, or after, unless over a year away
			}
		}
		if cost < bestCost {
			best, bestCost = y, cost
		}
	}
	if best == 0 {
		return ""
	}
	if d == 0 {
		return monthValue(best, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", best, m, d)
}

// partValue is "T" plus the part of day's code.
func partValue(p string) string { return "T" + partsOfDay[p] }

// dayOf returns the date of a value (its first ten characters) when it has
// day precision.
func dayOf(v string) (time.Time, bool) {
	if len(v) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", v[:10])
	return t, err == nil
}

// yearRange splits one token "2009-2010" or "1994-95" into two years.
func (s *scanner) yearRange(i int) (found, found, bool) {
	w := s.w[i]
	raw := w.raw
	if len(raw) != 9 && len(raw) != 7 || raw[4] != '-' || !allDigits(raw[:4]) || !allDigits(raw[5:]) {
		return found{}, found{}, false
	}
	y1, _ := strconv.Atoi(raw[:4])
	y2, _ := strconv.Atoi(raw[5:])
	if len(raw) == 7 {
		y2 += y1 / 100 * 100
	}
	if y1 < 1800 || y1 > 2099 || y2 <= y1 || y2-y1 > 50 {
		return found{}, found{}, false
	}
	a := found{i: i, j: i + 1, start: w.start, end: w.start + 4, typ: sitrep.TimeDate, val: yearValue(y1)}
	b := found{i: i, j: i + 1, start: w.start + 5, end: w.end, typ: sitrep.TimeDate, val: yearValue(y2)}
	return a, b, true
}
