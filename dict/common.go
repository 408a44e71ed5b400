package dict

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// line is one meaningful line of a dictionary file, comments removed.
type line struct {
	n    int
	text string
	raw  string
}

// readLines returns the lines of r without comments (#, ; and <!-- -->
// blocks) and blank lines.
func readLines(r io.Reader, what string) ([]line, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	var out []line
	n := 0
	inComment := false
	for sc.Scan() {
		n++
		raw := sc.Text()
		t := raw
		// XML-style comments, possibly over several lines
		var b strings.Builder
		for len(t) > 0 {
			if inComment {
				i := strings.Index(t, "-->")
				if i < 0 {
					t = ""
					break
				}
				t = t[i+3:]
				inComment = false
				continue
			}
			i := strings.Index(t, "<!--")
			if i < 0 {
				b.WriteString(t)
				break
			}
			b.WriteString(t[:i])
			t = t[i+4:]
			inComment = true
		}
		t = b.String()
		t = stripComment(t)
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		out = append(out, line{n, t, raw})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s dictionary: %w", what, err)
	}
	return out, nil
}

// bracket splits "TEXT [CODE] rest" into TEXT, CODE (trimmed) and whether
// a bracket was there.
func bracket(s string) (head, code string, ok bool, err error) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return strings.TrimSpace(s), "", false, nil
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return "", "", false, fmt.Errorf("unclosed [ in %q", s)
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : i+j]), true, nil
}

// braces splits "TEXT {A B} rest" into TEXT+rest and the words in braces.
func braces(s string) (string, []string, error) {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return s, nil, nil
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return "", nil, fmt.Errorf("unclosed { in %q", s)
	}
	return strings.TrimSpace(s[:i] + " " + s[i+j+1:]), strings.Fields(s[i+1 : i+j]), nil
}

// Words splits a dictionary phrase ("MINAS_TIRITH", "GROUP OF 77") into
// upper-case words; a trailing "_" (exact match in TABARI) is dropped.
func Words(phrase string) []string {
	f := strings.FieldsFunc(strings.ToUpper(phrase), func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
	return f
}

// stripComment cuts a "#" or ";" comment, but not inside [...] where
// "###" is a code.
func stripComment(t string) string {
	depth := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#', ';':
			if depth == 0 {
				return t[:i]
			}
		}
	}
	return t
}
