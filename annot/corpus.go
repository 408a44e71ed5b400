package annot

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed data/sentences.jsonl
var sentencesData []byte

//go:embed data/versions.jsonl
var versionsData []byte

//go:embed data/heldout.jsonl
var heldOutData []byte

// Corpus is the annotated sentences, the annotators' independent readings
// of the doubly annotated ones, and the held-out sentences.
type Corpus struct {
	// Sentences are the sentences the event coder is trained and
	// cross-validated on.
	Sentences []Sentence
	Versions  []Version
	// HeldOut are sentences annotated by the same manual that no model is
	// trained on (the ninth and tenth rounds): sitrep eval heldout scores
	// the shipped coder on them.
	HeldOut []Sentence
}

// Load reads the embedded corpus.
func Load() (*Corpus, error) {
	s, err := ReadSentences(bytes.NewReader(sentencesData), "annot/data/sentences.jsonl")
	if err != nil {
		return nil, err
	}
	v, err := ReadVersions(bytes.NewReader(versionsData), "annot/data/versions.jsonl")
	if err != nil {
		return nil, err
	}
	h, err := ReadSentences(bytes.NewReader(heldOutData), "annot/data/heldout.jsonl")
	if err != nil {
		return nil, err
	}
	return &Corpus{Sentences: s, Versions: v, HeldOut: h}, nil
}

// Stats are the corpus's counts.
type Stats struct {
	Sentences, WithEvent, Events int
	Roots                        map[string]int // events per CAMEO root
	Chosen                       map[string]int // sentences per way of choosing
	Corpora                      map[string]int // sentences per source corpus
	Modes                        map[string]int // events per mode
	ACLED                        map[string]int // events per ACLED sub-event type
	Doubled                      int            // sentences annotated twice
}

// Count returns the corpus's counts.
func (c *Corpus) Count() Stats {
	st := Stats{Roots: map[string]int{}, Chosen: map[string]int{}, Corpora: map[string]int{}, Modes: map[string]int{}, ACLED: map[string]int{}}
	for _, s := range c.Sentences {
		st.Sentences++
		st.Chosen[s.Chosen]++
		st.Corpora[corpusOf(s.ID)]++
		if len(s.Annotators) > 1 {
			st.Doubled++
		}
		if len(s.Events) > 0 {
			st.WithEvent++
		}
		for _, e := range s.Events {
			st.Events++
			st.Roots[e.CAMEO[:2]]++
			st.Modes[e.Mode]++
			if e.ACLEDSubtype != "" {
				st.ACLED[e.ACLEDSubtype]++
			}
		}
	}
	return st
}

// corpusOf names the corpus a sentence comes from.
func corpusOf(id string) string {
	name, _, _ := strings.Cut(id, "/")
	return name
}

// Agreement is how far two annotators agree on the same sentences.
type Agreement struct {
	Sentences int     // doubly annotated sentences
	Units     int     // events of either reading, paired where they match, and sentences both left empty
	Kappa     float64 // Cohen's kappa on the CAMEO root ("none" for an event the other reading lacks)
	Trigger   float64 // trigger span F1 (spans overlap)
	Source    float64 // source span F1 over paired events (spans overlap)
	Target    float64 // target span F1 over paired events
	Code      float64 // F1 of the full CAMEO code over paired events
}

// Agree measures agreement over the sentences that two annotators read
// independently.
func (c *Corpus) Agree() Agreement {
	byID := map[string][]Version{}
	var ids []string
	for _, v := range c.Versions {
		if _, ok := byID[v.ID]; !ok {
			ids = append(ids, v.ID)
		}
		byID[v.ID] = append(byID[v.ID], v)
	}
	sort.Strings(ids)
	var a Agreement
	var pairs [][2]string // root labels of the units
	var nA, nB, matched, srcA, srcB, srcOK, tgtA, tgtB, tgtOK, codeOK int
	for _, id := range ids {
		vs := byID[id]
		if len(vs) != 2 {
			continue
		}
		a.Sentences++
		x, y := vs[0].Events, vs[1].Events
		nA += len(x)
		nB += len(y)
		if len(x) == 0 && len(y) == 0 {
			pairs = append(pairs, [2]string{"none", "none"})
			continue
		}
		for _, p := range PairEvents(x, y) {
			switch {
			case p[0] < 0:
				pairs = append(pairs, [2]string{"none", y[p[1]].CAMEO[:2]})
			case p[1] < 0:
				pairs = append(pairs, [2]string{x[p[0]].CAMEO[:2], "none"})
			default:
				ex, ey := x[p[0]], y[p[1]]
				matched++
				pairs = append(pairs, [2]string{ex.CAMEO[:2], ey.CAMEO[:2]})
				if ex.CAMEO == ey.CAMEO {
					codeOK++
				}
				if overlaps(ex.Source, ey.Source) {
					srcOK++
				}
				if overlaps(ex.Target, ey.Target) {
					tgtOK++
				}
			}
		}
		for _, e := range x {
			srcA, tgtA = srcA+boolInt(e.Source != nil), tgtA+boolInt(e.Target != nil)
		}
		for _, e := range y {
			srcB, tgtB = srcB+boolInt(e.Source != nil), tgtB+boolInt(e.Target != nil)
		}
	}
	a.Units = len(pairs)
	a.Kappa = CohenKappa(pairs)
	a.Trigger = harmonic(matched, nA, nB)
	a.Source = harmonic(srcOK, srcA, srcB)
	a.Target = harmonic(tgtOK, tgtA, tgtB)
	a.Code = harmonic(codeOK, nA, nB)
	return a
}

// PairEvents pairs two readings' events by overlapping triggers, the same
// root first, then any; an unpaired event comes with -1 on the other side.
// The pairs come in the order of x's events, then y's unpaired ones.
func PairEvents(x, y []Event) [][2]int {
	usedY := make([]bool, len(y))
	pairOf := make([]int, len(x))
	for i := range pairOf {
		pairOf[i] = -1
	}
	for pass := 0; pass < 2; pass++ {
		for i, ex := range x {
			if pairOf[i] >= 0 {
				continue
			}
			for j, ey := range y {
				if usedY[j] || !overlaps(&ex.Trigger, &ey.Trigger) {
					continue
				}
				if pass == 0 && ex.CAMEO[:2] != ey.CAMEO[:2] {
					continue
				}
				pairOf[i], usedY[j] = j, true
				break
			}
		}
	}
	var out [][2]int
	for i, j := range pairOf {
		out = append(out, [2]int{i, j})
	}
	for j, u := range usedY {
		if !u {
			out = append(out, [2]int{-1, j})
		}
	}
	return out
}

// CohenKappa returns Cohen's kappa of paired labels: (po - pe) / (1 - pe),
// 1 when the labels agree and have no chance variation, 0 for no units.
func CohenKappa(pairs [][2]string) float64 {
	if len(pairs) == 0 {
		return 0
	}
	left, right := map[string]int{}, map[string]int{}
	agree := 0
	for _, p := range pairs {
		left[p[0]]++
		right[p[1]]++
		if p[0] == p[1] {
			agree++
		}
	}
	n := float64(len(pairs))
	po := float64(agree) / n
	pe := 0.0
	for l, c := range left {
		pe += float64(c) / n * float64(right[l]) / n
	}
	if pe == 1 {
		return 1
	}
	return (po - pe) / (1 - pe)
}

func overlaps(a, b *Span) bool {
	return a != nil && b != nil && a[0] < b[1] && b[0] < a[1]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// harmonic is the F1 of ok agreements out of a and b items on each side.
func harmonic(ok, a, b int) float64 {
	if a+b == 0 {
		return 0
	}
	return 2 * float64(ok) / float64(a+b)
}

// String prints the agreement figures on one line.
func (a Agreement) String() string {
	return fmt.Sprintf("%d sentences, %d units: kappa (root) %.3f, trigger F1 %.3f, code F1 %.3f, source F1 %.3f, target F1 %.3f",
		a.Sentences, a.Units, a.Kappa, a.Trigger, a.Code, a.Source, a.Target)
}
