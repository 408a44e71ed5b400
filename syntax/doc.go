// Package syntax reads the grammar of a sentence: a part-of-speech tagger
// and a dependency parser, both averaged perceptrons over hashed sparse
// features (sitrep/event/learn), trained by `sitrep train syntax` on the
// English Web Treebank of Universal Dependencies re-tokenized the way the
// text layer tokenizes (data/, made by internal/ewtgen).
//
// The parser is greedy and transition-based (arc-eager, with the root
// first on the stack): one transition model chooses among shift, reduce,
// left-arc and right-arc, and a label model names each arc's relation.
// Words are sitrep's tokens; tags are Universal POS tags; relations are
// Universal Dependencies relations with the subtypes the event stage reads
// (nsubj:pass, obl:agent, nmod:poss ...).
//
// The event stage asks for a parse only of the sentences where it found
// an event, to choose its participants: who is the subject, the object, the
// agent of a passive, the noun after "on" in "blamed the attacks on Russia".
package syntax

// The treebank files in data/ are made from UD_English-EWT (fetched as a
// public repository; see internal/ewtgen for extracting it to /tmp/ewt):
//
//go:generate go run ./internal/ewtgen -ewt /tmp/ewt/not-to-release -out data
