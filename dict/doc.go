// Package dict reads the dictionaries of the PETRARCH and TABARI event
// coders (Open Event Data Alliance; Schrodt, KEDS/TABARI): verb pattern
// dictionaries, actor dictionaries with dated codes, agent dictionaries and
// discard lists, so that users may code with the dictionaries they already
// own (sitrep extract --dict-verbs, --dict-actors, ...).
//
// The formats are the ones described in PETRARCH's docs/source/
// dictionaries.rst and used by the PETR.Validate.* and Phoenix.* files:
//
//	verbs:    &SYNSET / +PHRASE lines; "--- VERB [CODE] ---" blocks holding
//	          verb lines ("BREAK {BROKE BROKEN}") and patterns
//	          ("- $ * + IN_TALKS [042]"; * the verb, $ source, + target,
//	          % compound, ^ any word, &SET a synset, _ joins words)
//	actors:   "PHRASE [CODE]" with "+SYNONYM" lines and dated codes
//	          ("[HOBGOV 19950601 - 19990815]", "[ONO <911226]")
//	agents:   "PHRASE {PLURAL} [~GOV]" ("~X" after the actor's code, "X~"
//	          before it) and "!NAME! = A, B" substitutions
//	discards: phrases; a "+" first discards the whole story
//
// Readers never panic; a malformed line is an error naming its line.
package dict
