package ingest

import (
	"errors"
	"testing"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, in, errText string
	}{
		{"ok", "Hello world.", ""},
		{"bom", "\xEF\xBB\xBFHello", ""},
		{"empty", "", "in: empty input"},
		{"blank", " \n\t", "in: empty input"},
		{"nul", "ab\x00cd", "in: byte 2: binary data (NUL byte), not text"},
		{"latin1", "caf\xe9", "in: byte 3: not UTF-8 (byte 0xe9)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PlainText("in", []byte(tt.in))
			got := ""
			if err != nil {
				got = err.Error()
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Errorf("error %T is not *InputError", err)
				}
			}
			if got != tt.errText {
				t.Errorf("got %q, want %q", got, tt.errText)
			}
		})
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"hello", "", "\x00", "caf\xe9", "\xEF\xBB\xBF", "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := PlainText("fuzz", data)
		if err == nil && s == "" {
			t.Fatal("no error and no text")
		}
	})
}
