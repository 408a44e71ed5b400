package lang

import (
	"math"
	"unicode/utf8"
)

// Tuning of Detect. The numbers are letters (runes that are letters) and
// nats of log-likelihood between the best language and the next.
const (
	// maxLetters bounds the letters read from a long text.
	maxLetters = 6144
	// blockLetters is the size of the blocks whose winners tell mixed text
	// apart, and how often the early stop is checked.
	blockLetters = 256
	// stopLetters and stopMargin: after stopLetters letters, reading stops
	// once the best language leads by stopMargin nats.
	stopLetters = 512
	stopMargin  = 200
	// lowOrderLetters is how many letters 1- and 2-grams are read for.
	lowOrderLetters = 256
	// minLetters is the fewest letters a Reliable answer needs, and
	// reliableMargin the lead over the next language it needs.
	minLetters     = 20
	reliableMargin = 10
	// minScriptShare is the share of letters the text's main script needs
	// for a Reliable answer; less is a text of mixed scripts.
	minScriptShare = 0.75
	// confidenceNats scales the lead into Confidence: 1-exp(-lead/scale).
	confidenceNats = 5
	// Undetermined is the code of a text with no language the model knows.
	Undetermined = "und"
)

// Result is the language Detect found in a text.
type Result struct {
	// Code is the ISO 639-1 code ("en", "fr"), or "und" when the text has
	// no letters or none of a language the model knows.
	Code string
	// Confidence is between 0 and 1: the share of letters in the main
	// script times a value that grows with the lead over the next language.
	Confidence float64
	// Reliable is false for short texts (under 20 letters), texts whose
	// best language barely leads, texts mixing scripts or languages, and
	// texts of mostly capitalised words (names, tables of results); callers
	// then keep a declared language, or English.
	Reliable bool
}

// state is the running tally of one Detect call.
type state struct {
	scores  [maxLangs + 1]int32 // weights summed per language (+1: indexed by a byte)
	nk      [numKinds]int32     // features in the model, by kind
	scripts scriptCounts        // letters by script
	letters int
	lower   int // letters of words that do not start with a capital
	// the block being read, and the winners of the blocks read
	blockStart   [maxLangs + 1]int32
	blockNK      [numKinds]int32
	blockScripts scriptCounts
	blockWins    [maxLetters/blockLetters + 1]int16
	blocks       int
	otherMiddle  bool // the middle of the text is in another language
}

// Detect returns the language of text, read up to its first 6144 letters
// (and stopping sooner once one language leads by far), plus, in a longer
// text, a window of 256 letters from the middle of the rest, so that a text
// that changes language is not Reliable. Markup is not removed: pass text,
// not HTML.
func (d *Detector) Detect(text string) Result {
	var st state
	n := d.read(&st, text, maxLetters, true)
	if rest := text[n:]; len(rest) >= 4*blockLetters {
		d.readMiddle(&st, rest)
	}
	return d.result(&st)
}

// read tallies text until its end or until the tally holds limit letters
// (at the end of a word) and returns the bytes read. With blocks, it
// records the winner of each block and stops once the leader is far ahead.
func (d *Detector) read(st *state, text string, limit int, blocks bool) int {
	var x extractor
	nextCheck := st.letters + blockLetters
	i := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		f, letter := foldRune(r)
		if letter {
			s := scriptOf(f)
			st.scripts[s]++
			st.blockScripts[s]++
			st.letters++
		}
		d.score(st, &x, x.feed(f, letter && f != r))
		if letter && x.w == weightWord {
			st.lower++
		}
		// Blocks end between words, or anywhere in a text without spaces.
		if st.letters >= nextCheck && (f < 0 || st.letters >= nextCheck+64) {
			nextCheck += blockLetters
			if blocks && d.endBlock(st) || st.letters >= limit {
				break
			}
		}
	}
	d.score(st, &x, x.feed(-1, false))
	if blocks && st.letters-(nextCheck-blockLetters) >= blockLetters/2 {
		d.endBlock(st)
	}
	return i
}

// readMiddle tallies about blockLetters letters from the middle of rest,
// the text Detect did not read, and marks the tally mixed when they are
// clearly of another language than the text read so far.
func (d *Detector) readMiddle(st *state, rest string) {
	s, _ := st.scripts.primaryScript()
	lead, _, _, _ := d.best(s, &st.scores, &st.nk)
	mid := len(rest) / 2
	for mid < len(rest) && !utf8.RuneStart(rest[mid]) {
		mid++
	}
	before, beforeNK := st.scores, st.nk
	st.blockScripts = scriptCounts{}
	d.read(st, rest[mid:], st.letters+blockLetters, false)
	var delta [maxLangs + 1]int32
	var dnk [numKinds]int32
	for li := range d.langs {
		delta[li] = st.scores[li] - before[li]
	}
	for k := range dnk {
		dnk[k] = st.nk[k] - beforeNK[k]
	}
	s, _ = st.blockScripts.primaryScript()
	b, _, t, _ := d.best(s, &delta, &dnk)
	if lead < 0 || b < 0 || d.langs[b].code == d.langs[lead].code {
		return
	}
	// another script, or another language leading by twice the margin a
	// Reliable answer needs
	if d.langs[lead].scripts&(1<<s) == 0 || t-d.total(lead, &delta, &dnk) >= 2*reliableMargin*scoreScale*weightWord {
		st.otherMiddle = true
	}
}

// score adds the n features x.grams holds to the tally. After the first
// lowOrderLetters letters, 1- and 2-grams (the shipped model has no
// 1-grams) are left out: they are the features most languages share (each
// costs an add per language), and beyond a short text the longer features
// decide alone.
func (d *Detector) score(st *state, x *extractor, n int) {
	grams := x.grams[:n]
	if st.letters > lowOrderLetters {
		for len(grams) > 0 && grams[0].kind < 2 { // grams are in order of kind
			grams = grams[1:]
		}
	}
	for _, g := range grams {
		ps := d.postings(g.h)
		if ps == nil {
			continue
		}
		w := int32(g.w)
		st.nk[g.kind] += w
		for _, p := range ps {
			st.scores[uint8(p>>8)] += w * int32(uint8(p)) // no bounds check: 256 scores
		}
	}
}

// total returns language li's log-likelihood, in score units, from the
// summed weights and the feature counts.
func (d *Detector) total(li int, scores *[maxLangs + 1]int32, nk *[numKinds]int32) int32 {
	t := scores[li]
	for k, n := range nk {
		t += n * d.langs[li].floor[k]
	}
	return t
}

// best returns the best language class written in script s and the best
// class of another language (-1 when there is none), and their totals.
func (d *Detector) best(s script, scores *[maxLangs + 1]int32, nk *[numKinds]int32) (b1, b2 int, t1, t2 int32) {
	b1, b2 = -1, -1
	t1, t2 = math.MinInt32, math.MinInt32
	var totals [maxLangs + 1]int32
	for li := range d.langs {
		if d.langs[li].scripts&(1<<s) == 0 {
			continue
		}
		totals[li] = d.total(li, scores, nk)
		if totals[li] > t1 {
			b1, t1 = li, totals[li]
		}
	}
	if b1 < 0 {
		return b1, b2, t1, t2
	}
	for li := range d.langs {
		if d.langs[li].scripts&(1<<s) != 0 && d.langs[li].code != d.langs[b1].code && totals[li] > t2 {
			b2, t2 = li, totals[li]
		}
	}
	return b1, b2, t1, t2
}

// endBlock records the winner of the block just read and starts the next;
// it reports whether the leader is so far ahead that reading can stop.
func (d *Detector) endBlock(st *state) bool {
	var delta [maxLangs + 1]int32
	var dnk [numKinds]int32
	for li := range d.langs {
		delta[li] = st.scores[li] - st.blockStart[li]
	}
	for k := range dnk {
		dnk[k] = st.nk[k] - st.blockNK[k]
	}
	s, _ := st.blockScripts.primaryScript()
	b, _, _, _ := d.best(s, &delta, &dnk)
	if st.blocks < len(st.blockWins) {
		st.blockWins[st.blocks] = int16(b)
		st.blocks++
	}
	st.blockStart, st.blockNK, st.blockScripts = st.scores, st.nk, scriptCounts{}
	if st.letters < stopLetters {
		return false
	}
	s, _ = st.scripts.primaryScript()
	b1, b2, t1, t2 := d.best(s, &st.scores, &st.nk)
	return b1 >= 0 && (b2 < 0 || t1-t2 >= stopMargin*scoreScale*weightWord)
}

// result turns the tally into a Result.
func (d *Detector) result(st *state) Result {
	s, share := st.scripts.primaryScript()
	b1, b2, t1, t2 := d.best(s, &st.scores, &st.nk)
	if st.letters == 0 || b1 < 0 {
		return Result{Code: Undetermined}
	}
	lead := math.Inf(1)
	if b2 >= 0 {
		lead = float64(t1-t2) / (scoreScale * weightWord)
	}
	conf := share * (1 - math.Exp(-lead/confidenceNats))
	wins := 0
	for _, w := range st.blockWins[:st.blocks] {
		if w >= 0 && d.langs[w].code == d.langs[b1].code {
			wins++
		}
	}
	mixed := st.blocks >= 2 && 3*wins < 2*st.blocks || st.otherMiddle
	names := 3*st.lower < st.letters // mostly capitalised words: names, a table
	reliable := st.letters >= minLetters && lead >= reliableMargin && share >= minScriptShare && !mixed && !names
	return Result{Code: d.langs[b1].code, Confidence: conf, Reliable: reliable}
}
