package ner

import (
	"bytes"
	"fmt"
	"math"
	"sync"

	"sitrep/entity/ner/model"
)

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	labels []string
	// iob2[l] is label l as an IOB2 tag (a BILOU model's L- is I-, U- is B-)
	iob2 []string
	res  resources
	// tab holds, for each feature, the stage 1 weights (sentence features)
	// then, when stages is 2, the stage 2 weights (sentence and document
	// features): one lookup serves both stages.
	tab    table
	stages int
	types  []int // entity type number of each label (0 for O)
	ntypes int
	// allowed[p*n+l]: label l may follow label p (IOB2); row n is the
	// sentence start.
	allowed []bool
	// what tagging needs, made on the first call (see prepareTagging):
	// free scratches, the fixed sums and the word cache
	free    chan *scratch
	fixed   *fixedSums
	words   wordCache
	tagOnce sync.Once
}

// table is an open-addressing hash table from feature hash to nl weights
// (one per label and stage). A slot is one uint64: the key's top 40 bits
// (never 0) above the 24-bit number of the feature's weight row, so a probe
// touches only the small slot array (most lookups miss: the feature was
// never seen in training) and a hit one row of the weights. Keys that
// share their top 40 bits collide; among a few hundred thousand features
// that practically never happens.
type table struct {
	nl    int
	mask  uint64
	slots []uint64
	keys  []uint64 // full key of each row
	w     []int16  // row r is w[r*nl : (r+1)*nl]; weight = w * scale
	scale float32
	n     int
	// present is the presence filter (see buildPresence), made for
	// tagging; nil until then
	present []uint64
}

const (
	rowBits = 24
	maxRows = 1<<rowBits - 1
)

// newTable returns a table for n features of nl weights each, stored as
// 16-bit multiples of scale (weights beyond ±32767*scale are clipped).
func newTable(nl, n int, scale float32) table {
	size := 1
	for size < 2*n+2 { // load factor at most 1/2
		size <<= 1
	}
	if !(scale > 0) || math.IsInf(float64(scale), 0) {
		scale = 1
	}
	return table{nl: nl, mask: uint64(size - 1), slots: make([]uint64, size),
		keys: make([]uint64, 0, n), w: make([]int16, 0, n*nl), scale: scale}
}

// scaleFor returns the scale that stores weights up to maxAbs in 16 bits.
func scaleFor(maxAbs float64) float32 {
	if maxAbs <= 0 {
		return 1
	}
	return float32(maxAbs / 32767)
}

func (t *table) quantize(dst []int16, w []float32) {
	for l := range dst {
		q := math.Round(float64(w[l] / t.scale))
		dst[l] = int16(max(-32767, min(32767, q)))
	}
}

func slotTag(key uint64) uint64 {
	t := key >> rowBits
	if t == 0 {
		t = 1
	}
	return t << rowBits
}

// put sets the weights of key; it ignores keys beyond maxRows features.
func (t *table) put(key uint64, w []float32) {
	tag := slotTag(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			if t.n >= maxRows {
				return
			}
			t.slots[i] = tag | uint64(t.n)
			t.keys = append(t.keys, key)
			t.w = append(t.w, make([]int16, t.nl)...)
			t.quantize(t.w[t.n*t.nl:], w)
			t.n++
			return
		}
		if s&^maxRows == tag {
			r := int(s & maxRows)
			t.quantize(t.w[r*t.nl:(r+1)*t.nl], w)
			return
		}
	}
}

// putQ adds a feature with quantized weights q; it reports false when
// the key is there already or the table is full.
func (t *table) putQ(key uint64, q []int16) bool {
	tag := slotTag(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			if t.n >= maxRows {
				return false
			}
			t.slots[i] = tag | uint64(t.n)
			t.keys = append(t.keys, key)
			t.w = append(t.w, q[:t.nl]...)
			t.n++
			return true
		}
		if s&^maxRows == tag {
			return false
		}
	}
}

// get returns the quantized weights of feature key, or nil.
func (t *table) get(key uint64) []int16 {
	if len(t.slots) == 0 {
		return nil
	}
	tag := slotTag(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s&^maxRows == tag {
			r := int(s & maxRows)
			return t.w[r*t.nl : (r+1)*t.nl]
		}
		if s == 0 {
			return nil
		}
	}
}

// sumInto adds the quantized weights of every feature of keys that the
// table holds to score, starting at weight column col. It looks the keys
// up in two passes (first every key's home slot, then the rows) so that
// the processor can overlap the memory accesses; slot is scratch space.
func (t *table) sumInto(score []int32, col int, keys []uint64, slot []uint64) []uint64 {
	if len(t.slots) == 0 {
		return slot
	}
	slot = slot[:0]
	for _, k := range keys {
		slot = append(slot, t.slots[k&t.mask])
	}
	nl := t.nl
	w := t.w
	for j, k := range keys {
		tag := slotTag(k)
		s := slot[j]
		if s&^maxRows != tag {
			if s == 0 {
				continue
			}
			i := k & t.mask
			for {
				i = (i + 1) & t.mask
				s = t.slots[i]
				if s == 0 || s&^maxRows == tag {
					break
				}
			}
			if s == 0 {
				continue
			}
		}
		r := int(s&maxRows)*nl + col
		addTo(score, w[r:r+len(score)])
	}
	return slot
}

// sumIntoAt is sumInto for the features of many vectors at once: for
// every feature keys[j] that the table holds, it adds the cols weights
// from weight column col on to dst[at[j]:at[j]+cols]. It looks the keys up
// in three passes (the home slots of the keys that the presence filter
// lets through, then the rows, then the sums) so that the processor has
// many memory accesses under way at once; rows is scratch space. It
// returns rows and a value of no use but to be kept (so that the compiler
// keeps the early loads).
func (t *table) sumIntoAt(dst []int32, cols, col int, keys []uint64, at []int32, rows []int32) ([]int32, int16) {
	if len(t.slots) == 0 {
		return rows, 0
	}
	rows = rows[:0]
	var touched int16
	for _, k := range keys {
		if !t.mayHold(k) {
			rows = append(rows, -1)
			continue
		}
		rows = append(rows, 0)
		touched += int16(t.slots[k&t.mask]) // starts loading the slot
	}
	for j, k := range keys {
		if rows[j] < 0 {
			continue
		}
		rows[j] = int32(t.row(k))
		if r := rows[j]; r >= 0 {
			o := int(r)*t.nl + col
			touched += t.w[o] + t.w[o+cols-1] // starts loading the row (which may span two cache lines)
		}
	}
	for j, r := range rows {
		if r >= 0 {
			o := int(r)*t.nl + col
			addTo(dst[at[j]:int(at[j])+cols], t.w[o:o+cols])
		}
	}
	return rows, touched
}

// presenceBits is the size in bits of a table's presence filter (a
// quarter of a megabyte, to stay in the processor's second-level cache).
const presenceBits = 1 << 21

// presenceBit returns the bit of the presence filter of the keys whose
// slot tag is that of key: a function of the tag, so that the filter lets
// through every key that a probe could match.
func presenceBit(key uint64) uint64 { return (slotTag(key) >> rowBits) & (presenceBits - 1) }

// buildPresence makes the presence filter, one bit per tag that the
// table holds, so that most lookups of absent keys touch only it.
func (t *table) buildPresence() {
	present := make([]uint64, presenceBits/64)
	for _, s := range t.slots {
		if s != 0 {
			b := presenceBit(s)
			present[b/64] |= 1 << (b % 64)
		}
	}
	t.present = present
}

// mayHold reports whether the presence filter lets key through (always,
// without a filter).
func (t *table) mayHold(key uint64) bool {
	if t.present == nil {
		return true
	}
	b := presenceBit(key)
	return t.present[b/64]&(1<<(b%64)) != 0
}

// row returns the row number of feature key, or -1.
func (t *table) row(key uint64) int {
	tag := slotTag(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s&^maxRows == tag {
			return int(s & maxRows)
		}
		if s == 0 {
			return -1
		}
	}
}

// addTo adds quantized weights w to score (in units of the table's scale;
// a sum of 65536 features cannot overflow).
func addTo(score []int32, w []int16) {
	w = w[:len(score)]
	for l := range score {
		score[l] += int32(w[l])
	}
}

// each calls f for every feature in the table, with its quantized weights.
func (t *table) each(f func(key uint64, w []int16)) {
	for r, k := range t.keys {
		f(k, t.w[r*t.nl:(r+1)*t.nl])
	}
}

// Labels returns the model's tag set (IOB2).
func (m *Model) Labels() []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range m.iob2 {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

func (m *Model) init() {
	m.initTypes()
	n := len(m.labels)
	m.iob2 = make([]string, n)
	bilou := false
	for l, lab := range m.labels {
		m.iob2[l] = lab
		switch lab[0] {
		case 'L':
			m.iob2[l] = "I" + lab[1:]
			bilou = true
		case 'U':
			m.iob2[l] = "B" + lab[1:]
			bilou = true
		}
	}
	m.allowed = make([]bool, (n+1)*n)
	for p := 0; p <= n; p++ {
		prev := "O"
		if p < n {
			prev = m.labels[p]
		}
		// open: prev starts or continues an entity that must go on.
		open := bilou && (prev[0] == 'B' || prev[0] == 'I')
		for l, lab := range m.labels {
			var ok bool
			switch lab[0] {
			case 'I', 'L':
				ok = len(prev) > 2 && prev[2:] == lab[2:] && (!bilou || open)
			default:
				ok = !open
			}
			m.allowed[p*n+l] = ok
		}
	}
}

// Tag returns one IOB2 tag per word ("B-PER", "I-ORG", "O", ...) of one
// sentence, taken as a document of its own (TagDocument gives better
// results on whole articles). Words are tokens as CoNLL-2003 has them
// (Penn Treebank-like); a nil model tags everything O.
func (m *Model) Tag(words []string) []string {
	return m.TagDocument([][]string{words})[0]
}

// best returns the highest-scoring label allowed after label prev.
func best[T int32 | float32](m *Model, score []T, prev int) int {
	n := len(m.labels)
	row := n
	if prev >= 0 {
		row = prev
	}
	allowed := m.allowed[row*n : (row+1)*n]
	b, bs, first := 0, T(0), true
	for l, s := range score {
		if allowed[l] && (first || s > bs) {
			b, bs, first = l, s, false
		}
	}
	return b
}

var loadDefault = sync.OnceValues(func() (*Model, error) {
	m, err := Load(bytes.NewReader(model.NER))
	if err != nil {
		return nil, fmt.Errorf("ner: embedded model: %w", err)
	}
	return m, nil
})

// Default returns the embedded model trained on CoNLL-2003, loading it on
// the first call.
func Default() (*Model, error) { return loadDefault() }
