package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// numLevels is the number of cluster granularities (coarse to fine).
const numLevels = 3

// LexEntry is one gazetteer entry: a class ("country", "city", "person",
// "dict", ...) and a name of one or more space-separated tokens.
type LexEntry struct {
	Class, Text string
}

// resources are the model's word knowledge: clusters and gazetteers.
type resources struct {
	clusters    map[uint64][numLevels]uint16 // by hStr(fnvOffset, word): no strings for the GC to scan
	clusterSrc  map[string][numLevels]uint16 // the learned clusters (when trained), to write the model
	clustersRaw []byte                       // the file's clusters section (when loaded)
	classes     []string                     // gazetteer class names; class c uses bits 4c..4c+3 of token.gaz
	entries     []LexEntry                   // kept to write the model (when trained)
	lexRaw      []byte                       // the file's lexicon section (when loaded)
	lex         lexTable                     // hash of lower-case token sequence -> class bits | prefixBit
	maxLen      int                          // longest entry in tokens
}

const (
	prefixBit  = 1 << 31 // in a lexicon value: the key is a proper prefix of an entry
	maxClasses = 15      // one bit each in a lexicon value, 4 bits each in token.gaz
)

// position bits of a gazetteer match, per class.
const (
	gazB      = 0 // first token of a multi-token match
	gazI      = 1 // later token of a multi-token match
	gazSingle = 2 // a one-token match
	gazLong   = 3 // part of a match of 3 or more tokens
)

// lexTable is an open-addressing hash table from lexicon key to value,
// packed in one uint64 per slot: the key's high 32 bits (never 0), which
// also choose the slot, above the 32-bit value, so that a probe touches one word. Two keys that share their
// high 32 bits collide; with a few hundred thousand keys that is rare and
// only blurs one gazetteer feature.
type lexTable struct {
	slots []uint64
	mask  uint64
	n     int
}

func newLexTable(n int) lexTable {
	size := 16
	for size*3 < n*4 { // load factor at most 3/4
		size <<= 1
	}
	return lexTable{slots: make([]uint64, size), mask: uint64(size - 1)}
}

func lexKey(key uint64) uint64 {
	k := key >> 32
	if k == 0 {
		k = 1
	}
	return k << 32
}

// or sets v's bits in the value of key, adding it if new.
func (t *lexTable) or(key uint64, v uint32) {
	if 8*(t.n+1) > 7*len(t.slots) {
		old := *t
		*t = newLexTable(2 * (t.n + 1))
		for _, s := range old.slots {
			if s != 0 {
				t.put(s)
			}
		}
	}
	k := lexKey(key)
	for i := (k >> 32) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s&^0xffffffff == k {
			t.slots[i] = s | uint64(v)
			return
		}
		if s == 0 {
			t.slots[i] = k | uint64(v)
			t.n++
			return
		}
	}
}

// put re-inserts a slot while growing.
func (t *lexTable) put(s uint64) {
	for i := (s >> 32) & t.mask; ; i = (i + 1) & t.mask {
		if t.slots[i] == 0 {
			t.slots[i] = s
			t.n++
			return
		}
	}
}

func (t *lexTable) get(key uint64) (uint32, bool) {
	if t.n == 0 {
		return 0, false
	}
	k := lexKey(key)
	for i := (k >> 32) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s&^0xffffffff == k {
			return uint32(s), true
		}
		if s == 0 {
			return 0, false
		}
	}
}

// lexHash extends h with one token in lower case; it equals
// hSep(hStr(h, lowerWord(tok))) without allocating for ASCII tokens.
func lexHash[S string | []byte](h uint64, tok S) uint64 {
	for i := 0; i < len(tok); i++ {
		if tok[i] >= 0x80 {
			return hSep(hStr(h, strings.ToLower(string(tok))))
		}
	}
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return hSep(h)
}

// lexKeys calls f with the running hash after each space-separated token
// of s and reports the number of tokens.
func lexKeys[S string | []byte](s S, f func(h uint64, last bool)) int {
	h := uint64(fnvOffset)
	n := 0
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != ' ' {
			i++
		}
		tok := s[:i]
		for i < len(s) && s[i] == ' ' {
			i++
		}
		s = s[i:]
		if len(tok) == 0 {
			continue
		}
		h = lexHash(h, tok)
		n++
		f(h, len(s) == 0)
	}
	return n
}

func (r *resources) buildLexicon(entries []LexEntry) {
	r.entries = entries
	r.lex = newLexTable(len(entries) * 3 / 2)
	r.classes = r.classes[:0]
	idx := map[string]int{}
	for _, e := range entries {
		c, ok := idx[e.Class]
		if !ok {
			if len(r.classes) >= maxClasses {
				continue
			}
			c = len(r.classes)
			idx[e.Class] = c
			r.classes = append(r.classes, e.Class)
		}
		addEntry(r, c, e.Text)
	}
}

// addEntry adds text to the lexicon as a member of class number c.
func addEntry[S string | []byte](r *resources, c int, text S) {
	n := lexKeys(text, func(h uint64, last bool) {
		if last {
			r.lex.or(h, 1<<c)
		} else {
			r.lex.or(h, prefixBit)
		}
	})
	r.maxLen = max(r.maxLen, n)
}

// lexWord returns the lex field of a token whose lowerHash is
// lowerHash: the lexicon value of its lower case alone.
func (r *resources) lexWord(lowerHash uint64) uint64 {
	v, ok := r.lex.get(hSep(lowerHash))
	if !ok {
		return lexKnown
	}
	return lexKnown | lexFound | uint64(v)
}

// markGazetteer sets toks[i].gaz from every lexicon match over the sentence.
func (r *resources) markGazetteer(toks []token) { r.markGazetteerWith(toks, nil) }

// markGazetteerWith is markGazetteer with, when pairs is not nil, the
// lexicon key of words i and i+1 in pairs[i] for every word i whose lex
// field says that it starts a longer entry (see touchGazetteer).
func (r *resources) markGazetteerWith(toks []token, pairs []uint64) {
	if r.lex.n == 0 {
		return
	}
	for i := range toks {
		h := uint64(fnvOffset)
		for j := i; j < len(toks) && j-i < r.maxLen; j++ {
			var v uint32
			var ok bool
			switch {
			case j == i:
				h = hSep(toks[i].lowerHash)
			case j == i+1 && pairs != nil:
				h = pairs[i]
			default:
				h = hSep(hStr(h, toks[j].lower))
			}
			if j == i && toks[i].lex != 0 {
				v, ok = uint32(toks[i].lex), toks[i].lex&lexFound != 0
			} else {
				v, ok = r.lex.get(h)
			}
			if !ok {
				break
			}
			cls := v &^ prefixBit
			n := j - i + 1
			if n == 1 {
				toks[i].gaz |= singleGazBits(v)
				cls = 0
			}
			for c := 0; cls != 0; c++ {
				if cls&(1<<c) == 0 {
					continue
				}
				cls &^= 1 << c
				for k := i; k <= j; k++ {
					pos := gazI
					if k == i {
						pos = gazB
					}
					toks[k].gaz |= 1 << (4*c + pos)
					if n >= 3 {
						toks[k].gaz |= 1 << (4*c + gazLong)
					}
				}
			}
			if v&prefixBit == 0 {
				break
			}
		}
	}
}

// singleGazBits returns the gazetteer bits that a one-word match of
// lexicon value v gives its word.
func singleGazBits(v uint32) uint64 {
	var bits uint64
	cls := v &^ prefixBit
	for c := 0; cls != 0; c++ {
		if cls&(1<<c) != 0 {
			cls &^= 1 << c
			bits |= 1 << (4*c + gazSingle)
		}
	}
	return bits
}

// wordGazBits returns the gazetteer bits that markGazetteer gives token t
// for its word alone (from t.lex).
func wordGazBits(t *token) uint64 {
	if t.lex&lexFound == 0 {
		return 0
	}
	return singleGazBits(uint32(t.lex))
}

// touchGazetteer sets pairs[i] to the lexicon key of words i and i+1 of
// toks for every word i whose lex field says that it starts a longer
// entry, and loads the lexicon slots of these keys, all at once, so that
// markGazetteerWith(toks, pairs) finds them in the processor's cache; it
// returns a value of no use but to be kept (so that the compiler keeps
// the loads).
func (r *resources) touchGazetteer(toks []token, pairs []uint64) uint64 {
	if r.lex.n == 0 || r.maxLen < 2 {
		return 0
	}
	var sink uint64
	for i := 0; i+1 < len(toks); i++ {
		if lex := toks[i].lex; lex&lexFound != 0 && uint32(lex)&prefixBit != 0 {
			h := hSep(hStr(hSep(toks[i].lowerHash), toks[i+1].lower))
			pairs[i] = h
			sink += r.lex.slots[(lexKey(h)>>32)&r.lex.mask]
		}
	}
	return sink
}

// setClusters installs learned clusters.
func (r *resources) setClusters(c map[string][numLevels]uint16) {
	r.clusterSrc = c
	r.clusters = make(map[uint64][numLevels]uint16, len(c))
	for w, ids := range c {
		r.clusters[hStr(fnvOffset, w)] = ids
	}
}

// clusterOf returns the word's clusters, trying the word as written, then
// with only its first letter upper case, then in lower case, so that
// headline capitals ("JAPAN") find the clusters of "Japan".
func (r *resources) clusterOf(w, lower string) [numLevels]uint16 {
	if c, ok := r.clusters[hStr(fnvOffset, w)]; ok {
		return c
	}
	if lower != w {
		if h, ok := titleHash(lower); ok {
			if c, ok := r.clusters[h]; ok {
				return c
			}
		}
		if c, ok := r.clusters[hStr(fnvOffset, lower)]; ok {
			return c
		}
	}
	return [numLevels]uint16{}
}

// titleHash returns the hash of lower with its first letter in upper case,
// without allocating for ASCII words; ok is false when the first rune is
// not a lower-case letter.
func titleHash(lower string) (uint64, bool) {
	if lower == "" {
		return 0, false
	}
	if c := lower[0]; c < utf8.RuneSelf {
		if c < 'a' || c > 'z' {
			return 0, false
		}
		h := (uint64(fnvOffset) ^ uint64(c-'a'+'A')) * fnvPrime
		return hStr(h, lower[1:]), true
	}
	tc := titleCase(lower)
	if tc == lower {
		return 0, false
	}
	return hStr(fnvOffset, tc), true
}

func titleCase(lower string) string {
	r, n := utf8.DecodeRuneInString(lower)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return lower
	}
	return string(unicode.ToUpper(r)) + lower[n:]
}
