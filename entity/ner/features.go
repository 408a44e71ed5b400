package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FNV-1a, 64 bits: every feature is the hash of a template number and its
// strings, so features need no dictionary and no allocation.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hInit(template byte) uint64 { return (fnvOffset ^ uint64(template)) * fnvPrime }

func hStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// hSep separates two strings of a feature, so ("ab","c") != ("a","bc").
func hSep(h uint64) uint64 { return (h ^ 0xff) * fnvPrime }

func hInt(h uint64, v uint32) uint64 {
	for k := 0; k < 4; k++ {
		h ^= uint64(v & 0xff)
		h *= fnvPrime
		v >>= 8
	}
	return h
}

// hFinal keeps 0 free as the empty-slot marker of the weight table.
func hFinal(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// Feature templates.
const (
	fBias byte = iota + 1
	fWord
	fLower
	fShape
	fPrefix
	fSuffix
	fLowerAt // lower case word at offset -2..+2
	fShapeAt
	fShape3
	fBigramL
	fBigramR
	fFirstShape
	fFirstLower
	fCluster
	fClusterAt
	fGaz
	fDict
	fCapsLower
	fCapsShape
	fLongShape
	fPrev1
	fPrev12
	fPrev1Shape
	fPrev1Cluster
	fPrev1Lower
	fClusterBi
	fLen
	fHeadWord
	fGazAt
	fEmb
	fEmbAt
	fPrev1Emb
)

// token is what feature extraction needs to know about one word.
type token struct {
	word, lower, shape, long string
	cl                       [numLevels]uint16 // cluster at each level, +1 (0: none)
	emb                      uint32            // embedding-cluster path, +1 (0: none)
	gaz                      uint64            // gazetteer bits: class*4 + position
	cap                      bool              // starts with an upper-case letter
	// anyLower, anyUpper: the word has a lower-case, an upper-case letter
	anyLower, anyUpper bool
	lowerHash          uint64 // hStr(fnvOffset, lower)
	// wordGaz: the bits of gaz that the word alone gives (set by the
	// tagger's word cache only)
	wordGaz uint64
	// lex caches the lexicon value of the word alone: 0 when not looked
	// up, else lexKnown, lexFound if found, and the value in the low bits.
	lex uint64
}

const (
	lexKnown = 1 << 32
	lexFound = 1 << 33
)

// isASCIILower reports whether s has no upper-case ASCII letter and no
// byte >= 0x80.
func asciiLower(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func lowerWord(s string) string {
	if asciiLower(s) {
		return s
	}
	return strings.ToLower(s)
}

// shapes returns the word's long shape (each letter X or x, digit d, other
// characters kept) and its short shape (runs of one class collapsed).
func shapes(s string, buf []byte) (long, short string) {
	buf = buf[:0]
	n := 0
	for _, r := range s {
		var c byte
		switch {
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z', r >= utf8.RuneSelf && unicode.IsUpper(r):
			c = 'X'
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z', r >= utf8.RuneSelf && unicode.IsLetter(r):
			c = 'x'
		case '0' <= r && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if n < 12 {
			buf = append(buf, c)
		}
		n++
	}
	long = string(buf)
	sb := buf[len(buf):]
	for i := 0; i < len(buf); i++ {
		if len(sb) > 0 && sb[len(sb)-1] == buf[i] {
			continue
		}
		sb = append(sb, buf[i])
	}
	short = string(sb)
	return long, short
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// prepare fills toks for words using the model's lexicon and clusters.
func (r *resources) prepare(words []string, toks []token) []token {
	toks = toks[:0]
	var buf [64]byte
	for _, w := range words {
		toks = append(toks, r.newToken(w, buf[:0]))
	}
	r.markGazetteer(toks)
	return toks
}

// newToken returns word w's token, without gazetteer bits.
func (r *resources) newToken(w string, buf []byte) token {
	t := token{word: w, lower: lowerWord(w), cap: startsUpper(w)}
	t.long, t.shape = shapes(w, buf)
	t.anyLower, t.anyUpper = letterCases(w)
	t.lowerHash = hStr(fnvOffset, t.lower)
	t.cl = r.clusterOf(w, t.lower)
	t.emb = embedTable.pathOf(t.lowerHash)
	return t
}

// letterCases reports whether s has a lower-case and an upper-case
// letter.
func letterCases(s string) (lower, upper bool) {
	for _, r := range s {
		if unicode.IsLower(r) {
			lower = true
		}
		if unicode.IsUpper(r) {
			upper = true
		}
	}
	return lower, upper
}

// allCaps reports whether a sentence is a headline in capitals: no word has
// a lower-case letter and at least one has an upper-case letter.
func allCaps(toks []token) bool {
	upper := false
	for i := range toks {
		if toks[i].anyLower {
			return false
		}
		upper = upper || toks[i].anyUpper
	}
	return upper
}

var (
	bos = [2]string{"<s>", "<s2>"}
	eos = [2]string{"</s>", "</s2>"}
)

func lowerAt(toks []token, i int) string {
	switch {
	case i < 0:
		return bos[(-i-1)&1]
	case i >= len(toks):
		return eos[(i-len(toks))&1]
	}
	return toks[i].lower
}

func shapeAt(toks []token, i int) string {
	switch {
	case i < 0:
		return "<s>"
	case i >= len(toks):
		return "</s>"
	}
	return toks[i].shape
}

func embAt(toks []token, i, level int) uint32 {
	switch {
	case i < 0:
		return 0xfffff
	case i >= len(toks):
		return 0xffffe
	}
	return embedAt(toks[i].emb, level)
}

func clusterAt(toks []token, i, level int) uint32 {
	switch {
	case i < 0:
		return 0xfffff
	case i >= len(toks):
		return 0xffffe
	}
	return uint32(toks[i].cl[level])
}

// staticFeatures appends the hashes of token i's features that do not
// depend on predicted tags: its word features and its context features.
func staticFeatures(toks []token, i int, caps bool, out []uint64) []uint64 {
	out = wordFeatures(&toks[i], out)
	return contextFeatures(toks, i, caps, out)
}

// wordFeatures appends the hashes of the features that depend on the
// word alone (so that a tagger can cache their summed weights per word).
func wordFeatures(t *token, out []uint64) []uint64 {
	add := func(h uint64) { out = append(out, hFinal(h)) }
	add(hInit(fBias))
	add(hStr(hInit(fWord), t.word))
	add(hStr(hInit(fLower), t.lower))
	add(hStr(hInit(fShape), t.shape))
	add(hStr(hInit(fLongShape), t.long))
	l := t.lower
	for k := 1; k <= 4 && k < len(l); k++ {
		add(hStr(hInit(fPrefix), l[:k]))
		add(hStr(hInit(fSuffix), l[len(l)-k:]))
	}
	for lv := 0; lv < numLevels; lv++ {
		add(hInt(hInt(hInit(fCluster), uint32(lv)), uint32(t.cl[lv])))
		add(hInt(hInt(hInit(fEmb), uint32(lv)), embedAt(t.emb, lv)))
	}
	return out
}

// contextFeatures appends the hashes of token i's static features that
// depend on its sentence: neighbours, position, gazetteer matches.
func contextFeatures(toks []token, i int, caps bool, out []uint64) []uint64 {
	for _, d := range neighbours {
		out = neighbourFeatures(toks, i, d, out)
	}
	return pairFeatures(toks, i, caps, out)
}

// neighbours are the offsets of the words whose features a token's
// context features include one by one.
var neighbours = [4]int{-2, -1, 1, 2}

// neighbourFeatures appends the features that token i draws from the
// word at offset d alone (or from the sentence edge beyond it).
func neighbourFeatures(toks []token, i, d int, out []uint64) []uint64 {
	return wordAtFeatures(lowerAt(toks, i+d), shapeAt(toks, i+d), clusterAt(toks, i+d, 1), embAt(toks, i+d, 1), d, out)
}

// wordAtFeatures appends the features of a word with lower case lower,
// shape and level-1 cluster cl seen at offset d from the token.
func wordAtFeatures(lower, shape string, cl, emb uint32, d int, out []uint64) []uint64 {
	out = append(out, hFinal(hStr(hInt(hInit(fLowerAt), uint32(d+2)), lower)))
	switch d {
	case -1:
		out = append(out, hFinal(hStr(hInt(hInit(fShapeAt), 0), shape)))
	case 1:
		out = append(out, hFinal(hStr(hInt(hInit(fShapeAt), 1), shape)))
	}
	out = append(out, hFinal(hInt(hInt(hInit(fEmbAt), uint32(d+2)), emb)))
	return append(out, hFinal(hInt(hInt(hInit(fClusterAt), uint32(d+2)), cl)))
}

// pairFeatures appends token i's context features other than its
// neighbourFeatures.
func pairFeatures(toks []token, i int, caps bool, out []uint64) []uint64 {
	t := &toks[i]
	out = lookupPairFeatures(toks, i, out)
	for g := t.gaz; g != 0; g &= g - 1 {
		out = append(out, gazFeature(uint32(trailingZeros(g)), capFirstBits(t, i)))
	}
	for _, d := range [...]int{-1, 1} {
		if j := i + d; j >= 0 && j < len(toks) {
			for g := toks[j].gaz; g != 0; g &= g - 1 {
				out = append(out, gazAtFeature(uint32(trailingZeros(g)), d))
			}
		}
	}
	if caps {
		out = capsFeatures(t, out)
	}
	return append(out, lenFeature(len(toks)))
}

// lookupPairFeatures appends the pair features of token i whose values
// are many (word and shape n-grams, cluster bigrams, the first word's
// features), which a tagger looks up one by one, in pairFeatures' order.
func lookupPairFeatures(toks []token, i int, out []uint64) []uint64 {
	return pairLookupFeatures(tokenPairPrefix(toks, i-1), tokenPairPrefix(toks, i), &toks[i], i == 0,
		lowerAt(toks, i+1), shapeAt(toks, i+1), clusterAt(toks, i+1, 2), out)
}

// pairPrefix holds the hash states of the pair features that a word (its
// lower case, shape and finest cluster) starts, so that a tagger can hash
// each word once for them.
type pairPrefix struct{ shape3, bigramL, bigramR, clusterBi uint64 }

// pairPrefixOf returns the pairPrefix of a word.
func pairPrefixOf(lower, shape string, cl2 uint32) pairPrefix {
	return pairPrefix{
		shape3:    hSep(hStr(hInit(fShape3), shape)),
		bigramL:   hSep(hStr(hInit(fBigramL), lower)),
		bigramR:   hSep(hStr(hInit(fBigramR), lower)),
		clusterBi: hInt(hInit(fClusterBi), cl2),
	}
}

// tokenPairPrefix returns the pairPrefix of token i (or of the sentence
// edge beyond it).
func tokenPairPrefix(toks []token, i int) pairPrefix {
	return pairPrefixOf(lowerAt(toks, i), shapeAt(toks, i), clusterAt(toks, i, 2))
}

// pairLookupFeatures appends lookupPairFeatures of token t, from the
// pairPrefix of the word before it, prev, its own, cur, and the lower
// case, shape and finest cluster of the word after it; first: t starts
// the sentence.
func pairLookupFeatures(prev, cur pairPrefix, t *token, first bool, nextLower, nextShape string, nextCl2 uint32, out []uint64) []uint64 {
	out = append(out,
		hFinal(hStr(hSep(hStr(prev.shape3, t.shape)), nextShape)),
		hFinal(hStr(prev.bigramL, t.lower)),
		hFinal(hStr(cur.bigramR, nextLower)))
	if first {
		out = append(out, hFinal(hStr(hInit(fFirstShape), t.shape)), hFinal(hStr(hInit(fFirstLower), t.lower)))
	}
	return append(out,
		hFinal(hInt(prev.clusterBi, uint32(t.cl[2]))),
		hFinal(hInt(cur.clusterBi, nextCl2|1<<24)))
}

// capFirstBits returns the gazetteer features' position bits of token i:
// 1 when it starts with a capital letter, 2 when it starts the sentence.
func capFirstBits(t *token, i int) uint32 {
	c := uint32(0)
	if t.cap {
		c = 1
	}
	if i == 0 {
		c |= 2
	}
	return c
}

// gazFeature is the feature of a gazetteer bit of the token itself, with
// its capFirstBits.
func gazFeature(bit, capFirst uint32) uint64 { return hFinal(hInt(hInt(hInit(fGaz), bit), capFirst)) }

// gazAtFeature is the feature of a gazetteer bit of the word at offset d
// (-1 or 1).
func gazAtFeature(bit uint32, d int) uint64 {
	return hFinal(hInt(hInt(hInit(fGazAt), bit), uint32(d+1)))
}

// capsFeatures appends the features of a word of a headline in capitals.
func capsFeatures(t *token, out []uint64) []uint64 {
	return append(out, hFinal(hStr(hInit(fCapsLower), t.lower)), hFinal(hStr(hInit(fCapsShape), t.shape)))
}

// lenFeature is the feature of a sentence of n words (counted up to 4).
func lenFeature(n int) uint64 { return hFinal(hInt(hInit(fLen), uint32(min(n, 4)))) }

func trailingZeros(x uint64) int { return bits.TrailingZeros64(x) }

// dynamicFeatures appends the features of token i that depend on the two
// previously predicted labels (label numbers; -1 before the sentence).
func dynamicFeatures(toks []token, i int, p1, p2 int, out []uint64) []uint64 {
	out = prevFeatures(p1, p2, out)
	return wordDynamicFeatures(&toks[i], p1, out)
}

// prevFeatures appends the dynamic features of the previous labels alone.
func prevFeatures(p1, p2 int, out []uint64) []uint64 {
	a, b := uint32(p1+1), uint32(p2+1)
	return append(out,
		hFinal(hInt(hInit(fPrev1), a)),
		hFinal(hInt(hInt(hInit(fPrev12), a), b)))
}

// wordDynamicFeatures appends the dynamic features that combine the
// previous label p1 with the word of token t.
func wordDynamicFeatures(t *token, p1 int, out []uint64) []uint64 {
	a := uint32(p1 + 1)
	return append(out,
		hFinal(hStr(hInt(hInit(fPrev1Shape), a), t.shape)),
		hFinal(hInt(hInt(hInit(fPrev1Cluster), a), uint32(t.cl[1]))),
		hFinal(hStr(hInt(hInit(fPrev1Lower), a), t.lower)),
		hFinal(hInt(hInt(hInit(fPrev1Emb), a), embedAt(t.emb, 1))),
	)
}
