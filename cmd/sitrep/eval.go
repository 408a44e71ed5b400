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
	only := fs.String("only", "", "events only: score just the sentences a JSON Lines file lists by \"id\" (an earlier annot/data/sentences.jsonl), training on all")
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	if *only != "" || *biases != "" {
		if fs.Arg(0) != "events" {
			fmt.Fprintf(e.stderr, "sitrep eval: -only and -biases are for events, not %q\n", fs.Arg(0))
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
		var b32 []float32
		if *biases != "" {
			bs, err := parseFloats(*biases)
			if err != nil {
				fmt.Fprintf(e.stderr, "sitrep eval events: -biases: %v\n", err)
				return exitUsage
			}
			for _, b := range bs {
				b32 = append(b32, float32(b))
			}
		}
		if err := eval.Events(ctx, *shared, 5, event.DefaultTrainOptions(), ids, e.stdout, b32...); err != nil {
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
