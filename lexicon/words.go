package lexicon

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/words/*.txt
var wordFiles embed.FS

// listKind is how the lines of a word list read.
type listKind uint8

const (
	wordKind   listKind = iota // [name]: words separated by white space
	phraseKind                 // [name phrases]: one phrase a line
	valueKind                  // [name values]: "key, key = value" lines
	numberKind                 // [name numbers]: like values, whole numbers
)

var kindNames = map[string]listKind{"phrases": phraseKind, "values": valueKind, "numbers": numberKind}

func (k listKind) String() string {
	for n, v := range kindNames {
		if v == k {
			return n
		}
	}
	return "words"
}

// WordLists are named lists of English words read from files of sections
// (see the package documentation). The zero value holds no lists.
type WordLists struct {
	lists map[string]*wordList
}

type wordList struct {
	kind    listKind
	entries []string          // words, phrases or keys, in file order
	values  map[string]string // values and numbers lists: key -> value
}

// Names returns the names of the lists, in no order.
func (l *WordLists) Names() []string {
	out := make([]string, 0, len(l.lists))
	for n := range l.lists {
		out = append(out, n)
	}
	return out
}

// Kind returns the kind of list name ("words", "phrases", "values",
// "numbers"), or "" when there is none.
func (l *WordLists) Kind(name string) string {
	if w, ok := l.lists[name]; ok {
		return w.kind.String()
	}
	return ""
}

// list returns list name if it is of one of kinds.
func (l *WordLists) list(name string, kinds ...listKind) (*wordList, error) {
	w, ok := l.lists[name]
	if !ok {
		return nil, fmt.Errorf("lexicon: no word list %q", name)
	}
	for _, k := range kinds {
		if w.kind == k {
			return w, nil
		}
	}
	return nil, fmt.Errorf("lexicon: word list %q holds %s, not %s", name, w.kind, kinds[0])
}

// Words returns the union of the named lists as a set: the words of word
// lists, the phrases of phrase lists, the keys of value and number lists.
func (l *WordLists) Words(names ...string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, n := range names {
		w, err := l.list(n, wordKind, phraseKind, valueKind, numberKind)
		if err != nil {
			return out, err
		}
		for _, e := range w.entries {
			out[e] = true
		}
	}
	return out, nil
}

// Phrases returns the entries of the named word and phrase lists, each
// split into its words, in file order and the order of names, each once.
func (l *WordLists) Phrases(names ...string) ([][]string, error) {
	var out [][]string
	seen := map[string]bool{}
	for _, n := range names {
		w, err := l.list(n, phraseKind, wordKind)
		if err != nil {
			return out, err
		}
		for _, e := range w.entries {
			if !seen[e] {
				seen[e] = true
				out = append(out, strings.Fields(e))
			}
		}
	}
	return out, nil
}

// Values returns the union of the named value (or number) lists: key to
// value. A key the lists give two values is an error.
func (l *WordLists) Values(names ...string) (map[string]string, error) {
	out := map[string]string{}
	for _, n := range names {
		w, err := l.list(n, valueKind, numberKind)
		if err != nil {
			return out, err
		}
		for _, k := range w.entries {
			if v, dup := out[k]; dup && v != w.values[k] {
				return out, fmt.Errorf("lexicon: %q has two values in word lists %q", k, names)
			}
			out[k] = w.values[k]
		}
	}
	return out, nil
}

// Numbered returns the union of the named number lists: key to number.
func (l *WordLists) Numbered(names ...string) (map[string]int, error) {
	out := map[string]int{}
	for _, n := range names {
		w, err := l.list(n, numberKind)
		if err != nil {
			return out, err
		}
		for _, k := range w.entries {
			v, _ := strconv.Atoi(w.values[k]) // checked when parsed
			if old, dup := out[k]; dup && old != v {
				return out, fmt.Errorf("lexicon: %q has two values in word lists %q", k, names)
			}
			out[k] = v
		}
	}
	return out, nil
}

// ParseWordLists reads one file of word lists. file is its path
// ("lexicon/data/words/event.txt"), which errors name; every list's name
// must start with the file's base name and a dot ("event.preps").
func ParseWordLists(data, file string) (*WordLists, error) {
	prefix := strings.TrimSuffix(path.Base(file), ".txt") + "."
	l := &WordLists{lists: map[string]*wordList{}}
	var (
		cur     *wordList
		curName string
		curLine int
		needDoc bool // the line after a header must be a comment
		seen    map[string]bool
	)
	closeList := func() error {
		if cur != nil && len(cur.entries) == 0 {
			return fmt.Errorf("%s:%d: word list %q is empty", file, curLine, curName)
		}
		return nil
	}
	add := func(i int, e string) error {
		if e == "" {
			return fmt.Errorf("%s:%d: empty entry", file, i+1)
		}
		if seen[e] {
			return fmt.Errorf("%s:%d: %q is listed twice in %q", file, i+1, e, curName)
		}
		seen[e] = true
		cur.entries = append(cur.entries, e)
		return nil
	}
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if line[0] == '#' {
			needDoc = false
			continue
		}
		if needDoc {
			return nil, fmt.Errorf("%s:%d: word list %q wants a comment line saying what it is", file, curLine, curName)
		}
		if line[0] == '[' {
			if err := closeList(); err != nil {
				return nil, err
			}
			name, kind, err := parseHeader(line, prefix)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", file, i+1, err)
			}
			if _, dup := l.lists[name]; dup {
				return nil, fmt.Errorf("%s:%d: word list %q is defined twice", file, i+1, name)
			}
			cur = &wordList{kind: kind}
			if kind == valueKind || kind == numberKind {
				cur.values = map[string]string{}
			}
			l.lists[name] = cur
			curName, curLine, needDoc, seen = name, i+1, true, map[string]bool{}
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("%s:%d: words before the first [list] header", file, i+1)
		}
		switch cur.kind {
		case wordKind:
			for _, w := range strings.Fields(line) {
				if err := add(i, w); err != nil {
					return nil, err
				}
			}
		case phraseKind:
			if err := add(i, strings.Join(strings.Fields(line), " ")); err != nil {
				return nil, err
			}
		default:
			keys, value, ok := strings.Cut(line, "=")
			value = strings.TrimSpace(value)
			if !ok || value == "" {
				return nil, fmt.Errorf("%s:%d: want key, key = value", file, i+1)
			}
			if cur.kind == numberKind {
				if _, err := strconv.Atoi(value); err != nil {
					return nil, fmt.Errorf("%s:%d: %q is no whole number", file, i+1, value)
				}
			}
			for _, k := range strings.Split(keys, ",") {
				k = strings.Join(strings.Fields(k), " ")
				if err := add(i, k); err != nil {
					return nil, err
				}
				cur.values[k] = value
			}
		}
	}
	if needDoc {
		return nil, fmt.Errorf("%s:%d: word list %q wants a comment line saying what it is", file, curLine, curName)
	}
	if err := closeList(); err != nil {
		return nil, err
	}
	return l, nil
}

// parseHeader reads "[name]" or "[name kind]".
func parseHeader(line, prefix string) (string, listKind, error) {
	if !strings.HasSuffix(line, "]") {
		return "", 0, errors.New("want [name] or [name kind]")
	}
	f := strings.Fields(line[1 : len(line)-1])
	if len(f) == 0 || len(f) > 2 {
		return "", 0, errors.New("want [name] or [name kind]")
	}
	name, kind := f[0], wordKind
	if len(f) == 2 {
		k, ok := kindNames[f[1]]
		if !ok {
			return "", 0, fmt.Errorf("unknown kind %q: want phrases, values or numbers", f[1])
		}
		kind = k
	}
	if !strings.HasPrefix(name, prefix) || len(name) == len(prefix) {
		return "", 0, fmt.Errorf("list name %q does not start with %q", name, prefix)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return "", 0, fmt.Errorf("list name %q: want lower-case letters, digits, '-' and '.'", name)
		}
	}
	return name, kind, nil
}

// LoadWordLists returns the embedded word lists (data/words/*.txt), read
// and validated once.
var LoadWordLists = sync.OnceValues(func() (*WordLists, error) {
	return loadWordFiles(wordFiles, "data/words")
})

// loadWordFiles reads every .txt file of dir in fsys, in name order.
func loadWordFiles(fsys fs.FS, dir string) (*WordLists, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	all := &WordLists{lists: map[string]*wordList{}}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		l, err := ParseWordLists(string(b), "lexicon/"+dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		for n, w := range l.lists {
			if _, dup := all.lists[n]; dup {
				return nil, fmt.Errorf("lexicon/%s/%s: word list %q is defined in two files", dir, e.Name(), n)
			}
			all.lists[n] = w
		}
	}
	return all, nil
}

// asked holds the errors of the lists stages asked for and did not get.
var asked struct {
	sync.Mutex
	errs []error
	seen map[string]bool
}

func record(err error) {
	if err == nil {
		return
	}
	asked.Lock()
	defer asked.Unlock()
	if asked.seen == nil {
		asked.seen = map[string]bool{}
	}
	if !asked.seen[err.Error()] {
		asked.seen[err.Error()] = true
		asked.errs = append(asked.errs, err)
	}
}

// WordsErr returns the error of loading the embedded word lists, or of the
// lists asked for through Words, Phrases, Values and Numbered that are
// missing or of another kind; nil when every list asked for so far was
// there. A stage reads its lists into package variables and its Run
// returns WordsErr before it works, the way it returns LoadNumbers' error.
func WordsErr() error {
	if _, err := LoadWordLists(); err != nil {
		return err
	}
	asked.Lock()
	defer asked.Unlock()
	return errors.Join(asked.errs...)
}

// Words returns the union of the named embedded lists as a new set (see
// WordLists.Words). It never fails: where the lists do not load or a name
// is missing it returns what it has, and WordsErr reports why.
func Words(names ...string) map[string]bool {
	return fromLists((*WordLists).Words, map[string]bool{}, names)
}

// Phrases returns the entries of the named embedded lists, each split into
// its words (see WordLists.Phrases); errors go to WordsErr.
func Phrases(names ...string) [][]string {
	return fromLists((*WordLists).Phrases, nil, names)
}

// Values returns the union of the named embedded value lists as a new map
// (see WordLists.Values); errors go to WordsErr.
func Values(names ...string) map[string]string {
	return fromLists((*WordLists).Values, map[string]string{}, names)
}

// Numbered returns the union of the named embedded number lists as a new
// map (see WordLists.Numbered); errors go to WordsErr.
func Numbered(names ...string) map[string]int {
	return fromLists((*WordLists).Numbered, map[string]int{}, names)
}

// fromLists reads the named lists of the embedded word lists with get,
// recording an error for WordsErr; empty when the lists do not load.
func fromLists[T any](get func(*WordLists, ...string) (T, error), empty T, names []string) T {
	l, err := LoadWordLists()
	if err != nil {
		return empty
	}
	v, err := get(l, names...)
	record(err)
	return v
}

// Dotted returns the keys of m with a period after each, with their
// values: abbreviations as they are written ("jan" gives "jan.").
func Dotted[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k+"."] = v
	}
	return out
}
