package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one tokenized sentence with its IOB2 tags (Tags may be nil
// for untagged text).
type Sentence struct {
	Words []string
	Tags  []string
}

// ReadCoNLL reads a CoNLL column file: one token per line, the token in the
// first column and the entity tag in the last, blank lines between
// sentences; -DOCSTART- lines are skipped. A file with one column has no
// tags. IOB1 tags are converted to IOB2. name is used in error messages.
func ReadCoNLL(r io.Reader, name string) ([]Sentence, error) {
	s, _, err := readCoNLL(r, name)
	return s, err
}

// ReadCoNLLDocuments is ReadCoNLL keeping the documents: a new one starts
// at every -DOCSTART- line. A file without such lines is one document.
func ReadCoNLLDocuments(r io.Reader, name string) ([][]Sentence, error) {
	s, starts, err := readCoNLL(r, name)
	if err != nil {
		return nil, err
	}
	var docs [][]Sentence
	starts = append(starts, len(s))
	prev := 0
	for _, st := range starts {
		if st > prev {
			docs = append(docs, s[prev:st])
		}
		prev = st
	}
	return docs, nil
}

// readCoNLL also returns the sentence numbers at which documents start.
func readCoNLL(r io.Reader, name string) ([]Sentence, []int, error) {
	var starts []int
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var out []Sentence
	var cur Sentence
	tagged := -1 // unknown until the first token line
	flush := func() {
		if len(cur.Words) > 0 {
			if cur.Tags != nil {
				cur.Tags = ToIOB2(cur.Tags)
			}
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flush()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			starts = append(starts, len(out))
			continue
		}
		has := len(fields) > 1
		switch {
		case tagged == -1:
			tagged = 0
			if has {
				tagged = 1
			}
		case (tagged == 1) != has:
			return nil, nil, fmt.Errorf("%s:%d: %d columns, but earlier lines had %s", name, line, len(fields), map[bool]string{true: "one", false: "several"}[tagged == 0])
		}
		cur.Words = append(cur.Words, fields[0])
		if has {
			tag := fields[len(fields)-1]
			if !validTag(tag) {
				return nil, nil, fmt.Errorf("%s:%d: bad entity tag %q (want O, B-TYPE or I-TYPE)", name, line, tag)
			}
			cur.Tags = append(cur.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	flush()
	return out, starts, nil
}

func validTag(t string) bool {
	if t == "O" {
		return true
	}
	return len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-'
}

// validLabel reports whether t is a model label: IOB2 or BILOU.
func validLabel(t string) bool {
	if t == "O" {
		return true
	}
	return len(t) > 2 && strings.IndexByte("BILU", t[0]) >= 0 && t[1] == '-'
}

// toBILOU returns IOB2 tags in BILOU: an entity's last token is L-, a
// one-token entity U-.
func toBILOU(tags []string) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t
		if t == "O" {
			continue
		}
		ends := i+1 == len(tags) || tags[i+1][0] != 'I' || tags[i+1][2:] != t[2:]
		switch {
		case t[0] == 'B' && ends:
			out[i] = "U" + t[1:]
		case t[0] == 'I' && ends:
			out[i] = "L" + t[1:]
		}
	}
	return out
}

// ToIOB2 returns tags in IOB2: an I- tag that does not continue an entity of
// its type (IOB1's first token) becomes B-. Tags that are already IOB2 are
// returned unchanged (in a new slice).
func ToIOB2(tags []string) []string {
	out := make([]string, len(tags))
	prev := "O"
	for i, t := range tags {
		if strings.HasPrefix(t, "I-") && (prev == "O" || prev[2:] != t[2:]) {
			t = "B-" + t[2:]
		}
		out[i] = t
		prev = t
	}
	return out
}
