package event

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/event/learn"
	"sitrep/text"
)

// TrainingSentence is one annotated sentence ready for training the coder:
// the analysis of the text it was read in by the stages before this one
// (the sentence alone, or the document around it, as sitrep reads an
// article), the sentence's byte span in it, and its events.
type TrainingSentence struct {
	Analysis *text.Analysis
	// Span is the annotated sentence's byte range in the analysis; the
	// zero Span is all of it. Sentences that share an analysis are read
	// together, in one pass over the document; the words outside every
	// span are context, neither events nor not.
	Span   [2]int
	Events []GoldEvent
}

// Extent returns the byte range ts holds annotations for: its Span, or
// the whole analysed text for the zero Span.
func (ts TrainingSentence) Extent() [2]int {
	if ts.Span == [2]int{} {
		return [2]int{0, len(ts.Analysis.Doc.Text)}
	}
	return ts.Span
}

// byAnalysis groups training sentences by the analysis they share, in the
// order each analysis first comes: one document read once.
func byAnalysis(sents []TrainingSentence) [][]TrainingSentence {
	at := map[*text.Analysis]int{}
	var out [][]TrainingSentence
	for _, ts := range sents {
		k, ok := at[ts.Analysis]
		if !ok {
			k = len(out)
			at[ts.Analysis] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], ts)
	}
	return out
}

// annotated reports whether the byte range [start, end) lies in one of the
// group's annotated spans.
func annotated(group []TrainingSentence, start, end int) bool {
	for _, ts := range group {
		if sp := ts.Extent(); start >= sp[0] && end <= sp[1] {
			return true
		}
	}
	return false
}

// GoldEvent is one annotated event: its trigger's byte span in the
// analysed text, its CAMEO code and its mode (docs/annotation.md).
type GoldEvent struct {
	Start, End int
	Code       string
	Mode       string
	ACLED      string // ACLED sub-event type, "" where ACLED records none
	// Source and Target are the byte spans of the participants, nil
	// where the sentence names none
	Source, Target *[2]int
}

// TrainOptions control TrainCoder.
type TrainOptions struct {
	Epochs    int     // passes over the examples (0: 12)
	Seed      uint64  // shuffling seed
	MinWeight float32 // drop features whose averaged weights are all below this
	Bias      float32 // added to the best root against "no event" when coding
	// PatternBias is added besides where a usable pattern has its trigger
	PatternBias float32
	// ModeBias is added to every mode but asserted when coding
	ModeBias float32
	// RuleBias is added to the participant the hand-written rules choose
	RuleBias float32
	// SourceNoneBias and TargetNoneBias are added to the score of "no
	// source" and "no target" when coding
	SourceNoneBias, TargetNoneBias float32
	// Ensemble is how many perceptrons, trained with seeds Seed,
	// Seed+1, ..., each model averages (0 or 1: one)
	Ensemble int
}

// DefaultTrainOptions are the options `sitrep train events` trains the
// embedded coder with.
func DefaultTrainOptions() TrainOptions {
	o := TrainOptions{Epochs: 12, Seed: 1, MinWeight: 0.3, Bias: 8, RuleBias: 3, Ensemble: 7}
	return o
}

// modes are the coder's mode classes, the contract's modalities;
// annotated "hypothetical" events are possible ones.
var modes = []string{sitrep.Asserted, sitrep.Negated, sitrep.Future, sitrep.Possible}

// ModeClass maps an annotated mode (docs/annotation.md) to the contract's
// modality, the coder's mode class: a hypothetical event is a possible one.
func ModeClass(m string) string {
	if m == "hypothetical" {
		return sitrep.Possible
	}
	return m
}

// examples are the coder's training instances gathered from sentences.
type examples struct {
	trigger []learn.Example
	eventOf []string // each trigger example's class: "O" or "E"
	root    []learn.Example
	rootOf  []string
	codes   map[string][]learn.Example
	codeOf  map[string][]string
	mode    []learn.Example
	modeOf  []string
	acled   []learn.Example
	acledOf []string
	source  []learn.Choice
	target  []learn.Choice
	missed  int // gold events whose trigger holds no candidate token
}

// gather turns training sentences into examples, with the stage's
// dictionary (the patterns are features).
func (st *Stage) gather(sents []TrainingSentence) (*examples, error) {
	d, roles, err := st.data()
	if err != nil {
		return nil, err
	}
	ex := &examples{codes: map[string][]learn.Example{}, codeOf: map[string][]string{}}
	for _, group := range byAnalysis(sents) {
		a := group[0].Analysis
		var events []GoldEvent
		last := 0 // the end of the last annotated span: no sentence after it is read
		for _, ts := range group {
			events = append(events, ts.Events...)
			last = max(last, ts.Extent()[1])
		}
		ds := st.newDocState(a.Doc, d, roles, "")
		inside := map[int]bool{} // byte starts of the words of triggers
		for _, g := range events {
			for _, sen := range a.Sentences {
				for _, t := range sen.Tokens {
					if t.End > g.Start && t.Start < g.End {
						inside[t.Start] = true
					}
				}
			}
		}
		found := make([]bool, len(events))
		for si := range a.Sentences {
			sen := &a.Sentences[si]
			if len(sen.Tokens) == 0 {
				continue
			}
			if sen.Tokens[0].Start >= last {
				break
			}
			s := ds.prepare(si, sen)
			if s == nil {
				continue
			}
			fx := newFeatures(a.Doc, s, ds.mentions, sen.Heading)
			s.fx = fx
			// an event's head is the word of its trigger that heads it
			// (triggerHead); the trigger's other words are neither
			heads := map[int]GoldEvent{}
			for gi, g := range events {
				if found[gi] || !Valid(g.Code) {
					continue
				}
				var words []int
				for i, t := range s.toks {
					if t.End > g.Start && t.Start < g.End && s.candidate(i) {
						words = append(words, i)
					}
				}
				if i := s.triggerHead(fx, words); i >= 0 {
					if _, dup := heads[i]; !dup {
						found[gi] = true
						heads[i] = g
					}
				}
			}
			for i, t := range s.toks {
				if !s.candidate(i) || !annotated(group, t.Start, t.End) {
					continue
				}
				g, isHead := heads[i]
				if !isHead && inside[t.Start] {
					continue // another word of a trigger: neither event nor not
				}
				f := fx.trigger(s, i, nil)
				class := noEvent
				if isHead {
					root := rootOf(g.Code)
					class = root
					fw := fx.what(s, i, append([]uint32(nil), f...))
					ex.root = append(ex.root, learn.Example{Features: fw})
					ex.rootOf = append(ex.rootOf, root)
					ex.codes[root] = append(ex.codes[root], learn.Example{Features: fw})
					ex.codeOf[root] = append(ex.codeOf[root], g.Code)
					ex.mode = append(ex.mode, learn.Example{Features: fx.mode(s, i, nil)})
					ex.modeOf = append(ex.modeOf, ModeClass(g.Mode))
					ex.acled = append(ex.acled, learn.Example{Features: fx.acled(s, i, g.Code, append([]uint32(nil), f...))})
					sub := g.ACLED
					if sub == "" {
						sub = noACLED
					}
					ex.acledOf = append(ex.acledOf, sub)
					st.roleExamples(a.Doc, s, i, g, ex)
				}
				ex.trigger = append(ex.trigger, learn.Example{Features: f})
				ex.eventOf = append(ex.eventOf, class)
			}
			ds.hist.push(a.Doc, s)
			s.fx = nil
		}
		for _, f := range found {
			ex.missed += 1 - boolInt(f)
		}
	}
	return ex, nil
}

// labelled sets each example's label to the index of its class in classes
// (the sorted distinct names, first ones first) and returns the classes.
func labelled(exs []learn.Example, names []string, first ...string) []string {
	seen := map[string]bool{}
	classes := append([]string(nil), first...)
	for _, c := range first {
		seen[c] = true
	}
	var rest []string
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	classes = append(classes, rest...)
	idx := map[string]int{}
	for i, c := range classes {
		idx[c] = i
	}
	for i := range exs {
		exs[i].Label = idx[names[i]]
	}
	return classes
}

// TrainCoder trains the coder on annotated sentences and returns its
// models by name, ready for WriteCoder, with the number of annotated
// events no candidate word could stand for.
func (st *Stage) TrainCoder(sents []TrainingSentence, opts TrainOptions) (map[string]*learn.Model, int, error) {
	if opts.Epochs == 0 {
		opts.Epochs = 12
	}
	ex, err := st.gather(sents)
	if err != nil {
		return nil, 0, err
	}
	lo := learn.Options{Epochs: opts.Epochs, Seed: opts.Seed, MinWeight: opts.MinWeight}
	n := max(opts.Ensemble, 1)
	// each model is the mean of n perceptrons trained on differently
	// shuffled data (seeds Seed, Seed+1, ...), its small weights pruned
	ensemble := func(train func(o learn.Options) *learn.Model) *learn.Model {
		ms := make([]*learn.Model, n)
		for k := range ms {
			o := lo
			o.Seed += uint64(k)
			o.MinWeight = 0 // pruned once averaged
			ms[k] = train(o)
		}
		return learn.Prune(learn.Average(ms...), lo.MinWeight)
	}
	classes := func(exs []learn.Example, names []string, first ...string) func(o learn.Options) *learn.Model {
		cs := labelled(exs, names, first...)
		return func(o learn.Options) *learn.Model { return learn.Train(cs, exs, o) }
	}
	out := map[string]*learn.Model{}
	out[triggerModel] = ensemble(classes(ex.trigger, ex.eventOf, noEvent))
	out[rootModel] = ensemble(classes(ex.root, ex.rootOf))
	params := []string{
		param(biasParam, opts.Bias), param(patternParam, opts.PatternBias),
		param(modeParam, opts.ModeBias), param(ruleParam, opts.RuleBias),
	}
	// the biases of no participant are written only when set, so that a
	// coder trained without them keeps its file
	if opts.SourceNoneBias != 0 {
		params = append(params, param(sourceNone, opts.SourceNoneBias))
	}
	if opts.TargetNoneBias != 0 {
		params = append(params, param(targetNone, opts.TargetNoneBias))
	}
	out[paramsModel] = &learn.Model{Classes: params}
	for root, exs := range ex.codes {
		out[codeModel+root] = ensemble(classes(exs, ex.codeOf[root]))
	}
	out[acledModel] = ensemble(classes(ex.acled, ex.acledOf, noACLED))
	out[sourceModel] = ensemble(func(o learn.Options) *learn.Model { return learn.TrainRanker(ex.source, o) })
	out[targetModel] = ensemble(func(o learn.Options) *learn.Model { return learn.TrainRanker(ex.target, o) })
	out[modeModel] = ensemble(classes(ex.mode, ex.modeOf, modes...))
	return out, ex.missed, nil
}

// param is the parameters model's class of parameter name at value v.
func param(name string, v float32) string {
	return name + "=" + strconv.FormatFloat(float64(v), 'g', -1, 32)
}

// WriteCoder writes trained models in the coder's file format.
func WriteCoder(w io.Writer, models map[string]*learn.Model) error { return learn.Write(w, models) }

// CoderFrom builds a coder from trained models without writing them.
func CoderFrom(models map[string]*learn.Model) (*Coder, error) {
	var b strings.Builder
	if err := learn.Write(&b, models); err != nil {
		return nil, err
	}
	c, err := ParseCoder([]byte(b.String()), "trained models")
	if err != nil {
		return nil, fmt.Errorf("trained coder: %w", err)
	}
	return c, nil
}

// roleExamples adds the choices of the source and target of the gold
// event g headed at token i of sentence s among the sentence's actors
// (and none), with the rules' choice among the features, as when coding.
// An annotated participant that no actor covers makes no choice.
func (st *Stage) roleExamples(doc *sitrep.Document, s *sent, i int, g GoldEvent, ex *examples) {
	h := s.learnedHit(i, decision{code: g.Code})
	for _, m := range s.fx.heads[i] {
		if m.usable && rootOf(m.p.Code) == rootOf(g.Code) {
			p := *m.p
			p.Code = g.Code
			h.p, h.start, h.end = &p, m.start, m.end
			break
		}
	}
	lo, hi := s.clause(i)
	s.lastSrc = -1
	src, tgt, _ := st.ruleActors(doc, s, h, g.Code, lo, hi)
	covering := func(sp *[2]int, not int) (int, bool) {
		if sp == nil {
			return -1, true
		}
		for ai, ac := range s.actors {
			if ai != not && s.pairable(h, ai) && s.toks[ac.start].Start < sp[1] && s.toks[ac.end-1].End > sp[0] {
				return ai, true
			}
		}
		return -1, false
	}
	choice := func(role string, gold, not int) learn.Choice {
		ch := learn.Choice{Candidates: [][]uint32{s.fx.none(s, h, role, src, tgt, nil)}}
		for ai := range s.actors {
			if ai == not || !s.pairable(h, ai) {
				continue
			}
			if ai == gold {
				ch.Gold = len(ch.Candidates)
			}
			ch.Candidates = append(ch.Candidates, s.fx.pair(s, h, ai, src, tgt, nil))
		}
		return ch
	}
	so, ok := covering(g.Source, -1)
	if ok {
		ex.source = append(ex.source, choice(sourceModel, so, -1))
	}
	defer func() { s.prevSrc = so }()
	if ta, ok2 := covering(g.Target, so); ok2 && ok {
		ex.target = append(ex.target, choice(targetModel, ta, so))
	}
}

// triggerHead returns the word that heads a trigger of several candidate
// words (sentence order), -1 for none: a verb a pattern knows, or a first
// word that reads as a verb ("called for the release", "carried out an
// attack"), else the last word, as a noun phrase ends in its head ("joint
// statement", "air strikes").
func (s *sent) triggerHead(fx *features, words []int) int {
	if len(words) == 0 {
		return -1
	}
	for _, i := range words {
		for _, h := range fx.heads[i] {
			if h.p.Kind == VerbKind && h.usable {
				return i
			}
		}
	}
	first := words[0]
	w := s.low[first]
	if len(words) == 1 || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") && first > 0 && beForms[s.low[first-1]] ||
		first > 0 && (modals[s.low[first-1]] || beForms[s.low[first-1]]) {
		return first
	}
	return words[len(words)-1]
}
