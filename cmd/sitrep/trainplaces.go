package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"sitrep/eval"
	"sitrep/place"
	"sitrep/place/gazetteer"
)

// runTrainPlaces implements `sitrep train places`: it trains the place
// resolver on every GeoWebNews article and writes the model the place stage
// embeds (byte-identical for the same data and options). With -eval it
// first reports the figures no model was trained on: GeoWebNews by 5-fold
// cross-validation by article, LGL with the model trained on GeoWebNews
// alone, and LGL by 5-fold cross-validation with GeoWebNews and the other
// LGL folds as training data.
func runTrainPlaces(ctx context.Context, e *env, args []string) int {
	def := place.DefaultTrainOptions()
	fs := newFlagSet("train places", "", e)
	shared := fs.String("shared", "../shared", "folder holding eval/geoparsing with LGL and GeoWebNews")
	out := fs.String("out", "place/model/places.bin", "model file to write")
	epochs := fs.Int("epochs", def.Epochs, "training epochs")
	seed := fs.Uint64("seed", def.Seed, "random seed")
	ensemble := fs.Int("ensemble", def.Ensemble, "perceptrons averaged, each trained with the next seed")
	evaluate := fs.Bool("eval", true, "report the cross-validated figures")
	if code, done := parse(fs, args); done {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "sitrep train places: %v\n", err)
		return exitBadInput
	}
	start := time.Now()
	opts := place.TrainOptions{Epochs: *epochs, Seed: *seed, Ensemble: *ensemble}
	lgl, gwn, err := eval.LoadGeoCorpora(ctx, *shared)
	if err != nil {
		return fail(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		return fail(err)
	}
	m, st, err := place.Train(ctx, g, gwn.TrainDocs(nil), opts)
	if err != nil {
		return fail(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		return fail(err)
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(fmt.Errorf("writing %s: %w", *out, err))
	}
	slog.Info("trained the place resolver on GeoWebNews", "entities", st.Entities, "reachable", st.Reachable, "examples", st.Examples,
		"features", st.Features, "bytes", n, "out", *out, "seconds", time.Since(start).Seconds())
	if !*evaluate {
		return exitOK
	}
	if err := reportPlaces(ctx, e, lgl, gwn, m, opts); err != nil {
		return fail(err)
	}
	return exitOK
}

// reportPlaces prints the held-out figures of the place resolver.
func reportPlaces(ctx context.Context, e *env, lgl, gwn *eval.GeoCorpus, m *place.Model, opts place.TrainOptions) error {
	line := func(what string, f eval.GeoFigures) {
		fmt.Fprintf(e.stdout, "%-48s e2e acc@161 %.4f of all gold, %.4f of recognized; given names %.4f; recognition F1 %.4f\n",
			what, f.E2EAll, f.E2ERecognized, f.GivenAcc, f.RecognitionF1)
	}
	all, folds, err := eval.CrossValidateGeo(ctx, gwn, nil, opts)
	if err != nil {
		return err
	}
	for k, f := range folds {
		line(fmt.Sprintf("GeoWebNews fold %d (trained on the others)", k+1), f)
	}
	line("GeoWebNews, 5 folds pooled", all)
	f, err := eval.ScoreGeo(ctx, lgl, m, nil)
	if err != nil {
		return err
	}
	line("LGL, model trained on GeoWebNews", f)
	all, folds, err = eval.CrossValidateGeo(ctx, lgl, gwn.TrainDocs(nil), opts)
	if err != nil {
		return err
	}
	for k, f := range folds {
		line(fmt.Sprintf("LGL fold %d (GeoWebNews + other LGL folds)", k+1), f)
	}
	line("LGL, 5 folds pooled", all)
	return nil
}
