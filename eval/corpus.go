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
	"sitrep/event"
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
	for _, s := range c.HeldOut {
		if err := annot.Validate(s, src); err != nil {
			return err
		}
	}
	held := (&annot.Corpus{Sentences: c.HeldOut}).Count()
	fmt.Fprintf(w, "held out (never trained on; sitrep eval heldout): sentences %d (with an event %d), events %d\n", held.Sentences, held.WithEvent, held.Events)
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
	Gold, System, Matched  int       // events, and system events whose trigger overlaps a gold one
	Root, Code, PLOVER     int       // matched events with the same root, full code, PLOVER type
	Mode                   int       // matched events with the same mode
	SourceOK, TargetOK     int       // matched events whose participant is the gold one by span, or both none
	ACLED                  codeCount // ACLED sub-event types of matched events: gold and system ones, and equal ones
	Source, Target         codeCount
	SourceSpan, TargetSpan codeCount // participants by span: gold and system events with one, matched events whose spans overlap
	Skipped                int       // sentences whose text sitrep's normalization changed
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
	return fmt.Sprintf("trigger P %.3f R %.3f F1 %.3f (%d gold, %d system events); on matched triggers root accuracy %.3f, code %.3f, PLOVER %.3f, mode %.3f; source code F1 %.3f (same country %.3f), target code F1 %.3f (same country %.3f); participants by span: source F1 %.3f, target F1 %.3f, on matched triggers source right %.3f, target right %.3f; ACLED sub-event type F1 on matched triggers %.3f",
		p, r, f1(p, r), s.Gold, s.System, ratio(s.Root, s.Matched), ratio(s.Code, s.Matched), ratio(s.PLOVER, s.Matched), ratio(s.Mode, s.Matched),
		s.Source.f1(), s.Source.countryF1(), s.Target.f1(), s.Target.countryF1(), s.SourceSpan.f1(), s.TargetSpan.f1(), ratio(s.SourceOK, s.Matched), ratio(s.TargetOK, s.Matched), s.ACLED.f1())
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
			sys[i] = systemEvent(a.Doc, e)
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
		sc.SourceSpan.Gold += boolCount(e.Source != nil)
		sc.TargetSpan.Gold += boolCount(e.Target != nil)
	}
	for _, e := range sys {
		sc.Source.System += boolCount(e.SourceCode != "")
		sc.Target.System += boolCount(e.TargetCode != "")
		sc.SourceSpan.System += boolCount(e.Source != nil)
		sc.TargetSpan.System += boolCount(e.Target != nil)
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
		sc.Mode += boolCount(event.ModeClass(g.Mode) == s.Mode)
		sc.ACLED.Gold += boolCount(g.ACLEDSubtype != "")
		sc.ACLED.System += boolCount(s.ACLEDSubtype != "")
		sc.ACLED.Right += boolCount(g.ACLEDSubtype != "" && g.ACLEDSubtype == s.ACLEDSubtype)
		sc.Source.Right += boolCount(sameActor(g.SourceCode, s.SourceCode))
		sc.Target.Right += boolCount(sameActor(g.TargetCode, s.TargetCode))
		sc.Source.SameCountry += boolCount(sameCountry(g.SourceCode, s.SourceCode))
		sc.SourceSpan.Right += boolCount(overlap(g.Source, s.Source))
		sc.SourceOK += boolCount(overlap(g.Source, s.Source) || g.Source == nil && s.Source == nil)
		sc.TargetOK += boolCount(overlap(g.Target, s.Target) || g.Target == nil && s.Target == nil)
		sc.TargetSpan.Right += boolCount(overlap(g.Target, s.Target))
		sc.Target.SameCountry += boolCount(sameCountry(g.TargetCode, s.TargetCode))
	}
}

// systemEvent is a document's event in the annotation's form, for
// scoring.
func systemEvent(doc *sitrep.Document, e sitrep.Event) annot.Event {
	return annot.Event{Trigger: annot.Span{e.Start, e.End}, CAMEO: e.CAMEO, PLOVER: e.PLOVER, Mode: e.Modality, ACLEDSubtype: e.ACLEDSubtype, SourceCode: e.SourceCode, TargetCode: e.TargetCode,
		Source: participantSpan(doc, e.SourceSpan, e.Source, e.Start), Target: participantSpan(doc, e.TargetSpan, e.Target, e.Start)}
}

// participantSpan returns where an event's participant is named: its own
// span, else the mention of its entity id nearest byte offset at, or nil.
func participantSpan(doc *sitrep.Document, span *sitrep.Span, id *string, at int) *annot.Span {
	if span != nil {
		return &annot.Span{span.Start, span.End}
	}
	return mentionNear(doc, id, at)
}

// mentionNear returns the span of the mention of entity id nearest byte
// offset at, or nil.
func mentionNear(doc *sitrep.Document, id *string, at int) *annot.Span {
	if id == nil {
		return nil
	}
	var best *annot.Span
	bd := 1 << 30
	for _, e := range doc.Entities {
		if e.ID != *id {
			continue
		}
		for _, m := range e.Mentions {
			if d := abs(m.Start - at); d < bd {
				bd, best = d, &annot.Span{m.Start, m.End}
			}
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// overlap reports whether two spans share a byte.
func overlap(a, b *annot.Span) bool { return a != nil && b != nil && a[0] < b[1] && b[0] < a[1] }

func boolCount(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sameActor reports whether a system actor code names the gold one: the
// same code, or a more specific one (CAMEO codes read left to right, so
// PSEREBHAM, Hamas, is a PSEREB); the "IGO" that the Phoenix dictionaries
// put before a body's code ("IGOUNO") is not counted, as the annotation
// manual writes bodies without it ("UNO").
func sameActor(gold, sys string) bool {
	gold, sys = withoutIGO(gold), withoutIGO(sys)
	return gold != "" && strings.HasPrefix(sys, gold)
}

// withoutIGO drops a leading "IGO" from an actor code.
func withoutIGO(code string) string {
	if len(code) > 3 && strings.HasPrefix(code, "IGO") {
		return code[3:]
	}
	return code
}

// sameCountry reports whether two actor codes begin with the same three
// letters (the country or body; a bare role such as "UAF" counts too).
func sameCountry(a, b string) bool {
	a, b = withoutIGO(a), withoutIGO(b)
	return len(a) >= 3 && len(b) >= 3 && a[:3] == b[:3]
}
