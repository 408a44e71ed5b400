package quote

import (
	_ "embed"
	"strings"

	"sitrep/lexicon"
)

//go:embed verbs.txt
var verbsText string

// verbForm is what one inflected form of a reporting verb tells.
type verbForm struct {
	lemma string
	obj   bool // takes a hearer before the content: "told reporters that"
	weak  bool // belief verb: needs "that" or a quotation
	ing   bool // the -ing form: "adding that"
	noun  bool // also a common noun: "report", "states"
	np    bool // takes a noun phrase as content: "announced the injury"
	s3    bool // the -s or bare form
}

// verbs maps every lower-case form of every reporting verb to what it tells.
var verbs = loadVerbs(verbsText)

func loadVerbs(src string) map[string]verbForm {
	m := map[string]verbForm{}
	for _, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		tags := ""
		if i := strings.IndexByte(line, '|'); i >= 0 {
			tags, line = line[i+1:], line[:i]
		}
		f := strings.Fields(strings.ToLower(line))
		if len(f) == 0 {
			continue
		}
		tagSet := lexicon.Set(tags)
		v := verbForm{lemma: f[0], obj: tagSet["obj"], weak: tagSet["weak"], noun: tagSet["noun"], np: tagSet["np"]}
		var s3, past, pp, ing string
		switch len(f) {
		case 5:
			s3, past, pp, ing = f[1], f[2], f[3], f[4]
		case 3:
			s3, past, pp, ing = thirdPerson(f[0]), f[1], f[2], ingForm(f[0])
		default:
			s3, past, ing = thirdPerson(f[0]), pastForm(f[0]), ingForm(f[0])
			pp = past
		}
		for i, w := range []string{f[0], s3, past, pp} {
			if _, ok := m[w]; !ok {
				vw := v
				vw.s3 = i < 2
				m[w] = vw
			}
		}
		vi := v
		vi.ing = true
		m[ing] = vi
	}
	return m
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func thirdPerson(w string) string {
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case len(w) > 1 && w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func pastForm(w string) string {
	switch {
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case len(w) > 1 && w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ied"
	}
	return w + "ed"
}

func ingForm(w string) string {
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") && len(w) > 2 {
		return w[:len(w)-1] + "ing"
	}
	return w + "ing"
}

// Closed word lists of lexicon/data/words (quote.txt, shared.txt).
var (
	// auxSkip are words that may stand between a speaker and its verb:
	// auxiliaries and common adverbs ("had also said", "has repeatedly denied").
	auxSkip = lexicon.Words("quote.aux-skip")
	// timeWords head a time phrase between a speaker and the verb
	// ("Al-Kazemi on Sunday said") or right after the verb ("announced
	// today ...").
	timeWords = lexicon.Words("quote.time-words", "shared.weekdays", "shared.month-abbrevs", "shared.month-abbrev-words")
	// prepositions open a phrase that is not the content of a reporting verb.
	prepositions = lexicon.Words("shared.prepositions", "quote.prepositions")
	// phrasePrepositions open a phrase of place, time or manner, not a
	// clause ("for his departure", not "when it comes to ...").
	phrasePrepositions = lexicon.Words("shared.prepositions")
	// subordinators may open content that fronts a clause: "says despite
	// being ..., she plans to ...".
	subordinators = lexicon.Words("quote.subordinators")
	// whWords open an embedded question: "explained how he would ...".
	whWords = lexicon.Words("quote.wh-words")
	// modalsBefore may stand before a bare reporting verb ("would say", "did
	// not say").
	modalsBefore = lexicon.Words("shared.bare-verb-openers", "quote.modals")
	// npPreps may join a noun to its modifier inside a speaker's noun phrase
	// ("a spokesman for the ministry", "the official in charge of ...").
	npPreps = lexicon.Words("quote.np-prepositions")
	// determiners open a noun phrase.
	determiners = lexicon.Words("shared.determiners", "quote.determiners", "quote.cardinals")
	// cardinals are the number words among the determiners.
	cardinals = lexicon.Words("quote.cardinals")
	// npStop are words that cannot be inside a speaker's noun phrase.
	npStop = lexicon.Words("quote.np-stop")
	// finite are words that show a clause has a finite verb.
	finite = lexicon.Words("quote.finite")
	// pronouns that can name a speaker.
	pronouns = lexicon.Words("quote.pronouns")
	// relatives introduce a relative clause whose subject is the noun before it.
	relatives = lexicon.Words("shared.relative-pronouns")
	// beForms are the forms of "be".
	beForms = lexicon.Words("shared.be-forms")
)

// ingCues are reporting verbs in -ing form that continue a sentence's
// attribution: "..., adding that ...".
func isIngCue(w string) bool {
	v, ok := verbs[w]
	return ok && v.ing
}
