package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"sitrep/eval"
	"sitrep/event"
)

func runEval(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("eval", "NAME   (one of: "+eval.NamesList()+")", e)
	shared := fs.String("shared", "../shared", "folder holding eval/ with the benchmark data")
	only := fs.String("only", "", "events only: score just the sentences a JSON Lines file lists by \"id\" (an earlier annot/data/sentences.jsonl), training on all")
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	if *only != "" {
		if fs.Arg(0) != "events" {
			fmt.Fprintf(e.stderr, "sitrep eval: -only is for events, not %q\n", fs.Arg(0))
			return exitUsage
		}
		ids, err := readIDs(*only)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep eval events: -only: %v\n", err)
			return exitBadInput
		}
		if err := eval.Events(ctx, *shared, 5, event.DefaultTrainOptions(), ids, e.stdout); err != nil {
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

// readIDs reads the "id" of every line of a JSON Lines file.
func readIDs(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		var rec struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.ID == "" {
			return nil, fmt.Errorf("%s:%d: want a JSON object with an \"id\"", path, n)
		}
		ids[rec.ID] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ids, nil
}
