package export

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"sitrep"
)

// update rewrites the golden files: go test ./export -run TestGolden -update,
// then review the diff.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// testDocs are documents sitrep extract made of two of examples/ (with a URL,
// outlet and publication time added), as a store returns them.
var testDocs = []string{"protest-capital", "mosque-bombing"}

// loadDoc reads testdata/NAME.json as a store returns a document: offsets
// in code points.
func loadDoc(t testing.TB, name string) *sitrep.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var d sitrep.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	d.RuneOffsets = true
	return &d
}

// usDoc is a small document built by hand, with byte offsets: a US place
// in a division, one happening mentioned in two sentences, a headline
// before the lead paragraph, and a hostile actor name.
func usDoc() *sitrep.Document {
	text := "Steelworkers rally in Pittsburgh\n\n" +
		"PITTSBURGH (Wire) — Steelworkers protested outside city hall in Pittsburgh on Monday. Police arrested two of them.\n\n" +
		"Steelworkers protested outside city hall in Pittsburgh again, union leaders said."
	d := sitrep.NewDocument(text)
	d.URL = "https://www.wire.example/us/pittsburgh-rally"
	d.Outlet = "Wire"
	d.Published = "2024-05-06T18:30:00-04:00"
	at := func(s string, from int) sitrep.Span {
		i := bytes.Index([]byte(text[from:]), []byte(s))
		if i < 0 {
			panic("no " + s)
		}
		return sitrep.Span{Start: from + i, End: from + i + len(s)}
	}
	s1 := at("PITTSBURGH (Wire) — Steelworkers protested outside city hall in Pittsburgh on Monday.", 0)
	s2 := at("Police arrested two of them.", 0)
	s3 := at("Steelworkers protested outside city hall in Pittsburgh again, union leaders said.", s2.End)
	d.Sentences = []sitrep.Span{at("Steelworkers rally in Pittsburgh", 0), s1, s2, s3}
	m := func(sp sitrep.Span) sitrep.Mention {
		return sitrep.Mention{Start: sp.Start, End: sp.End, Text: text[sp.Start:sp.End]}
	}
	d.Entities = []sitrep.Entity{
		{ID: "E1", Name: "Pittsburgh", Type: sitrep.GPE, Country: "USA", Mentions: []sitrep.Mention{m(at("PITTSBURGH", 0)), m(at("Pittsburgh", s1.Start+20)), m(at("Pittsburgh", s3.Start))}},
		{ID: "E2", Name: "=Steelworkers()", Type: sitrep.Org, Mentions: []sitrep.Mention{m(at("Steelworkers", s1.Start)), m(at("Steelworkers", s3.Start))}},
	}
	d.Places = []sitrep.Place{{ID: "P1", Entity: "E1", Name: "Pittsburgh", Country: "US", Admin1: "Pennsylvania",
		Feature: "PPLA2", Lat: 40.44062, Lon: -79.99589, GeonameID: 5206379}}
	protest := func(id string, s int, sp sitrep.Span) sitrep.Event {
		return sitrep.Event{ID: id, Sentence: s, Start: sp.Start, End: sp.End, Text: text[sp.Start:sp.End],
			Source: sitrep.Ptr("E2"), SourceCode: "USALAB", SourceText: "Steelworkers", CAMEO: "141", Root: "14",
			QuadClass: 4, Goldstein: -6.5, PLOVER: "PROTEST", Date: "2024-05-06", DatePrecision: "day",
			Place: sitrep.Ptr("P1"), GeoPrecision: "town", Modality: sitrep.Asserted,
			ACLEDType: "Protests", ACLEDSubtype: "Peaceful protest", Rule: "test"}
	}
	two := 2
	arrest := sitrep.Event{ID: "V2", Sentence: 2, Start: s2.Start + 7, End: s2.Start + 15, Text: "arrested",
		SourceCode: "USACOP", SourceText: "Police", TargetText: "them", CAMEO: "173", Root: "17", QuadClass: 4,
		Goldstein: -5, PLOVER: "COERCE", Date: "2024-05-06", DatePrecision: "day", Place: sitrep.Ptr("P1"),
		GeoPrecision: "town", Modality: sitrep.Asserted, ACLEDType: "Strategic developments", ACLEDSubtype: "Arrests",
		Injured: &two, Rule: "test"}
	d.Events = []sitrep.Event{
		protest("V1", 1, at("protested", s1.Start)),
		arrest,
		protest("V3", 3, at("protested", s3.Start)),
	}
	return d
}

// sampleRecords are two stored happenings.
func sampleRecords() []sitrep.EventRecord {
	lat, lon, killed := 32.0, 44.3, 2
	return []sitrep.EventRecord{
		{ID: "0a1b2c3d4e5f6071", Date: "2021-07-26", DatePrecision: "day", CAMEO: "195", Root: "19", QuadClass: 4, Goldstein: -10, PLOVER: "ASSAULT",
			ACLEDType: "Explosions/Remote violence", ACLEDSubtype: "Air/drone strike", Modality: sitrep.Asserted,
			Source: "drone", Target: "Popular Mobilization Forces", TargetCode: "IRQMIL",
			Place: "Najaf", Country: "IQ", Admin1: "Najaf", Lat: &lat, Lon: &lon, GeoPrecision: "town",
			Killed: &killed, Text: "A drone struck a camp, killing two.", Doc: "d1", URL: "https://example.org/a",
			Outlet: "Example News", Published: "2021-07-27", Mentions: 3, Articles: 2, Sources: 2},
		{ID: "ffee000011112222", Date: "2021-07-26", DatePrecision: "day", CAMEO: "036", Root: "03", QuadClass: 1, Goldstein: 4, Modality: sitrep.Future,
			Source: "Joe Biden", SourceCode: "USAGOV", Target: "Iraq", TargetCode: "IRQ",
			Text: "Biden will meet Iraq's premier, he said.", Doc: "d1", Mentions: 1, Articles: 1, Sources: 1},
	}
}

// writeDocs writes docs through a DocWriter in format.
func writeDocs(t testing.TB, format string, docs ...*sitrep.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewDocWriter(format, &buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// allDocs are the test documents.
func allDocs(t testing.TB) []*sitrep.Document {
	var docs []*sitrep.Document
	for _, name := range testDocs {
		docs = append(docs, loadDoc(t, name))
	}
	return append(docs, usDoc())
}

// TestGolden writes the test documents in every format and compares the
// output with testdata/golden.
func TestGolden(t *testing.T) {
	docs := allDocs(t)
	for _, format := range RecordFormats {
		t.Run(format, func(t *testing.T) {
			_, ext := MediaType(format)
			path := filepath.Join("testdata", "golden", "docs."+format+"."+ext)
			got := writeDocs(t, format, docs...)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./export -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; got:\n%s", path, got)
			}
		})
	}
}

// TestRecordWriterReadsDocs: a store's happenings written with Options.Docs
// get the article's columns, the same as the document writer gives.
func TestRecordWriterReadsDocs(t *testing.T) {
	docs := map[string]*sitrep.Document{}
	var recs []sitrep.EventRecord
	for _, d := range allDocs(t) {
		docs[d.ID] = d
		recs = append(recs, happenings(d)...)
	}
	for _, format := range []string{FormatGDELT, FormatGDELTMentions, FormatACLED} {
		var buf bytes.Buffer
		w, err := NewRecordWriterOptions(format, &buf, Options{Docs: func(id string) (*sitrep.Document, error) {
			if d := docs[id]; d != nil {
				return d, nil
			}
			return nil, fmt.Errorf("doc %s: %w", id, sitrep.ErrNotFound)
		}})
		if err != nil {
			t.Fatal(err)
		}
		for i := range recs {
			if err := w.Write(&recs[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if want := writeDocs(t, format, allDocs(t)...); !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s: the record writer with documents differs from the document writer:\n%s\nwant\n%s", format, buf.Bytes(), want)
		}
	}
}

// TestRecordWriterDocErrors: a missing document leaves the record alone;
// another error stops the export.
func TestRecordWriterDocErrors(t *testing.T) {
	recs := sampleRecords()
	var buf bytes.Buffer
	w, _ := NewRecordWriterOptions(FormatGDELT, &buf, Options{Docs: func(id string) (*sitrep.Document, error) {
		return nil, fmt.Errorf("gone: %w", sitrep.ErrNotFound)
	}})
	if err := w.Write(&recs[0]); err != nil {
		t.Errorf("a missing document stopped the export: %v", err)
	}
	w, _ = NewRecordWriterOptions(FormatGDELT, &buf, Options{Docs: func(id string) (*sitrep.Document, error) {
		return nil, fmt.Errorf("disk on fire")
	}})
	if err := w.Write(&recs[0]); err == nil || !bytes.Contains([]byte(err.Error()), []byte("disk on fire")) {
		t.Errorf("err = %v, want the store's error", err)
	}
}
