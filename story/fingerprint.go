package story

import (
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
)

// ShingleSize is the number of words in a shingle.
const ShingleSize = 3

// shingles returns the FNV-64a hashes of the text's word shingles: runs of
// ShingleSize lower-cased words (letters and digits; apostrophes are dropped,
// everything else separates words), the words of a shingle joined by one
// space. A text of fewer words gives one shingle of them all.
func shingles(text string) []uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	buf := make([]byte, 0, len(text))
	var bounds []int // word i is buf[bounds[2i]:bounds[2i+1]]
	inWord := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				bounds = append(bounds, len(buf))
				inWord = true
			}
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				buf = append(buf, byte(r))
			} else {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
		case r == '\'' || r == '’':
			// "Taliban's" and "Talibans" alike; keeps contractions whole
		default:
			if inWord {
				bounds = append(bounds, len(buf))
				inWord = false
			}
		}
	}
	if inWord {
		bounds = append(bounds, len(buf))
	}
	words := len(bounds) / 2
	if words == 0 {
		return nil
	}
	k := ShingleSize
	if words < k {
		k = words
	}
	out := make([]uint64, 0, words-k+1)
	for i := 0; i+k <= words; i++ {
		h := uint64(offset)
		for j := i; j < i+k; j++ {
			if j > i {
				h = (h ^ ' ') * prime
			}
			for _, c := range buf[bounds[2*j]:bounds[2*j+1]] {
				h = (h ^ uint64(c)) * prime
			}
		}
		out = append(out, h)
	}
	return out
}

// Distance is the Hamming distance of two fingerprints: how many of their 64
// bits differ. Bands that differ differ in about 8 bits each.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Resemblance is the Jaccard similarity of two texts' shingle sets, in
// [0, 1]: the share of distinct shingles the two texts have in common. Two
// empty texts resemble each other fully.
func Resemblance(a, b string) float64 { return Shingles(a).Resemblance(Shingles(b)) }

// ShingleSet is the set of a text's shingle hashes, sorted, for comparing
// one text with several.
type ShingleSet []uint64

// Shingles returns the shingle set of a text.
func Shingles(text string) ShingleSet {
	sh := shingles(text)
	slices.Sort(sh)
	return ShingleSet(slices.Compact(sh))
}

// Resemblance is the Jaccard similarity of two shingle sets.
func (s ShingleSet) Resemblance(o ShingleSet) float64 {
	if len(s) == 0 && len(o) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(s) && j < len(o); {
		switch {
		case s[i] < o[j]:
			i++
		case s[i] > o[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return float64(common) / float64(len(s)+len(o)-common)
}

// Fingerprint sketches a text for near-duplicate lookup: four 16-bit
// MinHash values of its shingle set (each the top 16 bits of the least of
// the shingles' hashes under one of four seeded mixes), packed low band
// first. For two texts whose shingle sets have Jaccard similarity J, each band
// is equal with probability about J, so a wire copy with a new headline, a
// changed dateline or a sentence added or replaced (J 0.65-0.99) shares at
// least one band with the original almost always (1-(1-J)^4: 0.985 at
// J=0.65) and usually two or more, while unrelated articles share one only
// by chance (2^-16 a band). A store indexes Bands and confirms a candidate
// with Resemblance.
//
// Why not SimHash: on articles of a few hundred words a changed sentence
// moves a 64-bit SimHash by 5 to 13 bits, past what 16-bit bands find
// (story_test.go measures both).
func Fingerprint(text string) uint64 {
	sh := shingles(text)
	var fp uint64
	for band := 0; band < 4; band++ {
		seed := mixSeeds[band]
		best := ^uint64(0)
		for _, h := range sh {
			if v := mix(h ^ seed); v < best {
				best = v
			}
		}
		fp |= (best >> 48) << (16 * uint(band))
	}
	return fp
}

var mixSeeds = [4]uint64{0x9e3779b97f4a7c15, 0xc2b2ae3d27d4eb4f, 0x165667b19e3779f9, 0xd6e8feb86659fd93}

// mix is the splitmix64 finalizer: a bijection that scatters bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Bands splits a fingerprint into its four 16-bit bands, low bits first. A
// store keeps (band number, band value) per document and looks candidates
// up by any equal band.
func Bands(fp uint64) [4]uint16 {
	return [4]uint16{uint16(fp), uint16(fp >> 16), uint16(fp >> 32), uint16(fp >> 48)}
}

// SharedBands counts the bands two fingerprints have equal.
func SharedBands(a, b uint64) int {
	n := 0
	x, y := Bands(a), Bands(b)
	for i := range x {
		if x[i] == y[i] {
			n++
		}
	}
	return n
}

// MinResemblance is the Resemblance at and above which a store takes a
// candidate for a near-duplicate of an article: a copy of it with a new
// headline, dateline or a sentence or two changed.
const MinResemblance = 0.5

// NearDuplicate reports whether text b is a near-duplicate of text a:
// Resemblance(a, b) >= MinResemblance.
func NearDuplicate(a, b string) bool { return Resemblance(a, b) >= MinResemblance }
