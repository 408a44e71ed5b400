package learned

import (
	"fmt"
	"sort"

	"sitrep"
	"sitrep/quote/learn"
	"sitrep/text"
)

// Gold is one annotated attribution: the spans (byte offsets into the
// analysed text, fragments in order) of its cue, its source (none when
// the attribution names no source) and its content.
type Gold struct {
	Cue, Source, Content []sitrep.Span
}

// TrainDoc is one training document: its analysis (entities found, as
// the stage sees it) and its annotated attributions.
type TrainDoc struct {
	A    *text.Analysis
	Gold []Gold
}

// TrainOptions control training.
type TrainOptions struct {
	Epochs    int     // passes over the examples of each model
	Seed      uint64  // shuffling seed
	MinCount  int     // a cue word is seen inside gold cues at least this often
	MinShare  float64 // and at least this share of its occurrences
	MinWeight float32 // weights smaller than this are dropped
	CueBias   float32 // added to every cue's score
	Margin    float32 // the margin the cue model is trained to
	Ensemble  int     // perceptrons averaged per model, trained with seeds Seed, Seed+1, ...
	// Aggressive, above 0, trains the cue model with passive-aggressive
	// updates of at most this size.
	Aggressive float32
}

// DefaultTrainOptions returns the options the embedded model was trained
// with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 10, Seed: 1, MinCount: 3, MinShare: 0.1, MinWeight: 0.01, Ensemble: 1}
}

// TrainStats tells how much of the gold the candidates can reach.
type TrainStats struct {
	Gold        int // attributions
	CueHeads    int // with a cue word among the candidates
	Contents    int // whose content a candidate overlaps by half (F1)
	Sources     int // whose source is none or a candidate word
	CueExamples int
}

func (s TrainStats) String() string {
	return fmt.Sprintf("%d gold attributions: %d with a cue candidate, %d contents and %d sources reachable; %d cue examples",
		s.Gold, s.CueHeads, s.Contents, s.Sources, s.CueExamples)
}

// Train learns the quote stage's models from docs.
func Train(docs []TrainDoc, opts TrainOptions) (*Model, TrainStats, error) {
	var st TrainStats
	if len(docs) == 0 {
		return nil, st, fmt.Errorf("training quotes: no documents")
	}
	words, share := cueLexicon(docs, opts)
	m := &Model{cueWords: words, words: newVocabulary(words), cueBias: opts.CueBias}
	var cues []learn.Example
	var contents, sources []learn.Choice
	for _, d := range docs {
		c, n, s := examples(m, d, share, &st)
		cues, contents, sources = append(cues, c...), append(contents, n...), append(sources, s...)
	}
	st.CueExamples = len(cues)
	var cue, content, source []*learn.Weights
	for i := range max(opts.Ensemble, 1) {
		lo := learn.Options{Epochs: opts.Epochs, Seed: opts.Seed + uint64(i), MinWeight: opts.MinWeight, Margin: opts.Margin, Aggressive: opts.Aggressive}
		cue = append(cue, learn.TrainBinary(cues, lo))
		lo.Margin, lo.Aggressive = 0, 0
		content = append(content, learn.TrainRanker(contents, lo))
		source = append(source, learn.TrainRanker(sources, lo))
	}
	m.cue, m.content, m.source = learn.Average(cue...), learn.Average(content...), learn.Average(source...)
	return m, st, nil
}

// cueLexicon returns the cue words: the lower-case words that head a gold
// cue at least opts.MinCount times and for at least opts.MinShare of
// their occurrences, where the head of a cue is its word seen most often
// inside cues (for its occurrences); and each word's share of
// occurrences inside cues.
func cueLexicon(docs []TrainDoc, opts TrainOptions) (map[string]bool, map[string]float64) {
	tot, in, head := map[string]int{}, map[string]int{}, map[string]int{}
	var s sentence
	for _, d := range docs {
		cue := goldCueOffsets(d.Gold)
		eachWord(d.A, &s, func(s *sentence, k int) {
			tot[s.low[k]]++
			if cue[s.toks[k].Start] {
				in[s.low[k]]++
			}
		})
	}
	share := map[string]float64{}
	for w, n := range in {
		share[w] = float64(n) / float64(tot[w])
	}
	for _, d := range docs {
		for _, g := range d.Gold {
			if w, ok := headWord(d.A, &s, g, share); ok {
				head[w]++
			}
		}
	}
	words := map[string]bool{}
	for w, n := range head {
		if n >= opts.MinCount && float64(n)/float64(tot[w]) >= opts.MinShare {
			words[w] = true
		}
	}
	return words, share
}

// eachWord calls fn for every token of a's sentences but headings and
// quotation marks, s holding its sentence (lower-cased).
func eachWord(a *text.Analysis, s *sentence, fn func(s *sentence, k int)) {
	for si, st := range a.Sentences {
		if st.Heading {
			continue
		}
		s.reset(si, st.Tokens)
		s.lowerAll()
		for k, t := range st.Tokens {
			if t.Kind != text.Quote {
				fn(s, k)
			}
		}
	}
}

// headWord returns the word of gold g's cue seen most often inside cues.
func headWord(a *text.Analysis, s *sentence, g Gold, share map[string]float64) (string, bool) {
	if len(g.Cue) == 0 {
		return "", false
	}
	si := a.SentenceAt(g.Cue[0].Start)
	if si < 0 || a.Sentences[si].Heading {
		return "", false
	}
	s.reset(si, a.Sentences[si].Tokens)
	s.lowerAll()
	best := ""
	for k, t := range s.toks {
		if t.Kind != text.Quote && inSpans(g.Cue, t.Start, t.End) && (best == "" || share[s.low[k]] > share[best]) {
			best = s.low[k]
		}
	}
	return best, best != ""
}

// goldCueOffsets returns the set of byte offsets inside gold cues.
func goldCueOffsets(gold []Gold) map[int]bool {
	out := map[int]bool{}
	for _, g := range gold {
		for _, sp := range g.Cue {
			for i := sp.Start; i < sp.End; i++ {
				out[i] = true
			}
		}
	}
	return out
}

// examples returns the training examples of one document: every cue
// candidate, and for every gold attribution whose cue holds a candidate
// the choice of its content and of its source.
func examples(m *Model, d TrainDoc, share map[string]float64, st *TrainStats) ([]learn.Example, []learn.Choice, []learn.Choice) {
	f := newFinder(m, d.A)
	heads := map[[2]int]int{} // (sentence, token) -> gold index
	st.Gold += len(d.Gold)
	for gi, g := range d.Gold {
		if si, k, ok := f.goldHead(g, share); ok {
			if _, dup := heads[[2]int{si, k}]; !dup {
				heads[[2]int{si, k}] = gi
			}
		}
	}
	var cues []learn.Example
	var contents, sources []learn.Choice
	for si := range d.A.Sentences {
		if !f.prepare(si) {
			continue
		}
		s := &f.sent
		for k := range s.toks {
			if !s.cand[k] {
				continue
			}
			gi, yes := heads[[2]int{si, k}]
			cues = append(cues, learn.Example{Features: f.cueFeatures(nil, s, k), Yes: yes})
			if !yes {
				continue
			}
			st.CueHeads++
			if ch, ok := f.contentChoice(s, k, d.Gold[gi]); ok {
				contents = append(contents, ch)
				st.Contents++
			}
			if ch, ok := f.sourceChoice(s, k, d.Gold[gi]); ok {
				sources = append(sources, ch)
				st.Sources++
			}
		}
	}
	return cues, contents, sources
}

// goldHead returns the sentence and token of the cue word of gold g: the
// candidate inside its cue spans with the largest share of occurrences in
// cues.
func (f *finder) goldHead(g Gold, share map[string]float64) (int, int, bool) {
	if len(g.Cue) == 0 {
		return 0, 0, false
	}
	si := f.a.SentenceAt(g.Cue[0].Start)
	if si < 0 || !f.prepare(si) {
		return 0, 0, false
	}
	s := &f.sent
	best, bs := -1, 0.0
	for k, t := range s.toks {
		if !s.cand[k] || !inSpans(g.Cue, t.Start, t.End) {
			continue
		}
		if sh := share[s.low[k]]; best < 0 || sh > bs {
			best, bs = k, sh
		}
	}
	return si, best, best >= 0
}

// inSpans reports whether [lo, hi) overlaps one of spans.
func inSpans(spans []sitrep.Span, lo, hi int) bool {
	for _, sp := range spans {
		if sp.Start < hi && lo < sp.End {
			return true
		}
	}
	return false
}

// overlapF1 returns the F1 of span [lo, hi) against the gold spans, by
// bytes.
func overlapF1(gold []sitrep.Span, lo, hi int) float64 {
	in, total := 0, 0
	for _, sp := range gold {
		total += sp.End - sp.Start
		if a, b := max(sp.Start, lo), min(sp.End, hi); b > a {
			in += b - a
		}
	}
	if in == 0 || hi <= lo {
		return 0
	}
	p, r := float64(in)/float64(hi-lo), float64(in)/float64(total)
	return 2 * p * r / (p + r)
}

// contentChoice returns the choice of the content of the cue at token k
// of s, whose gold is g: right are the candidates within 0.05 of the best
// F1 against the gold content, when it reaches 0.5.
func (f *finder) contentChoice(s *sentence, k int, g Gold) (learn.Choice, bool) {
	if len(g.Content) == 0 {
		return learn.Choice{}, false
	}
	f.contentCands(&f.rank, s, k, cueEnd(s, k))
	best := 0.0
	for _, c := range f.rank.cands {
		best = max(best, overlapF1(g.Content, c.start, c.end))
	}
	if best < 0.5 {
		return learn.Choice{}, false
	}
	right := func(c rcand) bool { return overlapF1(g.Content, c.start, c.end) >= best-0.05 }
	return f.rank.choice(right), true
}

// sourceChoice returns the choice of the source of the cue at token k of
// s, whose gold is g: right is none for a gold without a source, else the
// head word of the gold source's first phrase (before a comma, a
// preposition or a relative pronoun), or any candidate in that phrase, or
// in the whole source.
func (f *finder) sourceChoice(s *sentence, k int, g Gold) (learn.Choice, bool) {
	f.sourceCands(&f.rank, s, k, cueEnd(s, k))
	if len(g.Source) == 0 {
		return f.rank.choice(func(c rcand) bool { return c.tok < 0 }), true
	}
	first := sourcePhrase(s, g.Source)
	for _, right := range []func(c rcand) bool{
		func(c rcand) bool { return c.tok >= 0 && c.tok == first[len(first)-1] },
		func(c rcand) bool { return c.tok >= 0 && containsInt(first, c.tok) },
		func(c rcand) bool { return c.tok >= 0 && inSpans(g.Source, c.start, c.end) },
	} {
		if len(first) == 0 {
			break
		}
		for _, c := range f.rank.cands {
			if right(c) {
				return f.rank.choice(right), true
			}
		}
	}
	return learn.Choice{}, false
}

// sourcePhrase returns the word tokens of s in the first phrase of the
// source spans: up to a comma, bracket, preposition, relative pronoun or
// possessive.
func sourcePhrase(s *sentence, src []sitrep.Span) []int {
	var out []int
	for k, t := range s.toks {
		if !inSpans(src, t.Start, t.End) {
			continue
		}
		w := s.low[k]
		if len(out) > 0 && (t.Text == "," || t.Text == "(" || npPreps[w] || relatives[w] || w == "'s" || w == "’s") {
			break
		}
		if t.Kind == text.Word || t.Kind == text.Number {
			out = append(out, k)
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// sortStrings sorts and returns ss.
func sortStrings(ss []string) []string {
	sort.Strings(ss)
	return ss
}

// Assessment tells how well a model reads held-out documents, part by
// part: its cue words against the gold cues (a found word is right inside
// one, a gold cue is found when one of its words is), and given the
// best-scoring word of each gold cue, its content (right when its F1
// against the gold reaches 0.5) and its source (right when its head word
// is in the gold source, or both are none).
type Assessment struct {
	CueGold, CueFound, CueRight, GoldFound int
	Cues                                   int // gold cue words read for content and source
	ContentRight, SourceRight              int
}

func (a Assessment) String() string {
	p, r := float64(a.CueRight)/float64(max(a.CueFound, 1)), float64(a.GoldFound)/float64(max(a.CueGold, 1))
	return fmt.Sprintf("cue words P %.3f R %.3f F1 %.3f; given the gold cue, content %.3f and source %.3f right",
		p, r, 2*p*r/max(p+r, 1e-9), float64(a.ContentRight)/float64(max(a.Cues, 1)), float64(a.SourceRight)/float64(max(a.Cues, 1)))
}

// Assess reads docs with m and compares each part with the gold.
func Assess(m *Model, docs []TrainDoc) Assessment {
	var as Assessment
	for _, d := range docs {
		f := newFinder(m, d.A)
		cue := goldCueOffsets(d.Gold)
		bySent := map[int][]int{}
		for gi, g := range d.Gold {
			if len(g.Cue) > 0 {
				si := d.A.SentenceAt(g.Cue[0].Start)
				bySent[si] = append(bySent[si], gi)
				as.CueGold++
			}
		}
		for si := range d.A.Sentences {
			if !f.prepare(si) {
				continue
			}
			s := &f.sent
			score := make([]float32, len(s.toks))
			for k := range s.toks {
				if s.cand[k] {
					f.fs = f.cueFeatures(f.fs[:0], s, k)
					score[k] = f.m.cue.Score(f.fs) + f.m.cueBias
					if score[k] > 0 {
						as.CueFound++
						as.CueRight += b2i(cue[s.toks[k].Start])
					}
				}
			}
			for _, gi := range bySent[si] {
				f.assessGold(s, score, d.Gold[gi], &as)
			}
		}
	}
	return as
}

// assessGold counts gold g, whose cue is in s (its candidates scored),
// found or not, and reads the content and source of its best-scoring cue
// word.
func (f *finder) assessGold(s *sentence, score []float32, g Gold, as *Assessment) {
	best := -1
	for k, t := range s.toks {
		if s.cand[k] && inSpans(g.Cue, t.Start, t.End) && (best < 0 || score[k] > score[best]) {
			best = k
		}
	}
	if best < 0 {
		return
	}
	as.GoldFound += b2i(score[best] > 0)
	n := len(f.cands)
	f.attribute(s, best, score[best])
	if len(f.cands) == n {
		return
	}
	c := f.cands[n]
	f.cands = f.cands[:n]
	as.Cues++
	cok := overlapF1(g.Content, c.start, c.end) >= 0.5
	sok := len(g.Source) == 0 && c.spStart < 0 || c.spStart >= 0 && inSpans(g.Source, c.headStart, c.headEnd)
	as.ContentRight += b2i(cok)
	as.SourceRight += b2i(sok)
}
