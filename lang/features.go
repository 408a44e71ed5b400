package lang

import (
	"unicode"
	"unicode/utf8"
)

// The features are those of words padded with a space on each side: their
// character n-grams of 1 to 4 runes (all but the lone space) and, for
// words of 3 to maxWordRunes runes, the whole padded word. A kind says which.
const (
	kindWord   = 4 // kinds 0-3 are n-grams of 1-4 runes
	numKinds   = 5
	maxGramLen = 4
	// maxWordRunes is the longest word (unpadded) that is a feature of its
	// own; longer ones (and unspaced Chinese or Thai runs) give n-grams only.
	maxWordRunes = 16
)

// FNV-1a constants: n-grams are hashed backwards from their last rune
// (so the 1- to 4-grams ending at a rune come from one pass), words forwards
// from a different seed.
const (
	gramSeed  = 14695981039346656037
	wordSeed  = 0x9e3779b97f4a7c15
	hashPrime = 1099511628211
)

// mix folds rune r into hash h.
func mix(h uint64, r rune) uint64 { return (h ^ uint64(r)) * hashPrime }

// foldRune returns r lower-cased when it is a letter or mark (a word
// rune), and -1 when it separates words (space, digit, punctuation,
// symbol). The second result says whether r is a letter (marks are word
// runes but belong to no script count).
func foldRune(r rune) (rune, bool) {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z':
			return r, true
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', true
		}
		return -1, false
	}
	if unicode.IsLetter(r) {
		return unicode.ToLower(r), true
	}
	if unicode.IsMark(r) {
		return r, false
	}
	return -1, false
}

// gram is one feature occurrence: its hash, kind and weight in Detect
// (weightName for a word that starts with a capital, likely a name, which
// tells less of the text's language; weightWord for others).
type gram struct {
	h    uint64
	kind uint8
	w    uint8
}

// The weights of features in Detect.
const (
	weightName = 1
	weightWord = 2
)

// extractor turns a stream of runes into features. The zero value is
// ready, at the start of a text.
type extractor struct {
	last  [maxGramLen]rune // the last runes of the padded word, last[3] newest
	k     int              // runes of the padded word so far (0: between words)
	wh    uint64           // hash of the padded word so far
	wlen  int              // letters and marks in the word so far
	w     uint8            // weight of the word's features
	word  [maxWordRunes + 2]rune
	grams [maxGramLen + 1]gram
}

// push shifts r into the window of last runes.
func (x *extractor) push(r rune) {
	x.last[0], x.last[1], x.last[2], x.last[3] = x.last[1], x.last[2], x.last[3], r
	x.k++
}

// emitGrams fills x.grams with the n-grams ending at the newest rune, from
// minN runes up, and returns how many.
func (x *extractor) emitGrams(minN int) int {
	n, h := 0, uint64(gramSeed)
	top := min(x.k, maxGramLen)
	for size := 1; size <= top; size++ {
		h = mix(h, x.last[maxGramLen-size])
		if size >= minN {
			x.grams[n] = gram{h, uint8(size - 1), x.w}
			n++
		}
	}
	return n
}

// feed takes the next rune of the text (folded: a word rune, or -1 for a
// separator; upper when it was an upper-case letter) and returns how many
// features it completed, now in x.grams.
func (x *extractor) feed(r rune, upper bool) int {
	if r < 0 {
		if x.k == 0 {
			return 0
		}
		x.push(' ')
		x.wh = mix(x.wh, ' ')
		n := x.emitGrams(2)
		if x.wlen >= 3 && x.wlen <= maxWordRunes {
			x.grams[n] = gram{x.wh, kindWord, x.w}
			n++
		}
		x.k = 0 // x.wlen stays for gramText until the next word starts
		return n
	}
	if x.k == 0 {
		x.push(' ')
		x.wh = mix(wordSeed, ' ')
		x.wlen = 0
		x.w = weightWord
		if upper {
			x.w = weightName
		}
	}
	x.push(r)
	x.wh = mix(x.wh, r)
	if x.wlen < maxWordRunes {
		x.word[x.wlen] = r
	}
	x.wlen++
	return x.emitGrams(1)
}

// gramText returns the text of feature g, which the last call of feed
// returned (used in training, where features are kept by their text).
func (x *extractor) gramText(g gram) string {
	if g.kind == kindWord {
		return " " + string(x.word[:x.wlen]) + " "
	}
	return string(x.last[maxGramLen-1-int(g.kind):])
}

// featureHash returns the hash feed gives the feature whose text is s.
func featureHash(s string) (uint64, uint8) {
	n := utf8.RuneCountInString(s)
	if n > maxGramLen {
		h := uint64(wordSeed)
		for _, r := range s {
			h = mix(h, r)
		}
		return h, kindWord
	}
	rs := []rune(s)
	h := uint64(gramSeed)
	for i := len(rs) - 1; i >= 0; i-- {
		h = mix(h, rs[i])
	}
	return h, uint8(n - 1)
}
