package ingest

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// InputError is a problem with one input: its name, the byte offset of the
// problem (-1 when it concerns the whole input) and what is wrong. An input
// over one of the limits (Reader.Limits) is an InputError whose Err is the
// *sitrep.LimitError. Reader.Warn gets InputErrors too, for inputs read
// all the same (a charset guessed).
type InputError struct {
	Name   string
	Offset int64
	Reason string
	Err    error // the cause, when there is one to test for (errors.As)
}

// Unwrap returns the cause, nil when there is none.
func (e *InputError) Unwrap() error { return e.Err }

func (e *InputError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s: byte %d: %s", e.Name, e.Offset, e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.Name, e.Reason)
}

// PlainText checks that data, read from the input called name, is a
// readable UTF-8 text and returns it as a string (a leading byte-order mark
// removed). Empty or all-blank input, NUL bytes and other binary control
// characters, and invalid UTF-8 are errors of type *InputError. (Reader
// reads text in other charsets: see Reader.ReadText.)
func PlainText(name string, data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if err := checkText(name, data); err != nil {
		return "", err
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return "", &InputError{Name: name, Offset: int64(i), Reason: fmt.Sprintf("not UTF-8 (byte 0x%02x)", data[i])}
		}
		i += size
	}
	return string(data), nil
}

// checkText returns an *InputError when data, the text input name in any
// ASCII-compatible charset, is empty or all blank, or binary: a NUL byte,
// or more than 1% of control characters other than white space (and more
// than 8).
func checkText(name string, data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return &InputError{Name: name, Offset: -1, Reason: "empty input"}
	}
	controls := 0
	for i, c := range data {
		if c == 0 {
			return &InputError{Name: name, Offset: int64(i), Reason: "binary data (NUL byte), not text"}
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			controls++
		}
	}
	if controls > 8 && controls*100 > len(data) {
		return &InputError{Name: name, Offset: -1, Reason: fmt.Sprintf("binary data (%d control bytes), not text", controls)}
	}
	return nil
}
