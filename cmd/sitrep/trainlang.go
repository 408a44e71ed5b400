package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"sitrep/lang"
)

// runTrainLang implements `sitrep train lang`: it trains the language
// identifier on the UDHR articles that are not held out and on the English
// news training splits of ../shared/eval, writes the model (byte-identical
// for the same data: naive Bayes counts, no randomness) and, with -eval,
// reports held-out accuracy and the English news test figure.
func runTrainLang(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("train lang", "", e)
	shared := fs.String("shared", "../shared", "folder holding eval/ with the English news")
	udhr := fs.String("udhr", "lang/data/udhr.tsv.gz", "UDHR articles (made by go generate ./lang)")
	out := fs.String("out", "lang/model/lang.bin", "model file to write")
	evaluate := fs.Bool("eval", true, "report held-out accuracy and the English news test figure")
	if code, done := parse(fs, args); done {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "sitrep train lang: %v\n", err)
		return exitBadInput
	}
	start := time.Now()
	arts, err := lang.ReadUDHR(*udhr)
	if err != nil {
		return fail(err)
	}
	news, err := lang.ReadNews(*shared, "train")
	if err != nil {
		return fail(err)
	}
	model, err := lang.Train(lang.TrainingSamples(arts, news), lang.TrainOptions{})
	if err != nil {
		return fail(err)
	}
	d, err := lang.Load(model)
	if err != nil {
		return fail(fmt.Errorf("the trained model does not load: %w", err))
	}
	if err := os.WriteFile(*out, model, 0o644); err != nil {
		return fail(err)
	}
	slog.Info("trained the language identifier", "languages", len(d.Languages()), "bytes", len(model),
		"out", *out, "seconds", time.Since(start).Seconds())
	if !*evaluate || ctx.Err() != nil {
		return exitOK
	}
	test, err := lang.ReadNews(*shared, "test")
	if err != nil {
		return fail(err)
	}
	d.WriteReport(e.stdout, arts, test)
	return exitOK
}
