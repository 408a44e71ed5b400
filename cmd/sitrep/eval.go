package main

import (
	"context"
	"fmt"

	"sitrep/eval"
)

func runEval(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("eval", "NAME   (one of: "+eval.NamesList()+")", e)
	shared := fs.String("shared", "../shared", "folder holding eval/ with the benchmark data")
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
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
