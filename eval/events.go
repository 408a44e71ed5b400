package eval

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"sitrep/annot"
	"sitrep/event"
	"sitrep/pipeline"
	"sitrep/text"
)

// EventSentences is the annotated corpus (package annot) analysed for the
// event coder: each sentence read in its document, as sitrep reads an
// article (annot.Sources.Context: a PolNeAR article, a block of
// consecutive CoNLL-2003 or GMB sentences), through the stages before the
// event stage; its gold events in the document's offsets; and its
// cross-validation group, which is its document, so that a fold holds
// every sentence of a document it holds.
type EventSentences struct {
	Sentences []event.TrainingSentence
	Gold      [][]annot.Event
	Groups    []string
	IDs       []string // the sentences' references
	Skipped   int      // sentences whose text normalization changed
	Alone     int      // sentences read alone: their document's normalization changed their text
}

// LoadEventSentences analyses the annotated sentences the coder is trained
// on, reading stand-off texts from shared. Each document is analysed once,
// for all its sentences.
func LoadEventSentences(ctx context.Context, shared string) (*EventSentences, error) {
	c, err := annot.Load()
	if err != nil {
		return nil, err
	}
	return analyseSentences(ctx, shared, c.Sentences)
}

// LoadHeldOutSentences analyses the held-out annotated sentences
// (annot.Corpus.HeldOut) as LoadEventSentences does the others.
func LoadHeldOutSentences(ctx context.Context, shared string) (*EventSentences, error) {
	c, err := annot.Load()
	if err != nil {
		return nil, err
	}
	return analyseSentences(ctx, shared, c.HeldOut)
}

// analyseSentences reads each of sents in its document (annot.Sources.Context)
// through the stages before the event stage.
func analyseSentences(ctx context.Context, shared string, sents []annot.Sentence) (*EventSentences, error) {
	var err error
	src := annot.NewSources(shared)
	p := pipeline.BeforeEvents()
	analyse := func(t string) (*text.Analysis, error) { return p.Analyze(ctx, pipeline.Input{Text: t}) }
	docs := map[string]*text.Analysis{} // by context key
	out := &EventSentences{}
	for _, s := range sents {
		sent := s.Text
		if sent == "" {
			if sent, err = src.Text(s.ID); err != nil {
				return nil, err
			}
		}
		a, off, err := readInContext(src, s.ID, sent, docs, analyse)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.ID, err)
		}
		if a == nil {
			// the document's normalization changed the sentence: read alone
			out.Alone++
			if a, err = analyse(sent); err != nil {
				return nil, fmt.Errorf("%s: %w", s.ID, err)
			}
			if a.Doc.Text != sent {
				out.Skipped++
				continue
			}
			off = 0
		}
		ts := event.TrainingSentence{Analysis: a, Span: [2]int{off, off + len(sent)}}
		gold := make([]annot.Event, len(s.Events))
		for k, e := range s.Events {
			e = shiftEvent(e, off)
			gold[k] = e
			ts.Events = append(ts.Events, event.GoldEvent{Start: e.Trigger[0], End: e.Trigger[1], Code: e.CAMEO, Mode: e.Mode, ACLED: e.ACLEDSubtype,
				Source: (*[2]int)(e.Source), Target: (*[2]int)(e.Target)})
		}
		out.Sentences = append(out.Sentences, ts)
		out.Gold = append(out.Gold, gold)
		out.Groups = append(out.Groups, documentOf(s.ID))
		out.IDs = append(out.IDs, s.ID)
	}
	return out, nil
}

// readInContext returns the analysis of the document that the sentence
// sent, referenced by id, is read in (analysed once per document, kept in
// docs by key) and the sentence's byte offset in it; a nil analysis when
// the document's text, once normalized, no longer holds the sentence
// there.
func readInContext(src *annot.Sources, id, sent string, docs map[string]*text.Analysis, analyse func(string) (*text.Analysis, error)) (*text.Analysis, int, error) {
	doc, off, key, err := src.Context(id)
	if err != nil {
		return nil, 0, err
	}
	a, ok := docs[key]
	if !ok {
		if a, err = analyse(doc); err != nil {
			return nil, 0, err
		}
		docs[key] = a
	}
	if a.Doc.Text != doc || off+len(sent) > len(doc) || doc[off:off+len(sent)] != sent {
		return nil, 0, nil
	}
	return a, off, nil
}

// shiftEvent returns e with its spans moved by off bytes.
func shiftEvent(e annot.Event, off int) annot.Event {
	move := func(sp *annot.Span) *annot.Span {
		if sp == nil {
			return nil
		}
		return &annot.Span{sp[0] + off, sp[1] + off}
	}
	e.Trigger = annot.Span{e.Trigger[0] + off, e.Trigger[1] + off}
	e.Source, e.Target, e.Place, e.Time, e.Attributed = move(e.Source), move(e.Target), move(e.Place), move(e.Time), move(e.Attributed)
	return e
}

// documentOf names the document a sentence reference comes from, for
// cross-validation by document: a PolNeAR article's file; for GMB and
// CoNLL-2003 (sentence numbers in one file, documents in order) a block of
// annot.ContextBlock consecutive sentences (the document they are read in), which keeps most of a document's sentences
// together.
func documentOf(id string) string {
	file, num, ok := strings.Cut(id, "#")
	if !ok || strings.HasPrefix(file, "polnear/") {
		return file
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return id
	}
	return file + "#" + strconv.Itoa(n/annot.ContextBlock)
}

// Folds splits the groups into k folds, the same for the same seed, and
// returns each sentence's fold.
func Folds(groups []string, k int, seed uint64) []int {
	var names []string
	seen := map[string]bool{}
	for _, g := range groups {
		if !seen[g] {
			seen[g] = true
			names = append(names, g)
		}
	}
	sort.Strings(names)
	rng := rand.New(rand.NewPCG(seed, 0xf01d))
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	fold := map[string]int{}
	for i, n := range names {
		fold[n] = i % k
	}
	out := make([]int, len(groups))
	for i, g := range groups {
		out[i] = fold[g]
	}
	return out
}

// Events cross-validates the event coder on the annotated corpus, k folds
// by document: for each fold it trains on the others and codes the fold's
// sentences; it prints the rules-only stage's score on the same sentences
// and the coder's, in all and on each corpus the sentences come from
// ("coder on polnear: ..."). When only is not nil, each fold is still trained on all
// the other folds' sentences but scored on its sentences that only holds
// (an earlier corpus's, to compare a larger corpus with it on the same
// sentences). Its last line is
//
//	events: trigger F1 F, root accuracy R, PLOVER accuracy P, mode accuracy M, source F1 S, target F1 T
//
// Each of variants (none: no more) also codes every fold with the fold's
// coder changed by the variant (another bias, Coder.WithBias) and prints
// its own events line, "NAME: events: ...", for choosing such settings
// without training again.
func Events(ctx context.Context, shared string, k int, opts event.TrainOptions, only map[string]bool, w io.Writer, variants ...CoderVariant) error {
	es, err := LoadEventSentences(ctx, shared)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d sentences (%d skipped: normalization changed the text; %d read alone, the others in their documents), %d-fold cross-validation by document\n", len(es.Sentences), es.Skipped, es.Alone, k)
	rules := &event.Stage{RulesOnly: true}
	scoredAt := func(i int) bool { return only == nil || only[es.IDs[i]] }
	var scored []int
	for i := range es.IDs {
		if scoredAt(i) {
			scored = append(scored, i)
		}
	}
	if only != nil {
		fmt.Fprintf(w, "scoring %d of them (the sentences -only lists)\n", len(scored))
	}
	base, err := es.score(ctx, rules, scored)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "rules only: %s\n", base)
	folds := Folds(es.Groups, k, 1)
	var total SentenceScore
	byCorpus := map[string]*SentenceScore{}
	byVariant := make([]SentenceScore, len(variants))
	for f := 0; f < k; f++ {
		start := time.Now()
		var train []event.TrainingSentence
		var test []int
		for i, fi := range folds {
			if fi == f {
				if scoredAt(i) {
					test = append(test, i)
				}
			} else {
				train = append(train, es.Sentences[i])
			}
		}
		models, _, err := (&event.Stage{}).TrainCoder(train, opts)
		if err != nil {
			return err
		}
		coder, err := event.CoderFrom(models)
		if err != nil {
			return err
		}
		sc, err := es.scoreBy(ctx, &event.Stage{Coder: coder}, test, byCorpus)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "fold %d (%d sentences, %.1fs): %s\n", f+1, len(test), time.Since(start).Seconds(), sc)
		total.addScore(sc)
		for vi, v := range variants {
			sc, err := es.score(ctx, &event.Stage{Coder: v.Apply(coder)}, test)
			if err != nil {
				return err
			}
			byVariant[vi].addScore(sc)
		}
	}
	fmt.Fprintf(w, "coder: %s\n", total)
	for _, c := range slices.Sorted(maps.Keys(byCorpus)) {
		fmt.Fprintf(w, "coder on %s: %s\n", c, *byCorpus[c])
	}
	for vi, v := range variants {
		fmt.Fprintf(w, "%s: ", v.Name)
		eventsLine(w, byVariant[vi])
	}
	eventsLine(w, total)
	return nil
}

// HeldOut scores the shipped event coder, and the rules alone, on the
// held-out annotated sentences (annot.Corpus.HeldOut), which no model is
// trained on, each read in its document; by corpus, then the events line
// of Events.
func HeldOut(ctx context.Context, shared string, w io.Writer) error {
	es, err := LoadHeldOutSentences(ctx, shared)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d held-out sentences (%d skipped: normalization changed the text; %d read alone, the others in their documents)\n", len(es.Sentences), es.Skipped, es.Alone)
	base, err := es.score(ctx, &event.Stage{RulesOnly: true}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "rules only: %s\n", base)
	byCorpus := map[string]*SentenceScore{}
	total, err := es.scoreBy(ctx, &event.Stage{}, nil, byCorpus)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "coder: %s\n", total)
	for _, c := range slices.Sorted(maps.Keys(byCorpus)) {
		fmt.Fprintf(w, "coder on %s: %s\n", c, *byCorpus[c])
	}
	eventsLine(w, total)
	return nil
}

// CoderVariant is a change to a trained coder that Events scores besides
// the coder itself: another bias, say.
type CoderVariant struct {
	Name  string
	Apply func(*event.Coder) *event.Coder
}

// eventsLine prints the last line of Events for the summed score.
func eventsLine(w io.Writer, total SentenceScore) {
	p, r := ratio(total.Matched, total.System), ratio(total.Matched, total.Gold)
	rootF1 := f1(ratio(total.Root, total.System), ratio(total.Root, total.Gold))
	fmt.Fprintf(w, "events: trigger F1 %.3f, with the right root %.3f, root accuracy %.3f, PLOVER accuracy %.3f, mode accuracy %.3f, ACLED type F1 %.3f, source F1 %.3f, target F1 %.3f (by span; by code %.3f, %.3f)\n",
		f1(p, r), rootF1, ratio(total.Root, total.Matched), ratio(total.PLOVER, total.Matched), ratio(total.Mode, total.Matched), total.ACLED.f1(),
		total.SourceSpan.f1(), total.TargetSpan.f1(), total.Source.f1(), total.Target.f1())
}

// score runs the event stage st on the sentences (all when only is nil),
// once over each document they are read in, and scores the events of each
// sentence's span against its gold ones.
func (es *EventSentences) score(ctx context.Context, st *event.Stage, only []int) (SentenceScore, error) {
	return es.scoreBy(ctx, st, only, nil)
}

// corpusOf names the corpus a sentence reference comes from: the folder
// of its file under shared/eval ("gmb-ner", "conll2003", "polnear").
func corpusOf(id string) string {
	c, _, _ := strings.Cut(id, "/")
	return c
}

// scoreBy is score that also adds each sentence's score to by (when not
// nil) under its corpus (corpusOf).
func (es *EventSentences) scoreBy(ctx context.Context, st *event.Stage, only []int, by map[string]*SentenceScore) (SentenceScore, error) {
	var sc SentenceScore
	if only == nil {
		only = make([]int, len(es.Sentences))
		for i := range only {
			only[i] = i
		}
	}
	coded := map[*text.Analysis][]annot.Event{}
	for _, i := range only {
		ts := es.Sentences[i]
		a := ts.Analysis
		all, ok := coded[a]
		if !ok {
			if err := st.Run(ctx, a); err != nil {
				return sc, err
			}
			all = make([]annot.Event, len(a.Doc.Events))
			for j, e := range a.Doc.Events {
				all[j] = systemEvent(a.Doc, e)
			}
			coded[a] = all
		}
		ext := ts.Extent()
		lo, hi := ext[0], ext[1]
		var sys []annot.Event
		for _, e := range all {
			if e.Trigger[0] >= lo && e.Trigger[0] < hi {
				sys = append(sys, e)
			}
		}
		var one SentenceScore
		one.add(es.Gold[i], sys)
		sc.addScore(one)
		if by != nil {
			c := corpusOf(es.IDs[i])
			if by[c] == nil {
				by[c] = &SentenceScore{}
			}
			by[c].addScore(one)
		}
	}
	return sc, nil
}

// addScore adds another score's counts.
func (sc *SentenceScore) addScore(o SentenceScore) {
	sc.Gold += o.Gold
	sc.System += o.System
	sc.Matched += o.Matched
	sc.Root += o.Root
	sc.Code += o.Code
	sc.PLOVER += o.PLOVER
	sc.Mode += o.Mode
	sc.SourceOK += o.SourceOK
	sc.TargetOK += o.TargetOK
	sc.Skipped += o.Skipped
	for _, p := range [][2]*codeCount{{&sc.Source, &o.Source}, {&sc.Target, &o.Target}, {&sc.SourceSpan, &o.SourceSpan}, {&sc.TargetSpan, &o.TargetSpan}, {&sc.ACLED, &o.ACLED}} {
		p[0].Gold += p[1].Gold
		p[0].System += p[1].System
		p[0].Right += p[1].Right
		p[0].SameCountry += p[1].SameCountry
	}
}
