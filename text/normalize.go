package text

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the clean form of an article's text that all offsets
// refer to: Unicode NFC, line ends as "\n", non-breaking and other odd
// spaces as plain spaces, zero-width and control characters (other than
// newline and tab) removed, trailing spaces of lines and the blank lines at
// the start and end dropped. Curly quotes and dashes are kept as written:
// the tokenizer understands them.
func Normalize(s string) string {
	if plain(s) {
		return strings.Trim(s, "\n")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := 0 // spaces held back until a non-newline character comes
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			r = '\n'
		case r == utf8.RuneError && size == 1:
			r = '\uFFFD'
		}
		switch {
		case r == '\n':
			pendingSpace = 0
			b.WriteByte('\n')
		case r == ' ' || r == '\t' || r == '\u00A0' || r == '\u2007' || r == '\u202F' ||
			(r >= '\u2000' && r <= '\u200A') || r == '\u3000' || r == '\u205F' || r == '\u1680':
			pendingSpace++
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF' || r == '\u00AD':
			// zero-width characters and soft hyphens carry no text
		case r < 0x20 || (r >= 0x7F && r < 0xA0) || r == '\u2028' || r == '\u2029':
			if r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f' {
				pendingSpace = 0
				b.WriteByte('\n')
			}
		default:
			for ; pendingSpace > 0; pendingSpace-- {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), "\n")
}

// plain reports whether s is printable ASCII and newlines with no space
// before a newline or at the end: text that normalizing leaves as it is.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			if i > 0 && s[i-1] == ' ' {
				return false
			}
			continue
		}
		if c < 0x20 || c > 0x7E {
			return false
		}
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}
