package story

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// QueryTerm is one term of a user's search query.
type QueryTerm struct {
	Text   string // the words; for a prefix, without its trailing *
	Phrase bool   // written in double quotes: the words in order
	Prefix bool   // a word ending in *
}

// ParseQuery reads a user's search query as every store takes it, so that
// no query fails: every word and every "quoted phrase" is a term (an
// unbalanced quote runs to the end of the query), a word ending in * is a
// prefix, OR between two terms is OR, and everything else (AND, NOT, NEAR,
// -, parentheses, column filters) is taken as words to find. It returns
// OR-ed groups of AND-ed terms; terms without a letter or digit are
// dropped, and a query left with none gives no group. Control characters
// and bytes that are not UTF-8 read as spaces.
func ParseQuery(q string) [][]QueryTerm {
	var terms []QueryTerm
	var b strings.Builder
	inPhrase := false
	flush := func(phrase bool) {
		if b.Len() > 0 || phrase {
			terms = append(terms, QueryTerm{Text: b.String(), Phrase: phrase})
			b.Reset()
		}
	}
	for _, r := range q {
		switch {
		case r == '"':
			flush(inPhrase)
			inPhrase = !inPhrase
		case unicode.IsControl(r) || r == utf8.RuneError:
			if !inPhrase {
				flush(false)
			} else {
				b.WriteByte(' ')
			}
		case !inPhrase && unicode.IsSpace(r):
			flush(false)
		default:
			b.WriteRune(r)
		}
	}
	flush(inPhrase)

	var groups [][]QueryTerm
	var cur []QueryTerm
	pendingOr := false
	for i, t := range terms {
		if !t.Phrase && t.Text == "OR" && len(cur) > 0 && i+1 < len(terms) {
			pendingOr = true
			continue
		}
		if !t.Phrase && strings.HasSuffix(t.Text, "*") {
			t.Text, t.Prefix = strings.TrimRight(t.Text, "*"), true
		}
		if !hasWord(t.Text) {
			continue
		}
		if pendingOr {
			groups = append(groups, cur)
			cur = nil
			pendingOr = false
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	return groups
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
