package quantity

import (
	"strconv"
	"strings"

	"sitrep/lexicon"
)

// numberWord returns the value of a number word of one of kinds, from the
// shared table (lexicon/data/numbers.tsv). Stage.Run returns the table's
// loading error before any word is read.
func numberWord(w string, kinds lexicon.NumberKind) (float64, bool) {
	n, err := lexicon.LoadNumbers()
	if err != nil {
		return 0, false
	}
	return n.Value(w, kinds)
}

// The kinds the quantity stage reads as small numbers, scales and vague
// plurals.
const (
	ones   = lexicon.Cardinal
	scales = lexicon.Scale | lexicon.Abbrev
	vague  = lexicon.Vague
)

// ParseDigits reads a number written in digits: "2,500", "1.5", "3". It
// rejects anything else, including years-like ranges and clock times.
func ParseDigits(s string) (float64, bool) {
	if s == "" || len(s) > 24 {
		return 0, false
	}
	seenDot := false
	group := -1 // digits since the last comma, -1 before any comma
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if group >= 0 && !seenDot {
				group++
			}
		case c == ',':
			if seenDot || i == 0 || group > 0 && group != 3 {
				return 0, false
			}
			group = 0
		case c == '.':
			if seenDot || i == 0 || i == len(s)-1 {
				return 0, false
			}
			if group >= 0 && group != 3 {
				return 0, false
			}
			seenDot = true
		default:
			return 0, false
		}
	}
	if group >= 0 && !seenDot && group != 3 {
		return 0, false
	}
	if s[len(s)-1] == ',' {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// ParseWords reads a number written in words, lower case, space- or
// hyphen-separated: "two", "twenty-five", "two hundred", "a dozen",
// "a million", "three thousand five hundred". It returns false for
// anything that is not wholly a number.
func ParseWords(s string) (float64, bool) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' })
	if len(f) == 0 || len(f) > 12 {
		return 0, false
	}
	total, cur := 0.0, 0.0
	any := false
	for i, w := range f {
		switch {
		case w == "a" || w == "an":
			if i != 0 || len(f) == 1 {
				return 0, false
			}
			cur = 1
		case w == "and":
			if i == 0 || i == len(f)-1 {
				return 0, false
			}
		case w == "dozen":
			if cur == 0 {
				cur = 1
			}
			cur *= 12
			any = true
		default:
			if v, ok := numberWord(w, ones); ok {
				cur += v
				any = true
				continue
			}
			sc, ok := numberWord(w, scales)
			if !ok || len(w) < 3 {
				return 0, false
			}
			if cur == 0 {
				cur = 1
			}
			if sc == 100 {
				cur *= sc
			} else {
				total += cur * sc
				cur = 0
			}
			any = true
		}
	}
	return total + cur, any
}
