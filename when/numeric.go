package when

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sitrep"
)

func timeDate(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// numeric handles expressions that start with a digit.
func (s *scanner) numeric(i int) (found, bool) {
	w := s.w[i]
	raw := w.raw
	if !w.digits {
		if f, ok := s.numericShape(i); ok {
			return f, true
		}
		if strings.IndexByte(raw, '-') > 0 && !isDigitsSep(raw) {
			return s.hyphenated(i)
		}
		if f, ok := s.decade(i); ok {
			return f, true
		}
		if d, ok := s.dayNumber(i); ok {
			if f, ok := s.dayMonth(i, d); ok {
				return f, true
			}
		}
		return s.duration(i)
	}
	// plain digits
	if len(raw) <= 2 {
		n, _ := strconv.Atoi(raw)
		if ap := ampm(s.low(i + 1)); ap != 0 && n >= 1 && n <= 12 {
			return s.clockTail(i, i+2, fmt.Sprintf("%02d:00", hour12(n, ap))), true
		}
		if s.low(i+1) == "o'clock" && n >= 1 && n <= 12 {
			return s.clockTail(i, i+2, fmt.Sprintf("%02d:00", n)), true
		}
		if n >= 1 && n <= 31 {
			if f, ok := s.dayMonth(i, n); ok {
				return f, true
			}
		}
		return s.duration(i)
	}
	if len(raw) == 4 {
		if f, ok := s.decade(i); ok {
			return f, true
		}
		n, _ := strconv.Atoi(raw)
		if tz(s.low(i+1)) || s.low(i+1) == "hours" || s.low(i+1) == "hrs" {
			if h, m := n/100, n%100; h <= 24 && m < 60 && (tz(s.low(i+1)) || raw[0] == '0' || s.low(i-1) == "at") {
				return s.clockTail(i, i+1, fmt.Sprintf("%02d:%02d", h, m)), true
			}
		}
		if y, ok := s.year(i); ok && s.plausibleYear(i, y) {
			return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: yearValue(y)}, true
		}
	}
	return s.duration(i)
}

func isDigitsSep(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '-' && c != '/' && c != '.' && c != ':' && c != ',' {
			return false
		}
	}
	return true
}

// numericShape handles one token with separators: 2021-07-27, 7/27/2021,
// 9:45.
func (s *scanner) numericShape(i int) (found, bool) {
	raw := s.w[i].raw
	switch {
	case len(raw) == 10 && raw[4] == '-' && raw[7] == '-' && allDigits(raw[:4]) && allDigits(raw[5:7]) && allDigits(raw[8:]):
		y, _ := strconv.Atoi(raw[:4])
		m, _ := strconv.Atoi(raw[5:7])
		d, _ := strconv.Atoi(raw[8:])
		if validDate(y, m, d) {
			return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: raw, day: true}, true
		}
	case strings.Count(raw, "/") == 2:
		p := strings.Split(raw, "/")
		if allDigits(p[0]) && allDigits(p[1]) && allDigits(p[2]) && (len(p[2]) == 4 || len(p[2]) == 2) {
			m, _ := strconv.Atoi(p[0])
			d, _ := strconv.Atoi(p[1])
			y, _ := strconv.Atoi(p[2])
			if len(p[2]) == 2 {
				y += 1900
				if y < 1950 {
					y += 100
				}
			}
			if m > 12 && d <= 12 {
				m, d = d, m // day first
			}
			if validDate(y, m, d) {
				return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-%02d-%02d", y, m, d), day: true}, true
			}
		}
	case strings.Count(raw, ":") == 1:
		p := strings.Split(raw, ":")
		if allDigits(p[0]) && len(p[1]) == 2 && allDigits(p[1]) {
			h, _ := strconv.Atoi(p[0])
			m, _ := strconv.Atoi(p[1])
			if h > 24 || m > 59 {
				return found{}, false
			}
			ap := ampm(s.low(i + 1))
			if ap == 0 && !tz(s.low(i+1)) {
				switch s.low(i - 1) {
				case "at", "by", "around", "until", "till", "from", "since", "before", "after", "about", "approximately", "shortly":
				default:
					return found{}, false
				}
			}
			j := i + 1
			if ap != 0 {
				if h > 12 {
					return found{}, false
				}
				h = hour12(h, ap)
				j++
			}
			return s.clockTail(i, j, fmt.Sprintf("%02d:%02d", h, m)), true
		}
	}
	return found{}, false
}

// ampm returns 1 for a.m., 2 for p.m., 0 otherwise.
func ampm(w string) int {
	switch w {
	case "a.m.", "a.m", "am":
		return 1
	case "p.m.", "p.m", "pm":
		return 2
	}
	return 0
}

func hour12(h, ap int) int {
	switch {
	case ap == 2 && h < 12:
		return h + 12
	case ap == 1 && h == 12:
		return 0
	}
	return h
}

// tz reports whether w names a time zone.
func tz(w string) bool {
	switch w {
	case "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest", "bst", "ist", "jst", "msk", "est.", "edt.", "gmt.", "utc.", "z":
		return true
	}
	return false
}

// clockTail finishes a clock time whose number ends before token j: a time
// zone, "local time", then a date ("9 a.m. Tuesday", "5 p.m. EST, Nov. 6").
func (s *scanner) clockTail(i, j int, hhmm string) found {
	if tz(s.low(j)) {
		j++
	} else if s.low(j) == "local" && s.low(j+1) == "time" {
		j += 2
	}
	f := found{i: i, j: j, typ: sitrep.TimeTime, val: "T" + hhmm, clock: true}
	k := j
	if s.low(k) == "," {
		k++
	}
	if k < len(s.w) {
		lw := s.low(k)
		var d found
		ok := false
		switch {
		case lw == "today" || lw == "yesterday" || lw == "tomorrow":
			n := map[string]int{"today": 0, "yesterday": -1, "tomorrow": 1}[lw]
			d, ok = found{i: k, j: k + 1, val: s.thisUnit("day", n)}, true
		case weekdays[lw] > 0 && s.w[k].cap:
			d, ok = s.weekdayExpr(k, weekdays[lw])
		case months[lw] > 0 && s.w[k].cap:
			d, ok = s.monthExpr(k, months[lw])
		}
		if ok && (d.day || len(d.val) >= 10) {
			v := d.val
			if t := strings.IndexByte(v, 'T'); t >= 0 {
				v = v[:t]
			}
			f.j, f.val, f.clock, f.day = d.j, v+"T"+hhmm, false, true
		}
	}
	return f
}

// dayMonth handles "5 January 2020", "27 July", "5th of January".
func (s *scanner) dayMonth(i, d int) (found, bool) {
	k := i + 1
	if s.low(k) == "of" {
		k++
	}
	m, ok := months[s.low(k)]
	if !ok || !s.w[k].cap {
		return found{}, false
	}
	j := k + 1
	if s.low(j) == "," {
		if y, ok := s.year(j + 1); ok && validDate(y, m, d) {
			return found{i: i, j: j + 2, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-%02d-%02d", y, m, d), day: true}, true
		}
	}
	if y, ok := s.year(j); ok && validDate(y, m, d) {
		return found{i: i, j: j + 1, typ: sitrep.TimeDate, val: fmt.Sprintf("%04d-%02d-%02d", y, m, d), day: true}, true
	}
	v := s.monthDayValue(m, d, s.tense(i))
	if v == "" {
		return found{}, false
	}
	return found{i: i, j: k + 1, typ: sitrep.TimeDate, val: v, day: true}, true
}

// plausibleYear tells a year from another four-digit number by its
// neighbours.
func (s *scanner) plausibleYear(i, y int) bool {
	prev, next := s.low(i-1), s.low(i+1)
	switch prev {
	case "$", "€", "£", "#", "no.", "number", "nos.", "route", "flight", "room", "page", "pages", "about", "some", "nearly", "over", "than", "around", "approximately", "roughly", "almost":
		return false
	}
	switch next {
	case "%", "percent", "per", "people", "troops", "soldiers", "times", "hours", "-", "feet", "meters", "metres", "miles", "kilometers", "km", "kg", "tons", "tonnes":
		return false
	}
	if len(next) > 3 && strings.HasSuffix(next, "s") && !s.w[i+1].cap && next != "this" && next != "was" && next != "has" && next != "thus" && next != "across" && next != "unless" && next != "is" && next != "as" && !s.yearBeforeNoun(i, y) {
		return false
	}
	if i > 0 && s.w[i-1].digits {
		return false
	}
	if y < 1900 || y > 2060 {
		switch prev {
		case "in", "since", "of", "by", "until", "from", "before", "after", "circa", "during", "year", "fiscal", "between", "and", "to", "(":
			return true
		}
		return false
	}
	return true
}

// yearBeforeNoun reports whether the four digits y at i, before a plural
// noun, are a year that names the noun ("the 2016 elections", "its 2014
// sanctions") rather than a count ("2000 soldiers"): a determiner or
// possessive stands before them and y lies within 30 years of the
// document's date.
func (s *scanner) yearBeforeNoun(i, y int) bool {
	if !yearDeterminers[s.low(i-1)] || !s.dct.ok {
		return false
	}
	d := y - s.dct.t.Year()
	return d >= -30 && d <= 30
}

// decade handles "1990s", "1990's", "'90s".
func (s *scanner) decade(i int) (found, bool) {
	if i >= len(s.w) {
		return found{}, false
	}
	raw := s.w[i].low
	if len(raw) == 5 && raw[4] == 's' && allDigits(raw[:4]) && raw[3] == '0' {
		return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: raw[:3]}, true
	}
	if len(raw) == 4 && allDigits(raw) && raw[3] == '0' && (s.low(i+1) == "'s" || s.low(i+1) == "\u2019s") {
		return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: raw[:3]}, true
	}
	two := ""
	switch {
	case (raw == "'" || raw == "\u2019") && i+1 < len(s.w):
		n := s.w[i+1].low
		if len(n) == 3 && n[2] == 's' && allDigits(n[:2]) && n[1] == '0' {
			two = n[:2]
			if d, _ := strconv.Atoi(two); d >= 20 {
				return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: "19" + two[:1]}, true
			}
			return found{i: i, j: i + 2, typ: sitrep.TimeDate, val: "20" + two[:1]}, true
		}
	case len(raw) == 4 && (raw[0] == '\'') && raw[3] == 's' && allDigits(raw[1:3]) && raw[2] == '0':
		two = raw[1:3]
		if d, _ := strconv.Atoi(two); d >= 20 {
			return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: "19" + two[:1]}, true
		}
		return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: "20" + two[:1]}, true
	}
	return found{}, false
}

// hyphenated handles one hyphenated token: "four-week", "30-year",
// "mid-1990s", "mid-November", "third-quarter", "year-earlier".
func (s *scanner) hyphenated(i int) (found, bool) {
	lw := s.w[i].low
	parts := strings.Split(lw, "-")
	last := parts[len(parts)-1]
	if last == "old" || s.low(i+1) == "old" || strings.Contains(lw, "-old-") {
		return found{}, false
	}
	switch {
	case parts[0] == "mid" && len(parts) == 2:
		rest := parts[1]
		if m, ok := months[rest]; ok {
			return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: s.monthDayValue(m, 0, s.tense(i))}, true
		}
		if len(rest) == 5 && rest[4] == 's' && allDigits(rest[:4]) {
			return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: rest[:3]}, true
		}
		if len(rest) == 4 && allDigits(rest) {
			return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: rest}, true
		}
		if p, ok := partsOfDay[rest]; ok {
			return found{i: i, j: i + 1, typ: sitrep.TimeTime, val: "T" + p, clock: true}, true
		}
		return found{}, false
	case lw == "year-earlier" || lw == "year-ago":
		return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: s.thisUnit("year", -1)}, true
	case lw == "year-end" || lw == "year-to-date":
		return found{i: i, j: i + 1, typ: sitrep.TimeDate, val: s.thisUnit("year", 0)}, true
	case len(parts) == 2 && (last == "quarter" || last == "half"):
		if o, ok := ordinals[parts[0]]; ok {
			return s.ordinal(i, i, o)
		}
		return found{}, false
	case len(parts) == 2 && last == "long":
		if u, ok := units[parts[0]]; ok && u.code != "WE" {
			return found{i: i, j: i + 1, typ: sitrep.TimeDuration, val: durValue(1, u, strings.HasSuffix(parts[0], "s"))}, true
		}
		return found{}, false
	}
	u, ok := units[last]
	if !ok || strings.HasSuffix(last, "s") || u.code == "WE" || len(parts) < 2 {
		return found{}, false
	}
	num := strings.Join(parts[:len(parts)-1], "-")
	var n float64
	if allDigits(num) || strings.Count(num, ".") == 1 && allDigits(strings.Replace(num, ".", "", 1)) {
		n, _ = strconv.ParseFloat(num, 64)
	} else if v, ok := wordNumber(num); ok {
		n = v
	} else if strings.HasSuffix(num, "-and-a-half") {
		v, ok := wordNumber(strings.TrimSuffix(num, "-and-a-half"))
		if !ok {
			return found{}, false
		}
		n = v + 0.5
	} else {
		return found{}, false
	}
	if n <= 0 {
		return found{}, false
	}
	return found{i: i, j: i + 1, typ: sitrep.TimeDuration, val: durValue(n, u, false)}, true
}
