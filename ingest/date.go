package ingest

import (
	"strings"
	"time"

	"github.com/itlightning/dateparse"
)

// zoneAbbrevs are the time-zone abbreviations that feeds and pages commonly
// write, with their offsets; Go's time.Parse would give an unknown
// abbreviation a zero offset.
var zoneAbbrevs = map[string]string{
	"UT": "+0000", "UTC": "+0000", "GMT": "+0000", "Z": "+0000",
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
	"AKST": "-0900", "AKDT": "-0800", "HST": "-1000",
	"BST": "+0100", "WET": "+0000", "WEST": "+0100", "CET": "+0100",
	"CEST": "+0200", "EET": "+0200", "EEST": "+0300", "MSK": "+0300",
	"JST": "+0900", "KST": "+0900", "AEST": "+1000", "AEDT": "+1100",
}

// dateLayouts are tried in order; each says whether it carries a time of
// day and a zone.
var dateLayouts = []struct {
	layout     string
	clock, tz  bool
	normalized bool // the input was rewritten to a numeric zone first
}{
	{time.RFC3339Nano, true, true, false},
	{"2006-01-02T15:04:05Z0700", true, true, false},
	{"2006-01-02T15:04Z07:00", true, true, false},
	{"2006-01-02T15:04:05", true, false, false},
	{"2006-01-02T15:04", true, false, false},
	{"2006-01-02 15:04:05Z07:00", true, true, false},
	{"2006-01-02 15:04:05 -0700", true, true, false},
	{"2006-01-02 15:04:05 -07:00", true, true, false},
	{"2006-01-02 15:04:05", true, false, false},
	{"2006-01-02 15:04", true, false, false},
	{"2006-01-02", false, false, false},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true, true, true},
	{"Mon, 2 Jan 2006 15:04 -0700", true, true, true},
	{"2 Jan 2006 15:04:05 -0700", true, true, true},
	{"Mon, 2 Jan 2006 15:04:05", true, false, false},
	{"Mon, 2 January 2006 15:04:05 -0700", true, true, true},
	{"Monday, 2 Jan 2006 15:04:05 -0700", true, true, true},
	{"Monday, 02-Jan-06 15:04:05 -0700", true, true, true},
	{"20060102150405", true, false, false},
	{"20060102", false, false, false},
	{"January 2, 2006", false, false, false},
	{"Jan 2, 2006", false, false, false},
	{"2 January 2006", false, false, false},
	{"2 Jan 2006", false, false, false},
}

// NormalizeDate turns a date or date-time as pages, feeds and archives write
// it into ISO 8601: RFC 3339 ("2021-07-27T10:04:00+03:00") when the input
// has a time of day and a zone, "2021-07-27T10:04:00" when it has a time of
// day but no zone, and "2021-07-27" when it is a bare date. It returns ""
// when s is not a date it can read or lies outside the years 1900-2200.
func NormalizeDate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 64 {
		return ""
	}
	zs := numericZone(s)
	for _, l := range dateLayouts {
		in := s
		if l.normalized {
			in = zs
		}
		t, err := time.Parse(l.layout, in)
		if err != nil {
			continue
		}
		return formatDate(t, l.clock, l.tz)
	}
	return parseLoose(zs)
}

// numericZone replaces a trailing zone abbreviation ("EST", "GMT") by its
// numeric offset.
func numericZone(s string) string {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s
	}
	if off, ok := zoneAbbrevs[strings.ToUpper(s[i+1:])]; ok {
		return s[:i+1] + off
	}
	return s
}

// parseLoose reads the formats the fixed layouts miss with dateparse, which
// guesses the layout; an ambiguous day-month order is refused.
func parseLoose(s string) (out string) {
	defer func() {
		if recover() != nil {
			out = ""
		}
	}()
	layout, err := dateparse.ParseFormat(s, dateparse.SimpleErrorMessages(true))
	if err != nil {
		return ""
	}
	t, err := dateparse.ParseStrict(s, dateparse.SimpleErrorMessages(true))
	if err != nil {
		return ""
	}
	clock := strings.Contains(layout, "15") || strings.Contains(layout, "3:04")
	tz := strings.Contains(layout, "-07") || strings.Contains(layout, "Z07") || strings.Contains(layout, "MST")
	return formatDate(t, clock, tz)
}

func formatDate(t time.Time, clock, tz bool) string {
	if y := t.Year(); y < 1900 || y > 2200 {
		return ""
	}
	switch {
	case clock && tz:
		return t.Truncate(time.Second).Format(time.RFC3339)
	case clock:
		return t.Format("2006-01-02T15:04:05")
	}
	return t.Format("2006-01-02")
}
