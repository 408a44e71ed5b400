package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"sitrep/entity/ner"
)

// runTag implements `sitrep tag --format conll FILE`: it reads a CoNLL
// column file (token first, blank line between sentences) and writes every
// line with the predicted IOB2 entity tag appended as the last column, so
// that conlleval can score the output.
func runTag(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("tag", "FILE   (- for standard input)", e)
	format := fs.String("format", "conll", "input format (conll)")
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() != 1 || *format != "conll" {
		fs.Usage()
		return exitUsage
	}
	m, err := ner.Default()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep tag: %v\n", err)
		return exitBadInput
	}
	name := fs.Arg(0)
	r, err := openInput(e, name)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep tag: %v\n", err)
		return exitBadInput
	}
	defer r.Close()
	if err := tagCoNLL(ctx, m, r, e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "sitrep tag: %s: %v\n", name, err)
		return exitBadInput
	}
	return exitOK
}

func tagCoNLL(ctx context.Context, m *ner.Model, r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	bw := bufio.NewWriter(w)
	var lines, words []string
	flush := func() {
		tags := m.Tag(words)
		for i, l := range lines {
			bw.WriteString(l)
			bw.WriteByte(' ')
			bw.WriteString(tags[i])
			bw.WriteByte('\n')
		}
		lines, words = lines[:0], words[:0]
	}
	n := 0
	for sc.Scan() {
		n++
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		line := strings.TrimRight(sc.Text(), "\r")
		f := strings.Fields(line)
		if len(f) == 0 {
			flush()
			bw.WriteByte('\n')
			continue
		}
		if f[0] == "-DOCSTART-" { // a document boundary, tagged O
			flush()
			bw.WriteString(line + " O\n")
			continue
		}
		lines = append(lines, line)
		words = append(words, f[0])
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", n+1, err)
	}
	flush()
	return bw.Flush()
}
