package eval

import (
	"context"
	"testing"

	"sitrep/event"
)

// TestEventCoderHeldOut trains the event coder on four fifths of the
// annotated corpus (by document) and scores it on the fifth it never saw,
// against floors that only rise: the coder's score, in a test. (`sitrep
// eval events` runs all five folds with the shipped options.)
func TestEventCoderHeldOut(t *testing.T) {
	shared := sharedForLongTest(t, "")
	ctx := context.Background()
	es, err := LoadEventSentences(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	folds := Folds(es.Groups, 5, 1)
	var train []event.TrainingSentence
	var test []int
	for i, f := range folds {
		if f == 0 {
			test = append(test, i)
		} else {
			train = append(train, es.Sentences[i])
		}
	}
	opts := event.DefaultTrainOptions()
	opts.Ensemble = 1 // one perceptron a model: a third of the time
	models, _, err := (&event.Stage{}).TrainCoder(train, opts)
	if err != nil {
		t.Fatal(err)
	}
	coder, err := event.CoderFrom(models)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := es.score(ctx, &event.Stage{Coder: coder}, test)
	if err != nil {
		t.Fatal(err)
	}
	p, r := ratio(sc.Matched, sc.System), ratio(sc.Matched, sc.Gold)
	rootP, rootR := ratio(sc.Root, sc.System), ratio(sc.Root, sc.Gold)
	got := map[string]float64{"trigger F1": f1(p, r), "trigger and root F1": f1(rootP, rootR), "root accuracy": ratio(sc.Root, sc.Matched),
		"PLOVER accuracy": ratio(sc.PLOVER, sc.Matched), "ACLED F1": sc.ACLED.f1(), "source F1": sc.SourceSpan.f1(), "target F1": sc.TargetSpan.f1()}
	// a fold's figures move by about ±0.01 between models that the five
	// folds of `sitrep eval events` cannot tell apart: the floors leave
	// that much room. Root, PLOVER and ACLED figures are on the matched
	// triggers, whose number grows with the coder's bias (6 since the
	// coder finds more events, as the real articles' gold wants): the
	// events found with their right root ("trigger and root F1") are the
	// figure that a bias cannot buy.
	floors := map[string]float64{"trigger F1": 0.565, "trigger and root F1": 0.445, "root accuracy": 0.78, "PLOVER accuracy": 0.81,
		"ACLED F1": 0.63, "source F1": 0.355, "target F1": 0.31}
	for k, floor := range floors {
		t.Logf("%s %.3f", k, got[k])
		if got[k] < floor {
			t.Errorf("%s %.3f, below its floor %.3f", k, got[k], floor)
		}
	}
}

// TestShippedCoderOnHeldOut scores the shipped event coder on the
// held-out annotated sentences (annot.Corpus.HeldOut), which it was not
// trained on, against floors that only rise, and requires it to beat the
// rules alone there.
func TestShippedCoderOnHeldOut(t *testing.T) {
	shared := sharedForLongTest(t, "")
	ctx := context.Background()
	es, err := LoadHeldOutSentences(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	figures := func(sc SentenceScore) map[string]float64 {
		p, r := ratio(sc.Matched, sc.System), ratio(sc.Matched, sc.Gold)
		rootP, rootR := ratio(sc.Root, sc.System), ratio(sc.Root, sc.Gold)
		return map[string]float64{"trigger F1": f1(p, r), "trigger and root F1": f1(rootP, rootR),
			"source F1": sc.SourceSpan.f1(), "target F1": sc.TargetSpan.f1()}
	}
	coder, err := es.score(ctx, &event.Stage{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := es.score(ctx, &event.Stage{RulesOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, base := figures(coder), figures(rules)
	// the sentences were drawn where the coders of their day were least
	// sure, so models that cross-validate alike read them differently, by
	// about ±0.02: the floors leave that much room
	floors := map[string]float64{"trigger F1": 0.44, "trigger and root F1": 0.37, "source F1": 0.31, "target F1": 0.295}
	for k, floor := range floors {
		t.Logf("%s %.3f (rules alone %.3f)", k, got[k], base[k])
		if got[k] < floor {
			t.Errorf("%s %.3f, below its floor %.3f", k, got[k], floor)
		}
		if got[k] <= base[k] {
			t.Errorf("%s %.3f, not above the rules alone (%.3f)", k, got[k], base[k])
		}
	}
}
