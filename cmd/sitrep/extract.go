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
	lf := addLimitFlags(fs)
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
	rd := &ingest.Reader{Stdin: e.stdin, Limits: lf.limits()}
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
		if f, gz := ingest.FormatOf(name); f != ingest.FormatUnknown && (f != ingest.FormatText || gz) {
			// HTML pages, feeds, WARC files, JSON Lines, gzipped text: one
			// document per article they hold
			if c := extractArticles(ctx, e, rd, p, name, *date, emit); c != exitOK {
				code = c
			}
			continue
		}
		txt, label, err := readText(e, rd, name)
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
func extractArticles(ctx context.Context, e *env, rd *ingest.Reader, p *pipeline.Pipeline, name, date string, emit func(*sitrep.Document) int) int {
	code := exitOK
	err := rd.Read(ctx, []string{name}, func(a sitrep.Article, err error) bool {
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

// readText reads the plain text article of the file name ("-": stdin)
// within rd's limits (a text over --max-article-bytes is refused as soon
// as it is read past the limit) and returns it with the input's label.
func readText(e *env, rd *ingest.Reader, name string) (txt, label string, err error) {
	label = name
	var r io.Reader = e.stdin
	if name == "-" {
		label = "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return "", label, err
		}
		defer f.Close()
		r = f
	}
	art, err := rd.ReadText(label, r)
	return art.Text, label, err
}
