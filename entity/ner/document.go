package ner

import (
	"context"
	"slices"
	"strings"
)

// Document features (stage 2): what stage 1 predicted for the other
// occurrences of a capitalized word in the same document. A name tagged
// PER in "Bill Clinton said" helps tag the bare "Clinton" of a headline.

const (
	fDocMaj byte = 100 + iota // the most frequent type among the other occurrences
	fDocHas                   // a type seen among the other occurrences
	fDocMajCap
	fStage1     // stage 1's label of the token
	fStage1Next // stage 1's labels of the token and the next one
	fDocCtx     // a word next to another occurrence of the token (context aggregation)
	fDocLower   // the capitalized token occurs in lower case elsewhere in the document
)

// docCtxMax bounds the other occurrences whose context words a token's
// features include.
const docCtxMax = 8

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
	toks   [][]token
	occ    map[string][][2]int32 // sentence and token of each occurrence
	lower  map[string]bool       // words seen in lower case
}

func hasUpper(t *token) bool { return strings.IndexByte(t.long, 'X') >= 0 }

// newDocStats counts the predicted types of every capitalized word of a
// document (sentences toks, stage 1 labels pred).
func (m *Model) newDocStats(toks [][]token, pred [][]int) *docStats {
	st := &docStats{m: m, counts: map[string][]int32{}, toks: toks, occ: map[string][][2]int32{},
		lower: map[string]bool{}}
	for s := range toks {
		for i := range toks[s] {
			t := &toks[s][i]
			if !hasUpper(t) {
				if strings.IndexByte(t.long, 'x') >= 0 {
					st.lower[t.lower] = true
				}
				continue
			}
			if o := st.occ[t.lower]; len(o) <= docCtxMax {
				st.occ[t.lower] = append(o, [2]int32{int32(s), int32(i)})
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
	next := noNextLabel
	if i+1 < len(pred) {
		next = uint32(pred[i+1])
	}
	out = append(out, stage1Feature(own), stage1NextFeature(own, next))
	if !hasUpper(t) {
		return out
	}
	n := 0
	for _, o := range st.occ[t.lower] {
		ts := st.toks[o[0]]
		j := int(o[1])
		if &ts[j] == t || n >= docCtxMax {
			continue
		}
		n++
		out = docCtxFeatures(ts, j, out)
	}
	if st.lower[t.lower] {
		out = append(out, docLowerFeature(docLowerBits(t, i)))
	}
	c := st.counts[t.lower]
	if c == nil {
		return out
	}
	best, _ := majorityType(c, st.m.typeOf(own), func(ty int) {
		out = append(out, docHasFeature(ty))
	})
	if best >= 0 {
		out = append(out, docMajFeature(best), docMajCapFeature(best, capFirstBits(t, i)))
	}
	return out
}

// noNextLabel stands for the label after a sentence's last token in
// stage1NextFeature.
const noNextLabel uint32 = 0xff

// stage1Feature is the feature of stage 1's label of the token.
func stage1Feature(own int) uint64 { return hFinal(hInt(hInit(fStage1), uint32(own))) }

// stage1NextFeature is the feature of stage 1's labels of the token and
// the next one (noNextLabel at the end of the sentence).
func stage1NextFeature(own int, next uint32) uint64 {
	return hFinal(hInt(hInt(hInit(fStage1Next), uint32(own)), next))
}

// docCtxFeatures appends the context aggregation features that another
// occurrence of a token, word j of sentence ts, gives it: the words at
// offsets -2, -1, 1 and 2.
func docCtxFeatures(ts []token, j int, out []uint64) []uint64 {
	for _, d := range [...]int{-2, -1, 1, 2} {
		out = append(out, hFinal(hStr(hInt(hInit(fDocCtx), uint32(d+2)), lowerAt(ts, j+d))))
	}
	return out
}

// docLowerBits returns the bits of docLowerFeature for token i: 1 when it
// starts the sentence, 2 when it has no lower-case letter.
func docLowerBits(t *token, i int) uint32 {
	cp := uint32(0)
	if i == 0 {
		cp = 1
	}
	if strings.IndexByte(t.long, 'x') < 0 {
		cp |= 2
	}
	return cp
}

// docLowerFeature is the feature of a capitalized token that occurs in
// lower case elsewhere in the document.
func docLowerFeature(bits uint32) uint64 { return hFinal(hInt(hInit(fDocLower), bits)) }

// docHasFeature is the feature of an entity type among the other
// occurrences of the token.
func docHasFeature(ty int) uint64 { return hFinal(hInt(hInit(fDocHas), uint32(ty))) }

// docMajFeature is the feature of the most frequent type among the other
// occurrences of the token.
func docMajFeature(ty int) uint64 { return hFinal(hInt(hInit(fDocMaj), uint32(ty))) }

// docMajCapFeature is docMajFeature with the token's capFirstBits.
func docMajCapFeature(ty int, capFirst uint32) uint64 {
	return hFinal(hInt(hInt(hInit(fDocMajCap), uint32(ty)), capFirst))
}

// majorityType returns the most frequent type (the first of the most
// frequent) among counts, the predicted types of a word's occurrences,
// less one of the token's own type ownType, with its count, or -1; it
// calls has for every type with a count left, in order.
func majorityType(counts []int32, ownType int, has func(ty int)) (best int, n int32) {
	best = -1
	for ty, c := range counts {
		if ty == ownType {
			c--
		}
		if c <= 0 {
			continue
		}
		has(ty)
		if c > n {
			best, n = ty, c
		}
	}
	return best, n
}

// TagDocument tags the sentences of one document (an article), using what
// the document says elsewhere about each capitalized word. It returns one
// IOB2 tag slice per sentence.
func (m *Model) TagDocument(sents [][]string) [][]string {
	out, _ := m.TagDocumentContext(context.Background(), sents)
	return out
}

// ctxEvery is how many sentences the tagger tags between two looks at its
// context: a few milliseconds of work.
const ctxEvery = 64

// TagDocumentContext is TagDocument that stops when ctx is done, every few
// sentences, and returns ctx's error.
func (m *Model) TagDocumentContext(ctx context.Context, sents [][]string) ([][]string, error) {
	out := make([][]string, len(sents))
	total := 0
	for _, s := range sents {
		total += len(s)
	}
	tags := make([]string, total) // one backing array for the whole document
	if m == nil || len(m.labels) == 0 {
		for i, s := range sents {
			out[i], tags = tags[:len(s):len(s)], tags[len(s):]
			for j := range out[i] {
				out[i][j] = "O"
			}
		}
		return out, nil
	}
	sc := m.getScratch()
	defer m.putScratch(sc)
	ids, err := m.tagIDs(ctx, sc, sents)
	if err != nil {
		return nil, err
	}
	for i, s := range ids {
		out[i], tags = tags[:len(s):len(s)], tags[len(s):]
		for j, id := range s {
			out[i][j] = m.iob2[id]
		}
	}
	return out, nil
}

// tagDocumentIDs returns the label numbers of the words of sents, tagged
// as one document.
func (m *Model) tagDocumentIDs(ctx context.Context, sents [][]string) ([][]int, error) {
	sc := m.getScratch()
	defer m.putScratch(sc)
	ids, err := m.tagIDs(ctx, sc, sents)
	if err != nil {
		return nil, err
	}
	out := make([][]int, len(ids))
	for i, s := range ids {
		out[i] = slices.Clone(s)
	}
	return out, nil
}
