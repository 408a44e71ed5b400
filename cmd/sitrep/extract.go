package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"sitrep"
	"sitrep/export"
	"sitrep/ingest"
	"sitrep/pipeline"
)

func runExtract(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("extract", "[FILE...]  (stdin when no FILE or FILE is -)", e)
	date := fs.String("date", "", "publication date `YYYY-MM-DD` that relative times resolve against")
	pretty := fs.Bool("pretty", false, "indent the JSON")
	format := fs.String("format", "json", "output `format`: json (one document a line) or events-csv (one GDELT-style row an event)")
	dicts := addDictFlags(fs)
	if code, done := parse(fs, args); done {
		return code
	}
	if *date != "" {
		if _, err := time.Parse("2006-01-02", *date); err != nil {
			if _, err2 := time.Parse(time.RFC3339, *date); err2 != nil {
				fmt.Fprintf(e.stderr, "sitrep extract: --date %q: want YYYY-MM-DD\n", *date)
				return exitUsage
			}
		}
	}
	if *format != "json" && *format != "events-csv" {
		fmt.Fprintf(e.stderr, "sitrep extract: --format %q: want json or events-csv\n", *format)
		return exitUsage
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	p, err := dicts.pipeline()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep extract: %v\n", err)
		return exitUsage
	}
	csvOut := export.NewGDELTWriter(e.stdout)
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if *pretty {
		enc.SetIndent("", "  ")
	}
	code := exitOK
	emit := func(doc *sitrep.Document) int {
		if *format == "events-csv" {
			if err := csvOut.Write(doc); err != nil {
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
	for _, name := range files {
		if f, _ := ingest.FormatOf(name); f != ingest.FormatUnknown && f != ingest.FormatText {
			// HTML pages, feeds, WARC files, JSON Lines: one document per
			// article they hold
			if c := extractArticles(ctx, e, p, name, *date, emit); c != exitOK {
				code = c
			}
			continue
		}
		data, err := readInput(e, name)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep extract: %v\n", err)
			code = exitBadInput
			continue
		}
		label := name
		if name == "-" {
			label = "stdin"
		}
		txt, err := ingest.PlainText(label, data)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep extract: %v\n", err)
			code = exitBadInput
			continue
		}
		doc, err := p.Extract(ctx, pipeline.Input{Text: txt, Published: *date})
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep extract: %s: %v\n", label, err)
			code = exitBadInput
			if doc == nil {
				continue
			}
		}
		if c := emit(doc); c != exitOK {
			return c
		}
	}
	return code
}

// extractArticles extracts every article of one structured input (HTML,
// feed, WARC, JSON Lines); a record that cannot be read is reported and
// skipped. date is the publication date of articles that give none.
func extractArticles(ctx context.Context, e *env, p *pipeline.Pipeline, name, date string, emit func(*sitrep.Document) int) int {
	code := exitOK
	err := ingest.Read(ctx, []string{name}, e.stdin, func(a sitrep.Article, err error) bool {
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep extract: %v\n", err)
			code = exitBadInput
			return true
		}
		if a.Published == "" {
			a.Published = date
		}
		doc, err := p.Extract(ctx, a)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep extract: %s: %v\n", a.Origin, err)
			code = exitBadInput
			if doc == nil {
				return true
			}
		}
		if c := emit(doc); c != exitOK {
			code = c
			return false
		}
		return true
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep extract: %v\n", err)
		return exitBadInput
	}
	return code
}

func readInput(e *env, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(e.stdin)
	}
	return os.ReadFile(name)
}
