package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep/entity/ner"
	"sitrep/event/learn"
)

// word is what the feature templates read of one word, computed once per
// sentence: hashes of its lower-case form (digits as 0), its suffixes and
// its shape, and its embedding clusters.
type word struct {
	form, suf1, suf2, suf3, suf4, pre1, shape uint32
	cl1, cl2                                  uint32
}

// Hash seeds of the word facts, so that a suffix never equals a form.
const (
	seedForm byte = iota + 1
	seedSuffix1
	seedSuffix2
	seedSuffix3
	seedPrefix
	seedShape
	seedSuffix4
)

// none stands for a position outside the sentence or the stack.
var none = word{form: 1, suf1: 1, suf2: 1, suf3: 1, suf4: 1, pre1: 1, shape: 1}

// newWord computes the facts of one word.
func newWord(w string) word {
	low := normalForm(w)
	var x word
	x.form = learn.New(seedForm).Str(low).Sum()
	x.suf1 = learn.New(seedSuffix1).Str(suffix(low, 1)).Sum()
	x.suf2 = learn.New(seedSuffix2).Str(suffix(low, 2)).Sum()
	x.suf3 = learn.New(seedSuffix3).Str(suffix(low, 3)).Sum()
	x.pre1 = learn.New(seedPrefix).Str(prefix(w, 1)).Sum()
	x.suf4 = learn.New(seedSuffix4).Str(suffix(low, 4)).Sum()
	x.shape = learn.New(seedShape).Str(shapeOf(w)).Sum()
	x.cl1, x.cl2 = ner.Clusters(strings.ToLower(w))
	return x
}

// normalForm is w in lower case with every digit written 0.
func normalForm(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && c != '0' || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '0'
		}
		return unicode.ToLower(r)
	}, w)
}

// suffix returns the last n runes of s (all of a shorter s).
func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// prefix returns the first n runes of s.
func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// shapeOf sums up w's look: its classes of characters, runs collapsed
// ("Xx", "X.X.", "d,d", "x-x").
func shapeOf(w string) string {
	var b [16]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '?'
		}
		if c != last && n < len(b) {
			b[n] = c
			n++
		}
		last = c
	}
	return string(b[:n])
}

// mix hashes a feature template and up to three values into a feature.
func mix(t uint32, a, b, c uint32) uint32 {
	h := t*0x9E3779B1 ^ a
	h *= 0x85EBCA6B
	h ^= h >> 15
	h ^= b
	h *= 0xC2B2AE35
	h ^= h >> 13
	h ^= c
	h *= 0x27D4EB2F
	return h ^ h>>16
}
