// Command ewtgen converts the English Web Treebank of Universal
// Dependencies (UD_English-EWT, CC BY-SA 4.0) into the treebank files the
// syntax package trains and is scored on: data/ewt-train.conll.gz,
// data/ewt-dev.conll.gz and data/ewt-test.conll.gz, the documents of the
// treebank's own file lists, re-tokenized the way sitrep's text layer
// tokenizes.
//
// The release's train file is too large for the snapshots the project can
// fetch, so the converter reads the treebank's per-document sources:
//
//	git --git-dir=$MIRROR archive HEAD not-to-release | tar -x -C /tmp/ewt
//	go run ./syntax/internal/ewtgen -ewt /tmp/ewt/not-to-release -out syntax/data
//
// Each sentence's text is rebuilt from its words (SpaceAfter=No) and cut
// into tokens by text.Tokenize. A token holding several of the treebank's
// words takes the tag, head and relation of the one whose head lies
// outside the token; a word cut into several tokens heads its later pieces
// ("dep"). Sentences whose tree this breaks (a cycle) or that are not
// projective are left out, and counted on stderr.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sitrep/syntax"
	"sitrep/text"
)

func main() {
	ewt := flag.String("ewt", "/tmp/ewt/not-to-release", "the treebank's not-to-release folder (file-lists/ and sources/)")
	out := flag.String("out", "data", "folder to write ewt-{train,dev,test}.conll.gz in")
	flag.Parse()
	for _, split := range []string{"train", "dev", "test"} {
		if err := convert(*ewt, split, filepath.Join(*out, "ewt-"+split+".conll.gz")); err != nil {
			slog.Error("ewtgen", "split", split, "err", err)
			os.Exit(1)
		}
	}
}

// word is one syntactic word of the treebank with the byte span of its
// surface form in the rebuilt sentence text.
type word struct {
	form, upos, rel string
	head            int // 1-based, 0: root
	start, end      int
}

// udSentence is one sentence of the treebank: its rebuilt text and words.
type udSentence struct {
	text  string
	words []word
}

// convert writes the sentences of one split's documents.
func convert(dir, split, path string) error {
	list, err := os.ReadFile(filepath.Join(dir, "file-lists", "files."+split))
	if err != nil {
		return err
	}
	var sents []syntax.Sentence
	var dropped, total int
	for _, name := range strings.Fields(string(list)) {
		src := filepath.Join(dir, "sources", name)
		f, err := os.Open(src)
		if err != nil {
			return err
		}
		ws, err := readCoNLLU(f, src)
		f.Close()
		if err != nil {
			return err
		}
		for _, s := range ws {
			total++
			if st, ok := retokenize(s); ok {
				sents = append(sents, st)
			} else {
				dropped++
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	if err := syntax.WriteTreebank(bw, sents); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%s: %d sentences written, %d of %d left out (cycle or not projective)\n", path, len(sents), dropped, total)
	return f.Close()
}

// readCoNLLU reads the sentences of CoNLL-U input (path names it in
// errors) as words with their spans in the text rebuilt from the surface
// forms.
func readCoNLLU(r io.Reader, path string) ([]udSentence, error) {
	var out []udSentence
	var cur udSentence
	var b strings.Builder
	rangeEnd, rangeStart := 0, 0 // a multiword token being read: its last word's id and its span start
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" {
			if len(cur.words) > 0 {
				if err := checkHeads(cur.words); err != nil {
					return nil, fmt.Errorf("%s:%d: %w", path, line, err)
				}
				cur.text = strings.TrimRight(b.String(), " ")
				out = append(out, cur)
			}
			cur, rangeEnd = udSentence{}, 0
			b.Reset()
			continue
		}
		if strings.HasPrefix(l, "#") {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 10 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 10", path, line, len(c))
		}
		space := !strings.Contains(c[9], "SpaceAfter=No")
		if lo, hi, ok := strings.Cut(c[0], "-"); ok { // a multiword token: its surface form
			a, _ := strconv.Atoi(lo)
			z, _ := strconv.Atoi(hi)
			if a <= 0 || z < a {
				return nil, fmt.Errorf("%s:%d: bad range %q", path, line, c[0])
			}
			rangeStart = b.Len()
			b.WriteString(c[1])
			rangeEnd = z
			if space {
				b.WriteByte(' ')
			}
			continue
		}
		if strings.Contains(c[0], ".") {
			continue // an empty node of the enhanced graph
		}
		id, err := strconv.Atoi(c[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad id %q", path, line, c[0])
		}
		head, err := strconv.Atoi(c[6])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad head %q", path, line, c[6])
		}
		w := word{form: c[1], upos: c[3], rel: c[7], head: head}
		if id <= rangeEnd {
			// a word of a multiword token: the span of the token's text
			// matching the word's form, else the whole token's
			tok := strings.TrimRight(b.String()[rangeStart:], " ")
			w.start, w.end = rangeStart, rangeStart+len(tok)
			if k := strings.Index(strings.ToLower(tok), strings.ToLower(c[1])); k >= 0 {
				w.start, w.end = rangeStart+k, rangeStart+k+len(c[1])
			}
		} else {
			w.start = b.Len()
			b.WriteString(c[1])
			w.end = b.Len()
			if space {
				b.WriteByte(' ')
			}
		}
		cur.words = append(cur.words, w)
		if len(cur.words) != id {
			return nil, fmt.Errorf("%s:%d: word %d out of order", path, line, id)
		}
		if id == rangeEnd {
			rangeEnd = 0
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(cur.words) > 0 {
		if err := checkHeads(cur.words); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		cur.text = strings.TrimRight(b.String(), " ")
		out = append(out, cur)
	}
	return out, nil
}

// checkHeads reports a head beyond the sentence's words or below 0.
func checkHeads(ws []word) error {
	for i, w := range ws {
		if w.head < 0 || w.head > len(ws) {
			return fmt.Errorf("word %d of the sentence before has head %d, beyond its %d words", i+1, w.head, len(ws))
		}
	}
	return nil
}

// retokenize cuts the sentence into sitrep's tokens and projects the tree
// onto them; ok is false when the projected tree has a cycle or is not
// projective.
func retokenize(s udSentence) (syntax.Sentence, bool) {
	toks := text.Tokenize(s.text, 0, len(s.text))
	n := len(toks)
	if n == 0 {
		return syntax.Sentence{}, false
	}
	overlaps := func(k int, w word) bool { return toks[k].End > w.start && toks[k].Start < w.end }
	tokOf := make([]int, len(s.words)) // each word's first token
	for i, w := range s.words {
		tokOf[i] = -1
		for k := range toks {
			if overlaps(k, w) {
				tokOf[i] = k
				break
			}
		}
		if tokOf[i] < 0 { // an empty span: with the word before
			tokOf[i] = 0
			if i > 0 {
				tokOf[i] = tokOf[i-1]
			}
		}
	}
	headWord := make([]int, n)
	for k := range headWord {
		headWord[k] = -1
	}
	for i, w := range s.words {
		k := tokOf[i]
		if headWord[k] < 0 && (w.head == 0 || tokOf[w.head-1] != k) {
			headWord[k] = i
		}
	}
	st := syntax.Sentence{Words: make([]string, n), Tags: make([]string, n), Heads: make([]int, n), Labels: make([]string, n)}
	for k := range toks {
		st.Words[k] = toks[k].Text
		if hw := headWord[k]; hw >= 0 {
			w := s.words[hw]
			st.Tags[k], st.Labels[k] = w.upos, w.rel
			if w.head > 0 {
				st.Heads[k] = tokOf[w.head-1] + 1
			}
			continue
		}
		// a later piece of a word the tokenizer cut: headed by the first
		wi := -1
		for i, w := range s.words {
			if overlaps(k, w) {
				wi = i
				break
			}
		}
		if wi < 0 || tokOf[wi] == k {
			return syntax.Sentence{}, false
		}
		st.Tags[k], st.Labels[k], st.Heads[k] = s.words[wi].upos, "dep", tokOf[wi]+1
	}
	return st, syntax.IsTree(st.Heads) && syntax.Projective(st.Heads)
}
