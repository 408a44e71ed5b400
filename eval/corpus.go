package eval

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"sitrep"
	"sitrep/annot"
	"sitrep/pipeline"
)

// realArticles is where the gold readings of whole real articles live,
// from the repository root.
const realArticles = "testdata/real"

// Corpus prints the figures of sitrep's annotated real-news corpus
// (package annot): its counts per root, way of choosing, source corpus and
// mode, the agreement of the doubly annotated part, and today's sitrep
// scored on the annotated sentences (the baseline a trained coder must
// raise). Its last line is
//
//	corpus: N sentences, M events, A real articles, kappa K
func Corpus(ctx context.Context, shared string, w io.Writer) error {
	c, err := annot.Load()
	if err != nil {
		return err
	}
	src := annot.NewSources(shared)
	for _, s := range c.Sentences {
		if err := annot.Validate(s, src); err != nil {
			return err
		}
	}
	st := c.Count()
	fmt.Fprintf(w, "sentences %d (with an event %d, annotated twice %d), events %d\n", st.Sentences, st.WithEvent, st.Doubled, st.Events)
	printCounts(w, "events per CAMEO root", st.Roots)
	printCounts(w, "sentences per way of choosing", st.Chosen)
	printCounts(w, "sentences per source", st.Corpora)
	printCounts(w, "events per mode", st.Modes)
	printCounts(w, "events per ACLED sub-event type", st.ACLED)
	ag := c.Agree()
	fmt.Fprintf(w, "agreement: %s\n", ag)
	golds, err := filepath.Glob(filepath.Join(realArticles, "*.gold.json"))
	if err != nil {
		return err
	}
	if len(golds) == 0 {
		return fmt.Errorf("no gold readings under %s: run sitrep eval corpus from the repository root", realArticles)
	}
	score, err := scoreSentences(ctx, pipeline.Default(), c.Sentences, src)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "sitrep on the annotated sentences: %s\n", score)
	fmt.Fprintf(w, "corpus: %d sentences, %d events, %d real articles, kappa %.3f\n", st.Sentences, st.Events, len(golds), ag.Kappa)
	return nil
}

// printCounts prints a count table on one line, keys in order.
func printCounts(w io.Writer, title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	fmt.Fprintf(w, "%s: %s\n", title, strings.Join(parts, ", "))
}

// SentenceScore is sitrep's events scored against annotated sentences.
type SentenceScore struct {
	Gold, System, Matched int // events, and system events whose trigger overlaps a gold one
	Root, Code, PLOVER    int // matched events with the same root, full code, PLOVER type
	Source, Target        codeCount
	Skipped               int // sentences whose text sitrep's normalization changed
}

// codeCount counts actor codes: gold and system events with a code,
// matched events whose codes are equal, and matched events whose codes
// name the same country or body (the first three letters).
type codeCount struct{ Gold, System, Right, SameCountry int }

func (c codeCount) f1() float64 { return f1(ratio(c.Right, c.System), ratio(c.Right, c.Gold)) }

// countryF1 is the F1 of codes that name the same country or body.
func (c codeCount) countryF1() float64 {
	return f1(ratio(c.SameCountry, c.System), ratio(c.SameCountry, c.Gold))
}

// String prints the score on one line.
func (s SentenceScore) String() string {
	p, r := ratio(s.Matched, s.System), ratio(s.Matched, s.Gold)
	return fmt.Sprintf("trigger P %.3f R %.3f F1 %.3f (%d gold, %d system events); on matched triggers root accuracy %.3f, code %.3f, PLOVER %.3f; source code F1 %.3f (same country %.3f), target code F1 %.3f (same country %.3f)",
		p, r, f1(p, r), s.Gold, s.System, ratio(s.Root, s.Matched), ratio(s.Code, s.Matched), ratio(s.PLOVER, s.Matched),
		s.Source.f1(), s.Source.countryF1(), s.Target.f1(), s.Target.countryF1())
}

// scoreSentences runs p on each sentence alone and scores its events
// against the annotation: a system event matches a gold event when their
// triggers overlap (one to one, same root first).
func scoreSentences(ctx context.Context, p *pipeline.Pipeline, sents []annot.Sentence, src *annot.Sources) (SentenceScore, error) {
	var sc SentenceScore
	for _, s := range sents {
		text := s.Text
		if text == "" {
			t, err := src.Text(s.ID)
			if err != nil {
				return sc, err
			}
			text = t
		}
		a, err := p.Analyze(ctx, sitrep.Article{Text: text})
		if err != nil {
			return sc, fmt.Errorf("%s: %w", s.ID, err)
		}
		if a.Doc.Text != text {
			sc.Skipped++
			continue
		}
		sys := make([]annot.Event, len(a.Doc.Events))
		for i, e := range a.Doc.Events {
			sys[i] = annot.Event{Trigger: annot.Span{e.Start, e.End}, CAMEO: e.CAMEO, PLOVER: e.PLOVER, SourceCode: e.SourceCode, TargetCode: e.TargetCode}
		}
		sc.add(s.Events, sys)
	}
	return sc, nil
}

// add scores one sentence's system events against its gold events.
func (sc *SentenceScore) add(gold, sys []annot.Event) {
	sc.Gold += len(gold)
	sc.System += len(sys)
	for _, e := range gold {
		sc.Source.Gold += boolCount(e.SourceCode != "")
		sc.Target.Gold += boolCount(e.TargetCode != "")
	}
	for _, e := range sys {
		sc.Source.System += boolCount(e.SourceCode != "")
		sc.Target.System += boolCount(e.TargetCode != "")
	}
	for _, p := range annot.PairEvents(gold, sys) {
		if p[0] < 0 || p[1] < 0 {
			continue
		}
		g, s := gold[p[0]], sys[p[1]]
		sc.Matched++
		sc.Root += boolCount(g.CAMEO[:2] == s.CAMEO[:2])
		sc.Code += boolCount(g.CAMEO == s.CAMEO)
		sc.PLOVER += boolCount(g.PLOVER == s.PLOVER)
		sc.Source.Right += boolCount(g.SourceCode != "" && g.SourceCode == s.SourceCode)
		sc.Target.Right += boolCount(g.TargetCode != "" && g.TargetCode == s.TargetCode)
		sc.Source.SameCountry += boolCount(sameCountry(g.SourceCode, s.SourceCode))
		sc.Target.SameCountry += boolCount(sameCountry(g.TargetCode, s.TargetCode))
	}
}

func boolCount(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sameCountry reports whether two actor codes begin with the same three
// letters (the country or body; a bare role such as "UAF" counts too).
func sameCountry(a, b string) bool {
	return len(a) >= 3 && len(b) >= 3 && a[:3] == b[:3]
}
