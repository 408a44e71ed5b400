// Package learned finds attributions as PolNeAR marks them (direct
// quotes, reported speech, beliefs, stances and intentions), each with its
// cue ("said", "according to", "called"), its content and its source. The
// quote stage (package sitrep/quote) adds what it finds to the quotes its
// hand-written rules find, where they found none and the attribution reads
// as a quote; see docs/quotes.md.
//
// Three sparse linear models, trained by `sitrep train quotes` on PolNeAR
// and embedded (package sitrep/quote/learned/model), read a sentence: the
// cue model scores every word that has headed a cue in training (a
// perceptron over words, stems, word clusters, entity types, quotation
// marks and the words around); for each cue, the content model ranks spans
// around it (after it, before it, the sentence before or after, a
// quotation split by the cue) by their boundaries, their side and the
// pair, and the source model ranks the words near it that may head a noun
// phrase, and none; the best content and source that fit together win.
// The speaker phrase grows from the source's head word, and its entity is
// the mention holding the head, an apposition's, or for a pronoun the
// previous speaker's or the last fitting entity's.
//
// The reporting verbs of quote/reporting (verbs.txt, which the rules of
// package quote read too) and the word lists of package lexicon are
// features of the models; the quotations are reporting.Quoted's.
package learned
