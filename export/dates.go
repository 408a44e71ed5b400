package export

import (
	"strconv"
	"strings"
	"time"
)

// Date precisions of an event date, from the finest.
const (
	precDay   = "day"
	precWeek  = "week"
	precMonth = "month"
	precYear  = "year"
)

// eventDate is an event's TIMEX3 date read as a calendar date: the day
// itself for a day, the middle day of the period for a coarser one (the
// Thursday of an ISO week, the 15th of a month, 1 July of a year), and how
// precise it is; prec is "" when the value names no date ("PRESENT_REF",
// "XXXX-WXX-1", "").
type eventDate struct {
	t    time.Time
	prec string
}

// parseDate reads a TIMEX3 date value: "2021-07-26" (a time after it, as
// in "2021-07-26T14:00", is ignored), "2021-W30", "2021-07" or "2021"; any
// other value that begins with a year ("2021-SU", "2021-Q3") is read as that
// year.
func parseDate(v string) eventDate {
	if len(v) < 4 || !isDigits(v[:4]) {
		return eventDate{}
	}
	year, _ := strconv.Atoi(v[:4])
	rest := v[4:]
	switch {
	case len(rest) >= 6 && rest[0] == '-' && isDigits(rest[1:3]) && rest[3] == '-' && isDigits(rest[4:6]):
		m, _ := strconv.Atoi(rest[1:3])
		d, _ := strconv.Atoi(rest[4:6])
		if t, ok := validDate(year, m, d); ok {
			return eventDate{t, precDay}
		}
	case len(rest) >= 4 && strings.HasPrefix(rest, "-W") && isDigits(rest[2:4]):
		w, _ := strconv.Atoi(rest[2:4])
		if w >= 1 && w <= 53 {
			return eventDate{isoWeekMonday(year, w).AddDate(0, 0, 3), precWeek}
		}
	case len(rest) >= 3 && rest[0] == '-' && isDigits(rest[1:3]) && (len(rest) == 3 || !isDigits(rest[3:4])):
		m, _ := strconv.Atoi(rest[1:3])
		if t, ok := validDate(year, m, 15); ok {
			return eventDate{t, precMonth}
		}
	}
	// a year, or a finer value this reader does not know ("2021-SU",
	// "2021-Q3"): the year is still known
	return eventDate{time.Date(year, time.July, 1, 0, 0, 0, 0, time.UTC), precYear}
}

// validDate returns the date y-m-d when it exists.
func validDate(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, m >= 1 && m <= 12 && t.Day() == d
}

// isoWeekMonday is the Monday of ISO week w of year y (week 1 holds 4
// January).
func isoWeekMonday(y, w int) time.Time {
	jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, time.UTC)
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDate(0, 0, -back+7*(w-1))
}

// known reports whether the date names a day, week, month or year.
func (d eventDate) known() bool { return d.prec != "" }

// sqlDate is GDELT's SQLDATE, YYYYMMDD, for a date known to the day; ""
// for a coarser one (sitrep does not make up a day).
func (d eventDate) sqlDate() string {
	if d.prec != precDay {
		return ""
	}
	return d.t.Format("20060102")
}

// monthYear is GDELT's MonthYear, YYYYMM, when the month is known (a week's
// month is that of its Thursday).
func (d eventDate) monthYear() string {
	if d.prec == "" || d.prec == precYear {
		return ""
	}
	return d.t.Format("200601")
}

// year is GDELT's Year, YYYY.
func (d eventDate) year() string {
	if d.prec == "" {
		return ""
	}
	return d.t.Format("2006")
}

// fractionDate is GDELT's FractionDate: the year plus ((month-1)*30 +
// day)/365, four decimals, for the date's day (the period's middle day for a
// coarser date).
func (d eventDate) fractionDate() string {
	if d.prec == "" {
		return ""
	}
	f := float64(d.t.Year()) + float64((int(d.t.Month())-1)*30+d.t.Day())/365
	return strconv.FormatFloat(f, 'f', 4, 64)
}

// publishedTime reads a publication date or date-time (RFC 3339, with or
// without a zone or seconds, or a bare date) as UTC; ok is false when it
// cannot.
func publishedTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// gdeltTimestamp is GDELT's YYYYMMDDHHMMSS form of a publication time, or
// "" when published cannot be read.
func gdeltTimestamp(published string) string {
	t, ok := publishedTime(published)
	if !ok {
		return ""
	}
	return t.Format("20060102150405")
}
