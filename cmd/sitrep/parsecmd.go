package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"sitrep"
	"sitrep/syntax"
	"sitrep/text"
)

// runParse implements `sitrep parse FILE`: it cuts one plain-text article
// into sentences and tokens as the text layer does, tags and parses each
// sentence, and writes CoNLL-U (ID, FORM, UPOS, HEAD, DEPREL filled; the
// other columns "_"), a comment with each sentence's text before it.
func runParse(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet("parse", "FILE   (- for standard input)", e)
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintf(e.stderr, "sitrep parse: %v\n", err)
		return exitBadInput
	}
	name := fs.Arg(0)
	r, err := openInput(e, name)
	if err != nil {
		return fail(err)
	}
	defer r.Close()
	limit := sitrep.DefaultLimits.ArticleBytes
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return fail(fmt.Errorf("%s: %w", name, err))
	}
	if int64(len(raw)) > limit {
		return fail(fmt.Errorf("%s: more than %d bytes, the article limit", name, limit))
	}
	m, err := syntax.Default()
	if err != nil {
		return fail(err)
	}
	a := text.Analyze(sitrep.NewDocument(text.Normalize(string(raw))))
	if err := writeParses(ctx, m, a, e.stdout); err != nil {
		return fail(fmt.Errorf("%s: %w", name, err))
	}
	return exitOK
}

// writeParses writes the parse of every sentence of a as CoNLL-U.
func writeParses(ctx context.Context, m *syntax.Model, a *text.Analysis, w io.Writer) error {
	bw := bufio.NewWriter(w)
	var tr syntax.Tree
	for si, s := range a.Sentences {
		if si%64 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		words := text.Words(s.Tokens)
		if len(words) == 0 {
			continue
		}
		m.Parse(words, &tr)
		fmt.Fprintf(bw, "# sent_id = %d\n# text = %s\n", si+1, strings.Join(strings.Fields(a.Doc.Text[s.Start:s.End]), " "))
		for i, word := range words {
			fmt.Fprintf(bw, "%d\t%s\t_\t%s\t_\t_\t%d\t%s\t_\t_\n", i+1, word, tr.Tags[i], tr.Heads[i], tr.Labels[i])
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
