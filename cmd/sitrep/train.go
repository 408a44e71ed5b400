package main

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"sitrep/entity/ner"
	"sitrep/eval"
	"sitrep/event"
	"sitrep/text"
)

// runTrain implements `sitrep train ner`: it trains the named-entity model
// on CoNLL-2003 train (choosing the epochs on dev), then, with -final (the
// default), again on train and dev together for those epochs, with word
// clusters learned from the training text, GMB train and PolNeAR train
// articles.
func runTrain(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "events" {
		return runTrainEvents(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "lang" {
		return runTrainLang(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "quotes" {
		return runTrainQuotes(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "syntax" {
		return runTrainSyntax(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "places" {
		return runTrainPlaces(ctx, e, args[1:])
	}
	fs := newFlagSet("train", "ner | events | lang | places | quotes | syntax", e)
	shared := fs.String("shared", "../shared", "folder holding eval/ with the training data")
	out := fs.String("out", "entity/ner/model/ner.bin", "model file to write")
	lexicon := fs.String("lexicon", "entity/ner/lexicon.tsv.gz", "gazetteer lists (made by go generate ./entity/ner)")
	epochs := fs.Int("epochs", 12, "training epochs (the best on dev is kept)")
	epochs2 := fs.Int("epochs2", 0, "stage 2 training epochs (0: as -epochs)")
	ensemble := fs.Int("ensemble", 0, "perceptrons averaged per stage, each trained on differently shuffled data (0: the default, 3)")
	final := fs.Bool("final", true, "after choosing the epochs on dev, train the model written on train and dev together (-final=false: the dev-tuned model)")
	seed := fs.Uint64("seed", 4, "random seed (4: best on dev among seeds 1 to 5)")
	dropout := fs.Float64("dropout", 0, "feature dropout probability in training")
	prune := fs.Float64("prune", 0, "drop features whose largest averaged weight is below this (0: the default, 0.005)")
	perceptron := fs.Bool("perceptron", false, "plain perceptron updates rather than passive-aggressive ones (dev F1 about 0.8 lower)")
	moreText := fs.Bool("more-text", false, "also learn the word clusters from the LGL and GeoWebNews articles and TimeBank/AQUAINT")
	// The model name may come before the flags: sitrep train ner --epochs 3.
	var what []string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		what, args = args[:1], args[1:]
	}
	if code, done := parse(fs, args); done {
		return code
	}
	what = append(what, fs.Args()...)
	if len(what) != 1 || what[0] != "ner" {
		fs.Usage()
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "sitrep train: %v\n", err)
		return exitBadInput
	}
	read := func(path string) ([]ner.Sentence, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return ner.ReadCoNLL(f, path)
	}
	dir := filepath.Join(*shared, "eval")
	train, err := read(filepath.Join(dir, "conll2003", "train.txt"))
	if err != nil {
		return fail(err)
	}
	dev, err := read(filepath.Join(dir, "conll2003", "dev.txt"))
	if err != nil {
		return fail(err)
	}
	gmb, err := read(filepath.Join(dir, "gmb-ner", "train.txt"))
	if err != nil {
		return fail(err)
	}
	unlabeled := make([][]string, 0, len(gmb)+40000)
	for _, s := range gmb {
		unlabeled = append(unlabeled, s.Words)
	}
	pol, err := articleTokens(filepath.Join(dir, "polnear", "train", "text"))
	if err != nil {
		return fail(err)
	}
	unlabeled = append(unlabeled, pol...)
	if *moreText {
		more, err := extraText(dir)
		if err != nil {
			return fail(err)
		}
		unlabeled = append(unlabeled, more...)
	}
	lf, err := os.Open(*lexicon)
	if err != nil {
		return fail(err)
	}
	lex, err := ner.ReadLexicon(lf, *lexicon)
	lf.Close()
	if err != nil {
		return fail(err)
	}
	lex = append(lex, gmbLexicon(gmb)...)
	log := slog.New(slog.NewTextHandler(e.stderr, nil)) // progress at Info
	start := time.Now()
	m, err := ner.Train(ctx, train, dev, ner.TrainOptions{Epochs: *epochs, Epochs2: *epochs2, Final: *final, Ensemble: *ensemble, Seed: *seed, Dropout: *dropout, Prune: *prune, Unlabeled: unlabeled, Lexicon: lex, Perceptron: *perceptron}, log)
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
		return fail(err)
	}
	fmt.Fprintf(e.stderr, "sitrep train: wrote %s (%d bytes) in %s\n", *out, n, time.Since(start).Round(time.Second))
	return exitOK
}

// articleTokens tokenizes every .txt file in dir, one token list per line.
func articleTokens(dir string) ([][]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out [][]string
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if toks := text.Tokenize(line, 0, len(line)); len(toks) > 0 {
				out = append(out, text.Words(toks))
			}
		}
	}
	return out, nil
}

// gmbLexicon returns the PER, ORG and place names annotated in GMB's
// training split as gazetteer entries of classes gmb-per, gmb-org, gmb-geo
// and gmb-gpe.
func gmbLexicon(sents []ner.Sentence) []ner.LexEntry {
	keep := map[string]bool{"per": true, "org": true, "geo": true, "gpe": true}
	seen := map[ner.LexEntry]bool{}
	var out []ner.LexEntry
	for _, s := range sents {
		for _, sp := range ner.Spans(s.Tags) {
			if !keep[sp.Type] {
				continue
			}
			e := ner.LexEntry{Class: "gmb-" + sp.Type, Text: strings.Join(s.Words[sp.Start:sp.End], " ")}
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Class != out[j].Class {
			return out[i].Class < out[j].Class
		}
		return out[i].Text < out[j].Text
	})
	return out
}

var (
	xmlText = regexp.MustCompile(`(?s)<text>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</text>`)
	xmlTag  = regexp.MustCompile(`<[^>]*>`)
)

// extraText returns tokenized unlabeled news text, one token list per
// line: the articles of the LGL and GeoWebNews geoparsing corpora and the
// TimeBank and AQUAINT TimeML files (tags removed).
func extraText(dir string) ([][]string, error) {
	var docs []string
	for _, name := range []string{"lgl.xml", "geowebnews.xml"} {
		b, err := os.ReadFile(filepath.Join(dir, "geoparsing", name))
		if err != nil {
			return nil, err
		}
		for _, m := range xmlText.FindAllSubmatch(b, -1) {
			docs = append(docs, html.UnescapeString(string(m[1])))
		}
	}
	var tml []string
	for _, sub := range []string{"TimeBank", "AQUAINT"} {
		names, err := filepath.Glob(filepath.Join(dir, "timebank", sub, "*.tml"))
		if err != nil {
			return nil, err
		}
		tml = append(tml, names...)
	}
	sort.Strings(tml)
	for _, name := range tml {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		docs = append(docs, html.UnescapeString(xmlTag.ReplaceAllString(string(b), "")))
	}
	var out [][]string
	for _, doc := range docs {
		for _, line := range strings.Split(doc, "\n") {
			if toks := text.Tokenize(line, 0, len(line)); len(toks) > 0 {
				out = append(out, text.Words(toks))
			}
		}
	}
	return out, nil
}

// runTrainEvents implements `sitrep train events`: it trains the event
// coder (trigger and CAMEO root, full code, mode) on every sentence of the
// annotated real-news corpus (package annot), each read in its document
// (eval.LoadEventSentences), and writes the model file the event stage
// embeds. The same options give a byte-identical file.
func runTrainEvents(ctx context.Context, e *env, args []string) int {
	def := event.DefaultTrainOptions()
	fs := newFlagSet("train events", "", e)
	shared := fs.String("shared", "../shared", "folder holding eval/ with the stand-off texts of the corpus")
	out := fs.String("out", "event/model/events.bin", "model file to write")
	epochs := fs.Int("epochs", def.Epochs, "training epochs")
	seed := fs.Uint64("seed", def.Seed, "random seed")
	minWeight := fs.Float64("min-weight", math.Round(float64(def.MinWeight)*1e6)/1e6, "drop weights smaller than this from each averaged model")
	bias := fs.Float64("bias", float64(def.Bias), "added to the score of an event against no event (above 0: more events found, less surely)")
	patternBias := fs.Float64("pattern-bias", float64(def.PatternBias), "added besides where one of the stage's patterns has its trigger")
	modeBias := fs.Float64("mode-bias", float64(def.ModeBias), "added to every mode but asserted (above 0: more events read as negated, future or possible)")
	ruleBias := fs.Float64("rule-bias", float64(def.RuleBias), "added to the participant the hand-written rules choose")
	sourceNone := fs.Float64("source-none-bias", float64(def.SourceNoneBias), "added to \"no source\" when coding (choose with sitrep eval --source-none-biases events)")
	targetNone := fs.Float64("target-none-bias", float64(def.TargetNoneBias), "added to \"no target\" when coding (choose with sitrep eval --target-none-biases events)")
	ensemble := fs.Int("ensemble", def.Ensemble, "perceptrons each model averages, trained with seeds seed, seed+1, ...")
	if code, done := parse(fs, args); done {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "sitrep train events: %v\n", err)
		return exitBadInput
	}
	start := time.Now()
	es, err := eval.LoadEventSentences(ctx, *shared)
	if err != nil {
		return fail(err)
	}
	opts := event.TrainOptions{Epochs: *epochs, Seed: *seed, MinWeight: float32(*minWeight), Bias: float32(*bias), PatternBias: float32(*patternBias), ModeBias: float32(*modeBias), RuleBias: float32(*ruleBias), SourceNoneBias: float32(*sourceNone), TargetNoneBias: float32(*targetNone), Ensemble: *ensemble}
	models, missed, err := (&event.Stage{}).TrainCoder(es.Sentences, opts)
	if err != nil {
		return fail(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		return fail(err)
	}
	if err := event.WriteCoder(f, models); err != nil {
		f.Close()
		return fail(fmt.Errorf("writing %s: %w", *out, err))
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	nf := 0
	for _, m := range models {
		nf += m.Features()
	}
	slog.Info("trained the event coder", "sentences", len(es.Sentences), "skipped", es.Skipped, "events without a candidate word", missed,
		"models", len(models), "features", nf, "out", *out, "seconds", time.Since(start).Seconds())
	return exitOK
}
