package syntax

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Sentence is one parsed sentence: for each word its tag, its head (1 to
// len(Words); 0: the root) and the relation to its head.
type Sentence struct {
	Words  []string
	Tags   []string
	Heads  []int
	Labels []string
}

// WriteTreebank writes sentences in the treebank format ReadTreebank reads:
// a line per word, "word TAG head relation" separated by tabs, and an empty
// line after each sentence.
func WriteTreebank(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		for i, word := range s.Words {
			fmt.Fprintf(bw, "%s\t%s\t%d\t%s\n", word, s.Tags[i], s.Heads[i], s.Labels[i])
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// maxSentenceWords bounds a treebank sentence, so that a file without
// empty lines cannot grow one sentence without bound.
const maxSentenceWords = 1000

// ReadTreebank reads sentences written by WriteTreebank; name is the
// input's name in errors, which give its line.
func ReadTreebank(r io.Reader, name string) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	line := 0
	end := func() error {
		if len(cur.Words) == 0 {
			return nil
		}
		for i, h := range cur.Heads {
			if h > len(cur.Words) {
				return fmt.Errorf("%s:%d: word %d has head %d, beyond the sentence's %d words", name, line, i+1, h, len(cur.Words))
			}
		}
		if !IsTree(cur.Heads) {
			return fmt.Errorf("%s:%d: the heads of the sentence before make a cycle", name, line)
		}
		out = append(out, cur)
		cur = Sentence{}
		return nil
	}
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" {
			if err := end(); err != nil {
				return nil, err
			}
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 4 || c[0] == "" || c[1] == "" || c[3] == "" {
			return nil, fmt.Errorf("%s:%d: want word, tag, head and relation separated by tabs, got %q", name, line, l)
		}
		h, err := strconv.Atoi(c[2])
		if err != nil || h < 0 {
			return nil, fmt.Errorf("%s:%d: head %q is not a word number", name, line, c[2])
		}
		if len(cur.Words) == maxSentenceWords {
			return nil, fmt.Errorf("%s:%d: a sentence of more than %d words", name, line, maxSentenceWords)
		}
		cur.Words = append(cur.Words, c[0])
		cur.Tags = append(cur.Tags, c[1])
		cur.Heads = append(cur.Heads, h)
		cur.Labels = append(cur.Labels, c[3])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	if err := end(); err != nil {
		return nil, err
	}
	return out, nil
}

// IsTree reports whether heads (1-based, 0: root) lead every word to the
// root without a cycle.
func IsTree(heads []int) bool {
	for i := range heads {
		k, steps := i+1, 0
		for k != 0 {
			if k < 0 || k > len(heads) || steps > len(heads) {
				return false
			}
			k = heads[k-1]
			steps++
		}
	}
	return true
}

// Projective reports whether no two arcs of the tree cross: every word
// between a word and its head descends from that head.
func Projective(heads []int) bool {
	descends := func(d, h int) bool { // word d (1-based) descends from h
		for steps := 0; d != 0 && steps <= len(heads); steps++ {
			if d == h {
				return true
			}
			d = heads[d-1]
		}
		return h == 0
	}
	for i, h := range heads {
		d := i + 1
		lo, hi := min(d, h), max(d, h)
		for k := lo + 1; k < hi; k++ {
			if !descends(k, h) {
				return false
			}
		}
	}
	return true
}

// ReadTreebankFile reads a treebank file, gzip-compressed when its name
// ends in ".gz".
func ReadTreebankFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer z.Close()
		r = z
	}
	return ReadTreebank(r, path)
}
