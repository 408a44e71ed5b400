package export

import (
	"encoding/csv"
	"strings"
)

// formulaStarts are the first characters that make a spreadsheet (Excel,
// LibreOffice, Google Sheets) read a cell as a formula or run it as one:
// OWASP's CSV injection list (= + - @, tab, carriage return), plus line
// feed and the full-width forms of = + - @, which some spreadsheets fold
// to the ASCII ones.
const formulaStarts = "=+-@\t\r\n＝＋－＠"

// Cell neutralizes one CSV or TSV cell against formula injection, as OWASP
// advises: a cell that begins with one of formulaStarts gets a single quote
// in front, so that a spreadsheet shows it as text instead of evaluating
// it. A cell that is a plain decimal number ("-10", "-33.9000", "+1.5e3")
// is left as it is, so that numeric columns (Goldstein, coordinates) stay
// numbers: a number cannot call a function or open a link. Quoting the
// cell, where its content needs it, is the CSV writer's job.
func Cell(s string) string {
	if s == "" || isNumber(s) {
		return s
	}
	for _, r := range formulaStarts {
		if strings.HasPrefix(s, string(r)) {
			return "'" + s
		}
	}
	return s
}

// Row returns row with every cell passed through Cell; row itself is left
// unchanged.
func Row(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = Cell(c)
	}
	return out
}

// writeRow writes row through Cell: every CSV writer of this package writes
// its rows, header included, this way.
func writeRow(w *csv.Writer, row []string) error {
	return w.Write(Row(row))
}

// isNumber reports whether s is a plain decimal number: an optional sign,
// digits with at most one decimal point (at least one digit), and an
// optional exponent. Unlike strconv.ParseFloat it accepts no "Inf", "NaN",
// hexadecimal or underscores, which a spreadsheet would not read as
// numbers.
func isNumber(s string) bool {
	s = trimSign(s)
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		if !isDigits(trimSign(s[i+1:])) {
			return false
		}
		s = s[:i]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return whole+frac != "" && (whole == "" || isDigits(whole)) && (frac == "" || isDigits(frac))
}

// trimSign drops one leading + or -.
func trimSign(s string) string {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return s[1:]
	}
	return s
}
