package text

import "sitrep"

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters, possibly with digits, hyphens, apostrophes or abbreviation dots: "Al-Kazemi", "U.S.", "don't"
	Number             // digits with separators: "2,500", "3.5", "9:45", "1996-08-22"
	Punct              // one punctuation mark: "." "," "(" "-" "—"
	Quote              // a quotation mark, straight or curly: " “ ” ' ‘ ’ « »
	Symbol             // currency, percent and other symbols: "$" "%" "€"
)

// Token is one token of a sentence. Start and End are byte offsets into the
// document text, and Text is text[Start:End].
type Token struct {
	Start, End int
	Text       string
	Kind       Kind
}

// Sentence is one sentence with its tokens. Start and End are byte offsets.
type Sentence struct {
	Start, End int
	Tokens     []Token
	Paragraph  int  // index of the paragraph holding the sentence
	Heading    bool // a short line without final punctuation, standing alone
}

// Analysis is a document going through the pipeline: the Document the
// stages fill and the text layer's sentences and tokens. Offsets are bytes
// until Doc.ToRuneOffsets is called at the end of the pipeline.
type Analysis struct {
	Doc       *sitrep.Document
	Sentences []Sentence
}

// SentenceAt returns the index of the sentence holding byte offset off, or -1.
func (a *Analysis) SentenceAt(off int) int {
	lo, hi := 0, len(a.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case off < a.Sentences[m].Start:
			hi = m
		case off >= a.Sentences[m].End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}
