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
// Universal Dependencies relations with a few subtypes kept (nsubj:pass,
// obl:agent, nmod:poss ...; see Relation).
//
// `sitrep parse` writes its parses as CoNLL-U. No stage of the pipeline
// reads them: as features of the event coder they raised the
// cross-validation but lowered the real-news figures and halved the
// pipeline's speed (README, "Models and data").
package syntax

// The treebank files in data/ are made from UD_English-EWT (fetched as a
// public repository; see internal/ewtgen for extracting it to /tmp/ewt):
//
//go:generate go run ./internal/ewtgen -ewt /tmp/ewt/not-to-release -out data
