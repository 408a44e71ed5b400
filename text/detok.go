package text

import (
	"strings"
	"unicode/utf8"
)

// Detokenize joins tokenized words (as CoNLL-style corpora give them) into
// running text: no space before closing punctuation and clitics, none after
// opening brackets, quotes paired as they come.
func Detokenize(words []string) string {
	var b strings.Builder
	inQuote := false
	noSpace := true
	for _, w := range words {
		space := !noSpace
		noSpace = false
		switch {
		case w == "." || w == "," || w == ":" || w == ";" || w == "?" || w == "!" || w == ")" || w == "]" || w == "%" ||
			w == "'s" || w == "n't" || w == "'re" || w == "'ve" || w == "'ll" || w == "'d" || w == "'m" || w == "..." || w == "'":
			space = false
		case w == "(" || w == "[" || w == "$":
			noSpace = true
		case w == "\"":
			if inQuote {
				space = false
			} else {
				noSpace = true
			}
			inQuote = !inQuote
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// JoinSentences rebuilds an article's running text from its detokenized
// sentences: sentences run on in one paragraph, and a sentence that does not
// end with final punctuation or is all in capitals (a headline, a dateline)
// closes its paragraph. ends holds the byte offset where each sentence ends.
func JoinSentences(sents []string) (text string, ends []int) {
	var b strings.Builder
	for _, s := range sents {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n\n") {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		ends = append(ends, b.Len())
		if !EndsWithFinal(s) || s == strings.ToUpper(s) {
			b.WriteString("\n\n")
		}
	}
	return strings.TrimRight(b.String(), "\n"), ends
}

// EndsWithFinal reports whether s ends with a full stop, question or
// exclamation mark, before any closing quotes or brackets.
func EndsWithFinal(s string) bool {
	s = strings.TrimRight(s, "\"')")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?'
}
