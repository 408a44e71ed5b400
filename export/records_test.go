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

func TestRecordWriters(t *testing.T) {
	tests := []struct {
		format string
		rows   int    // CSV data rows (not for jsonl)
		want   string // a field the output must hold
		col    string // ...in this column of the first data row
	}{
		{"csv", 2, "Najaf", "admin1"},
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
	if got := strings.TrimSpace(buf.String()); got != strings.Join(ACLEDColumns(), ",") {
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
	// event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
	// IRQ6569967729,2021-07-26,2021,1,Political violence,Explosions/Remote violence,Air/drone strike,drone,,3,Popular Mobilization Forces,,1,13,,368,Middle East,Iraq,Najaf,,,Najaf,32.0000,44.3000,1,Example News,,"A drone struck a camp, killing two.",2,,1627344000
}

func ExampleNewDocWriter() {
	d := sitrep.NewDocument("Police arrested two protesters in Najaf.")
	d.Sentences = []sitrep.Span{{Start: 0, End: len(d.Text)}}
	d.Events = []sitrep.Event{{ID: "V1", Sentence: 0, Start: 7, End: 15, Text: "arrested", SourceCode: "IRQCOP",
		SourceText: "Police", CAMEO: "173", Root: "17", QuadClass: 4, Goldstein: -5, Date: "2021-07-26", DatePrecision: "day",
		Modality: sitrep.Asserted}}
	w, err := NewDocWriter("gdelt", os.Stdout)
	if err != nil {
		fmt.Println(err)
		return
	}
	w.Write(d)
	// Output is one tab-separated row of GDELT 2.0's 61 columns per happening.
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
