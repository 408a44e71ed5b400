package learned

import (
	"bytes"
	"testing"

	"sitrep/quote/learned/model"
)

func TestDefaultModelLoads(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Features() == 0 || len(m.cueWords) == 0 || !m.cueWords["said"] || !m.cueWords["according"] {
		t.Errorf("the model has %d features and %d cue words", m.Features(), len(m.cueWords))
	}
}

// TestModelRoundTrip: writing the embedded model gives its bytes back.
func TestModelRoundTrip(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteModel(&buf, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), model.Quotes) {
		t.Error("the model written differs from the embedded file")
	}
}

// TestLoadModelErrors: a damaged or incomplete file is an error, not a
// panic.
func TestLoadModelErrors(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("SRQUOTE1"), model.Quotes[:len(model.Quotes)/2], []byte("not a model")} {
		if _, err := LoadModel(b, "bad"); err == nil {
			t.Errorf("a %d-byte file loads", len(b))
		}
	}
}
