package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"sitrep/syntax"
)

// runTrainSyntax implements `sitrep train syntax`: it trains the tagger
// and parser on the English Web Treebank's training documents
// (syntax/data, made by go generate ./syntax), writes the model file the
// syntax package embeds and prints the dev and test figures. The same
// options give a byte-identical file.
func runTrainSyntax(ctx context.Context, e *env, args []string) int {
	def := syntax.DefaultTrainOptions()
	fs := newFlagSet("train syntax", "", e)
	data := fs.String("data", "syntax/data", "folder holding ewt-train.conll.gz, ewt-dev.conll.gz and ewt-test.conll.gz")
	out := fs.String("out", "syntax/model/syntax.bin", "model file to write")
	epochs := fs.Int("epochs", def.Epochs, "training epochs")
	seed := fs.Uint64("seed", def.Seed, "random seed")
	minWeight := fs.Float64("min-weight", float64(def.MinWeight), "drop weights smaller than this")
	if code, done := parse(fs, args); done {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "sitrep train syntax: %v\n", err)
		return exitBadInput
	}
	read := func(split string) ([]syntax.Sentence, error) {
		return syntax.ReadTreebankFile(filepath.Join(*data, "ewt-"+split+".conll.gz"))
	}
	train, err := read("train")
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	m, err := syntax.Train(train, syntax.TrainOptions{Epochs: *epochs, Seed: *seed, MinWeight: float32(*minWeight)})
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(e.stdout, "trained on %d sentences in %.1fs\n", len(train), time.Since(start).Seconds())
	for _, split := range []string{"dev", "test"} {
		gold, err := read(split)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(e.stdout, "%s: %v\n", split, m.Evaluate(gold))
	}
	if ctx.Err() != nil {
		return fail(ctx.Err())
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return fail(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fail(err)
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes)\n", *out, buf.Len())
	return exitOK
}
