package ner

import (
	"context"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
)

// Tagging. Scores are sums of 16-bit integer weights, so any grouping of
// the additions gives the same score, and the tagger sums ahead of time
// whatever it can, exactly:
//
//   - the word cache (per model, shared by all calls, wordCacheSize
//     words) holds each word's token and the summed weights of its
//     word-only features (with the gazetteer features of its one-word
//     matches), of its features as each neighbour (±1, ±2) of a token, and
//     of its previous-label features after no label and after O (the
//     previous label of most tokens), and after each other label once
//     needed;
//   - fixedSums (per model, made once) holds the summed weights of the
//     features whose values are few: the previous labels, the sentence
//     edges as neighbours, gazetteer bits, sentence length, stage 1's
//     labels and the document statistics;
//   - docIndex (per document) numbers the document's words in lower case
//     and sums each context aggregation occurrence's features once.
//
// What is left, mostly the features of two or three words, is looked up
// for a whole sentence at once (table.sumIntoAt), behind a presence
// filter, so that the memory accesses overlap; the word cache and the
// lexicon are likewise touched for the whole sentence first.
// TestTagsUnchanged pins the labels on real text and on mangled words;
// TestCachedTaggingExact checks them against the plain computation.

// sumRows is a table of summed weight rows, all of one width.
type sumRows struct {
	width int
	v     []int32
}

// row returns row i.
func (r sumRows) row(i int) []int32 { return r.v[i*r.width : (i+1)*r.width : (i+1)*r.width] }

// fixedSums holds, for each value of the features whose values are few,
// the summed weights (all stages) of its features.
type fixedSums struct {
	prev      sumRows // by (p1+1)*(n+1) + p2+1: the two previous labels (-1: none)
	edge      sumRows // by r*2 + k: the sentence edge k+1 words beyond the sentence, at offset neighbours[r]
	length    sumRows // by the sentence's length, counted up to 4
	gaz       sumRows // by gazetteer bit*4 + capFirstBits
	gazAt     sumRows // by gazetteer bit*2 + (d+1)/2 of the word at offset d (-1, 1)
	stage1    sumRows // by stage 1's label of the token*(n+1) + the next one's (n: none)
	docHas    sumRows // by entity type
	docMaj    sumRows // by entity type
	docMajCap sumRows // by entity type*4 + capFirstBits
	docLower  sumRows // by docLowerBits
	// outside is the label O (whose dynamic features the word cache
	// sums), or -1
	outside int
	// edgePrefix is the pairPrefix of the sentence's start
	edgePrefix pairPrefix
	// penalty[p*n+l] is 0 when label l may follow label p (row n: the
	// sentence start), else disallowed; noneAllowed[p]: no label may
	// (see bestAfter)
	penalty     []int64
	noneAllowed []bool
}

// gazBits is the number of bits of token.gaz.
const gazBits = 64

// prepareTagging makes what tagging needs, once: the fixed sums, the word
// cache and the channel of free scratches.
func (m *Model) prepareTagging() {
	m.tagOnce.Do(func() {
		m.free = make(chan *scratch, runtime.GOMAXPROCS(0))
		m.tab.buildPresence()
		m.fixed = m.newFixedSums()
		m.words = newWordCache()
	})
}

// newFixedSums sums the weights of the features whose values are few.
func (m *Model) newFixedSums() *fixedSums {
	n := len(m.labels)
	fx := &fixedSums{outside: slices.Index(m.labels, "O"), edgePrefix: tokenPairPrefix(nil, -1)}
	fx.penalty = make([]int64, len(m.allowed))
	fx.noneAllowed = make([]bool, n+1)
	for p := 0; p <= n; p++ {
		fx.noneAllowed[p] = true
		for l := 0; l < n; l++ {
			if m.allowed[p*n+l] {
				fx.noneAllowed[p] = false
			} else {
				fx.penalty[p*n+l] = disallowed
			}
		}
	}
	fx.prev = m.sumRowsOf((n+1)*(n+1), func(i int, out []uint64) []uint64 {
		return prevFeatures(i/(n+1)-1, i%(n+1)-1, out)
	})
	fx.edge = m.sumRowsOf(2*len(neighbours), func(i int, out []uint64) []uint64 {
		d, j := neighbours[i/2], i%2 // the edge's position in an empty sentence
		if d < 0 {
			j = -j - 1
		}
		return neighbourFeatures(nil, j-d, d, out)
	})
	fx.length = m.sumRowsOf(5, func(i int, out []uint64) []uint64 { return append(out, lenFeature(i)) })
	fx.gaz = m.sumRowsOf(gazBits*4, func(i int, out []uint64) []uint64 {
		return append(out, gazFeature(uint32(i/4), uint32(i%4)))
	})
	fx.gazAt = m.sumRowsOf(gazBits*2, func(i int, out []uint64) []uint64 {
		return append(out, gazAtFeature(uint32(i/2), 2*(i%2)-1))
	})
	if m.stages < 2 {
		return fx
	}
	fx.stage1 = m.sumRowsOf(n*(n+1), func(i int, out []uint64) []uint64 {
		next := uint32(i % (n + 1))
		if next == uint32(n) {
			next = noNextLabel
		}
		return append(out, stage1Feature(i/(n+1)), stage1NextFeature(i/(n+1), next))
	})
	fx.docHas = m.sumRowsOf(m.ntypes, func(i int, out []uint64) []uint64 { return append(out, docHasFeature(i)) })
	fx.docMaj = m.sumRowsOf(m.ntypes, func(i int, out []uint64) []uint64 { return append(out, docMajFeature(i)) })
	fx.docMajCap = m.sumRowsOf(m.ntypes*4, func(i int, out []uint64) []uint64 {
		return append(out, docMajCapFeature(i/4, uint32(i%4)))
	})
	fx.docLower = m.sumRowsOf(4, func(i int, out []uint64) []uint64 { return append(out, docLowerFeature(uint32(i))) })
	return fx
}

// sumRowsOf returns count rows of the table's width: row i sums the
// weights of the features that feats(i, out) appends to out.
func (m *Model) sumRowsOf(count int, feats func(i int, out []uint64) []uint64) sumRows {
	r := sumRows{width: m.tab.nl, v: make([]int32, count*m.tab.nl)}
	var buf []uint64
	for i := range count {
		buf = feats(i, buf[:0])
		for _, f := range buf {
			if w := m.tab.get(f); w != nil {
				addTo(r.row(i), w)
			}
		}
	}
	return r
}

// Word cache entries: entryVecs summed weight vectors of the table's
// width per word.
// The first copiedVecs are copied for each token of a sentence.
const (
	vecWord       = 0                 // the word features
	vecRoles      = 1                 // 1..nbVecs: as the neighbour at each offset of neighbours
	nbVecs        = len(neighbours)   //
	vecDynOutside = vecRoles + nbVecs // the dynamic features after the label O
	copiedVecs    = vecDynOutside + 1 //
	vecDynStart   = copiedVecs        // the dynamic features of a sentence's first word
	entryVecs     = vecDynStart + 1   //
)

// The word cache's size: wordCacheSize entries (a power of two) in sets
// of wordCacheWays, a word in one of two sets. An entry takes about 1 KB
// with the embedded model (its vectors, token and strings, and for most
// capitalized words the vectors after each label), so the cache holds at
// most about 18 MB however many goroutines tag. On a stream of news (the
// 840 PolNeAR training articles: 734,521 words, 31,534 distinct, so 4.3%
// new) it misses 6.6% of the words.
const (
	wordCacheSize = 1 << 14
	wordCacheWays = 4
)

// keepTokens is the size of the largest document whose buffers a scratch
// keeps for the next call.
const keepTokens = 1 << 13

// wordEntry is what the tagger knows of a word: its token (without
// gazetteer bits) and the summed weights of its features, entryVecs
// vectors of the table's width. An entry is never changed once made.
type wordEntry struct {
	word   string
	tok    token
	prefix pairPrefix
	sums   []int32
	// the summed weights of its dynamic features after each label, n
	// vectors, made when first needed (see afterLabel)
	afterLabels atomic.Pointer[[]int32]
}

// afterLabel returns the summed weights (all stages) of the dynamic
// features of e's word after label p1, making them for every label the
// first time. Two calls that make them at once make the same.
func (m *Model) afterLabel(sc *scratch, e *wordEntry, p1 int) []int32 {
	width := m.tab.nl
	v := e.afterLabels.Load()
	if v == nil {
		all := make([]int32, len(m.labels)*width)
		for l := range m.labels {
			sc.feats = wordDynamicFeatures(&e.tok, l, sc.feats[:0])
			sc.slot = m.tab.sumInto(all[l*width:(l+1)*width], 0, sc.feats, sc.slot)
		}
		e.afterLabels.Store(&all)
		v = &all
	}
	return (*v)[p1*width : (p1+1)*width]
}

// vec returns vector v of the entry.
func (e *wordEntry) vec(v, width int) []int32 { return e.sums[v*width : (v+1)*width : (v+1)*width] }

// wordCache is the model's cache of word entries, shared by all calls: a
// set-associative table of immutable entries, published with atomic
// stores, so that readers need no lock. tags[k] is the hash of entry k's
// word (with its low bit set, so never 0) or 0; a reader that sees a tag
// and an entry of different words (a race with a writer) takes it as a
// miss, which only costs the entry's computation.
type wordCache struct {
	seed    maphash.Seed
	tags    []atomic.Uint64
	entries []atomic.Pointer[wordEntry]
}

func newWordCache() wordCache {
	return wordCache{seed: maphash.MakeSeed(), tags: make([]atomic.Uint64, wordCacheSize),
		entries: make([]atomic.Pointer[wordEntry], wordCacheSize)}
}

// wordHash returns the hash of word w that the word cache files it by.
func (c *wordCache) wordHash(w string) uint64 { return maphash.String(c.seed, w) }

// sets returns the first entries of the two sets of wordCacheWays
// entries where the word whose wordHash is h may be (two choices leave
// few sets overfull).
func (c *wordCache) sets(h uint64) [2]int {
	const mask = wordCacheSize - 1
	return [2]int{int(h&mask) &^ (wordCacheWays - 1), int(h>>32&mask) &^ (wordCacheWays - 1)}
}

// touch loads the tags of the sets of the word whose wordHash is h, and
// the entry that holds it, if any, so that word finds them in the
// processor's cache; it returns a value of no use but to be kept (so that
// the compiler keeps the loads).
func (c *wordCache) touch(h uint64) uint64 {
	tag := h | 1
	for _, set := range c.sets(h) {
		for k := set; k < set+wordCacheWays; k++ {
			if c.tags[k].Load() == tag {
				if e := c.entries[k].Load(); e != nil {
					return uint64(len(e.word))
				}
			}
		}
	}
	return 0
}

// word returns the word cache entry of w, whose wordHash is h, making it
// on a miss.
func (m *Model) word(sc *scratch, w string, h uint64) *wordEntry {
	c := &m.words
	tag := h | 1
	sets := c.sets(h)
	free := -1
	for _, set := range sets {
		for k := set; k < set+wordCacheWays; k++ {
			switch c.tags[k].Load() {
			case tag:
				if e := c.entries[k].Load(); e != nil && e.word == w {
					return e
				}
			case 0:
				if free < 0 {
					free = k
				}
			}
		}
	}
	e := m.newWordEntry(sc, w)
	if free < 0 {
		// a victim picked by the hash and the scratch's count of misses
		sc.misses++
		k := int((h>>40 + sc.misses) % (2 * wordCacheWays))
		free = sets[k/wordCacheWays] + k%wordCacheWays
	}
	c.tags[free].Store(0)
	c.entries[free].Store(e)
	c.tags[free].Store(tag)
	return e
}

// inlineSums is the number of vector elements that a word cache entry
// holds in its own allocation (those of a model of up to 18 weight
// columns), so that reading an entry reads one block of memory.
const inlineSums = entryVecs * 18

// newEntry returns an empty word cache entry with size vector elements.
func newEntry(size int) *wordEntry {
	if size > inlineSums {
		return &wordEntry{sums: make([]int32, size)}
	}
	block := new(struct {
		e    wordEntry
		sums [inlineSums]int32
	})
	block.e.sums = block.sums[:size:size]
	return &block.e
}

// packStrings makes the strings of t share one allocation, so that
// reading them touches little memory and keeps none of the caller's text.
func packStrings(t *token) {
	lowerIsWord := t.lower == t.word
	var b strings.Builder
	b.Grow(len(t.word) + len(t.lower) + len(t.shape) + len(t.long))
	for k, part := range [...]string{t.word, t.lower, t.shape, t.long} {
		if k != 1 || !lowerIsWord {
			b.WriteString(part)
		}
	}
	all := b.String()
	take := func(n int) string {
		s := all[:n]
		all = all[n:]
		return s
	}
	t.word = take(len(t.word))
	if lowerIsWord {
		t.lower = t.word
	} else {
		t.lower = take(len(t.lower))
	}
	t.shape = take(len(t.shape))
	t.long = take(len(t.long))
}

// newWordEntry returns a new word cache entry for w.
func (m *Model) newWordEntry(sc *scratch, w string) *wordEntry {
	width := m.tab.nl
	t := m.res.newToken(w, sc.buf[:0])
	packStrings(&t)
	t.lex = m.res.lexWord(t.lowerHash)
	if m.res.lex.n > 0 && m.res.maxLen > 0 {
		t.wordGaz = wordGazBits(&t)
	}
	e := newEntry(entryVecs * width)
	e.word, e.tok, e.prefix = t.word, t, pairPrefixOf(t.lower, t.shape, uint32(t.cl[2]))
	sc.feats = wordFeatures(&t, sc.feats[:0])
	sc.slot = m.tab.sumInto(e.vec(vecWord, width), 0, sc.feats, sc.slot)
	for r, d := range neighbours {
		sc.feats = wordAtFeatures(t.lower, t.shape, uint32(t.cl[1]), embedAt(t.emb, 1), d, sc.feats[:0])
		sc.slot = m.tab.sumInto(e.vec(vecRoles+r, width), 0, sc.feats, sc.slot)
	}
	sc.feats = wordDynamicFeatures(&t, -1, sc.feats[:0])
	sc.slot = m.tab.sumInto(e.vec(vecDynStart, width), 0, sc.feats, sc.slot)
	if o := m.fixed.outside; o >= 0 {
		sc.feats = wordDynamicFeatures(&t, o, sc.feats[:0])
		sc.slot = m.tab.sumInto(e.vec(vecDynOutside, width), 0, sc.feats, sc.slot)
	}
	m.addWordGazetteer(e)
	return e
}

// addWordGazetteer adds to e's vectors the weights of the gazetteer
// features of the bits its word gives alone (token.wordGaz): its own as a
// token not first in its sentence, and those that it gives the words
// next to it.
func (m *Model) addWordGazetteer(e *wordEntry) {
	fx, width := m.fixed, m.tab.nl
	for g := e.tok.wordGaz; g != 0; g &= g - 1 {
		bit := trailingZeros(g)
		addTo32(e.vec(vecWord, width), fx.gaz.row(bit*4+int(capFirstBits(&e.tok, 1))))
		for r, d := range neighbours {
			if d == -1 || d == 1 {
				// token i gets gazAtFeature(bit, d) from the word at i+d
				addTo32(e.vec(vecRoles+r, width), fx.gazAt.row(bit*2+(d+1)/2))
			}
		}
	}
}

// scratch is one tagging call's working memory, reused from call to call.
type scratch struct {
	feats []uint64
	slot  []uint64
	// batched lookups (see table.sumIntoAt): the vector each feature of
	// feats adds to, row numbers, and the value that keeps early loads
	at     []int32
	rows   []int32
	sink   int16
	hashes []uint64 // the sentence's words' wordHash
	pairs  []uint64 // lexicon keys of two words (see touchGazetteer)
	// the sentence's words' pairPrefix
	prefixes []pairPrefix
	buf      [64]byte
	score    []int32
	misses   uint64 // word cache misses that evicted a word
	// the sentence being tagged: per token a copy of its word cache
	// entry's vectors, whose vecWord vector becomes the summed weights of
	// all its static features
	vecs []int32
	// the document: its tokens and stage 1 labels; for stage 2, per token
	// the stage 2 columns of the static features' and the dynamic
	// features' after O, per sentence those of the first token's dynamic
	// features
	toks                  []token
	ents                  []*wordEntry
	pred, ids             []int
	pre2, afterO2, start2 []int32
	doc                   docIndex
	sentIDs               [][]int
}

// getScratch returns a free scratch or a new one.
func (m *Model) getScratch() *scratch {
	m.prepareTagging()
	select {
	case sc := <-m.free:
		return sc
	default:
		return &scratch{score: make([]int32, len(m.labels))}
	}
}

// putScratch frees sc for another call, without the buffers of a long
// document.
func (m *Model) putScratch(sc *scratch) {
	clear(sc.ents) // not to keep entries that the cache drops
	if cap(sc.toks) > keepTokens || cap(sc.sentIDs) > keepTokens {
		// every buffer is at most a few times the document's size
		*sc = scratch{score: sc.score, misses: sc.misses}
	}
	select {
	case m.free <- sc:
	default:
	}
}

// grow returns b resliced to n elements, reallocated when too small.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// startDocument sizes sc's document buffers for sentences of total
// tokens.
func (sc *scratch) startDocument(m *Model, sentences, total int) {
	sc.toks = grow(sc.toks, total)
	sc.ents = grow(sc.ents, total)
	sc.pred = grow(sc.pred, total)
	sc.sentIDs = grow(sc.sentIDs, sentences)
	if m.stages >= 2 {
		n := len(m.labels)
		sc.ids = grow(sc.ids, total)
		sc.pre2 = grow(sc.pre2, total*n)
		sc.afterO2 = grow(sc.afterO2, total*n)
		sc.start2 = grow(sc.start2, sentences*n)
	}
}

// tagIDs tags the sentences of a document with label numbers. The result
// lies in sc's buffers: it is valid until sc tags again.
func (m *Model) tagIDs(ctx context.Context, sc *scratch, sents [][]string) ([][]int, error) {
	total := 0
	for _, words := range sents {
		total += len(words)
	}
	sc.startDocument(m, len(sents), total)
	if err := m.tagFirstStage(ctx, sc, sents); err != nil || m.stages < 2 {
		return sc.sentIDs, err
	}
	sc.doc.index(m, sc, sents)
	return sc.sentIDs, m.tagSecondStage(ctx, sc, sents)
}

// tagFirstStage tags the document's sentences with stage 1's weights,
// into sc.pred, keeping for stage 2 the stage 2 columns of their tokens'
// summed weights.
func (m *Model) tagFirstStage(ctx context.Context, sc *scratch, sents [][]string) error {
	n, width := len(m.labels), m.tab.nl
	stride := copiedVecs * width
	off := 0
	for s, words := range sents {
		if s%ctxEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		k := len(words)
		if k == 0 {
			sc.sentIDs[s] = sc.pred[off:off]
			continue
		}
		ts, ents := sc.toks[off:off+k:off+k], sc.ents[off:off+k:off+k]
		m.sentenceSums(sc, words, ts, ents)
		v := sc.vecs
		start := ents[0].vec(vecDynStart, width)
		sums := stageSums{pre: v[vecWord*width:], afterO: v[vecDynOutside*width:], start: start, stride: stride}
		sc.sentIDs[s] = m.decode(0, ts, ents, sums, nil, 0, sc, sc.pred[off:off+k])
		if m.stages >= 2 {
			for i := range ts {
				e := v[i*stride : (i+1)*stride]
				copy(sc.pre2[(off+i)*n:(off+i+1)*n], e[vecWord*width+n:])
				copy(sc.afterO2[(off+i)*n:(off+i+1)*n], e[vecDynOutside*width+n:])
			}
			copy(sc.start2[s*n:(s+1)*n], start[n:])
		}
		off += k
	}
	return nil
}

// tagSecondStage tags the document's sentences with stage 2's weights,
// into sc.ids, after tagFirstStage and sc.doc.index.
func (m *Model) tagSecondStage(ctx context.Context, sc *scratch, sents [][]string) error {
	n := len(m.labels)
	off := 0
	for s, words := range sents {
		if s%ctxEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		k := len(words)
		sums := stageSums{pre: sc.pre2[off*n : (off+k)*n], afterO: sc.afterO2[off*n : (off+k)*n],
			start: sc.start2[s*n : (s+1)*n], stride: n}
		sc.sentIDs[s] = m.decode(1, sc.toks[off:off+k], sc.ents[off:off+k], sums, &sc.doc, off, sc, sc.ids[off:off+k])
		off += k
	}
	return nil
}

// sentenceSums fills ts and ents with the tokens and word cache entries
// of words and sc.vecs with the entries' first copiedVecs vectors, then
// adds each token's context features' summed weights to its vecWord
// vector.
func (m *Model) sentenceSums(sc *scratch, words []string, ts []token, ents []*wordEntry) {
	width := m.tab.nl
	stride := copiedVecs * width
	sc.vecs = grow(sc.vecs, len(words)*stride)
	// in passes, so that the memory accesses of many words overlap
	sc.hashes = grow(sc.hashes, len(words))
	var sink uint64
	for i, w := range words {
		sc.hashes[i] = m.words.wordHash(w)
		sets := m.words.sets(sc.hashes[i])
		sink += m.words.tags[sets[0]].Load() + m.words.tags[sets[1]].Load()
	}
	for _, h := range sc.hashes {
		sink += m.words.touch(h)
	}
	sc.prefixes = grow(sc.prefixes, len(words))
	for i, w := range words {
		e := m.word(sc, w, sc.hashes[i])
		ts[i], ents[i], sc.prefixes[i] = e.tok, e, e.prefix
		copy(sc.vecs[i*stride:(i+1)*stride], e.sums[:stride])
	}
	sc.pairs = grow(sc.pairs, len(words))
	sink += m.res.touchGazetteer(ts, sc.pairs)
	sc.sink += int16(sink)
	m.res.markGazetteerWith(ts, sc.pairs)
	caps := allCaps(ts)
	sc.feats, sc.at = sc.feats[:0], sc.at[:0]
	for i := range ts {
		m.addContext(sc, ts, i, caps)
	}
	var touched int16
	sc.rows, touched = m.tab.sumIntoAt(sc.vecs, width, 0, sc.feats, sc.at, sc.rows)
	sc.sink += touched
}

// addContext adds to token i's vecWord vector in sc.vecs the summed
// weights of its context features: its neighbours' roles (from their
// vectors), the gazetteer and length features (from the fixed sums); it
// appends its pair features to sc.feats, and their vector to sc.at, to be
// looked up with the sentence's.
func (m *Model) addContext(sc *scratch, ts []token, i int, caps bool) {
	fx := m.fixed
	width := m.tab.nl
	stride := copiedVecs * width
	dst := sc.vecs[i*stride+vecWord*width : i*stride+(vecWord+1)*width]
	var roles [nbVecs][]int32
	for r, d := range neighbours {
		switch j := i + d; {
		case j < 0:
			roles[r] = fx.edge.row(r*2 - j - 1)
		case j >= len(ts):
			roles[r] = fx.edge.row(r*2 + j - len(ts))
		default:
			roles[r] = sc.vecs[j*stride+(vecRoles+r)*width:]
		}
	}
	addFour(dst, roles[0], roles[1], roles[2], roles[3])
	// the gazetteer bits of multi-word matches (those of the words alone
	// are in the word cache's vectors, as for a token not first)
	t := &ts[i]
	for g := t.gaz &^ t.wordGaz; g != 0; g &= g - 1 {
		addTo32(dst, fx.gaz.row(trailingZeros(g)*4+int(capFirstBits(t, i))))
	}
	if i == 0 {
		for g := t.wordGaz; g != 0; g &= g - 1 {
			bit := trailingZeros(g)
			addTo32(dst, fx.gaz.row(bit*4+int(capFirstBits(t, 0))))
			subFrom32(dst, fx.gaz.row(bit*4+int(capFirstBits(t, 1))))
		}
	}
	for _, d := range [...]int{-1, 1} {
		if j := i + d; j >= 0 && j < len(ts) {
			for g := ts[j].gaz &^ ts[j].wordGaz; g != 0; g &= g - 1 {
				addTo32(dst, fx.gazAt.row(trailingZeros(g)*2+(d+1)/2))
			}
		}
	}
	addTo32(dst, fx.length.row(min(len(ts), 4)))
	from := len(sc.feats)
	prev := fx.edgePrefix
	if i > 0 {
		prev = sc.prefixes[i-1]
	}
	if i+1 < len(ts) {
		next := &ts[i+1]
		sc.feats = pairLookupFeatures(prev, sc.prefixes[i], t, i == 0, next.lower, next.shape, uint32(next.cl[2]), sc.feats)
	} else {
		sc.feats = pairLookupFeatures(prev, sc.prefixes[i], t, i == 0, lowerAt(nil, 0), shapeAt(nil, 0), clusterAt(nil, 0, 2), sc.feats)
	}
	if caps {
		sc.feats = capsFeatures(t, sc.feats)
	}
	for range sc.feats[from:] {
		sc.at = append(sc.at, int32(i*stride+vecWord*width))
	}
}

// addFour adds a, b, c and d to score.
func addFour(score, a, b, c, d []int32) {
	a, b, c, d = a[:len(score)], b[:len(score)], c[:len(score)], d[:len(score)]
	for l := range score {
		score[l] += a[l] + b[l] + c[l] + d[l]
	}
}

// subFrom32 subtracts w from score.
func subFrom32(score, w []int32) {
	w = w[:len(score)]
	for l := range score {
		score[l] -= w[l]
	}
}

// addTo32 adds w to score.
func addTo32(score, w []int32) {
	w = w[:len(score)]
	for l := range score {
		score[l] += w[l]
	}
}

// stageSums are the summed weights that decoding a sentence in one stage
// starts from: token i's static features' in pre[i*stride:] and its
// dynamic features' after the label O in afterO[i*stride:] (the stage's
// columns first), the first token's dynamic features' with no previous
// label in start.
type stageSums struct {
	pre, afterO, start []int32
	stride             int
}

// decode tags one sentence greedily with the weights of a stage (0: stage
// 1, 1: stage 2); ents are its tokens' word cache entries; for stage 2,
// doc gives the document features of the sentence, whose first token is
// the document's token first. It writes the labels to ids and returns it.
func (m *Model) decode(stage int, toks []token, ents []*wordEntry, sums stageSums, doc *docIndex, first int, sc *scratch, ids []int) []int {
	n := len(m.labels)
	fx := m.fixed
	score := sc.score[:n]
	p1, p2 := -1, -1
	for i := range toks {
		at := i * sums.stride
		copy(score, sums.pre[at:at+n])
		if doc != nil {
			next := noNextLabel
			if i+1 < len(toks) {
				next = uint32(sc.pred[first+i+1])
			}
			doc.addFeatures(m, score, &toks[i], first+i, i, sc.pred[first+i], next)
		}
		switch p1 {
		case -1:
			addTo32(score, sums.start)
		case fx.outside:
			addTo32(score, sums.afterO[at:])
		default:
			addTo32(score, m.afterLabel(sc, ents[i], p1)[stage*n:])
		}
		addTo32(score, fx.prev.row((p1+1)*(n+1) + p2 + 1)[stage*n:])
		ids[i] = fx.bestAfter(score, p1)
		p2, p1 = p1, ids[i]
	}
	return ids
}

// disallowed is the penalty of a label that may not follow the previous
// one: it puts any such label's score below any allowed label's.
const disallowed = -1 << 40

// bestAfter returns best(m, score, prev), the highest-scoring label (the
// first of them) allowed after label prev, without branches on the scores.
func (fx *fixedSums) bestAfter(score []int32, prev int) int {
	n := len(score)
	row := n
	if prev >= 0 {
		row = prev
	}
	if fx.noneAllowed[row] {
		return 0
	}
	penalty := fx.penalty[row*n : (row+1)*n]
	b, bs := 0, int64(math.MinInt64)
	for l, s := range score {
		if v := int64(s) + penalty[l]; v > bs {
			b, bs = l, v
		}
	}
	return b
}

// docIndex numbers the lower-case words of a document and holds what
// stage 2's document features need of them.
type docIndex struct {
	slots  []int32 // open addressing by lower-case hash: word number + 1 (0: free)
	mask   uint64
	hashes []uint64 // per word
	lowers []string
	// per word: whether it occurs in lower case (not capitalized), the
	// counts of stage 1's types among its capitalized occurrences, how
	// many of these are listed (up to docCtxMax+1), the listed
	// occurrence vector of the last listed one, and the sum of the
	// listed ones' vectors
	inLower  []bool
	counts   []int32 // word w: counts[w*ntypes:]
	listed   []int32
	lastOcc  []int32
	ctxTotal []int32 // word w: ctxTotal[w*n:]
	// per listed occurrence, its word and the summed stage 2 weights of
	// its context aggregation features, occ[k*n:]
	occWord []int32
	occ     []int32
	// per token: its word when it is capitalized (else -1), its listed
	// occurrence (else -1)
	tokWord, tokOcc []int32
}

// index builds the document's index from sc's tokens and stage 1 labels.
func (d *docIndex) index(m *Model, sc *scratch, sents [][]string) {
	n, nt := len(m.labels), m.ntypes
	total := len(sc.toks)
	size := 16
	for size < 2*total {
		size <<= 1
	}
	d.slots = grow(d.slots, size)
	clear(d.slots)
	d.mask = uint64(size - 1)
	d.hashes, d.lowers, d.inLower, d.counts = d.hashes[:0], d.lowers[:0], d.inLower[:0], d.counts[:0]
	d.listed, d.lastOcc, d.ctxTotal, d.occWord = d.listed[:0], d.lastOcc[:0], d.ctxTotal[:0], d.occWord[:0]
	sc.feats, sc.at = sc.feats[:0], sc.at[:0]
	d.tokWord, d.tokOcc = grow(d.tokWord, total), grow(d.tokOcc, total)
	g := 0
	for _, words := range sents {
		ts := sc.toks[g : g+len(words)]
		for i := range ts {
			t := &ts[i]
			d.tokWord[g], d.tokOcc[g] = -1, -1
			if !hasUpper(t) {
				if strings.IndexByte(t.long, 'x') >= 0 {
					d.inLower[d.word(t, n, nt)] = true
				}
				g++
				continue
			}
			w := d.word(t, n, nt)
			d.tokWord[g] = w
			if d.listed[w] <= docCtxMax {
				k := int32(len(d.occWord))
				d.occWord = append(d.occWord, w)
				from := len(sc.feats)
				sc.feats = docCtxFeatures(ts, i, sc.feats)
				for range sc.feats[from:] {
					sc.at = append(sc.at, k*int32(n))
				}
				d.listed[w]++
				d.lastOcc[w] = k
				d.tokOcc[g] = k
			}
			d.counts[int(w)*nt+m.typeOf(sc.pred[g])]++
			g++
		}
	}
	// the occurrences' context features, looked up all at once
	d.occ = grow(d.occ, len(d.occWord)*n)
	clear(d.occ)
	var touched int16
	sc.rows, touched = m.tab.sumIntoAt(d.occ, n, n, sc.feats, sc.at, sc.rows)
	sc.sink += touched
	for k, w := range d.occWord {
		addTo32(d.ctxTotal[int(w)*n:int(w+1)*n], d.occ[k*n:(k+1)*n])
	}
}

// word returns the number of t's lower-case word, adding it if new.
func (d *docIndex) word(t *token, n, nt int) int32 {
	h := t.lowerHash
	for i := h & d.mask; ; i = (i + 1) & d.mask {
		s := d.slots[i]
		if s == 0 {
			w := int32(len(d.lowers))
			d.slots[i] = w + 1
			d.hashes = append(d.hashes, h)
			d.lowers = append(d.lowers, t.lower)
			d.inLower = append(d.inLower, false)
			d.counts = append(d.counts, make([]int32, nt)...)
			d.listed = append(d.listed, 0)
			d.lastOcc = append(d.lastOcc, -1)
			d.ctxTotal = append(d.ctxTotal, make([]int32, n)...)
			return w
		}
		if w := s - 1; d.hashes[w] == h && d.lowers[w] == t.lower {
			return w
		}
	}
}

// addFeatures adds to score the stage 2 weights of the document features
// of the document's token g, t, word i of its sentence, whose stage 1
// label is own and the next token's next (noNextLabel: none).
func (d *docIndex) addFeatures(m *Model, score []int32, t *token, g, i, own int, next uint32) {
	fx := m.fixed
	n := len(score)
	nextRow := n
	if next != noNextLabel {
		nextRow = int(next)
	}
	addTo32(score, fx.stage1.row(own*(n+1) + nextRow)[n:])
	w := d.tokWord[g]
	if w < 0 {
		return
	}
	// the context of the other listed occurrences, at most docCtxMax: all
	// but the token's own when it is listed, else the first docCtxMax
	total := d.ctxTotal[int(w)*n : int(w+1)*n]
	less := int32(-1)
	if k := d.tokOcc[g]; k >= 0 {
		less = k
	} else if d.listed[w] > docCtxMax {
		less = d.lastOcc[w]
	}
	addTo32(score, total)
	if less >= 0 {
		subFrom32(score, d.occ[int(less)*n:int(less+1)*n])
	}
	if d.inLower[w] {
		addTo32(score, fx.docLower.row(int(docLowerBits(t, i)))[n:])
	}
	nt := m.ntypes
	best, _ := majorityType(d.counts[int(w)*nt:int(w+1)*nt], m.typeOf(own), func(ty int) {
		addTo32(score, fx.docHas.row(ty)[n:])
	})
	if best >= 0 {
		addTo32(score, fx.docMaj.row(best)[n:])
		addTo32(score, fx.docMajCap.row(best*4 + int(capFirstBits(t, i)))[n:])
	}
}
