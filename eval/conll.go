package eval

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"sitrep/entity/ner"
)

// docRun is how many consecutive sentences the document mode tags as one
// document: this copy of CoNLL-2003 has no document boundaries (its
// articles average about 15 sentences), so runs of a fixed length stand in
// for articles, as in training.
const docRun = 20

// CoNLL scores the embedded named-entity model (sitrep/entity/ner) on the
// CoNLL-2003 dev and test splits and on CoNLL++ (the corrected test set),
// printing conlleval's exact-span precision, recall and F1 per type and
// overall, tagging each sentence alone and tagging runs of sentences as
// documents.
func CoNLL(ctx context.Context, shared string, w io.Writer) error {
	m, err := ner.Default()
	if err != nil {
		return err
	}
	dir := filepath.Join(shared, "eval", "conll2003")
	read := func(file string) ([]ner.Sentence, error) {
		path := filepath.Join(dir, file)
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return ner.ReadCoNLL(f, path)
	}
	// Document boundaries of the test set, from CoNLL++ (same tokens and
	// sentences, with the -DOCSTART- lines the standard test file has).
	path := filepath.Join(dir, "conllpp_test.txt")
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	testDocs, err := ner.ReadCoNLLDocuments(f, path)
	f.Close()
	if err != nil {
		return err
	}
	for _, split := range []struct{ name, file string }{
		{"dev (eng.testa)", "dev.txt"},
		{"test (eng.testb)", "test.txt"},
		{"CoNLL++ test", "conllpp_test.txt"},
	} {
		if err := ctx.Err(); err != nil {
			return err
		}
		sents, err := read(split.file)
		if err != nil {
			return err
		}
		modes := []struct {
			name string
			run  func() *ner.Score
		}{
			{"each sentence alone (Tag)", func() *ner.Score { return ner.Evaluate(m, sents) }},
			{fmt.Sprintf("runs of %d sentences as documents (TagDocument)", docRun), func() *ner.Score { return ner.EvaluateDocuments(m, sents, docRun) }},
		}
		if split.file != "dev.txt" {
			modes = append(modes, struct {
				name string
				run  func() *ner.Score
			}{fmt.Sprintf("the %d articles as documents (TagDocument)", len(testDocs)), func() *ner.Score {
				return evaluateByDocs(m, sents, testDocs)
			}})
		}
		for _, mode := range modes {
			start := time.Now()
			s := mode.run()
			took := time.Since(start)
			fmt.Fprintf(w, "== %s: %s, %d sentences, %s, tagged in %s\n", split.name, split.file, len(sents), mode.name, took.Round(time.Millisecond))
			if err := s.Write(w); err != nil {
				return err
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

// evaluateByDocs scores sents (gold) tagged document by document, with the
// document boundaries of docs (the same sentences, grouped).
func evaluateByDocs(m *ner.Model, sents []ner.Sentence, docs [][]ner.Sentence) *ner.Score {
	s := &ner.Score{}
	k := 0
	for _, d := range docs {
		words := make([][]string, 0, len(d))
		for i := range d {
			if k+i < len(sents) {
				words = append(words, sents[k+i].Words)
			}
		}
		for i, tags := range m.TagDocument(words) {
			s.Add(sents[k+i].Tags, tags)
		}
		k += len(d)
	}
	for ; k < len(sents); k++ {
		s.Add(sents[k].Tags, m.Tag(sents[k].Words))
	}
	return s
}
