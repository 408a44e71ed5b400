// Package quote finds what people said in an article and who said it:
// direct quotes inside quotation marks (straight or curly, over several
// sentences, or split by their attribution: `"...," he said. "..."`) and
// reported speech ("X said that ...", "according to X, ...", "X told
// reporters ...", "..., adding that ..."). Each quote carries its reporting
// verb (the cue), the words naming the speaker and, where the speaker is a
// named entity or a pronoun that refers to one, the entity's id.
//
// The package also judges the modality of a verb or predicate noun
// (asserted, negated, future or possible) and tells which quote carries a
// stretch of text, for the events stage.
//
// Two finders read them: the hand-written rules (Rules) and a model
// trained on PolNeAR (package sitrep/quote/learned). The stage (Stage,
// by default in mode Combined) keeps every quote of the rules and adds the
// learned attributions that overlap none and read as speech (Union); see
// docs/quotes.md.
//
// The reporting verbs (a readable list, quote/reporting/verbs.txt) and
// the quoted spans are package reporting's, shared with quote/learned.
package quote
