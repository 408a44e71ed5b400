package ner

import "strings"

// Document features (stage 2): what stage 1 predicted for the other
// occurrences of a capitalized word in the same document. A name tagged
// PER in "Bill Clinton said" helps tag the bare "Clinton" of a headline.

const (
	fDocMaj byte = 100 + iota // the most frequent type among the other occurrences
	fDocHas                   // a type seen among the other occurrences
	fDocMajCap
	fStage1     // stage 1's label of the token
	fStage1Next // stage 1's labels of the token and the next one
)

// typeOf returns the entity type number of label l: 0 for O, else 1 + the
// index of its type among the model's types.
func (m *Model) typeOf(l int) int { return m.types[l] }

func (m *Model) initTypes() {
	m.types = make([]int, len(m.labels))
	ids := map[string]int{}
	for l, lab := range m.labels {
		if lab == "O" {
			continue
		}
		t := lab[2:]
		id, ok := ids[t]
		if !ok {
			id = len(ids) + 1
			ids[t] = id
		}
		m.types[l] = id
	}
	m.ntypes = len(ids) + 1
}

type docStats struct {
	m      *Model
	counts map[string][]int32
}

func hasUpper(t *token) bool { return strings.IndexByte(t.long, 'X') >= 0 }

// newDocStats counts the predicted types of every capitalized word of a
// document (sentences toks, stage 1 labels pred).
func (m *Model) newDocStats(toks [][]token, pred [][]int) *docStats {
	st := &docStats{m: m, counts: map[string][]int32{}}
	for s := range toks {
		for i := range toks[s] {
			t := &toks[s][i]
			if !hasUpper(t) {
				continue
			}
			c := st.counts[t.lower]
			if c == nil {
				c = make([]int32, m.ntypes)
				st.counts[t.lower] = c
			}
			c[m.typeOf(pred[s][i])]++
		}
	}
	return st
}

// features appends the document features of token i of a sentence whose
// stage 1 labels are pred.
func (st *docStats) features(toks []token, i int, pred []int, out []uint64) []uint64 {
	t := &toks[i]
	own := pred[i]
	next := uint32(0xff)
	if i+1 < len(pred) {
		next = uint32(pred[i+1])
	}
	out = append(out, hFinal(hInt(hInit(fStage1), uint32(own))),
		hFinal(hInt(hInt(hInit(fStage1Next), uint32(own)), next)))
	if !hasUpper(t) {
		return out
	}
	c := st.counts[t.lower]
	if c == nil {
		return out
	}
	ownType := st.m.typeOf(own)
	best, bn, total := -1, int32(0), int32(0)
	for ty, n := range c {
		if ty == ownType {
			n--
		}
		if n <= 0 {
			continue
		}
		total += n
		out = append(out, hFinal(hInt(hInit(fDocHas), uint32(ty))))
		if n > bn {
			best, bn = ty, n
		}
	}
	if best >= 0 {
		out = append(out, hFinal(hInt(hInit(fDocMaj), uint32(best))))
		cp := uint32(0)
		if t.cap {
			cp = 1
		}
		if i == 0 {
			cp |= 2
		}
		out = append(out, hFinal(hInt(hInt(hInit(fDocMajCap), uint32(best)), cp)))
	}
	return out
}

// TagDocument tags the sentences of one document (an article), using what
// the document says elsewhere about each capitalized word. It returns one
// IOB2 tag slice per sentence.
func (m *Model) TagDocument(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	if m == nil || len(m.labels) == 0 {
		for i, s := range sents {
			out[i] = make([]string, len(s))
			for j := range out[i] {
				out[i][j] = "O"
			}
		}
		return out
	}
	ids := m.tagDocumentIDs(sents)
	for i, s := range ids {
		out[i] = make([]string, len(s))
		for j, id := range s {
			out[i][j] = m.labels[id]
		}
	}
	return out
}

func (m *Model) tagDocumentIDs(sents [][]string) [][]int {
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer m.pool.Put(sc)
	n, width := len(m.labels), m.tab.nl
	toks := make([][]token, len(sents))
	pre := make([][]int32, len(sents)) // per token: the static features' weights, all stages
	pred := make([][]int, len(sents))
	score := make([]int32, n)
	for s, words := range sents {
		toks[s] = m.res.prepare(words, nil)
		caps := allCaps(toks[s])
		pre[s] = make([]int32, len(words)*width)
		for i := range toks[s] {
			sc.feats = staticFeatures(toks[s], i, caps, sc.feats[:0])
			p := pre[s][i*width : (i+1)*width]
			for _, f := range sc.feats {
				if w := m.tab.get(f); w != nil {
					addTo(p, w)
				}
			}
		}
		pred[s] = m.decode(0, toks[s], pre[s], nil, sc, score)
	}
	if m.stages < 2 {
		return pred
	}
	st := m.newDocStats(toks, pred)
	out := make([][]int, len(sents))
	for s := range sents {
		out[s] = m.decode(1, toks[s], pre[s], func(i int) {
			sc.feats = st.features(toks[s], i, pred[s], sc.feats[:0])
		}, sc, score)
	}
	return out
}

// decode tags one sentence greedily with the weights of a stage (0 or 1),
// starting from the static features' weights pre; for stage 1, doc(i)
// fills sc.feats with token i's document features.
func (m *Model) decode(stage int, toks []token, pre []int32, doc func(i int), sc *scratch, score []int32) []int {
	n, width := len(m.labels), m.tab.nl
	ids := make([]int, len(toks))
	p1, p2 := -1, -1
	for i := range toks {
		copy(score, pre[i*width+stage*n:i*width+stage*n+n])
		sc.feats = sc.feats[:0]
		if doc != nil {
			doc(i)
		}
		sc.feats = dynamicFeatures(toks, i, p1, p2, sc.feats)
		for _, f := range sc.feats {
			if w := m.tab.get(f); w != nil {
				addTo(score, w[stage*n:])
			}
		}
		ids[i] = best(m, score, p1)
		p2, p1 = p1, ids[i]
	}
	return ids
}
