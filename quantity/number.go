package quantity

import (
	"strconv"
	"strings"
)

// small number words.
var ones = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// scales multiply what comes before them.
var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"mln": 1e6, "bln": 1e9, "bn": 1e9, "m": 1e6, "k": 1e3,
}

// vague plurals: "dozens", "thousands" count at least two of their unit.
var vague = map[string]float64{
	"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6, "billions": 2e9,
}

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
			if v, ok := ones[w]; ok {
				cur += v
				any = true
				continue
			}
			sc, ok := scales[w]
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
