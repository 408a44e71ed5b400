package when

import (
	"fmt"
	"strings"
	"time"
)

// anchor is the date relative expressions resolve against: the
// publication date, when known.
type anchor struct {
	ok bool
	t  time.Time // midnight UTC of the date
}

// parseAnchor reads "YYYY-MM-DD" or an ISO 8601 date-time; anything else
// gives an unknown anchor.
func parseAnchor(published string) anchor {
	s := strings.TrimSpace(published)
	if len(s) < 10 {
		return anchor{}
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return anchor{}
	}
	return anchor{ok: true, t: t}
}

func dayValue(t time.Time) string { return t.Format("2006-01-02") }

func monthValue(y, m int) string { return fmt.Sprintf("%04d-%02d", y, m) }

func yearValue(y int) string { return fmt.Sprintf("%04d", y) }

func weekValue(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func quarterOf(m int) int { return (m-1)/3 + 1 }

// isoWeekday returns 1 for Monday ... 7 for Sunday.
func isoWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

// shiftDays moves t by n days.
func shiftDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// shiftMonths moves the month of t by n, returning year and month.
func shiftMonths(t time.Time, n int) (int, int) {
	m := int(t.Month()) - 1 + n
	y := t.Year()
	y += floorDiv(m, 12)
	m = m - floorDiv(m, 12)*12
	return y, m + 1
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// validDate reports whether y-m-d is a real calendar day.
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// Precision returns how fine a TIMEX3 value is: "minute", "hour",
// "part of day", "day", "week", "weekend", "month", "season", "quarter",
// "half", "year", "decade", "century", or "" for durations, references
// (PRESENT_REF ...) and anything it does not recognize. Underspecified
// values keep their precision: "XXXX-WXX-1" is a day.
func Precision(value string) string {
	v := strings.TrimSpace(value)
	if v == "" || v[0] == 'P' || strings.HasSuffix(v, "_REF") {
		return ""
	}
	if i := strings.IndexByte(v, 'T'); i >= 0 {
		t := v[i+1:]
		switch {
		case len(t) == 2 && t[0] >= 'A' && t[0] <= 'Z':
			return "part of day"
		case strings.Contains(t, ":"):
			return "minute"
		case len(t) >= 1:
			return "hour"
		}
	}
	parts := strings.Split(v, "-")
	switch len(parts) {
	case 1:
		switch len(parts[0]) {
		case 4:
			return "year"
		case 3:
			return "decade"
		case 2:
			return "century"
		}
		if strings.HasPrefix(parts[0], "FY") {
			return "year"
		}
		return ""
	case 2:
		p := parts[1]
		switch {
		case len(p) >= 2 && p[0] == 'W':
			return "week"
		case len(p) == 2 && p[0] == 'Q':
			return "quarter"
		case len(p) == 2 && p[0] == 'H':
			return "half"
		case p == "SP" || p == "SU" || p == "FA" || p == "WI":
			return "season"
		case len(p) == 2:
			return "month"
		}
	case 3:
		if parts[2] == "WE" {
			return "weekend"
		}
		if len(parts[2]) <= 2 {
			return "day"
		}
	}
	return ""
}
