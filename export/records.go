package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitrep"
)

// Format names.
const (
	FormatJSONL         = "jsonl"
	FormatCSV           = "csv"
	FormatGDELT         = "gdelt"
	FormatGDELTMentions = "gdelt-mentions"
	FormatACLED         = "acled"
)

// RecordFormats are the formats NewRecordWriter and NewDocWriter know.
var RecordFormats = []string{FormatJSONL, FormatCSV, FormatGDELT, FormatGDELTMentions, FormatACLED}

// MediaType returns the content type and file extension of a format's
// output: JSON lines, CSV (csv, acled) or tab-separated values (the GDELT
// tables, which GDELT itself names .CSV).
func MediaType(format string) (contentType, ext string) {
	switch format {
	case FormatJSONL:
		return "application/x-ndjson", "jsonl"
	case FormatGDELT, FormatGDELTMentions:
		return "text/tab-separated-values; charset=utf-8", "tsv"
	}
	return "text/csv; charset=utf-8", "csv"
}

// RecordWriter writes stored happenings (sitrep.EventRecord) in one format.
// Call Flush when done.
type RecordWriter interface {
	Write(r *sitrep.EventRecord) error
	Flush() error
}

// Options tune a RecordWriter.
type Options struct {
	// Docs returns the stored document with this id (a happening's first
	// report, EventRecord.Doc). The gdelt, gdelt-mentions and acled formats
	// read each happening's article through it: for the actors' places and
	// country codes, IsRootEvent, AvgTone, the mentions' sentences and
	// offsets and ACLED's crowd sizes. Nil, or a document it cannot find
	// (an error wrapping sitrep.ErrNotFound), leaves those columns to what
	// the record alone says; any other error stops the export.
	Docs func(id string) (*sitrep.Document, error)
}

// NewRecordWriter returns a writer of happenings on w in format: jsonl (one
// JSON object a line), csv (sitrep's columns, RecordColumns), gdelt (GDELT
// 2.0's event table: 61 tab-separated columns, no header), gdelt-mentions
// (GDELT 2.0's mentions table) or acled (ACLED's columns; only events ACLED
// codes). The writer reads no documents; see NewRecordWriterOptions.
func NewRecordWriter(format string, w io.Writer) (RecordWriter, error) {
	return NewRecordWriterOptions(format, w, Options{})
}

// NewRecordWriterOptions is NewRecordWriter with options.
func NewRecordWriterOptions(format string, w io.Writer, opt Options) (RecordWriter, error) {
	t, err := loadTables()
	if err != nil {
		return nil, err
	}
	switch format {
	case FormatJSONL:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return jsonlWriter{enc}, nil
	case FormatCSV:
		return newTable(w, t, opt, RecordColumns, func(r *report) [][]string { return [][]string{recordRow(r.rec)} }), nil
	case FormatGDELT:
		return newTable(w, t, opt, nil, func(r *report) [][]string { return [][]string{t.gdeltEventRow(r)} }), nil
	case FormatGDELTMentions:
		return newTable(w, t, opt, nil, t.gdeltMentionRows), nil
	case FormatACLED:
		return newTable(w, t, opt, acledColumns, func(r *report) [][]string {
			if row := t.acledRow(r); row != nil {
				return [][]string{row}
			}
			return nil
		}), nil
	}
	return nil, fmt.Errorf("unknown export format %q (want %s)", format, strings.Join(RecordFormats, ", "))
}

type jsonlWriter struct{ enc *json.Encoder }

// Write writes one record as a line of JSON.
func (j jsonlWriter) Write(r *sitrep.EventRecord) error {
	if err := j.enc.Encode(r); err != nil {
		return fmt.Errorf("writing JSON lines: %w", err)
	}
	return nil
}

// Flush does nothing: each line is written whole.
func (jsonlWriter) Flush() error { return nil }

// tableWriter writes one table: a CSV header (when header is not nil) and
// CSV rows, or, without a header, GDELT's tab-separated rows. Every cell
// passes through Cell.
type tableWriter struct {
	t      *tables
	opt    Options
	header []string
	rows   func(*report) [][]string
	csv    *csv.Writer   // CSV tables
	tsv    *bufio.Writer // GDELT tables
	begun  bool
	cache  docCache
}

// newTable returns a table writer: CSV with a header, or GDELT's
// tab-separated values when header is nil.
func newTable(w io.Writer, t *tables, opt Options, header []string, rows func(*report) [][]string) *tableWriter {
	tw := &tableWriter{t: t, opt: opt, header: header, rows: rows}
	if header != nil {
		tw.csv = csv.NewWriter(w)
	} else {
		tw.tsv = bufio.NewWriter(w)
	}
	return tw
}

// Write writes the rows of one happening, reading its article through
// Options.Docs.
func (tw *tableWriter) Write(r *sitrep.EventRecord) error {
	rep := &report{rec: r}
	if tw.opt.Docs != nil && r.Doc != "" {
		art, err := tw.cache.get(tw.t, r.Doc, tw.opt.Docs)
		if err != nil {
			return fmt.Errorf("export: happening %s: %w", r.ID, err)
		}
		rep.attach(art)
	}
	return tw.write(rep)
}

// write writes the rows of one report.
func (tw *tableWriter) write(rep *report) error {
	if err := tw.begin(); err != nil {
		return err
	}
	for _, row := range tw.rows(rep) {
		if err := tw.writeRow(row); err != nil {
			return err
		}
	}
	return nil
}

// begin writes the header, once.
func (tw *tableWriter) begin() error {
	if tw.begun {
		return nil
	}
	tw.begun = true
	if tw.header == nil {
		return nil
	}
	return tw.writeRow(tw.header)
}

// writeRow writes one row, every cell through Cell; a GDELT row's cells
// lose their tabs and line breaks, which GDELT's format cannot hold.
func (tw *tableWriter) writeRow(row []string) error {
	if tw.csv != nil {
		if err := writeRow(tw.csv, row); err != nil {
			return fmt.Errorf("writing CSV: %w", err)
		}
		return nil
	}
	for i, c := range row {
		if i > 0 {
			tw.tsv.WriteByte('\t')
		}
		tw.tsv.WriteString(Cell(tsvCell(c)))
	}
	if err := tw.tsv.WriteByte('\n'); err != nil {
		return fmt.Errorf("writing GDELT table: %w", err)
	}
	return nil
}

// Flush writes what is buffered; a CSV table still empty gets its header.
func (tw *tableWriter) Flush() error {
	if err := tw.begin(); err != nil {
		return err
	}
	if tw.csv != nil {
		tw.csv.Flush()
		if err := tw.csv.Error(); err != nil {
			return fmt.Errorf("writing CSV: %w", err)
		}
		return nil
	}
	if err := tw.tsv.Flush(); err != nil {
		return fmt.Errorf("writing GDELT table: %w", err)
	}
	return nil
}

// tsvCell makes a cell fit a tab-separated row: tabs and line breaks become
// spaces.
func tsvCell(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

// attach sets the report's article and the article's mentions of the
// happening.
func (rep *report) attach(art *article) {
	if art == nil {
		return
	}
	rep.art = art
	rep.mentions = art.mentionsOf(rep.rec.ID)
	if len(rep.mentions) > 0 {
		rep.ev = &art.doc.Events[rep.mentions[0]]
	}
}

// docCache keeps the last articles read, since a store lists a document's
// happenings near each other.
type docCache struct {
	ids  []string
	arts []*article // nil for a document not found
}

// cacheSize is how many articles a docCache keeps.
const cacheSize = 64

// get returns the article of document id, reading it through docs on a
// miss; a document that is not found gives nil and no error.
func (c *docCache) get(t *tables, id string, docs func(string) (*sitrep.Document, error)) (*article, error) {
	for i, have := range c.ids {
		if have == id {
			return c.arts[i], nil
		}
	}
	doc, err := docs(id)
	if err != nil && !errors.Is(err, sitrep.ErrNotFound) {
		return nil, fmt.Errorf("reading document %s: %w", id, err)
	}
	var art *article
	if err == nil && doc != nil {
		art = newArticle(t, doc)
	}
	if len(c.ids) == cacheSize {
		c.ids, c.arts = c.ids[1:], c.arts[1:]
	}
	c.ids, c.arts = append(c.ids, id), append(c.arts, art)
	return art, nil
}

// RecordColumns are the csv format's header: EventRecord's fields.
var RecordColumns = []string{
	"id", "date", "date_precision", "cameo", "root", "quad_class", "goldstein", "plover",
	"acled_type", "acled_subtype", "modality", "source", "source_code", "target", "target_code",
	"place", "country", "admin1", "lat", "lon", "geo_precision", "killed", "injured",
	"mentions", "articles", "sources", "doc", "url", "outlet", "published", "text",
}

// recordRow is the csv format's row of a happening.
func recordRow(r *sitrep.EventRecord) []string {
	return []string{
		r.ID, r.Date, r.DatePrecision, r.CAMEO, r.Root, strconv.Itoa(r.QuadClass), formatFloat(r.Goldstein), r.PLOVER,
		r.ACLEDType, r.ACLEDSubtype, r.Modality, r.Source, r.SourceCode, r.Target, r.TargetCode,
		r.Place, r.Country, r.Admin1, coord(r.Lat), coord(r.Lon), r.GeoPrecision, intPtr(r.Killed), intPtr(r.Injured),
		strconv.Itoa(r.Mentions), strconv.Itoa(r.Articles), strconv.Itoa(r.Sources), r.Doc, r.URL, r.Outlet, r.Published, r.Text,
	}
}

// intPtr formats an optional count, "" for none.
func intPtr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// formatFloat formats f in the fewest digits.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
