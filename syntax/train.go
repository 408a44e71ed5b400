package syntax

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"sitrep/event/learn"
)

// TrainOptions control Train.
type TrainOptions struct {
	Epochs    int     // passes over the examples
	Seed      uint64  // shuffling seed
	MinWeight float32 // drop averaged weights smaller than this
}

// DefaultTrainOptions are the options `sitrep train syntax` trains the
// embedded model with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs: 10, Seed: 1, MinWeight: 1}
}

// keptSubtypes are the relation subtypes the parser keeps; others are
// read as their base relation ("obl:tmod" as "obl").
var keptSubtypes = map[string]bool{
	"nsubj:pass": true, "csubj:pass": true, "aux:pass": true, "obl:agent": true,
	"nmod:poss": true, "compound:prt": true, "acl:relcl": true,
}

// Relation maps a Universal Dependencies relation to the parser's.
func Relation(rel string) string {
	if keptSubtypes[rel] {
		return rel
	}
	base, _, _ := strings.Cut(rel, ":")
	return base
}

// Train learns a tagger and a parser from sentences (projective trees;
// others are left out). The parser learns from the gold tags.
func Train(sents []Sentence, opts TrainOptions) (*Model, error) {
	tags, labels := classes(sents)
	tagIndex, labelIndex := indexOf(tags), indexOf(labels)
	var kept []Sentence
	for _, s := range sents {
		if Projective(s.Heads) && IsTree(s.Heads) {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("syntax: no sentence to train on (%d left out: not projective trees)", len(sents))
	}
	lo := learn.Options{Epochs: opts.Epochs, Seed: opts.Seed, MinWeight: opts.MinWeight}
	tagger := learn.Train(tags, tagExamples(kept, tagIndex), lo)
	predicted := jackknifeTags(kept, tags, tagIndex, lo)
	var transEx, labelEx []learn.Example
	var t Tree
	for si, s := range kept {
		t.prepare(nil, s.Words)
		copy(t.view.tags, predicted[si])
		gold := append([]int{0}, s.Heads...)
		goldLabels := make([]int, len(gold))
		for i, l := range s.Labels {
			goldLabels[i+1] = labelIndex[Relation(l)]
		}
		st := &t.st
		st.reset(len(s.Words))
		for st.next <= st.n {
			tr, lab := st.oracle(gold, goldLabels)
			transEx = append(transEx, learn.Example{Features: st.allFeatures(&t.view, nil), Label: tr})
			if tr == leftArc || tr == rightArc {
				labelEx = append(labelEx, learn.Example{Features: st.labelFeatures(&t.view, tr, nil), Label: lab})
			}
			st.apply(tr, lab)
		}
		for k := 1; k <= st.n; k++ {
			if h := st.heads[k]; h >= 0 && h != gold[k] {
				return nil, fmt.Errorf("syntax: the oracle missed word %d of %q", k, strings.Join(s.Words, " "))
			}
		}
	}
	m := &Model{
		tagger: tagger,
		trans:  learn.Train(transitionNames, transEx, lo),
		label:  learn.Train(labels, labelEx, lo),
	}
	if err := m.index(); err != nil {
		return nil, err
	}
	return m, nil
}

// tagExamples returns the tagger's training examples of the sentences,
// each word's features read with the gold tags before it.
func tagExamples(sents []Sentence, tagIndex map[string]int) []learn.Example {
	var out []learn.Example
	var t Tree
	for _, s := range sents {
		t.prepare(nil, s.Words)
		var t1, t2 uint32
		for i := range s.Words {
			c := tagIndex[s.Tags[i]]
			out = append(out, learn.Example{Features: tagFeatures(t.view.words, i, t1, t2, nil), Label: c})
			t1, t2 = uint32(c)+1, t1
		}
	}
	return out
}

// jackknifeFolds is how many parts jackknifeTags cuts the sentences into.
const jackknifeFolds = 4

// jackknifeTags tags each sentence with a tagger trained on the other
// parts of the sentences (tag index + 2, by word), so that the parser
// learns from tags as wrong as those it will read.
func jackknifeTags(sents []Sentence, tags []string, tagIndex map[string]int, lo learn.Options) [][]uint32 {
	out := make([][]uint32, len(sents))
	for f := range jackknifeFolds {
		var train []Sentence
		for i, s := range sents {
			if i%jackknifeFolds != f {
				train = append(train, s)
			}
		}
		m := &Model{tagger: learn.Train(tags, tagExamples(train, tagIndex), lo)}
		var t Tree
		for i := f; i < len(sents); i += jackknifeFolds {
			t.prepare(m, sents[i].Words)
			m.tag(&t)
			out[i] = slices.Clone(t.view.tags)
		}
	}
	return out
}

// classes returns the sentences' tags and relations, sorted.
func classes(sents []Sentence) (tags, labels []string) {
	ts, ls := map[string]bool{}, map[string]bool{"root": true, "dep": true}
	for _, s := range sents {
		for i := range s.Words {
			ts[s.Tags[i]] = true
			ls[Relation(s.Labels[i])] = true
		}
	}
	keys := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	return keys(ts), keys(ls)
}

// indexOf maps each name to its index.
func indexOf(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i
	}
	return m
}

// Score is a parse's agreement with gold trees: tagging accuracy and
// unlabelled and labelled attachment scores, punctuation excluded from
// the attachment scores as is customary.
type Score struct {
	Words, Tagged    int
	Scored, UAS, LAS int
}

// Evaluate parses the gold sentences' words and scores the parses.
func (m *Model) Evaluate(gold []Sentence) Score {
	var sc Score
	var t Tree
	for _, s := range gold {
		m.Parse(s.Words, &t)
		for i := range s.Words {
			sc.Words++
			if t.Tags[i] == s.Tags[i] {
				sc.Tagged++
			}
			if s.Tags[i] == "PUNCT" {
				continue
			}
			sc.Scored++
			if t.Heads[i] == s.Heads[i] {
				sc.UAS++
				if t.Labels[i] == Relation(s.Labels[i]) {
					sc.LAS++
				}
			}
		}
	}
	return sc
}

// String writes the score as percentages.
func (sc Score) String() string {
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	return fmt.Sprintf("tags %.2f%% of %d words; UAS %.2f%%, LAS %.2f%% of %d (punctuation left out)",
		pct(sc.Tagged, sc.Words), sc.Words, pct(sc.UAS, sc.Scored), pct(sc.LAS, sc.Scored), sc.Scored)
}
