package learned

import (
	"strings"

	"sitrep/lexicon"
	"sitrep/quote/learn"
	"sitrep/quote/reporting"
	"sitrep/text"
)

// verbForm is what one inflected form of a reporting verb tells.
type verbForm = reporting.VerbForm

// verbs maps every lower-case form of every reporting verb to what it tells.
var verbs = reporting.Verbs

// Closed word lists of lexicon/data/words (quote.txt, shared.txt), read
// into word classes (wordClasses) for the features.
var (
	// auxSkip are words that may stand between a speaker and its verb:
	// auxiliaries and common adverbs ("had also said", "has repeatedly denied").
	auxSkip = lexicon.Words("quote.aux-skip")
	// timeWords head a time phrase ("Al-Kazemi on Sunday said").
	timeWords = lexicon.Words("quote.time-words", "shared.weekdays", "shared.month-abbrevs", "shared.month-abbrev-words")
	// prepositions open a phrase that is not a speaker.
	prepositions = lexicon.Words("shared.prepositions", "quote.prepositions")
	// subordinators open a clause ("When she arrived, ...").
	subordinators = lexicon.Words("quote.subordinators")
	// whWords open an embedded question: "explained how he would ...".
	whWords = lexicon.Words("quote.wh-words")
	// npPreps may join a noun to its modifier inside a speaker's noun phrase
	// ("a spokesman for the ministry", "the official in charge of ...").
	npPreps = lexicon.Words("quote.np-prepositions")
	// determiners open a noun phrase.
	determiners = lexicon.Words("shared.determiners", "quote.determiners", "quote.cardinals")
	// cardinals are the number words among the determiners.
	cardinals = lexicon.Words("quote.cardinals")
	// npStop are words that cannot be inside a speaker's noun phrase.
	npStop = lexicon.Words("quote.np-stop")
	// pronouns that can name a speaker.
	pronouns = lexicon.Words("quote.pronouns")
	// relatives introduce a relative clause whose subject is the noun before it.
	relatives = lexicon.Words("shared.relative-pronouns")
	// beForms are the forms of "be".
	beForms = lexicon.Words("shared.be-forms")
	// finite are words that show a clause has a finite verb.
	finite = lexicon.Words("quote.finite")
	// adjectiveBefore are words after which a participle describes the
	// noun that follows it ("the second reported violation").
	adjectiveBefore = lexicon.Words("quote.adjective-before")
)

// Classes of closed-class words, as bits: what the features and the
// speaker phrase read of a word, found with one look-up.
const (
	wPronoun  uint16 = 1 << iota // quote.pronouns
	wAux                         // quote.aux-skip
	wTime                        // time words
	wStop                        // quote.np-stop
	wPrep                        // prepositions
	wDet                         // determiners
	wBe                          // forms of "be"
	wRelative                    // relative pronouns
	wNPPrep                      // prepositions inside a noun phrase
	wWh                          // wh-words
	wCardinal                    // number words
	wNotHead                     // adverbs that cannot head a noun phrase
	wFinite                      // words that show a clause has a finite verb
)

// wordClasses maps a lower-case word to its classes.
var wordClasses = func() map[string]uint16 {
	m := map[string]uint16{}
	for _, c := range []struct {
		set map[string]bool
		bit uint16
	}{
		{pronouns, wPronoun}, {auxSkip, wAux}, {timeWords, wTime}, {npStop, wStop}, {prepositions, wPrep},
		{determiners, wDet}, {beForms, wBe}, {relatives, wRelative}, {npPreps, wNPPrep}, {whWords, wWh},
		{cardinals, wCardinal}, {notHeads, wNotHead}, {finite, wFinite},
	} {
		for w := range c.set {
			m[w] |= c.bit
		}
	}
	return m
}()

// notHeads are adverbs that cannot head a source's noun phrase.
var notHeads = lexicon.Set("even only together meanwhile however too instead yet thus so")

// wordInfo is what the stage knows of a lower-case word: the word itself
// (so that reading it allocates nothing), its classes and whether it may
// be a cue.
type wordInfo struct {
	key string
	cls uint16
	cue bool
}

// vocabulary maps the words the stage knows (closed classes and cue
// words) to what it knows of them.
type vocabulary map[string]wordInfo

// newVocabulary builds the vocabulary of the word classes and cues.
func newVocabulary(cues map[string]bool) vocabulary {
	v := vocabulary{}
	for w, c := range wordClasses {
		v[w] = wordInfo{key: w, cls: c}
	}
	for w := range cues {
		i := v[w]
		i.key, i.cue = w, true
		v[w] = i
	}
	return v
}

// read fills the lower-case forms, hashes, classes and cue flags of s's
// tokens and reports whether one may be a cue. A word is lower-cased in a
// buffer and looked up without allocating; an acronym in capitals ("WHO",
// "US") outside a headline in capitals stays as written.
func (v vocabulary) read(s *sentence) bool {
	headline := text.AllCapsSentence(s.toks)
	var buf [32]byte
	any := false
	for k, t := range s.toks {
		w := t.Text
		b, ascii := lowerASCII(buf[:0], w)
		switch {
		case len(w) >= 2 && w[0] >= 'A' && w[0] <= 'Z' && !headline && allCaps(w):
			b = append(buf[:0], w...)
		case !ascii:
			w = strings.ToLower(w)
			b = append(buf[:0], w...)
		}
		info, ok := v[string(b)]
		if ok {
			w = info.key
		}
		s.low[k], s.cls[k], s.cand[k] = w, info.cls, info.cue
		s.wh[k] = learn.New(0).Bytes(b).Sum()
		any = any || info.cue
	}
	return any
}

// lowerASCII appends w in lower case to b when w is ASCII (and fits), and
// reports whether it was.
func lowerASCII(b []byte, w string) ([]byte, bool) {
	if len(w) > cap(b) {
		return b, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 0x80:
			return b, false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}
