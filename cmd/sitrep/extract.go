package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"sitrep"
	"sitrep/export"
	"sitrep/ingest"
	"sitrep/pipeline"
	"sitrep/quote"
)

func runExtract(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("extract", "[FILE...]  (stdin when no FILE or FILE is -)", e)
	date := fs.String("date", "", "publication date `YYYY-MM-DD` that relative times resolve against")
	pretty := fs.Bool("pretty", false, "indent the JSON")
	format := fs.String("format", "json", "output `format`: json (one document a line), or the events as "+strings.Join(export.RecordFormats, ", ")+" (events-csv: csv)")
	dicts := addDictFlags(fs)
	lf := addLimitFlags(fs)
	lang := addLangFlag(fs)
	quotes := fs.String("quotes", "union", "how quotes are found: `mode` union (the rules and the learned model), rules or learned")
	if code, done := parse(fs, args); done {
		return code
	}
	qm, err := quote.ParseMode(*quotes)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep extract: --quotes: %v\n", err)
		return exitUsage
	}
	if *date != "" {
		if _, err := time.Parse("2006-01-02", *date); err != nil {
			if _, err2 := time.Parse(time.RFC3339, *date); err2 != nil {
				fmt.Fprintf(e.stderr, "sitrep extract: --date %q: want YYYY-MM-DD\n", *date)
				return exitUsage
			}
		}
	}
	if *format == "events-csv" {
		*format = export.FormatCSV
	}
	var events *export.DocWriter // nil: documents as JSON
	if *format != "json" {
		var err error
		if events, err = export.NewDocWriter(*format, e.stdout); err != nil {
			fmt.Fprintf(e.stderr, "sitrep extract: --format: %v\n", err)
			return exitUsage
		}
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	p, err := dicts.pipeline()
	if err == nil {
		p, err = lang.apply(p)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep extract: %v\n", err)
		return exitUsage
	}
	p = p.Replace(quote.Stage{Mode: qm})
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if *pretty {
		enc.SetIndent("", "  ")
	}
	emit := func(doc *sitrep.Document) int {
		if events != nil {
			if err := events.Write(doc); err != nil {
				fmt.Fprintf(e.stderr, "sitrep extract: %v\n", err)
				return exitBadInput
			}
			return exitOK
		}
		if err := enc.Encode(doc); err != nil {
			fmt.Fprintf(e.stderr, "sitrep extract: writing output: %v\n", err)
			return exitBadInput
		}
		return exitOK
	}
	warns := newWarnings(e.stderr, "extract")
	rd := &ingest.Reader{Stdin: e.stdin, Limits: lf.limits(), Warn: warns.warn}
	x := &extraction{e: e, rd: rd, p: p, date: *date, emit: emit}
	for _, name := range files {
		if !x.input(ctx, name) {
			break
		}
	}
	warns.finish()
	if events != nil {
		if err := events.Flush(); err != nil {
			fmt.Fprintf(e.stderr, "sitrep extract: writing output: %v\n", err)
			return exitBadInput
		}
	}
	return x.t.report(e, "extract", "documents")
}

// extraction is one run of sitrep extract.
type extraction struct {
	e    *env
	rd   *ingest.Reader
	p    *pipeline.Pipeline
	date string                     // for articles whose input gives none
	emit func(*sitrep.Document) int // writes a document; exitOK or not
	t    tally
}

// input extracts every article of one input (a file, a directory, "-" for
// stdin, a URL), whatever its format: the ingest readers choose by content
// (ingest.Detect), the extension a hint only. A record that cannot be read
// is reported and counted as skipped; an input that cannot be opened or an
// article whose extraction fails counts as failed. It returns false when
// output could not be written, and extraction must stop.
func (x *extraction) input(ctx context.Context, name string) bool {
	ok := true
	err := x.rd.Read(ctx, []string{name}, func(a sitrep.Article, err error) bool {
		if err != nil {
			fmt.Fprintf(x.e.stderr, "sitrep extract: skipped: %v\n", err)
			x.t.skipped++
			return true
		}
		ok = x.article(ctx, a)
		return ok
	})
	if err != nil {
		fmt.Fprintf(x.e.stderr, "sitrep extract: %v\n", err)
		x.t.failed++
	}
	return ok
}

// article extracts and writes one article; false when the output failed.
func (x *extraction) article(ctx context.Context, a sitrep.Article) bool {
	if a.Published == "" {
		a.Published = x.date
	}
	doc, err := x.p.Extract(ctx, a)
	var le *pipeline.LanguageError
	if errors.As(err, &le) {
		fmt.Fprintf(x.e.stderr, "sitrep extract: %s: skipped: %v (--lang any extracts it)\n", a.Origin, err)
		x.t.skipped++
		return true
	}
	if err != nil {
		fmt.Fprintf(x.e.stderr, "sitrep extract: %s: %v\n", a.Origin, err)
		x.t.failed++
		if doc == nil {
			return true
		}
	} else {
		x.t.done++
	}
	if x.emit(doc) != exitOK {
		x.t.failed++
		return false
	}
	return true
}
