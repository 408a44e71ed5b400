package learned

import (
	"fmt"
	"io"
	"sync"

	"sitrep/quote/learn"
	"sitrep/quote/learned/model"
)

// Model is the quote stage's trained models: which words are reporting
// cues, which span a cue's content takes and which word names its source.
// It is read-only once built and safe for concurrent use.
type Model struct {
	cue, content, source *learn.Weights
	cueWords             map[string]bool // lower-case words that may be cues
	words                vocabulary      // the cue words and the closed word classes
	cueBias              float32         // added to every cue's score
	noneBias             float32         // added to the score of no source
}

// Names of the parts of a model file.
const (
	fileCue      = "cue"
	fileContent  = "content"
	fileSource   = "source"
	fileCueWords = "cue-words"
	fileCueBias  = "cue-bias"
	fileNoneBias = "none-bias"
)

// LoadModel decodes a model file written by WriteModel; name is used in
// errors.
func LoadModel(b []byte, name string) (*Model, error) {
	f, err := learn.Read(b, name)
	if err != nil {
		return nil, err
	}
	m := &Model{cueWords: map[string]bool{}, cueBias: f.Numbers[fileCueBias], noneBias: f.Numbers[fileNoneBias]}
	for _, part := range []struct {
		name string
		w    **learn.Weights
	}{{fileCue, &m.cue}, {fileContent, &m.content}, {fileSource, &m.source}} {
		w, ok := f.Models[part.name]
		if !ok {
			return nil, fmt.Errorf("%s: no %s model", name, part.name)
		}
		*part.w = w
	}
	words, ok := f.Lists[fileCueWords]
	if !ok || len(words) == 0 {
		return nil, fmt.Errorf("%s: no cue words", name)
	}
	for _, w := range words {
		m.cueWords[w] = true
	}
	m.words = newVocabulary(m.cueWords)
	return m, nil
}

// WriteModel writes m in the format LoadModel reads; the same model
// always gives the same bytes.
func WriteModel(w io.Writer, m *Model) error {
	words := make([]string, 0, len(m.cueWords))
	for k := range m.cueWords {
		words = append(words, k)
	}
	f := &learn.File{
		Models:  map[string]*learn.Weights{fileCue: m.cue, fileContent: m.content, fileSource: m.source},
		Numbers: map[string]float32{fileCueBias: m.cueBias, fileNoneBias: m.noneBias},
		Lists:   map[string][]string{fileCueWords: sortStrings(words)},
	}
	return learn.Write(w, f)
}

// DefaultModel returns the embedded model (package sitrep/quote/learned/model),
// decoded once; the error says why it cannot be read.
var DefaultModel = sync.OnceValues(func() (*Model, error) {
	m, err := LoadModel(model.Quotes, "quote/learned/model/quotes.bin")
	if err != nil {
		return nil, fmt.Errorf("quote model: %w", err)
	}
	return m, nil
})

// CueBias returns what is added to every cue's score (above 0: more
// cues, less surely).
func (m *Model) CueBias() float32 { return m.cueBias }

// NoneBias returns what is added to the score of a cue having no source
// (above 0: fewer speakers, more surely).
func (m *Model) NoneBias() float32 { return m.noneBias }

// WithBiases returns a copy of m whose cues take bias cue and whose
// absent sources bias none.
func (m *Model) WithBiases(cue, none float32) *Model {
	c := *m
	c.cueBias, c.noneBias = cue, none
	return &c
}

// Features returns how many features the model's three parts hold.
func (m *Model) Features() int { return m.cue.Len() + m.content.Len() + m.source.Len() }
