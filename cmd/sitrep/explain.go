package main

import (
	"context"
	"fmt"
	"io"

	"sitrep/event"
	"sitrep/pipeline"
)

// runExplain prints the event coder's reading of every candidate word of
// one plain-text article: its margin (above 0 it is coded) and the code it
// would take, sentence by sentence, for finding out why a word was or was
// not coded.
func runExplain(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("explain", "FILE   (- for standard input)", e)
	date := fs.String("date", "", "the article's `YYYY-MM-DD` date")
	floor := fs.Float64("floor", -4, "show candidates whose margin is above `M`")
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	name := fs.Arg(0)
	r, err := openInput(e, name)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep explain: %v\n", err)
		return exitBadInput
	}
	defer r.Close()
	raw, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep explain: %s: %v\n", name, err)
		return exitBadInput
	}
	a, err := pipeline.BeforeEvents().Analyze(ctx, pipeline.Input{Text: string(raw), Published: *date})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep explain: %s: %v\n", name, err)
		return exitBadInput
	}
	scores, err := event.New().Explain(a)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep explain: %v\n", err)
		return exitBadInput
	}
	last := -1
	for _, s := range scores {
		if float64(s.Margin) <= *floor {
			continue
		}
		if s.Sentence != last {
			sen := a.Sentences[s.Sentence]
			fmt.Fprintf(e.stdout, "S%d: %s\n", s.Sentence+1, a.Doc.Text[sen.Start:sen.End])
			last = s.Sentence
		}
		mark := " "
		if s.Margin > 0 {
			mark = "*"
		}
		fmt.Fprintf(e.stdout, "  %s %-16s %7.2f  %s\n", mark, s.Word, s.Margin, s.Code)
	}
	return exitOK
}
