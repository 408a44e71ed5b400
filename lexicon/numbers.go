package lexicon

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/numbers.tsv
var numbersTSV string

// NumberKind is what a number word is (data/numbers.tsv).
type NumberKind uint8

// The kinds of number words.
const (
	Cardinal NumberKind = 1 << iota // "twelve", "ninety"
	Scale                           // "hundred", "million": multiplies what comes before
	Abbrev                          // "mln", "bn": an abbreviated scale
	Dozen                           // "dozen"
	Vague                           // "dozens", "thousands": at least two of the unit
	Informal                        // "a", "an", "half", "couple" as counts
)

var numberKinds = map[string]NumberKind{"cardinal": Cardinal, "scale": Scale, "abbrev": Abbrev, "dozen": Dozen, "vague": Vague, "informal": Informal}

// Numbers holds the number words. The zero value knows none.
type Numbers struct {
	words map[string]numberWord
}

type numberWord struct {
	value float64
	kind  NumberKind
}

// Value returns the value of a lower-case number word if its kind is one
// of kinds (a bit set: Cardinal|Dozen).
func (n *Numbers) Value(word string, kinds NumberKind) (float64, bool) {
	w, ok := n.words[word]
	if !ok || w.kind&kinds == 0 {
		return 0, false
	}
	return w.value, true
}

// Words returns the number words of kinds, sorted.
func (n *Numbers) Words(kinds NumberKind) []string {
	var out []string
	for w, v := range n.words {
		if v.kind&kinds != 0 {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// LoadNumbers returns the embedded number words (data/numbers.tsv), read once.
var LoadNumbers = sync.OnceValues(func() (*Numbers, error) {
	return ParseNumbers(numbersTSV, "lexicon/data/numbers.tsv")
})

// ParseNumbers reads "word<TAB>value<TAB>kind" lines; blank lines and
// lines starting with # are skipped. name is used in errors.
func ParseNumbers(data, name string) (*Numbers, error) {
	n := &Numbers{words: map[string]numberWord{}}
	for i, line := range strings.Split(data, "\n") {
		if line = strings.TrimSpace(line); line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want word<TAB>value<TAB>kind", name, i+1)
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("%s:%d: bad value %q", name, i+1, f[1])
		}
		k, ok := numberKinds[f[2]]
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown kind %q", name, i+1, f[2])
		}
		if _, dup := n.words[f[0]]; dup || f[0] == "" || f[0] != strings.ToLower(f[0]) {
			return nil, fmt.Errorf("%s:%d: word %q is empty, not lower case or listed twice", name, i+1, f[0])
		}
		n.words[f[0]] = numberWord{v, k}
	}
	return n, nil
}
