package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"sitrep"
)

func sampleRecords() []sitrep.EventRecord {
	lat, lon, killed := 32.0, 44.3, 2
	return []sitrep.EventRecord{
		{ID: "h1", Date: "2021-07-26", CAMEO: "195", Root: "19", QuadClass: 4, Goldstein: -10, PLOVER: "ASSAULT",
			ACLEDType: "Explosions/Remote violence", ACLEDSubtype: "Air/drone strike", Modality: sitrep.Asserted,
			Source: "drone", Target: "Popular Mobilization Forces", TargetCode: "IRQMIL",
			Place: "Najaf", Country: "IQ", Admin1: "Najaf Governorate", Lat: &lat, Lon: &lon, GeoPrecision: "town",
			Killed: &killed, Text: "A drone struck a camp, killing two.", Doc: "d1", URL: "https://example.org/a",
			Outlet: "Example News", Published: "2021-07-27", Mentions: 3, Articles: 2, Sources: 2},
		{ID: "h2", Date: "2021-07-26", CAMEO: "036", Root: "03", QuadClass: 1, Goldstein: 4, Modality: sitrep.Future,
			Source: "Joe Biden", SourceCode: "USAGOV", Target: "Iraq", TargetCode: "IRQ",
			Text: "Biden will meet Iraq's premier, he said.", Doc: "d1", Mentions: 1, Articles: 1, Sources: 1},
	}
}

func TestRecordWriters(t *testing.T) {
	tests := []struct {
		format string
		rows   int    // CSV data rows (not for jsonl)
		want   string // a field the output must hold
		col    string // ...in this column of the first data row
	}{
		{"csv", 2, "Najaf Governorate", "admin1"},
		{"gdelt", 2, "2", "NumArticles"},
		{"acled", 1, "Iraq", "country"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewRecordWriter(tt.format, &buf)
			if err != nil {
				t.Fatal(err)
			}
			recs := sampleRecords()
			for i := range recs {
				if err := w.Write(&recs[i]); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			table, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("output is not CSV: %v", err)
			}
			if len(table)-1 != tt.rows {
				t.Fatalf("%d data rows, want %d", len(table)-1, tt.rows)
			}
			col := -1
			for i, h := range table[0] {
				if h == tt.col {
					col = i
				}
				if len(table[1]) != len(table[0]) {
					t.Fatalf("row has %d fields, header %d", len(table[1]), len(table[0]))
				}
			}
			if col < 0 || table[1][col] != tt.want {
				t.Errorf("column %s = %q, want %q", tt.col, table[1][col], tt.want)
			}
		})
	}
}

func TestRecordWriterJSONL(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewRecordWriter("jsonl", &buf)
	recs := sampleRecords()
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	var back sitrep.EventRecord
	if err := json.Unmarshal([]byte(lines[0]), &back); err != nil {
		t.Fatal(err)
	}
	if back.Articles != 2 || *back.Killed != 2 || back.Place != "Najaf" {
		t.Errorf("round trip lost fields: %+v", back)
	}
}

func TestRecordWriterUnknown(t *testing.T) {
	if _, err := NewRecordWriter("xml", &bytes.Buffer{}); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestRecordWriterEmpty(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewRecordWriter("acled", &buf)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(buf.String()); got != strings.Join(ACLEDColumns, ",") {
		t.Errorf("empty table = %q, want the header alone", got)
	}
}

func ExampleNewRecordWriter() {
	w, err := NewRecordWriter("acled", os.Stdout)
	if err != nil {
		fmt.Println(err)
		return
	}
	recs := sampleRecords()
	for i := range recs {
		w.Write(&recs[i])
	}
	w.Flush()
	// Output:
	// event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,fatalities,source,notes
	// 2021-07-26,Explosions/Remote violence,Air/drone strike,drone,Popular Mobilization Forces,Iraq,Najaf Governorate,Najaf,32.0000,44.3000,2,Example News,"A drone struck a camp, killing two."
}

func BenchmarkRecordWriter(b *testing.B) {
	recs := sampleRecords()
	for _, format := range RecordFormats {
		b.Run(format, func(b *testing.B) {
			var buf bytes.Buffer
			w, _ := NewRecordWriter(format, &buf)
			for i := 0; i < b.N; i++ {
				buf.Reset()
				for j := range recs {
					w.Write(&recs[j])
				}
				w.Flush()
			}
			b.ReportMetric(float64(b.N*len(recs))/b.Elapsed().Seconds(), "records/s")
		})
	}
}
