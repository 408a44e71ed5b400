// Package text is the first stage of sitrep: it normalizes an article's
// text, finds its paragraphs, headings and dateline, splits it into
// sentences that survive news abbreviations, initials, numbers and
// quotations, and cuts each sentence into tokens with byte offsets.
//
// Its output, an Analysis, is what every later stage reads: the Document
// being filled, plus the sentences and tokens that are not part of the
// contract's JSON form.
//
// Its word lists (abbreviations, sentence starters, months) are those of
// lexicon/data/words/text.txt and shared.txt, read when the package is
// loaded. text has no Run of its own: every stage's Run returns
// lexicon.WordsErr, which covers text's lists too.
package text
