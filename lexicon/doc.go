// Package lexicon is the one owner of sitrep's English word lists that
// more than one stage reads: readable data files in data/, embedded, each
// list in one place. It imports nothing of the project.
package lexicon
