package main

import (
	"context"
	"fmt"

	"sitrep/annot"
	"sitrep/eval"
	"sitrep/event"
)

func runEval(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("eval", "NAME   (one of: "+eval.NamesList()+")", e)
	shared := fs.String("shared", "../shared", "folder holding eval/ with the benchmark data")
	biases := fs.String("biases", "", "events only: also score each fold at these biases of \"event\" against \"no event\" (comma-separated), for choosing the bias")
	sourceNone := fs.String("source-none-biases", "", "events only: also score each fold with these biases of \"no source\" (comma-separated)")
	targetNone := fs.String("target-none-biases", "", "events only: also score each fold with these biases of \"no target\" (comma-separated)")
	only := fs.String("only", "", "events only: score just the sentences a JSON Lines file lists by \"id\" (an earlier annot/data/sentences.jsonl), training on all")
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	if *only != "" || *biases != "" || *sourceNone != "" || *targetNone != "" {
		if fs.Arg(0) != "events" {
			fmt.Fprintf(e.stderr, "sitrep eval: -only and the bias lists are for events, not %q\n", fs.Arg(0))
			return exitUsage
		}
		var ids map[string]bool
		if *only != "" {
			var err error
			if ids, err = annot.ReadIDs(*only); err != nil {
				fmt.Fprintf(e.stderr, "sitrep eval events: -only: %v\n", err)
				return exitBadInput
			}
		}
		variants, err := coderVariants(*biases, *sourceNone, *targetNone)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep eval events: %v\n", err)
			return exitUsage
		}
		if err := eval.Events(ctx, *shared, 5, event.DefaultTrainOptions(), ids, e.stdout, variants...); err != nil {
			fmt.Fprintf(e.stderr, "sitrep eval events: %v\n", err)
			return exitBadInput
		}
		return exitOK
	}
	b, ok := eval.Lookup(fs.Arg(0))
	if !ok {
		fmt.Fprintf(e.stderr, "sitrep eval: unknown benchmark %q (have: %s)\n", fs.Arg(0), eval.NamesList())
		return exitUsage
	}
	if err := b.Run(ctx, *shared, e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "sitrep eval %s: %v\n", b.Name, err)
		return exitBadInput
	}
	return exitOK
}

// coderVariants returns the coder variants the bias lists ask for
// (comma-separated numbers; "" for none): one for each bias of "event",
// of "no source" and of "no target", the others as trained.
func coderVariants(biases, sourceNone, targetNone string) ([]eval.CoderVariant, error) {
	var out []eval.CoderVariant
	for _, l := range []struct {
		name, list string
		apply      func(c *event.Coder, b float32) *event.Coder
	}{
		{"bias", biases, (*event.Coder).WithBias},
		{"source-none-bias", sourceNone, func(c *event.Coder, b float32) *event.Coder { return c.WithNoneBiases(b, c.TargetNoneBias()) }},
		{"target-none-bias", targetNone, func(c *event.Coder, b float32) *event.Coder { return c.WithNoneBiases(c.SourceNoneBias(), b) }},
	} {
		if l.list == "" {
			continue
		}
		bs, err := parseFloats(l.list)
		if err != nil {
			return nil, fmt.Errorf("-%ses: %w", l.name, err)
		}
		for _, b := range bs {
			apply, b := l.apply, float32(b)
			out = append(out, eval.CoderVariant{Name: fmt.Sprintf("%s %g", l.name, b), Apply: func(c *event.Coder) *event.Coder { return apply(c, b) }})
		}
	}
	return out, nil
}
