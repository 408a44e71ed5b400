package export

import (
	"fmt"
	"io"

	"sitrep"
)

// DocWriter writes the happenings of documents straight from extraction
// (sitrep extract) in one of RecordFormats: the same layouts as
// NewRecordWriter's, each document's events grouped into happenings (events
// with one story.Key) with Mentions the number of its sentences' events
// that report each, Articles and Sources 1. The document gives every column
// its article can give (see Options.Docs).
type DocWriter struct {
	t     *tables
	table *tableWriter // nil for jsonl
	jsonl RecordWriter
}

// NewDocWriter returns a writer of documents' happenings on w in format.
func NewDocWriter(format string, w io.Writer) (*DocWriter, error) {
	rw, err := NewRecordWriter(format, w)
	if err != nil {
		return nil, err
	}
	t, err := loadTables()
	if err != nil {
		return nil, err
	}
	d := &DocWriter{t: t}
	if tw, ok := rw.(*tableWriter); ok {
		d.table = tw
	} else {
		d.jsonl = rw
	}
	return d, nil
}

// Write writes the happenings of doc, whose offsets may be bytes or code
// points (doc.RuneOffsets says which), and flushes them to the writer.
func (d *DocWriter) Write(doc *sitrep.Document) error {
	recs := happenings(doc)
	if d.jsonl != nil {
		for i := range recs {
			if err := d.jsonl.Write(&recs[i]); err != nil {
				return err
			}
		}
		return d.jsonl.Flush()
	}
	art := newArticle(d.t, doc)
	for i := range recs {
		rep := &report{rec: &recs[i]}
		rep.attach(art)
		if err := d.table.write(rep); err != nil {
			return fmt.Errorf("document %s: %w", doc.ID, err)
		}
	}
	return d.table.Flush()
}

// Flush writes what is buffered; a CSV table that got no row still gets
// its header.
func (d *DocWriter) Flush() error {
	if d.jsonl != nil {
		return d.jsonl.Flush()
	}
	return d.table.Flush()
}
