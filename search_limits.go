package sitrep

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SearchLimits bound the work one full-text query may ask of a store. Each
// word of a query is one more posting list to read and rank, and a prefix
// term (word*) reads the posting lists of every indexed word it begins, so
// that a query of many short prefixes costs minutes: the stores bound both
// with DefaultSearchLimits (see BoundSearch), so that a query one store
// takes every store takes. The time a search may run is the caller's to
// bound, through its context.
type SearchLimits struct {
	// Terms is the most words a query may hold, the words of its phrases
	// and prefixes counted one by one.
	Terms int
	// Prefixes is the most prefix terms a query may hold.
	Prefixes int
	// MinPrefix is the fewest letters or digits the last word of a prefix
	// term must have once the endings a stemming index strips (-s, -es,
	// -ed, -ing, ...) are off: a shorter one ("t*", "U.S.*", "ths*", which
	// an English stemmer reads as "th*") is searched as a whole word
	// instead, since it would expand to a good part of the vocabulary.
	MinPrefix int
}

// DefaultSearchLimits are the limits every store applies to a query.
var DefaultSearchLimits = SearchLimits{Terms: 32, Prefixes: 8, MinPrefix: 3}

// SearchLimitError says that a search query asks for more than
// SearchLimits allow.
type SearchLimitError struct {
	Limit string // what is over: "words" or "prefix terms"
	Max   int    // the limit's value
	Got   int    // what the query holds
}

// Error names the limit and how far the query went over it.
func (e *SearchLimitError) Error() string {
	return fmt.Sprintf("search query has %d %s, more than the limit of %d", e.Got, e.Limit, e.Max)
}

// BoundSearch applies l to a parsed query, groups of terms (the stores
// parse with story.ParseQuery), in place: a prefix term whose last word is
// shorter than MinPrefix becomes a whole-word term, and a query with more
// than Terms words or Prefixes prefix terms is refused with a
// *SearchLimitError. term returns a term's text (without its *) and a
// pointer to its prefix flag.
func BoundSearch[T any](l SearchLimits, groups [][]T, term func(t *T) (text string, prefix *bool)) error {
	words, prefixes := 0, 0
	for _, g := range groups {
		for i := range g {
			text, prefix := term(&g[i])
			words += searchWords(text)
			if *prefix && stemmedLen(lastWord(text)) < l.MinPrefix {
				*prefix = false
			}
			if *prefix {
				prefixes++
			}
		}
	}
	if words > l.Terms {
		return &SearchLimitError{Limit: "words", Max: l.Terms, Got: words}
	}
	if prefixes > l.Prefixes {
		return &SearchLimitError{Limit: "prefix terms", Max: l.Prefixes, Got: prefixes}
	}
	return nil
}

// isWordRune reports whether r is part of a word as the full-text indexes
// split text: a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// searchWords counts the runs of letters and digits in s.
func searchWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// lastWord returns the last run of letters and digits in s.
func lastWord(s string) string {
	end := len(s)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if isWordRune(r) {
			break
		}
		end -= size
	}
	start := end
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !isWordRune(r) {
			break
		}
		start -= size
	}
	return s[start:end]
}

// stemEndings are the inflectional endings an English stemmer (the Porter
// stemmer of SQLite's and PostgreSQL's full-text indexes) strips from a
// word before a prefix query expands it, longest first.
var stemEndings = []string{"ing", "ies", "eed", "ed", "es", "s"}

// stemmedLen returns the length in code points of word without the
// longest stemEndings ending it, the part a stemming index expands.
func stemmedLen(word string) int {
	n := utf8.RuneCountInString(word)
	lower := strings.ToLower(word)
	for _, e := range stemEndings {
		if strings.HasSuffix(lower, e) {
			return n - len(e)
		}
	}
	return n
}
