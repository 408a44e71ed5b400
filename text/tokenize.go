package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep/lexicon"
)

// IsQuote reports whether r is a quotation mark, straight or curly.
func IsQuote(r rune) bool {
	switch r {
	case '"', '\'', '\u201C', '\u201D', '\u2018', '\u2019', '\u00AB', '\u00BB', '\u201E', '\u201A', '\u2039', '\u203A', '\u300C', '\u300D':
		return true
	}
	return false
}

// IsDoubleQuote reports whether r is a double quotation mark: straight,
// curly, low or a guillemet (not the single marks, mostly apostrophes).
func IsDoubleQuote(r rune) bool {
	switch r {
	case '"', '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB':
		return true
	}
	return false
}

// IsDash reports whether r is a hyphen or dash.
func IsDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return true
	}
	return false
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r'
	}
	return unicode.IsSpace(r)
}

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// Tokenize cuts s[start:end] into tokens whose offsets index s. Words keep
// inner hyphens, apostrophes and dots ("Al-Kazemi", "don't", "U.S.");
// numbers keep inner separators ("2,500", "3.5", "9:45"); the clitics "'s"
// and "n't" are tokens of their own, as in the Penn Treebank; a word's final
// period is split off unless the word is a known abbreviation or an initial.
func Tokenize(s string, start, end int) []Token {
	return appendTokens(make([]Token, 0, (end-start)/5+1), s, start, end)
}

// appendTokens appends the tokens of s[start:end] to toks.
func appendTokens(toks []Token, s string, start, end int) []Token {
	i := start
	for i < end {
		r, size := decode(s, i)
		if isSpace(r) {
			i += size
			continue
		}
		j := i + size
		kind := Punct
		switch {
		case isLetter(r) || isDigit(r):
			j = scanWord(s, i, end)
			kind = Word
			if isDigit(r) {
				kind = Number
				for k := i; k < j; k++ {
					if c := s[k]; c >= 'A' && c <= 'z' && (c <= 'Z' || c >= 'a') {
						kind = Word
						break
					}
				}
			}
		case IsQuote(r):
			kind = Quote // clitics after a word are part of the word; an apostrophe alone is a quote
		case r == '.' && strings.HasPrefix(s[i:end], "..."):
			j = i + 3
		case r == '\u2026': // an ellipsis character: punctuation of its own
		case unicode.IsSymbol(r) || r == '%' || r == '#' || r == '@' || r == '&':
			kind = Symbol
		}
		// split clitics off the word
		if kind == Word {
			if c := clitic(s, i, j); c > i {
				toks = append(toks, Token{Start: i, End: c, Text: s[i:c], Kind: Word})
				i = c
			}
		}
		toks = append(toks, Token{Start: i, End: j, Text: s[i:j], Kind: kind})
		i = j
	}
	return toks
}

// Words returns the texts of toks.
func Words(toks []Token) []string {
	w := make([]string, len(toks))
	for i, t := range toks {
		w[i] = t.Text
	}
	return w
}

// scanWord returns the end of the word or number starting at i.
func scanWord(s string, i, end int) int {
	j := i
	for j < end {
		r, size := decode(s, j)
		if isLetter(r) || isDigit(r) {
			j += size
			continue
		}
		// inner joiners: a joiner followed by a letter or digit
		if r == '-' || r == '\u2011' || r == '\'' || r == '\u2019' || r == '.' || r == ',' || r == ':' || r == '/' || r == '_' || r == '&' {
			n, nsize := decode(s, j+size)
			if j+size < end && nsize > 0 && (isLetter(n) || isDigit(n)) {
				prev, _ := utf8.DecodeLastRuneInString(s[i:j])
				switch r {
				case ',', ':':
					// only between digits: "2,500", "9:45"
					if !isDigit(prev) || !isDigit(n) {
						return j
					}
				case '/':
					if !isDigit(prev) || !isDigit(n) {
						return j
					}
				case '&':
					// "AT&T", "S&P": between capitals only
					if !unicode.IsUpper(prev) || !unicode.IsUpper(n) {
						return j
					}
				}
				j += size + nsize
				continue
			}
			if r == '.' {
				// final period: keep it on abbreviations and initials
				if isAbbreviation(s[i:j]) {
					return j + 1
				}
			}
		}
		break
	}
	return j
}

// clitic returns the offset where a trailing "'s", "'re", "n't" ... starts
// inside word s[i:j], or i when there is none.
func clitic(s string, i, j int) int {
	w := s[i:j]
	k := strings.LastIndexByte(w, '\'')
	if k2 := strings.LastIndex(w, "\u2019"); k2 > k {
		k = k2
	}
	if k <= 0 {
		return i
	}
	tail := strings.ToLower(w[k:])
	if tail == "'t" || tail == "\u2019t" {
		if k >= 2 && (w[k-1] == 'n' || w[k-1] == 'N') && k-1 > 0 {
			return i + k - 1
		}
		return i
	}
	switch strings.TrimLeft(tail, "'\u2019") {
	case "s", "re", "ve", "ll", "d", "m":
		return i + k
	}
	return i
}

// titleAbbrevs take a period and come before a name: a sentence never ends
// after them.
var titleAbbrevs = lexicon.Words("text.title-abbrevs")

// otherAbbrevs take a period when written with a capital (months, weekdays,
// US states, company suffixes); after them a sentence may end.
var otherAbbrevs = lexicon.Words("shared.month-abbrevs", "shared.month-abbrev-words", "shared.weekday-abbrevs", "text.abbrevs")

// lowerAbbrevs take a period in lower case.
var lowerAbbrevs = lexicon.Words("text.lower-abbrevs")

// isAbbreviation reports whether w (without its final period) takes a
// period as an abbreviation: a known abbreviation, a single letter (an
// initial), or a dotted acronym ("U.S", "a.m", "D.C").
func isAbbreviation(w string) bool {
	if w == "" {
		return false
	}
	if len(w) == 1 && isLetter(rune(w[0])) {
		return true
	}
	if strings.Contains(w, ".") {
		// dotted forms: each part one or two letters: U.S, a.m, Ph.D
		for _, p := range strings.Split(w, ".") {
			if len(p) == 0 || len(p) > 2 {
				return false
			}
		}
		return true
	}
	if len(w) > 6 {
		return false
	}
	lw := strings.ToLower(w)
	if lowerAbbrevs[lw] {
		return true
	}
	if !unicode.IsUpper(rune(w[0])) {
		return false
	}
	return titleAbbrevs[lw] || otherAbbrevs[lw]
}

// IsTitleAbbreviation reports whether tok ("Mr.", "Gen.") is an abbreviated
// title that comes before a name.
func IsTitleAbbreviation(tok string) bool {
	return strings.HasSuffix(tok, ".") && titleAbbrevs[strings.ToLower(strings.TrimSuffix(tok, "."))] && unicode.IsUpper(rune(tok[0]))
}
