package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"strings"
)

// ReadLexicon reads gazetteer entries from a gzip-compressed file of lines
// "class<TAB>name" (the format of lexicon.tsv.gz). name is used in errors.
func ReadLexicon(r io.Reader, name string) ([]LexEntry, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var out []LexEntry
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		class, text, ok := strings.Cut(sc.Text(), "\t")
		if !ok || class == "" || strings.TrimSpace(text) == "" {
			return nil, fmt.Errorf("%s:%d: want class<TAB>name", name, line)
		}
		out = append(out, LexEntry{Class: class, Text: text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, nil
}
