package lang

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"unicode/utf8"
)

// Sample is training text in one language.
type Sample struct {
	Code string // ISO 639-1 code
	Text string
}

// TrainOptions sets how many features Train keeps. The zero value means
// the defaults of DefaultTrainOptions.
type TrainOptions struct {
	// TopK is the number of features kept per language, by kind: 1-, 2-,
	// 3- and 4-grams, then whole words.
	TopK [numKinds]int
	// MinCount is the fewest occurrences a kept feature needs.
	MinCount int
	// Floor is the count, as a share of the rarest kept feature's, given
	// to a feature a language does not keep.
	Floor float64
}

// DefaultTrainOptions returns the options the shipped model is trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{TopK: [numKinds]int{0, 400, 600, 600, 400}, MinCount: 2, Floor: 0.1}
}

// langCounts is the feature tally of one language.
type langCounts struct {
	code    string
	counts  map[uint64]int32
	total   [numKinds]int64
	scripts scriptCounts
	primary uint32 // bit s: some sample's main script is s
}

// Train builds a naive Bayes model of character n-grams (1 to 4 runes; the
// default options keep none of 1 rune) and words from the samples and returns its file (the format Load reads). A language
// whose samples are in several scripts (Serbian in Cyrillic and Latin) gets
// a class per script. Training is deterministic: the same samples and
// options give the same bytes, whatever their order within a class.
// Classes alone in their script (Greek, Thai...) get no features: the
// script decides them.
func Train(samples []Sample, opt TrainOptions) ([]byte, error) {
	if opt.MinCount == 0 && opt.TopK == ([numKinds]int{}) {
		opt = DefaultTrainOptions()
	}
	texts := map[uint64]string{}
	byCode := map[string]*langCounts{} // by code and main script: sr in Cyrillic, sr in Latin
	for _, s := range samples {
		key := s.Code + "\x00" + mainScript(s.Text).String()
		lc := byCode[key]
		if lc == nil {
			if s.Code == "" || len(s.Code) > 8 {
				return nil, fmt.Errorf("lang: train: bad language code %q", s.Code)
			}
			lc = &langCounts{code: s.Code, counts: map[uint64]int32{}}
			byCode[key] = lc
		}
		lc.add(s.Text, texts)
	}
	if len(byCode) > maxLangs {
		return nil, fmt.Errorf("lang: train: %d languages, at most %d", len(byCode), maxLangs)
	}
	langs := make([]*langCounts, 0, len(byCode))
	for _, lc := range byCode {
		langs = append(langs, lc)
	}
	slices.SortFunc(langs, func(a, b *langCounts) int {
		return cmp.Or(cmp.Compare(a.code, b.code), cmp.Compare(a.primary, b.primary))
	})
	masks := make([]uint32, len(langs))
	for i, lc := range langs {
		masks[i] = lc.scriptMask()
	}
	postings := map[string][]uint16{}
	floors := make([][numKinds]int32, len(langs))
	for i, lc := range langs {
		if !sharesScript(i, masks) {
			continue
		}
		floors[i] = lc.keep(opt, texts, func(text string, w uint8) {
			postings[text] = append(postings[text], uint16(i)<<8|uint16(w))
		})
	}
	return encodeModel(langs, masks, floors, postings), nil
}

// add counts the features and letters of text.
func (lc *langCounts) add(text string, texts map[uint64]string) {
	var x extractor
	var sc scriptCounts
	count := func(n int) {
		for _, g := range x.grams[:n] {
			if _, ok := texts[g.h]; !ok {
				texts[g.h] = x.gramText(g)
			}
			lc.counts[g.h]++
			lc.total[g.kind]++
		}
	}
	for _, r := range text {
		f, letter := foldRune(r)
		if letter {
			sc[scriptOf(f)]++
		}
		count(x.feed(f, letter && f != r))
	}
	count(x.feed(-1, false))
	for s, n := range sc {
		lc.scripts[s] += n
	}
	if s, share := sc.primaryScript(); share > 0 {
		lc.primary |= 1 << s
	}
}

// scriptMask returns the scripts the language is written in: the main
// script of any of its samples, and any script of a fifth of its letters.
func (lc *langCounts) scriptMask() uint32 {
	m, total := lc.primary, 0 // every sample of a class has the same main script
	counts := lc.scripts.merged()
	for _, n := range counts {
		total += n
	}
	for s, n := range counts {
		if s != int(scriptOther) && n*5 >= total && total > 0 {
			m |= 1 << s
		}
	}
	return m &^ (1 << scriptOther)
}

// sharesScript reports whether language i shares a script with another.
func sharesScript(i int, masks []uint32) bool {
	for j, m := range masks {
		if j != i && m&masks[i] != 0 {
			return true
		}
	}
	return false
}

// keep calls emit with the text and weight of each feature the language
// keeps (its TopK most frequent of each kind seen MinCount times) and
// returns its floors: the log-probability, in score units, given to a
// feature of each kind it does not keep (opt.Floor of the rarest kept count).
func (lc *langCounts) keep(opt TrainOptions, texts map[uint64]string, emit func(string, uint8)) [numKinds]int32 {
	type fc struct {
		text  string
		count int32
	}
	var byKind [numKinds][]fc
	for h, c := range lc.counts {
		if int(c) >= opt.MinCount {
			_, k := featureHash(texts[h])
			byKind[k] = append(byKind[k], fc{texts[h], c})
		}
	}
	var floors [numKinds]int32
	for k, list := range byKind {
		slices.SortFunc(list, func(a, b fc) int {
			if a.count != b.count {
				return cmp.Compare(b.count, a.count)
			}
			return cmp.Compare(a.text, b.text)
		})
		list = list[:min(len(list), opt.TopK[k])]
		n := float64(max(lc.total[k], 1))
		rarest := float64(max(opt.MinCount, 1))
		if len(list) > 0 {
			rarest = float64(list[len(list)-1].count)
		}
		floor := math.Log(opt.Floor * rarest / n)
		floors[k] = int32(math.Round(floor * scoreScale))
		for _, f := range list {
			w := math.Round((math.Log(float64(f.count)/n) - floor) * scoreScale)
			emit(f.text, uint8(min(max(w, 1), 255)))
		}
	}
	return floors
}

// encodeModel writes the model file (see the format above Load).
func encodeModel(langs []*langCounts, masks []uint32, floors [][numKinds]int32, postings map[string][]uint16) []byte {
	var b bytes.Buffer
	b.WriteString(modelMagic)
	b.Write(binary.AppendUvarint(nil, modelVersion))
	b.Write(binary.AppendUvarint(nil, uint64(len(langs))))
	for i, lc := range langs {
		b.Write(binary.AppendUvarint(nil, uint64(len(lc.code))))
		b.WriteString(lc.code)
		b.Write(binary.AppendUvarint(nil, uint64(masks[i])))
		for _, f := range floors[i] {
			b.Write(binary.AppendVarint(nil, int64(f)))
		}
	}
	texts := make([]string, 0, len(postings))
	for t := range postings {
		if utf8.ValidString(t) {
			texts = append(texts, t)
		}
	}
	slices.Sort(texts)
	b.Write(binary.AppendUvarint(nil, uint64(len(texts))))
	prev := ""
	for _, t := range texts {
		shared := 0
		for shared < len(t) && shared < len(prev) && t[shared] == prev[shared] {
			shared++
		}
		prev = t
		b.Write(binary.AppendUvarint(nil, uint64(shared)))
		b.Write(binary.AppendUvarint(nil, uint64(len(t)-shared)))
		b.WriteString(t[shared:])
		ps := postings[t]
		slices.Sort(ps)
		b.Write(binary.AppendUvarint(nil, uint64(len(ps))))
		for _, p := range ps {
			b.WriteByte(byte(p >> 8))
			b.WriteByte(byte(p))
		}
	}
	return b.Bytes()
}
