package ner

import (
	"context"
	"runtime"
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
	next := uint32(0xff)
	if i+1 < len(pred) {
		next = uint32(pred[i+1])
	}
	out = append(out, hFinal(hInt(hInit(fStage1), uint32(own))),
		hFinal(hInt(hInt(hInit(fStage1Next), uint32(own)), next)))
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
		for _, d := range [...]int{-2, -1, 1, 2} {
			out = append(out, hFinal(hStr(hInt(hInit(fDocCtx), uint32(d+2)), lowerAt(ts, j+d))))
		}
	}
	if st.lower[t.lower] {
		cp := uint32(0)
		if i == 0 {
			cp = 1
		}
		if strings.IndexByte(t.long, 'x') < 0 {
			cp |= 2
		}
		out = append(out, hFinal(hInt(hInit(fDocLower), cp)))
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
	if m == nil || len(m.labels) == 0 {
		for i, s := range sents {
			out[i] = make([]string, len(s))
			for j := range out[i] {
				out[i][j] = "O"
			}
		}
		return out, nil
	}
	ids, err := m.tagDocumentIDs(ctx, sents)
	if err != nil {
		return nil, err
	}
	for i, s := range ids {
		out[i] = make([]string, len(s))
		for j, id := range s {
			out[i][j] = m.iob2[id]
		}
	}
	return out, nil
}

func (m *Model) tagDocumentIDs(ctx context.Context, sents [][]string) ([][]int, error) {
	sc := m.getScratch()
	defer m.putScratch(sc)
	n, width := len(m.labels), m.tab.nl
	total := 0
	for _, words := range sents {
		total += len(words)
	}
	// One backing array each for the whole document.
	allToks := make([]token, total)
	allPre := make([]int32, total*width) // per token: the static features' weights, all stages
	allPred := make([]int, total*m.stages)
	toks := make([][]token, len(sents))
	pre := make([][]int32, len(sents))
	pred := make([][]int, len(sents))
	score := make([]int32, n)
	off := 0
	for s, words := range sents {
		if s%ctxEvery == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		ts := allToks[off : off+len(words) : off+len(words)]
		p := allPre[off*width : (off+len(words))*width]
		nb := len(neighbours) * width
		if cap(sc.roles) < len(words)*nb {
			sc.roles = make([]int32, len(words)*nb)
		}
		roles := sc.roles[:len(words)*nb]
		for i, w := range words {
			ts[i] = sc.word(m, w, p[i*width:(i+1)*width], roles[i*nb:(i+1)*nb])
		}
		m.res.markGazetteer(ts)
		caps := allCaps(ts)
		for i := range ts {
			pi := p[i*width : (i+1)*width]
			sc.feats = sc.feats[:0]
			for r, d := range neighbours {
				if j := i + d; j >= 0 && j < len(ts) {
					addTo32(pi, roles[j*nb+r*width:j*nb+(r+1)*width])
				} else {
					sc.feats = neighbourFeatures(ts, i, d, sc.feats)
				}
			}
			sc.feats = pairFeatures(ts, i, caps, sc.feats)
			sc.slot = m.tab.sumInto(pi, 0, sc.feats, sc.slot)
		}
		toks[s], pre[s] = ts, p
		pred[s] = m.decode(0, ts, p, nil, sc, score, allPred[off:off+len(words)])
		off += len(words)
	}
	if m.stages < 2 {
		return pred, nil
	}
	st := m.newDocStats(toks, pred)
	out := make([][]int, len(sents))
	off = 0
	for s := range sents {
		if s%ctxEvery == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out[s] = m.decode(1, toks[s], pre[s], func(i int) {
			sc.feats = st.features(toks[s], i, pred[s], sc.feats[:0])
		}, sc, score, allPred[total+off:total+off+len(toks[s])])
		off += len(toks[s])
	}
	return out, nil
}

// wordCacheSize is the number of words whose token and word features'
// weights a scratch remembers (direct-mapped by the word's hash).
const wordCacheSize = 8192

type scratch struct {
	feats []uint64
	slot  []uint64
	roles []int32
	// the word cache: words[k] is the word of entry k (its token toks[k],
	// its word features' summed weights sums[k*width:(k+1)*width]).
	words []string
	used  []bool
	toks  []token
	sums  []int32
	// prev[((p1+1)*(n+1)+p2+1)*width:] sums the weights of the features
	// of the previous labels p1, p2 alone.
	prev []int32
	buf  [64]byte
}

// getScratch returns a free scratch (with its warm word cache) or a new
// one. Free scratches are kept in a channel rather than a sync.Pool so
// that garbage collections do not empty their caches.
func (m *Model) getScratch() *scratch {
	m.freeOnce.Do(func() { m.free = make(chan *scratch, runtime.GOMAXPROCS(0)) })
	select {
	case sc := <-m.free:
		return sc
	default:
		return m.newScratch()
	}
}

func (m *Model) putScratch(sc *scratch) {
	select {
	case m.free <- sc:
	default:
	}
}

func (m *Model) newScratch() *scratch {
	n, width := len(m.labels), m.tab.nl
	sc := &scratch{words: make([]string, wordCacheSize), used: make([]bool, wordCacheSize),
		toks: make([]token, wordCacheSize), sums: make([]int32, wordCacheSize*(1+len(neighbours))*width),
		prev: make([]int32, (n+1)*(n+1)*width)}
	for p1 := -1; p1 < n; p1++ {
		for p2 := -1; p2 < n; p2++ {
			sum := sc.prev[((p1+1)*(n+1)+p2+1)*width:][:width]
			for _, f := range prevFeatures(p1, p2, sc.feats[:0]) {
				if x := m.tab.get(f); x != nil {
					addTo(sum, x)
				}
			}
		}
	}
	return sc
}

// word returns w's token (without gazetteer bits), sets dst to the
// summed weights of its word features and roles to those of its features
// as the neighbour of a token at each offset of neighbours.
func (sc *scratch) word(m *Model, w string, dst, roles []int32) token {
	width := m.tab.nl
	stride := (1 + len(neighbours)) * width
	// Two-way set associative: a word is in entry k or k^1; a new word
	// takes a free one of the two, else the one another bit of its hash
	// picks.
	h := hStr(fnvOffset, w)
	k := int(h & (wordCacheSize - 1))
	hit := true
	switch {
	case sc.used[k] && sc.words[k] == w:
	case sc.used[k^1] && sc.words[k^1] == w:
		k ^= 1
	default:
		hit = false
		if sc.used[k] && (!sc.used[k^1] || h>>40&1 == 1) {
			k ^= 1
		}
	}
	sum := sc.sums[k*stride : (k+1)*stride]
	if !hit {
		t := m.res.newToken(w, sc.buf[:0])
		t.lex = m.res.lexWord(t.lower)
		clear(sum)
		sc.feats = wordFeatures(&t, sc.feats[:0])
		sc.slot = m.tab.sumInto(sum[:width], 0, sc.feats, sc.slot)
		for r, d := range neighbours {
			sc.feats = wordAtFeatures(t.lower, t.shape, uint32(t.cl[1]), embedAt(t.emb, 1), d, sc.feats[:0])
			sc.slot = m.tab.sumInto(sum[(r+1)*width:(r+2)*width], 0, sc.feats, sc.slot)
		}
		sc.words[k], sc.used[k], sc.toks[k] = w, true, t
	}
	copy(dst, sum[:width])
	copy(roles, sum[width:])
	return sc.toks[k]
}

func addTo32(score, w []int32) {
	w = w[:len(score)]
	for l := range score {
		score[l] += w[l]
	}
}

// decode tags one sentence greedily with the weights of a stage (0 or 1),
// starting from the static features' weights pre; for stage 1, doc(i)
// fills sc.feats with token i's document features. It writes the labels
// to ids and returns it.
func (m *Model) decode(stage int, toks []token, pre []int32, doc func(i int), sc *scratch, score []int32, ids []int) []int {
	n, width := len(m.labels), m.tab.nl
	p1, p2 := -1, -1
	for i := range toks {
		copy(score, pre[i*width+stage*n:i*width+stage*n+n])
		sc.feats = sc.feats[:0]
		if doc != nil {
			doc(i)
		}
		sc.feats = tokenDynamicFeatures(toks, i, p1, sc.feats)
		sc.slot = m.tab.sumInto(score, stage*n, sc.feats, sc.slot)
		pw := sc.prev[((p1+1)*(n+1)+p2+1)*width+stage*n:][:len(score)]
		for l := range score {
			score[l] += pw[l]
		}
		ids[i] = best(m, score, p1)
		p2, p1 = p1, ids[i]
	}
	return ids
}
