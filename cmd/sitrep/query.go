package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"sitrep"
	"sitrep/export"
)

func runSearch(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("search", "QUERY...", e)
	so := addStoreFlags(fs)
	limit := fs.Int("limit", 20, "at most `N` hits")
	offset := fs.Int("offset", 0, "skip the first `N` hits")
	asJSON := fs.Bool("json", false, "print hits as JSON lines")
	if code, done := parse(fs, args); done {
		return code
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		fmt.Fprintln(e.stderr, "sitrep search: no query")
		fs.Usage()
		return exitUsage
	}
	st, code := so.open(ctx, e, "search")
	if st == nil {
		return code
	}
	defer st.Close()
	hits, err := st.Search(ctx, sitrep.SearchQuery{Query: q, Limit: *limit, Offset: *offset})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep search: %v\n", err)
		return exitBadInput
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, h := range hits {
			if err := enc.Encode(h); err != nil {
				return writeFailed(e, "search", err)
			}
		}
		return exitOK
	}
	for _, h := range hits {
		title := h.Title
		if title == "" {
			title = "(no title)"
		}
		fmt.Fprintf(e.stdout, "%s  %s  %s\n", h.ID, dateOf(h.Published), title)
		if h.URL != "" {
			fmt.Fprintf(e.stdout, "    %s\n", h.URL)
		}
		fmt.Fprintf(e.stdout, "    %s\n", oneLine(h.Snippet))
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stderr, "no documents match")
	}
	return exitOK
}

func runShow(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("show", "ID...", e)
	so := addStoreFlags(fs)
	pretty := fs.Bool("pretty", false, "indent the JSON")
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "sitrep show: no document id")
		fs.Usage()
		return exitUsage
	}
	st, code := so.open(ctx, e, "show")
	if st == nil {
		return code
	}
	defer st.Close()
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if *pretty {
		enc.SetIndent("", "  ")
	}
	code = exitOK
	for _, id := range fs.Args() {
		doc, err := st.Get(ctx, id)
		if err != nil {
			if errors.Is(err, sitrep.ErrNotFound) {
				fmt.Fprintf(e.stderr, "sitrep show: no document %q\n", id)
			} else {
				fmt.Fprintf(e.stderr, "sitrep show: %s: %v\n", id, err)
			}
			code = exitBadInput
			continue
		}
		if err := enc.Encode(doc); err != nil {
			return writeFailed(e, "show", err)
		}
	}
	return code
}

func runEvents(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("events", "", e)
	so := addStoreFlags(fs)
	var f sitrep.EventFilter
	fs.StringVar(&f.Actor, "actor", "", "either actor's CAMEO code prefix (IRQ, USAGOV) or name")
	fs.StringVar(&f.Root, "root", "", "CAMEO root `code` (01-20)")
	fs.StringVar(&f.CAMEO, "cameo", "", "CAMEO code `prefix` (e.g. 195)")
	fs.StringVar(&f.From, "from", "", "first event date `YYYY-MM-DD`")
	fs.StringVar(&f.To, "to", "", "last event date `YYYY-MM-DD`")
	fs.StringVar(&f.Place, "place", "", "place name, province or ISO country code")
	fs.StringVar(&f.Modality, "modality", "", "asserted, negated, future or possible")
	fs.StringVar(&f.Doc, "doc", "", "only events of document `ID`")
	fs.IntVar(&f.Limit, "limit", 100, "at most `N` events")
	fs.IntVar(&f.Offset, "offset", 0, "skip the first `N` events")
	format := fs.String("format", "table", "output `format`: table, "+strings.Join(export.RecordFormats, ", "))
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "sitrep events: unexpected argument %q (filters are flags)\n", fs.Arg(0))
		return exitUsage
	}
	if msg := checkFilter(f); msg != "" {
		fmt.Fprintf(e.stderr, "sitrep events: %s\n", msg)
		return exitUsage
	}
	if *format != "table" { // a bad format is a usage error, before the store is opened
		if _, err := export.NewRecordWriter(*format, io.Discard); err != nil {
			fmt.Fprintf(e.stderr, "sitrep events: --format: %v\n", err)
			return exitUsage
		}
	}
	st, code := so.open(ctx, e, "events")
	if st == nil {
		return code
	}
	defer st.Close()
	recs, err := st.Events(ctx, f)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep events: %v\n", err)
		return exitBadInput
	}
	if *format == "table" {
		writeEventTable(e, recs)
		return exitOK
	}
	// the GDELT and ACLED formats read each happening's first article
	w, err := export.NewRecordWriterOptions(*format, e.stdout, export.Options{
		Docs: func(id string) (*sitrep.Document, error) { return st.Get(ctx, id) },
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep events: --format: %v\n", err)
		return exitUsage
	}
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			return writeFailed(e, "events", err)
		}
	}
	if err := w.Flush(); err != nil {
		return writeFailed(e, "events", err)
	}
	return exitOK
}

// checkFilter returns what is wrong with a filter's values, or "".
func checkFilter(f sitrep.EventFilter) string {
	for _, d := range []struct{ name, v string }{{"--from", f.From}, {"--to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return fmt.Sprintf("%s %q: want YYYY-MM-DD", d.name, d.v)
		}
	}
	if f.Modality != "" && !slices.Contains([]string{sitrep.Asserted, sitrep.Negated, sitrep.Future, sitrep.Possible}, f.Modality) {
		return fmt.Sprintf("--modality %q: want asserted, negated, future or possible", f.Modality)
	}
	if f.Root != "" && (len(f.Root) != 2 || !isNumber(f.Root)) {
		return fmt.Sprintf("--root %q: want a two-digit CAMEO root such as 19", f.Root)
	}
	if f.CAMEO != "" && !isNumber(f.CAMEO) {
		return fmt.Sprintf("--cameo %q: want digits", f.CAMEO)
	}
	if f.Limit < 0 || f.Offset < 0 {
		return "--limit and --offset must not be negative"
	}
	return ""
}

func writeEventTable(e *env, recs []sitrep.EventRecord) {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tCAMEO\tSOURCE\tTARGET\tPLACE\tMODALITY\tKILLED\tARTICLES\tSOURCES\tTEXT")
	for _, r := range recs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", r.Date, r.CAMEO,
			actorLabel(r.Source, r.SourceCode), actorLabel(r.Target, r.TargetCode), r.Place, r.Modality,
			optInt(r.Killed), r.Articles, r.Sources, clip(oneLine(r.Text), 80))
	}
	tw.Flush()
	if len(recs) == 0 {
		fmt.Fprintln(e.stderr, "no events match")
	}
}

func actorLabel(name, code string) string {
	switch {
	case name == "" && code == "":
		return "-"
	case code == "":
		return name
	case name == "":
		return code
	}
	return name + " (" + code + ")"
}

func optInt(p *int) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func dateOf(published string) string {
	if len(published) >= 10 {
		return published[:10]
	}
	if published == "" {
		return "----------"
	}
	return published
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func isNumber(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func writeFailed(e *env, cmd string, err error) int {
	fmt.Fprintf(e.stderr, "sitrep %s: writing output: %v\n", cmd, err)
	return exitBadInput
}
