package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sitrep"
	"sitrep/text"
)

// goldText is running text rebuilt from a one-sentence-per-block corpus,
// with the byte offsets where its gold sentences end.
type goldText struct {
	text string
	ends []int
}

// Sentences measures sentence-boundary accuracy on running text rebuilt from
// the CoNLL-2003 and GMB test files: each document's sentences are joined
// with spaces into paragraphs, as news text is written; a sentence without
// final punctuation (a headline, a dateline line, a table row) ends its
// paragraph, as such lines stand alone in real articles, and so does a
// headline in capitals. A boundary is
// right when sitrep ends a sentence at the same offset.
func Sentences(ctx context.Context, shared string, w io.Writer) error {
	sets := []struct{ name, path string }{
		{"CoNLL-2003 test", "eval/conll2003/test.txt"},
		{"CoNLL-2003 dev", "eval/conll2003/dev.txt"},
		{"GMB test", "eval/gmb-ner/test.txt"},
	}
	fmt.Fprintf(w, "%-16s %9s %9s %9s %9s %9s\n", "corpus", "sentences", "precision", "recall", "F1", "exact")
	for _, set := range sets {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, err := rebuildCorpus(filepath.Join(shared, set.path))
		if err != nil {
			return err
		}
		var gold, found, right, exact int
		for _, d := range docs {
			doc := sitrep.NewDocument(d.text)
			a := text.Analyze(doc)
			got := map[int]bool{}
			for _, s := range a.Sentences {
				got[s.End] = true
			}
			want := map[int]bool{}
			for _, e := range d.ends {
				want[e] = true
			}
			gold += len(want)
			found += len(got)
			for e := range got {
				if want[e] {
					right++
				}
			}
			// a gold sentence is exact when both its ends are found
			prev := 0
			starts := map[int]bool{}
			for _, s := range a.Sentences {
				starts[s.Start] = true
			}
			for _, e := range d.ends {
				st := skipSpace(d.text, prev)
				if starts[st] && got[e] {
					exact++
				}
				prev = e
			}
		}
		p, r := ratio(right, found), ratio(right, gold)
		fmt.Fprintf(w, "%-16s %9d %9.4f %9.4f %9.4f %9.4f\n", set.name, gold, p, r, f1(p, r), ratio(exact, gold))
	}
	return nil
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n') {
		i++
	}
	return i
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// rebuildCorpus reads a CoNLL-style column file (token first; blank lines
// between sentences; "-DOCSTART-" between documents) and rebuilds each
// document's running text.
func rebuildCorpus(path string) ([]goldText, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sentence corpus: %w", err)
	}
	defer f.Close()
	var docs []goldText
	var cur goldText
	var b strings.Builder
	var sent []string
	flushDoc := func() {
		if len(cur.ends) > 0 {
			cur.text = b.String()
			docs = append(docs, cur)
		}
		cur = goldText{}
		b.Reset()
	}
	flushSent := func() {
		if len(sent) == 0 {
			return
		}
		s := text.Detokenize(sent)
		sent = sent[:0]
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n\n") {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		cur.ends = append(cur.ends, b.Len())
		if !text.EndsWithFinal(s) || s == strings.ToUpper(s) {
			b.WriteString("\n\n")
		}
		if len(cur.ends) >= 40 { // documents of GMB have no breaks: cut every 40 sentences
			flushDoc()
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			flushSent()
			continue
		}
		tok := strings.Fields(l)[0]
		if tok == "-DOCSTART-" {
			flushSent()
			flushDoc()
			continue
		}
		sent = append(sent, tok)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, line, err)
	}
	flushSent()
	flushDoc()
	for i := range docs {
		docs[i].text = strings.TrimRight(docs[i].text, "\n")
	}
	return docs, nil
}
