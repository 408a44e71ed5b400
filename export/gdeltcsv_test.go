package export

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"sitrep"
)

func sampleDoc() *sitrep.Document {
	d := sitrep.NewDocument("Police fired tear gas at protesters in Nairobi.")
	d.URL = "https://example.org/a"
	d.Sentences = []sitrep.Span{{Start: 0, End: len(d.Text)}}
	d.Entities = []sitrep.Entity{{ID: "E1", Name: "Nairobi", Type: sitrep.GPE, Country: "KEN"}}
	d.Places = []sitrep.Place{{ID: "P1", Entity: "E1", Name: "Nairobi", Country: "KE", Feature: "PPLC", Lat: -1.28, Lon: 36.82, GeonameID: 184745}}
	k := 2
	d.Events = []sitrep.Event{{ID: "V1", Sentence: 0, Start: 7, End: 21, Text: "fired tear gas", SourceCode: "COP", TargetCode: "KENOPP",
		CAMEO: "175", Root: "17", QuadClass: 4, Goldstein: -9, Date: "2022-07-07", DatePrecision: "day", Place: sitrep.Ptr("P1"),
		Modality: sitrep.Asserted, Killed: &k, ACLEDType: "Protests", ACLEDSubtype: "Excessive force against protesters", Rule: "verb:fire .. tear_gas"}}
	return d
}

func TestGDELTWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewGDELTWriter(&b)
	if err := w.Write(sampleDoc()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || len(rows[1]) != len(GDELTColumns) {
		t.Fatalf("rows %d, columns %d", len(rows), len(rows[1]))
	}
	get := func(col string) string {
		for i, c := range GDELTColumns {
			if c == col {
				return rows[1][i]
			}
		}
		t.Fatalf("no column %s", col)
		return ""
	}
	for col, want := range map[string]string{
		"SQLDATE": "20220707", "EventCode": "175", "EventRootCode": "17", "QuadClass": "4", "GoldsteinScale": "-9",
		"Actor2CountryCode": "KEN", "Actor2Type1Code": "OPP", "ActionGeo_Type": "4", "ActionGeo_FeatureID": "184745",
		"Killed": "2", "SOURCEURL": "https://example.org/a", "Sentence": "Police fired tear gas at protesters in Nairobi.",
	} {
		if got := get(col); got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}
}

func ExampleGDELTWriter() {
	w := NewGDELTWriter(os.Stdout)
	_ = w.Write(sampleDoc())
	// Output is one header line and one row per event.
}

func BenchmarkGDELTWriter(b *testing.B) {
	d := sampleDoc()
	b.SetBytes(int64(len(d.Text)))
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		w := NewGDELTWriter(&buf)
		if err := w.Write(d); err != nil {
			b.Fatal(err)
		}
	}
	_ = strings.ToUpper
}
