// Package text is the first stage of sitrep: it normalizes an article's
// text, finds its paragraphs, headings and dateline, splits it into
// sentences that survive news abbreviations, initials, numbers and
// quotations, and cuts each sentence into tokens with byte offsets.
//
// Its output, an Analysis, is what every later stage reads: the Document
// being filled, plus the sentences and tokens that are not part of the
// contract's JSON form.
package text
