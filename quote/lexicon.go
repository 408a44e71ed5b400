package quote

import (
	"sitrep/lexicon"
	"sitrep/quote/reporting"
)

// verbForm is what one inflected form of a reporting verb tells.
type verbForm = reporting.VerbForm

// verbs maps every lower-case form of every reporting verb to what it tells.
var verbs = reporting.Verbs

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
	return ok && v.Ing
}
