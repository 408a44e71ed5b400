package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"sitrep/entity"
	"sitrep/eval"
	"sitrep/pipeline"
	"sitrep/place"
	"sitrep/quantity"
	"sitrep/quote/learned"
	"sitrep/when"
)

// runTrainQuotes implements `sitrep train quotes`: it trains the quote
// stage's models (cue, content, source) on PolNeAR train, chooses the cue
// bias on PolNeAR dev, writes the model file the stage embeds and prints
// the dev figures. The same options give a byte-identical file.
func runTrainQuotes(ctx context.Context, e *env, args []string) int {
	def := learned.DefaultTrainOptions()
	fs := newFlagSet("train quotes", "", e)
	shared := fs.String("shared", "../shared", "folder holding eval/polnear")
	out := fs.String("out", "quote/learned/model/quotes.bin", "model file to write")
	epochs := fs.Int("epochs", def.Epochs, "training epochs")
	seed := fs.Uint64("seed", def.Seed, "random seed")
	minCount := fs.Int("min-count", def.MinCount, "a cue word is seen inside training cues at least this often")
	minShare := fs.Float64("min-share", def.MinShare, "and for at least this share of its occurrences")
	minWeight := fs.Float64("min-weight", float64(def.MinWeight), "drop weights smaller than this")
	biases := fs.String("biases", "-2,-1,0,1,2,3,4,6,8", "cue biases tried on dev (the best is kept)")
	noneBiases := fs.String("none-biases", "-8,-6,-4,-2,-1,0,1,2", "biases of no source tried on dev with the best cue bias (the best is kept)")
	margin := fs.Float64("margin", float64(def.Margin), "the margin the cue model is trained to")
	ensemble := fs.Int("ensemble", def.Ensemble, "perceptrons each model averages, trained with seeds seed, seed+1, ...")
	aggressive := fs.Float64("aggressive", float64(def.Aggressive), "above 0: train the cue model with passive-aggressive updates of at most this size")
	limit := fs.Int("limit", 0, "read only the first N training articles (0: all)")
	if code, done := parse(fs, args); done {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "sitrep train quotes: %v\n", err)
		return exitBadInput
	}
	grid, err := parseFloats(*biases)
	if err != nil {
		return fail(err)
	}
	noneGrid, err := parseFloats(*noneBiases)
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	p := pipeline.New(entity.Stage{}, when.Stage{}, quantity.Stage{}, place.Stage{}) // the stages before quote
	dir := filepath.Join(*shared, "eval", "polnear")
	train, err := eval.LoadPolNeAR(ctx, p, filepath.Join(dir, "train"), *limit)
	if err != nil {
		return fail(err)
	}
	dev, err := eval.LoadPolNeAR(ctx, p, filepath.Join(dir, "dev"), 0)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(e.stderr, "sitrep train quotes: read %d training and %d dev articles in %s\n", len(train), len(dev), time.Since(start).Round(time.Second))
	docs := make([]learned.TrainDoc, len(train))
	for i, d := range train {
		docs[i] = learned.TrainDoc{A: d.A, Gold: d.Gold}
	}
	opts := learned.TrainOptions{Epochs: *epochs, Seed: *seed, MinCount: *minCount, MinShare: *minShare, MinWeight: float32(*minWeight), Margin: float32(*margin), Ensemble: *ensemble, Aggressive: float32(*aggressive)}
	m, st, err := learned.Train(docs, opts)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(e.stderr, "sitrep train quotes: %s; %d features, %s\n", st, m.Features(), time.Since(start).Round(time.Second))
	m, score, err := tuneBiases(ctx, m, dev, grid, noneGrid, e)
	if err != nil {
		return fail(err)
	}
	if err := writeQuoteModel(*out, m); err != nil {
		return fail(err)
	}
	devDocs := make([]learned.TrainDoc, len(dev))
	for i, d := range dev {
		devDocs[i] = learned.TrainDoc{A: d.A, Gold: d.Gold}
	}
	fmt.Fprintf(e.stdout, "== dev (cue bias %g, none bias %g): %s\n  %s\n", m.CueBias(), m.NoneBias(), score, learned.Assess(m, devDocs))
	fmt.Fprintf(e.stderr, "sitrep train quotes: wrote %s in %s\n", *out, time.Since(start).Round(time.Second))
	return exitOK
}

// tuneBiases chooses the biases of m on dev: first the cue bias among
// cues (no source unbiased), then the bias of no source among nones; the
// first of equal scores wins. It returns the model and its dev score.
func tuneBiases(ctx context.Context, m *learned.Model, dev []eval.PolNeARDoc, cues, nones []float64, e *env) (*learned.Model, eval.AttributionScore, error) {
	best, bs, err := bestOf(ctx, dev, cues, func(b float32) *learned.Model { return m.WithBiases(b, 0) }, "cue", e)
	if err != nil {
		return nil, bs, err
	}
	cue := best.CueBias()
	return bestOf(ctx, dev, nones, func(b float32) *learned.Model { return m.WithBiases(cue, b) }, "none", e)
}

// bestOf scores on dev the model with each bias of grid and returns the
// best (the first of equals) and its score.
func bestOf(ctx context.Context, dev []eval.PolNeARDoc, grid []float64, with func(float32) *learned.Model, what string, e *env) (*learned.Model, eval.AttributionScore, error) {
	var best *learned.Model
	var bs eval.AttributionScore
	for _, b := range grid {
		mb := with(float32(b))
		s, err := eval.ScorePolNeAR(ctx, dev, mb.Find)
		if err != nil {
			return nil, bs, err
		}
		fmt.Fprintf(e.stderr, "sitrep train quotes: %s bias %g: dev content+speaker F1 %.4f\n", what, b, s.F1())
		if best == nil || s.F1() > bs.F1() {
			best, bs = mb, s
		}
	}
	return best, bs, nil
}

// writeQuoteModel writes m to path, checking that it loads back.
func writeQuoteModel(path string, m *learned.Model) error {
	var buf bytes.Buffer
	if err := learned.WriteModel(&buf, m); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := learned.LoadModel(buf.Bytes(), path); err != nil {
		return fmt.Errorf("the trained model does not load: %w", err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// parseFloats reads a comma-separated list of numbers.
func parseFloats(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return nil, fmt.Errorf("bad number %q in %q", f, s)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no numbers in %q", s)
	}
	return out, nil
}
