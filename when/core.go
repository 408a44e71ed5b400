package when

import (
	"fmt"
	"strconv"
	"strings"

	"sitrep"
)

// core tries the expressions that start at token i without a modifier.
func (s *scanner) core(i int) (found, bool) {
	w := s.w[i]
	if c := w.raw[0]; c >= '0' && c <= '9' {
		return s.numeric(i)
	}
	lw := w.low
	if m, ok := months[lw]; ok {
		return s.monthExpr(i, m)
	}
	if wd, ok := weekdays[lw]; ok && w.cap {
		return s.weekdayExpr(i, wd)
	}
	if wd, ok := weekdaysPlural[lw]; ok && w.cap {
		return found{i: i, j: i + 1, typ: sitrep.TimeSet, val: fmt.Sprintf("XXXX-WXX-%d", wd)}, true
	}
	if strings.IndexByte(lw, '-') > 0 {
		if f, ok := s.hyphenated(i); ok {
			return f, true
		}
	}
	switch lw {
	case "'", "\u2019":
		return s.decade(i)
	case "today":
		return s.deictic(i, 0)
	case "yesterday":
		return s.deictic(i, -1)
	case "tomorrow":
		return s.deictic(i, 1)
	case "tonight":
		return s.clockless(i, i+1, 0, "NI"), true
	case "now", "currently", "presently", "nowadays":
		if lw == "now" && (s.low(i+1) == "that" || s.low(i-1) == "just" && s.low(i+1) == "," || s.low(i-1) == "until" || s.low(i-1) == "by") {
			return found{}, false
		}
		return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: "PRESENT_REF"}, true
	case "recently", "lately":
		return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: "PAST_REF"}, true
	case "soon":
		if s.low(i-1) == "as" || s.low(i+1) == "as" || s.low(i+1) == "after" {
			return found{}, false
		}
		return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: "FUTURE_REF"}, true
	case "noon", "midday", "midnight":
		hh := "12:00"
		if lw == "midnight" {
			hh = "24:00"
		}
		return s.clockTail(i, i+1, hh), true
	case "this", "last", "next", "past", "coming", "previous", "current", "following", "upcoming":
		return s.relative(i, i)
	case "the":
		return s.determined(i)
	case "every", "each":
		return s.set(i)
	case "daily", "nightly":
		return found{i: i, j: i + 1, typ: sitrep.TimeSet, val: "P1D"}, true
	case "weekly":
		return found{i: i, j: i + 1, typ: sitrep.TimeSet, val: "P1W"}, true
	case "biweekly":
		return found{i: i, j: i + 1, typ: sitrep.TimeSet, val: "P2W"}, true
	case "monthly":
		return found{i: i, j: i + 1, typ: sitrep.TimeSet, val: "P1M"}, true
	case "annually", "yearly":
		return found{i: i, j: i + 1, typ: sitrep.TimeSet, val: "P1Y"}, true
	case "hourly":
		return found{i: i, j: i + 1, typ: sitrep.TimeSet, val: "PT1H"}, true
	case "per":
		if measureUnits[s.low(i-1)] {
			return found{}, false // "175 kilometers per hour" is a speed, no time
		}
		if u, ok := units[s.low(i+1)]; ok && u.code != "WE" && u.mult == 1 {
			return found{i: i, j: i + 2, typ: sitrep.TimeSet, val: durValue(1, u, false)}, true
		}
		return found{}, false
	case "fiscal":
		if y, ok := s.year(i + 1); ok {
			return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: yearValue(y)}, true
		}
		if f, ok := s.core(i + 1); ok && f.i == i+1 && strings.Contains(f.val, "-Q") {
			f.i, f.start, f.end = i, 0, 0
			return f, true
		}
		return found{}, false
	case "christmas", "halloween", "thanksgiving", "new", "election":
		return s.holiday(i)
	case "recent":
		if u, ok := units[s.low(i+1)]; ok && strings.HasSuffix(s.low(i+1), "s") && u.code != "WE" {
			if u.gran == "year" || u.gran == "decade" {
				return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: "PAST_REF"}, true
			}
			return found{i: i, j: i + 2, typ: sitrep.TimeDuration, val: durValue(0, u, true)}, true
		}
		return found{}, false
	}
	if _, ok := seasons[lw]; ok {
		return s.season(i, i, 0, false)
	}
	if o, ok := ordinals[lw]; ok {
		return s.ordinal(i, i, o)
	}
	if u, ok := units[lw]; ok && strings.HasSuffix(lw, "s") && u.code != "WE" && lw != "nights" {
		// bare plural: "for years", "years ago"
		if s.low(i+1) == "ago" {
			return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: "PAST_REF", ago: true}, true
		}
		switch s.low(i - 1) {
		case "for", "within", "in", "over", "lasting", "took", "last", "lasted", "spent":
			if n := s.low(i + 1); n == "of" || n == "old" {
				return found{}, false
			}
			return found{i: i, j: i + 1, typ: sitrep.TimeDuration, val: durValue(0, u, true)}, true
		}
		return found{}, false
	}
	return s.duration(i)
}

// deictic handles today, yesterday, tomorrow, with a part of day after.
func (s *scanner) deictic(i, n int) (found, bool) {
	if p, ok := partsOfDay[s.low(i+1)]; ok && !strings.HasSuffix(s.low(i+1), "s") {
		_ = p
		return s.clockless(i, i+2, n, partsOfDay[s.low(i+1)]), true
	}
	if s.low(i) == "today" && (s.low(i+1) == "'s" || s.low(i+1) == "\u2019s") {
		// "today's": still the date
		return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: s.thisUnit("day", 0), day: true}, true
	}
	f := found{i: i, j: i + 1, typ: sitrep.TimeDate, val: s.thisUnit("day", n), day: true}
	return s.clockAfterDate(f), true
}

// clockless is a part of day on the anchor's date shifted by n days.
func (s *scanner) clockless(i, j, n int, part string) found {
	return found{i: i, j: j, typ: sitrep.TimeTime, val: s.thisUnit("day", n) + "T" + part, day: true}
}

// clockAfterDate lets nothing follow for now; a hook for "today at noon".
func (s *scanner) clockAfterDate(f found) found { return f }

// relative handles this/last/next/past/coming/previous + a calendar word,
// and last/next/past/coming + a count of units (a duration). det is the
// index of the expression's first token ("the" or the relative word).
func (s *scanner) relative(det, i int) (found, bool) {
	rel := s.low(i)
	n := 0
	switch rel {
	case "last", "past", "previous":
		n = -1
	case "next", "coming", "following", "upcoming":
		n = 1
	}
	k := i + 1
	if rel == "this" && s.low(k) == "past" {
		n, k = -1, k+1
	}
	if s.low(k) == "fiscal" {
		k++
	}
	nw := s.low(k)
	if nw == "" {
		return found{}, false
	}
	// a count of units: "the past two years", "the next few days"
	if rel != "this" && rel != "current" {
		if cnt, vague, e, ok := s.count(k); ok {
			if u, ok := units[s.low(e)]; ok && u.code != "WE" {
				return found{i: det, j: e + 1, typ: sitrep.TimeDuration, val: durValue(cnt, u, vague)}, true
			}
		}
		if u, ok := units[nw]; ok && strings.HasSuffix(nw, "s") && u.code != "WE" && nw != "nights" {
			return found{i: det, j: k + 1, typ: sitrep.TimeDuration, val: durValue(0, u, true)}, true
		}
	}
	if u, ok := units[nw]; ok && !strings.HasSuffix(nw, "s") {
		switch u.gran {
		case "time":
			return found{}, false
		case "decade", "century":
			if n != 0 {
				return found{i: det, j: k + 1, typ: sitrep.TimeDuration, val: durValue(1, u, false)}, true
			}
		case "day":
			if nw == "night" {
				if rel == "last" || rel == "this" {
					if rel == "this" {
						n = 0
					}
					return s.clockless(det, k+1, n, "NI"), true
				}
			}
			return found{}, false
		}
		if rel == "following" || rel == "previous" {
			return found{}, false
		}
		if nw == "weekend" && n == 0 && s.dct.ok {
			// this weekend: the coming one, or the one just past early in the week
			v := s.thisUnit("weekend", 0)
			if s.tense(k) < 0 && isoWeekday(s.dct.t) <= 2 {
				v = s.thisUnit("weekend", -1)
			}
			return found{i: det, j: k + 1, typ: sitrep.TimeDate, val: v}, true
		}
		v := s.thisUnit(nw, n)
		if v == "" {
			return found{}, false
		}
		return found{i: det, j: k + 1, typ: sitrep.TimeDate, val: v}, true
	}
	if p, ok := partsOfDay[nw]; ok && !strings.HasSuffix(nw, "s") && (rel == "this" || rel == "last" && nw == "night") {
		if rel == "this" {
			n = 0
		}
		return s.clockless(det, k+1, n, p), true
	}
	if wd, ok := weekdays[nw]; ok && rel != "past" && rel != "current" {
		var v string
		switch {
		case n < 0:
			v = s.weekdayValue(wd, -1, true)
		case n > 0:
			v = s.weekdayValue(wd, 1, true)
		default:
			v = s.weekdayValue(wd, s.tense(k), false)
		}
		f := found{i: det, j: k + 1, typ: sitrep.TimeDate, val: v, day: true}
		if p, ok := partsOfDay[s.low(k+1)]; ok {
			f.j, f.typ, f.val = k+2, sitrep.TimeTime, v+"T"+p
		}
		return f, true
	}
	if m, ok := months[nw]; ok && s.w[k].cap && rel != "past" && rel != "current" {
		if !s.dct.ok {
			return found{i: det, j: k + 1, typ: sitrep.TimeDate, val: fmt.Sprintf("XXXX-%02d", m)}, true
		}
		y, cm := s.dct.t.Year(), int(s.dct.t.Month())
		switch {
		case n < 0 && m >= cm:
			y--
		case n > 0 && m <= cm:
			y++
		}
		return found{i: det, j: k + 1, typ: sitrep.TimeDate, val: monthValue(y, m)}, true
	}
	if _, ok := seasons[nw]; ok && rel != "current" && rel != "following" && rel != "previous" {
		return s.season(det, k, n, true)
	}
	return found{}, false
}

// determined handles expressions that start with "the".
func (s *scanner) determined(i int) (found, bool) {
	nw := s.low(i + 1)
	switch nw {
	case "past", "future":
		if f, ok := s.relative(i, i+1); ok {
			return f, true
		}
		if nw == "future" {
			return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: "FUTURE_REF"}, true
		}
		return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: "PAST_REF"}, true
	case "near", "distant", "recent", "immediate":
		switch s.low(i + 2) {
		case "future":
			return found{i: i, j: i + 3, typ: sitrep.TimeDate, val: "FUTURE_REF"}, true
		case "past":
			return found{i: i, j: i + 3, typ: sitrep.TimeDate, val: "PAST_REF"}, true
		}
		return found{}, false
	case "last", "next", "coming", "previous", "following", "current", "upcoming":
		return s.relative(i, i+1)
	case "weekend":
		if !s.dct.ok {
			return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: "XXXX-WXX-WE"}, true
		}
		n := 0
		if s.tense(i+1) < 0 && isoWeekday(s.dct.t) < 6 {
			n = -1
		}
		return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: s.thisUnit("weekend", n)}, true
	case "latest", "quarter":
		k := i + 1
		if nw == "latest" {
			k++
		}
		if s.low(k) == "quarter" {
			if !s.dct.ok {
				return found{i: i, j: k + 1, typ: sitrep.TimeDate, val: "XXXX-QX"}, true
			}
			n := 0
			if nw == "latest" || s.tense(k) < 0 {
				n = -1
			}
			return found{i: i, j: k + 1, typ: sitrep.TimeDate, val: s.thisUnit("quarter", n)}, true
		}
		return found{}, false
	case "fiscal":
		if o, ok := ordinals[s.low(i+2)]; ok {
			return s.ordinal(i, i+2, o)
		}
		if s.low(i+2) == "year" {
			if y, ok := s.year(i + 3); ok {
				return found{i: i, j: i + 4, typ: sitrep.TimeDate, val: yearValue(y)}, true
			}
		}
		return found{}, false
	}
	if k := i + 1; k < len(s.w) {
		if nw == "first" || nw == "latest" || nw == "final" {
			if cnt, vague, e, ok := s.count(k + 1); ok && s.low(k+1) != "a" {
				if u, ok := units[s.low(e)]; ok && u.code != "WE" && strings.HasSuffix(s.low(e), "s") {
					return found{i: i, j: e + 1, typ: sitrep.TimeDuration, val: durValue(cnt, u, vague)}, true
				}
			}
		}
		if o, ok := ordinals[nw]; ok {
			return s.ordinal(i, k, o)
		}
		if nw == "early" || nw == "late" || nw == "mid" || strings.HasPrefix(nw, "mid-") {
			if f, ok := s.modified(k); ok && len(f.val) == 3 {
				f.i, f.start, f.end = i, 0, 0
				return f, true
			}
		}
		if _, ok := seasons[nw]; ok {
			return s.season(i, k, 0, false)
		}
		if f, ok := s.decade(k); ok {
			f.i, f.start = i, 0
			return f, true
		}
		if cnt, vague, e, ok := s.count(k); ok && nw != "a" && nw != "an" && nw != "one" {
			if u, ok := units[s.low(e)]; ok && u.code != "WE" && strings.HasSuffix(s.low(e), "s") && s.low(e+1) != "of" {
				return found{i: i, j: e + 1, typ: sitrep.TimeDuration, val: durValue(cnt, u, vague)}, true
			}
		}
	}
	return found{}, false
}

// set handles "every Friday", "each year", "every two weeks".
func (s *scanner) set(i int) (found, bool) {
	k := i + 1
	if s.low(k) == "other" {
		k++
	}
	mult := 1.0
	if s.low(k-1) == "other" {
		mult = 2
	}
	nw := s.low(k)
	if wd, ok := weekdays[nw]; ok {
		return found{i: i, j: k + 1, typ: sitrep.TimeSet, val: fmt.Sprintf("XXXX-WXX-%d", wd)}, true
	}
	if m, ok := months[nw]; ok && s.w[k].cap {
		return found{i: i, j: k + 1, typ: sitrep.TimeSet, val: fmt.Sprintf("XXXX-%02d", m)}, true
	}
	if p, ok := partsOfDay[nw]; ok {
		return found{i: i, j: k + 1, typ: sitrep.TimeSet, val: "XXXX-XX-XXT" + p}, true
	}
	if c, ok := seasons[nw]; ok {
		return found{i: i, j: k + 1, typ: sitrep.TimeSet, val: "XXXX-" + c}, true
	}
	if u, ok := units[nw]; ok && u.code != "WE" {
		return found{i: i, j: k + 1, typ: sitrep.TimeSet, val: durValue(mult, u, false)}, true
	}
	if cnt, vague, e, ok := s.count(k); ok && !vague {
		if u, ok := units[s.low(e)]; ok && u.code != "WE" {
			return found{i: i, j: e + 1, typ: sitrep.TimeSet, val: durValue(cnt, u, false)}, true
		}
	}
	return found{}, false
}

// count reads a number of units at i: digits, number words, "a", "a few",
// "several". It returns the number, whether it is vague, and the index of
// the token after it.
func (s *scanner) count(i int) (float64, bool, int, bool) {
	lw := s.low(i)
	if lw == "" {
		return 0, false, i, false
	}
	if s.w[i].raw[0] >= '0' && s.w[i].raw[0] <= '9' {
		v, err := strconv.ParseFloat(strings.ReplaceAll(s.w[i].raw, ",", ""), 64)
		if err != nil || v < 0 || v > 100000 {
			return 0, false, i, false
		}
		k := i + 1
		if s.low(k) == "more" || s.low(k) == "additional" || s.low(k) == "straight" || s.low(k) == "consecutive" {
			k++
		}
		return v, false, k, true
	}
	switch lw {
	case "a", "an":
		switch s.low(i + 1) {
		case "few", "couple":
			k := i + 2
			if s.low(k) == "of" {
				k++
			}
			if s.low(k) == "more" {
				k++
			}
			return 0, true, k, true
		case "dozen":
			return 12, false, i + 2, true
		case "hundred":
			return 100, false, i + 2, true
		case "half":
			return 0.5, false, i + 2, true
		}
		return 1, false, i + 1, true
	case "several", "few", "many", "some", "numerous":
		k := i + 1
		if s.low(k) == "more" {
			k++
		}
		return 0, true, k, true
	case "dozens", "hundreds", "thousands":
		if s.low(i+1) == "of" {
			return 0, true, i + 2, true
		}
		return 0, false, i, false
	}
	v, ok := wordNumber(lw)
	if !ok || lw == "half" || lw == "couple" {
		return 0, false, i, false
	}
	k := i + 1
	if m := s.low(k); m == "hundred" || m == "thousand" {
		sc, _ := numberWord(m)
		v *= sc
		k++
	}
	if s.low(k) == "and" && s.low(k+1) == "a" && s.low(k+2) == "half" {
		v += 0.5
		k += 3
	}
	if s.low(k) == "more" || s.low(k) == "straight" || s.low(k) == "consecutive" {
		k++
	}
	return v, false, k, true
}

// wordNumber reads "two", "twenty-five".
func wordNumber(w string) (float64, bool) {
	if v, ok := numberWord(w); ok && w != "a" && w != "an" {
		return v, true
	}
	if i := strings.IndexByte(w, '-'); i > 0 {
		t, ok1 := numberWord(w[:i])
		o, ok2 := numberWord(w[i+1:])
		if ok1 && ok2 && t >= 20 && t <= 90 && o < 10 {
			return t + o, true
		}
	}
	return 0, false
}

// duration handles a count and a unit: "two weeks", "48 hours", "a
// decade", and the dates counted from the anchor: "two years ago".
func (s *scanner) duration(i int) (found, bool) {
	cnt, vague, e, ok := s.count(i)
	if !ok {
		return found{}, false
	}
	uw := s.low(e)
	u, ok := units[uw]
	if !ok || u.code == "WE" {
		return found{}, false
	}
	first := s.low(i)
	if (first == "a" || first == "an") && (uw == "second" || uw == "quarter") {
		return found{}, false
	}
	if uw == "second" && !(s.w[i].raw[0] >= '0' && s.w[i].raw[0] <= '9') && cnt == 1 {
		return found{}, false
	}
	j := e + 1
	if s.low(j) == "and" && s.low(j+1) == "a" && s.low(j+2) == "half" {
		cnt += 0.5
		j += 3
	}
	switch s.low(j) {
	case "old", "-old":
		return found{}, false
	case "ago":
		return found{i: i, j: j + 1, typ: sitrep.TimeDate, val: s.agoValue(u, cnt, vague, -1), ago: true, day: u.gran == "day"}, true
	case "earlier", "later":
		if s.low(j+1) != "than" {
			dir := -1
			if s.low(j) == "later" {
				dir = 1
			}
			if vague || u.gran == "day" || u.gran == "time" || u.gran == "week" {
				return found{i: i, j: j, typ: sitrep.TimeDuration, val: durValue(cnt, u, vague)}, true
			}
			return found{i: i, j: j + 1, typ: sitrep.TimeDate, val: s.laterValue(u, cnt, vague, dir), ago: true}, true
		}
	case "from":
		if s.low(j+1) == "now" {
			return found{i: i, j: j + 2, typ: sitrep.TimeDate, val: s.agoValue(u, cnt, vague, 1), ago: true}, true
		}
	}
	if vague && s.low(i) == "some" && s.low(j) != "ago" {
		// "some days" is rarely a duration worth tagging on its own
		if _, ok := units[uw]; !ok {
			return found{}, false
		}
	}
	// "5 percent a year", "twice a week": a set
	if first == "a" || first == "an" {
		switch p := s.low(i - 1); {
		case p == "times" || p == "once" || p == "twice" || p == "%" || p == "percent" || p == "per":
			return found{i: i, j: j, typ: sitrep.TimeSet, val: durValue(1, u, false)}, true
		case i > 0 && s.w[i-1].digits:
			return found{i: i, j: j, typ: sitrep.TimeSet, val: durValue(1, u, false)}, true
		}
	}
	if vague && cnt == 0 && !strings.HasSuffix(uw, "s") {
		return found{}, false
	}
	return found{i: i, j: j, typ: sitrep.TimeDuration, val: durValue(cnt, u, vague)}, true
}

// laterValue is the date of "three months later", "a year earlier": counted
// from the last date the text wrote out before (the bombings "three months
// later" than the mosque razed on December 6, 1992; a year alone for
// years alone), else from the anchor.
func (s *scanner) laterValue(u unit, n float64, vague bool, dir int) string {
	if !s.told.ok || s.toldYear && u.gran != "year" && u.gran != "decade" && u.gran != "century" {
		return s.agoValue(u, n, vague, dir)
	}
	dct := s.dct
	s.dct = s.told
	defer func() { s.dct = dct }()
	return s.agoValue(u, n, vague, dir)
}

// durValue formats a TIMEX3 duration.
func durValue(n float64, u unit, vague bool) string {
	num := "X"
	if !vague {
		num = fmtNum(n * u.mult)
	}
	if u.time {
		return "PT" + num + u.code
	}
	if u.mult == 10 && vague {
		return "P" + num + "DE"
	}
	if u.mult == 100 && vague {
		return "P" + num + "CE"
	}
	return "P" + num + u.code
}

func fmtNum(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// year reads a year at token i: four digits from 1000 to 2099.
func (s *scanner) year(i int) (int, bool) {
	if i < 0 || i >= len(s.w) || !s.w[i].digits || len(s.w[i].raw) != 4 {
		return 0, false
	}
	y, _ := strconv.Atoi(s.w[i].raw)
	return y, y >= 1000 && y <= 2099
}

// dayNumber reads a day of the month at i: "5", "5th", "fifth".
func (s *scanner) dayNumber(i int) (int, bool) {
	if i < 0 || i >= len(s.w) {
		return 0, false
	}
	w := s.w[i]
	if w.digits && len(w.raw) <= 2 {
		d, _ := strconv.Atoi(w.raw)
		return d, d >= 1 && d <= 31
	}
	if o, ok := ordinals[w.low]; ok && o <= 31 {
		return o, true
	}
	return 0, false
}

// monthExpr handles a month name: "March 2003", "Jan. 5, 2020", "July".
func (s *scanner) monthExpr(i, m int) (found, bool) {
	w := s.w[i]
	if !w.cap {
		return found{}, false
	}
	short := len(w.low) <= 4 && !strings.HasSuffix(w.low, ".") && w.low != "june" && w.low != "july" || w.low == "may" || w.low == "march"
	if d, ok := s.dayNumber(i + 1); ok {
		k := i + 2
		if s.low(k) == "," {
			k++
		}
		if y, ok := s.year(k); ok && validDate(y, m, d) {
			return s.clockAfter(found{i: i, j: k + 1, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-%02d-%02d", y, m, d), day: true}), true
		}
		if s.w[i+1].digits && s.low(i+2) == ":" {
			return found{}, false
		}
		v := s.monthDayValue(m, d, s.tense(i))
		if v == "" {
			return found{}, false
		}
		return s.clockAfter(found{i: i, j: i + 2, typ: sitrep.TimeDate, val: v, day: true}), true
	}
	k := i + 1
	if s.low(k) == "of" || s.low(k) == "," {
		k++
	}
	if y, ok := s.year(k); ok {
		return found{i: i, j: k + 1, typ: sitrep.TimeDate, val: monthValue(y, m)}, true
	}
	if short && !s.monthListed(i) {
		// "May", "March", "Jan" alone: only where a month is plainly meant
		switch s.low(i - 1) {
		case "in", "since", "until", "by", "from", "early", "late", "mid", "of", "through", "before", "after", "during", "-", "last", "next", "this":
		default:
			return found{}, false
		}
		if w.low == "may" && i+1 < len(s.w) && !isPunct(s.w[i+1].raw) {
			return found{}, false
		}
	}
	if k := i + 1; k < len(s.w) && s.w[k].cap && !strings.HasSuffix(s.w[k].low, ".") {
		if _, ok := weekdays[s.w[k].low]; !ok {
			return found{}, false // a name: "June Carter", "March Madness"
		}
	}
	return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: s.monthDayValue(m, 0, s.tense(i))}, true
}

// monthListed reports whether the month name at i stands in a list with
// another, capitalized, just before it: "in April and May", "March or
// April" ("May" there is no modal).
func (s *scanner) monthListed(i int) bool {
	switch s.low(i - 1) {
	case "and", "or", ",":
	default:
		return false
	}
	_, ok := months[s.low(i-2)]
	return i >= 2 && ok && s.w[i-2].cap
}

func isPunct(w string) bool {
	return len(w) == 1 && strings.ContainsAny(w, ".,;:!?)")
}

// clockAfter extends a date over a clock time that follows it: "Nov. 9 at 5 p.m." stays two, "Monday 9 a.m." one.
func (s *scanner) clockAfter(f found) found { return f }

// weekdayExpr handles "Monday", "Monday evening", "Monday, July 26, 2021".
func (s *scanner) weekdayExpr(i, wd int) (found, bool) {
	k := i + 1
	if s.low(k) == "," {
		k++
	}
	if m, ok := months[s.low(k)]; ok && k < len(s.w) && s.w[k].cap {
		if f, ok := s.monthExpr(k, m); ok && f.day {
			f.i, f.start, f.end = i, 0, 0
			return f, true
		}
	}
	if d, ok := s.dayNumber(k); ok && k+1 < len(s.w) {
		if m, ok := months[s.low(k+1)]; ok && s.w[k+1].cap {
			if f, ok := s.numeric(k); ok && f.day {
				_ = d
				_ = m
				f.i, f.start, f.end = i, 0, 0
				return f, true
			}
		}
	}
	v := s.weekdayValue(wd, s.tense(i), false)
	if p, ok := partsOfDay[s.low(i+1)]; ok && !strings.HasSuffix(s.low(i+1), "s") {
		return found{i: i, j: i + 2, typ: sitrep.TimeTime, val: v + "T" + p, day: true}, true
	}
	return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: v, day: true}, true
}

// season handles "summer", "last fall", "the winter of 1994", "spring 2020".
func (s *scanner) season(start, k, n int, rel bool) (found, bool) {
	sw := s.low(k)
	code := seasons[sw]
	j := k + 1
	y := 0
	if s.low(j) == "of" {
		if yy, ok := s.year(j + 1); ok {
			y, j = yy, j+2
		} else {
			return found{}, false
		}
	} else if yy, ok := s.year(j); ok {
		y, j = yy, j+1
	}
	if y == 0 && !rel {
		// bare: only after a determiner or preposition, and never "fall" alone
		if sw == "fall" && start == k {
			return found{}, false
		}
		p := s.low(start - 1)
		if start == k && p != "in" && p != "during" && p != "this" && p != "by" && p != "until" && p != "since" && p != "early" && p != "late" && p != "mid" && p != "over" && p != "-" {
			return found{}, false
		}
		if start != k && s.low(start-1) != "in" && s.low(start-1) != "during" && s.low(start-1) != "by" && s.low(start-1) != "over" && s.low(start-1) != "until" && s.low(start-1) != "through" && sw == "fall" {
			return found{}, false
		}
	}
	if y == 0 {
		if !s.dct.ok {
			return found{i: start, j: j, typ: sitrep.TimeDate, val: "XXXX-" + code}, true
		}
		y = s.dct.t.Year()
		cm := int(s.dct.t.Month())
		startMonth := map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
		switch {
		case n < 0:
			if cm < startMonth+3 {
				y--
			}
		case n > 0:
			if cm >= startMonth {
				y++
			}
		default:
			if !rel && s.tense(k) < 0 && cm < startMonth {
				y--
			}
		}
	}
	return found{i: start, j: j, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-%s", y, code)}, true
}

// ordinal handles "the third quarter (of 2020)", "the first half", "the
// 20th century". start is the expression's first token, k the ordinal.
func (s *scanner) ordinal(start, k, o int) (found, bool) {
	nw := s.low(k + 1)
	j := k + 2
	hyph := false
	if strings.HasSuffix(s.low(k), "-quarter") {
		nw, j, hyph = "quarter", k+1, true
	} else if strings.HasSuffix(s.low(k), "-half") {
		nw, j, hyph = "half", k+1, true
	}
	if nw == "fiscal" {
		nw, j = s.low(k+2), k+3
	}
	switch nw {
	case "quarter", "half":
		if nw == "quarter" && o > 4 || nw == "half" && o > 2 {
			return found{}, false
		}
		code := "Q"
		if nw == "half" {
			code = "H"
		}
		y := 0
		jj := j
		if s.low(j) == "of" {
			jj = j + 1
			if s.low(jj) == "fiscal" {
				jj++
			}
		}
		if yy, ok := s.year(jj); ok {
			y, j = yy, jj+1
		} else if nw == "half" && start == k && !hyph {
			return found{}, false
		} else if s.low(j) == "of" {
			return found{}, false
		}
		if y == 0 {
			if !s.dct.ok {
				return found{i: start, j: j, typ: sitrep.TimeDate, val: fmt.Sprintf("XXXX-%s%d", code, o)}, true
			}
			y = s.dct.t.Year()
			cur := quarterOf(int(s.dct.t.Month()))
			if code == "H" {
				cur = (int(s.dct.t.Month())-1)/6 + 1
			}
			if o > cur && s.tense(k) < 0 {
				y--
			}
		}
		return found{i: start, j: j, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-%s%d", y, code, o)}, true
	case "century":
		return found{i: start, j: k + 2, typ: sitrep.TimeDate, val: fmt.Sprintf("%02d", o-1)}, true
	}
	return found{}, false
}

// holiday handles a few fixed-date holidays.
func (s *scanner) holiday(i int) (found, bool) {
	m, d, j := 0, 0, i+1
	switch s.low(i) {
	case "christmas":
		m, d = 12, 25
		switch s.low(i + 1) {
		case "day":
			j++
		case "eve":
			d, j = 24, j+1
		}
	case "halloween":
		m, d = 10, 31
	case "new":
		if s.low(i+1) == "year" && (s.low(i+2) == "'s" || s.low(i+2) == "\u2019s") {
			switch s.low(i + 3) {
			case "day":
				m, d, j = 1, 1, i+4
			case "eve":
				m, d, j = 12, 31, i+4
			}
		}
	case "election":
		return s.electionDay(i)
	case "thanksgiving":
		if !s.w[i].cap {
			return found{}, false
		}
		if s.low(i+1) == "day" {
			j++
		}
		if !s.dct.ok {
			return found{i: i, j: j, typ: sitrep.TimeDate, val: "XXXX-11-XX"}, true
		}
		y := s.dct.t.Year()
		if s.tense(i) < 0 && s.dct.t.Month() < 11 {
			y--
		}
		for dd := 22; dd <= 28; dd++ {
			if isoWeekday(timeDate(y, 11, dd)) == 4 {
				return found{i: i, j: j, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-11-%02d", y, dd), day: true}, true
			}
		}
	}
	if m == 0 || !s.w[i].cap {
		return found{}, false
	}
	if y, ok := s.year(j); ok {
		return found{i: i, j: j + 1, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-%02d-%02d", y, m, d), day: true}, true
	}
	if y, ok := s.namedOccurrence(i, m, d); ok {
		return found{i: i - 1, j: j, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-%02d-%02d", y, m, d), day: true}, true
	}
	return found{i: i, j: j, typ: sitrep.TimeDate, val: s.monthDayValue(m, d, s.tense(i)), day: true}, true
}

// electionDay reads "Election Day" at i, capitalized: the United States'
// general election day, the Tuesday after the first Monday of November,
// the occurrence nearest the document's date unless the word before names
// one ("last Election Day").
func (s *scanner) electionDay(i int) (found, bool) {
	if !s.w[i].cap || s.low(i+1) != "day" || !s.w[i+1].cap {
		return found{}, false
	}
	if !s.dct.ok {
		return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: "XXXX-11-XX"}, true
	}
	start, y := i, s.dct.t.Year()
	if ny, ok := s.namedOccurrence(i, 11, novemberElection(s.dct.t.Year())); ok {
		start, y = i-1, ny
	} else {
		best := -1
		for c := y - 1; c <= y+1; c++ {
			diff := abs(int(timeDate(c, 11, novemberElection(c)).Sub(s.dct.t).Hours() / 24))
			if best < 0 || diff < best {
				best, y = diff, c
			}
		}
	}
	return found{i: start, j: i + 2, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-11-%02d", y, novemberElection(y)), day: true}, true
}

// novemberElection returns the day of November of year y that is the
// Tuesday after its first Monday.
func novemberElection(y int) int {
	for d := 2; d <= 8; d++ {
		if isoWeekday(timeDate(y, 11, d)) == 2 {
			return d
		}
	}
	return 0
}

// namedOccurrence returns the year of the occurrence of the yearly date
// m-d at i that the word before it names: "last Christmas" is the last
// one before the document's date, "next Christmas" the first after it,
// "this Christmas" the one of its year.
func (s *scanner) namedOccurrence(i, m, d int) (int, bool) {
	if !s.dct.ok || i == 0 {
		return 0, false
	}
	y := s.dct.t.Year()
	on := timeDate(y, m, d)
	switch s.low(i - 1) {
	case "last", "past", "previous":
		if !on.Before(s.dct.t) {
			y--
		}
	case "next", "coming":
		if !on.After(s.dct.t) {
			y++
		}
	case "this":
	default:
		return 0, false
	}
	return y, true
}
