package lexicon

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

const goodWords = `# a test file
[f.words]
# some words
a b
c  's ’s

[f.more]
# more words
b d
[f.phrases phrases]
# phrases, one a line
more  than
at least
some
[f.values values]
# values
fall, autumn = FA
north america = North America
[f.numbers numbers]
# numbers
sep, sept = 9
may = 5
`

func TestParseWordLists(t *testing.T) {
	l, err := ParseWordLists(goodWords, "lexicon/data/words/f.txt")
	if err != nil {
		t.Fatal(err)
	}
	names := l.Names()
	sort.Strings(names)
	if want := []string{"f.more", "f.numbers", "f.phrases", "f.values", "f.words"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names %v, want %v", names, want)
	}
	if k := l.Kind("f.phrases"); k != "phrases" {
		t.Errorf("kind %q", k)
	}
	w, err := l.Words("f.words", "f.more")
	if want := Set("a b c 's ’s d"); err != nil || !reflect.DeepEqual(w, want) {
		t.Errorf("Words: %v %v, want %v", w, err, want)
	}
	if w, err := l.Words("f.values", "f.phrases"); err != nil || !w["north america"] || !w["more than"] || !w["autumn"] || w["FA"] {
		t.Errorf("Words of values and phrases: %v %v", w, err)
	}
	p, err := l.Phrases("f.phrases", "f.words")
	if want := [][]string{{"more", "than"}, {"at", "least"}, {"some"}, {"a"}, {"b"}, {"c"}, {"'s"}, {"’s"}}; err != nil || !reflect.DeepEqual(p, want) {
		t.Errorf("Phrases: %v %v, want %v", p, err, want)
	}
	v, err := l.Values("f.values", "f.numbers")
	if want := map[string]string{"fall": "FA", "autumn": "FA", "north america": "North America", "sep": "9", "sept": "9", "may": "5"}; err != nil || !reflect.DeepEqual(v, want) {
		t.Errorf("Values: %v %v, want %v", v, err, want)
	}
	n, err := l.Numbered("f.numbers")
	if want := map[string]int{"sep": 9, "sept": 9, "may": 5}; err != nil || !reflect.DeepEqual(n, want) {
		t.Errorf("Numbered: %v %v, want %v", n, err, want)
	}
	// the wrong kind or a missing list is an error naming the list
	for _, f := range []func() error{
		func() error { _, err := l.Phrases("f.values"); return err },
		func() error { _, err := l.Values("f.words"); return err },
		func() error { _, err := l.Numbered("f.values"); return err },
		func() error { _, err := l.Words("f.none"); return err },
	} {
		if err := f(); err == nil || !strings.Contains(err.Error(), `"f.`) {
			t.Errorf("want an error naming the list, got %v", err)
		}
	}
	// two values for one key
	l2, err := ParseWordLists("[g.a numbers]\n# a\nx = 1\n[g.b numbers]\n# b\nx = 2\n", "g.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l2.Numbered("g.a", "g.b"); err == nil {
		t.Error("two values for x: no error")
	}
}

func TestParseWordListsErrors(t *testing.T) {
	for _, c := range []struct {
		data string
		line int
		what string
	}{
		{"x y\n", 1, "before the first"},
		{"# c\n\n[f.a]\nword\n", 3, "comment line"},
		{"[f.a]\n", 1, "comment line"},
		{"[f.a]\n# c\n[f.b]\n# d\nx\n", 1, "empty"},
		{"[f.a]\n# c\n", 1, "empty"},
		{"[f.a]\n# c\na b\n\nc a\n", 5, "twice"},
		{"[g.a]\n# c\na\n", 1, "does not start"},
		{"[f.]\n# c\na\n", 1, "does not start"},
		{"[f.a]\n# c\na\n[f.a]\n# c\nb\n", 4, "defined twice"},
		{"[f.a kinds]\n# c\na\n", 1, "unknown kind"},
		{"[f.a words extra]\n# c\na\n", 1, "want [name]"},
		{"[f.a\n# c\na\n", 1, "want [name]"},
		{"[]\n", 1, "want [name]"},
		{"[f.Big]\n# c\na\n", 1, "lower-case"},
		{"[f.a numbers]\n# c\nx = 1\ny = one\n", 4, "whole number"},
		{"[f.a values]\n# c\nx\n", 3, "key, key = value"},
		{"[f.a values]\n# c\nx =\n", 3, "key, key = value"},
		{"[f.a values]\n# c\n = v\n", 3, "empty entry"},
		{"[f.a values]\n# c\nx, , y = v\n", 3, "empty entry"},
		{"[f.a values]\n# c\nx, y = v\ny = w\n", 4, "twice"},
		{"[f.a phrases]\n# c\nmore than\nmore   than\n", 4, "twice"},
	} {
		_, err := ParseWordLists(c.data, "lexicon/data/words/f.txt")
		if err == nil {
			t.Errorf("%q: no error", c.data)
			continue
		}
		if want := "lexicon/data/words/f.txt:" + strconv.Itoa(c.line) + ":"; !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), c.what) {
			t.Errorf("%q: %v, want %s ... %s", c.data, err, want, c.what)
		}
	}
}

func TestLoadWordFiles(t *testing.T) {
	good := fstest.MapFS{
		"words/a.txt":     {Data: []byte("[a.x]\n# x\nx y\n")},
		"words/b.txt":     {Data: []byte("[b.x phrases]\n# x\nx y\n")},
		"words/notes.md":  {Data: []byte("not a list")},
		"words/sub/c.txt": {Data: []byte("[c.x]\n# x\nx\n")},
	}
	l, err := loadWordFiles(good, "words")
	if err != nil {
		t.Fatal(err)
	}
	if names := l.Names(); len(names) != 2 {
		t.Errorf("names %v, want a.x and b.x", names)
	}
	bad := fstest.MapFS{
		"words/a.txt": {Data: []byte("[a.x]\n# x\nx y\n")},
		"words/b.txt": {Data: []byte("[b.x]\n# x\nx y x\n")},
	}
	if _, err := loadWordFiles(bad, "words"); err == nil || !strings.HasPrefix(err.Error(), "lexicon/words/b.txt:3:") {
		t.Errorf("bad file: %v, want an error at lexicon/words/b.txt:3", err)
	}
	if _, err := loadWordFiles(fstest.MapFS{}, "words"); err == nil {
		t.Error("no directory: no error")
	}
}

func TestEmbeddedWordLists(t *testing.T) {
	l, err := LoadWordLists()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Names()) == 0 {
		t.Fatal("no word lists")
	}
	if err := WordsErr(); err != nil {
		t.Error(err)
	}
	if !Words("shared.be-forms")["was"] || Numbered("shared.months")["may"] != 5 || Values("when.seasons")["autumn"] != "FA" {
		t.Error("a shared word is missing")
	}
	if p := Phrases("shared.approximators"); len(p) == 0 || strings.Join(p[0], " ") != "no more than" {
		t.Errorf("approximators: %v", p)
	}
	// lists come back as copies: a stage may not change another's
	Words("shared.be-forms")["table"] = true
	if Words("shared.be-forms")["table"] {
		t.Error("Words returned a shared map")
	}
}

func TestWordsErrNamesMissingList(t *testing.T) {
	asked.Lock()
	saved, savedSeen := asked.errs, asked.seen
	asked.errs, asked.seen = nil, nil
	asked.Unlock()
	defer func() {
		asked.Lock()
		asked.errs, asked.seen = saved, savedSeen
		asked.Unlock()
	}()
	if w := Words("shared.no-such-list"); len(w) != 0 {
		t.Errorf("missing list: %v", w)
	}
	Numbered("text.title-abbrevs") // a word list, not numbers
	err := WordsErr()
	if err == nil || !strings.Contains(err.Error(), `"shared.no-such-list"`) || !strings.Contains(err.Error(), `"text.title-abbrevs"`) {
		t.Errorf("WordsErr: %v", err)
	}
}

func TestDotted(t *testing.T) {
	if got, want := Dotted(map[string]int{"jan": 1, "sept": 9}), map[string]int{"jan.": 1, "sept.": 9}; !reflect.DeepEqual(got, want) {
		t.Errorf("Dotted: %v", got)
	}
}

// TestStagesAskForListsThatExist reads the project's Go files for the
// calls lexicon.Words, Phrases, Values and Numbered: every list they name
// must exist with a kind the call reads, and every embedded list must be
// read by some call.
func TestStagesAskForListsThatExist(t *testing.T) {
	l, err := LoadWordLists()
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]func(string) error{
		"Words":    func(n string) error { _, err := l.Words(n); return err },
		"Phrases":  func(n string) error { _, err := l.Phrases(n); return err },
		"Values":   func(n string) error { _, err := l.Values(n); return err },
		"Numbered": func(n string) error { _, err := l.Numbered(n); return err },
	}
	used := map[string]bool{}
	calls := 0
	fset := token.NewFileSet()
	err = filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok || pkg.Name != "lexicon" || read[sel.Sel.Name] == nil {
				return true
			}
			calls++
			for _, a := range call.Args {
				lit, ok := a.(*ast.BasicLit)
				name, err := strconv.Unquote(litValue(lit))
				if !ok || lit.Kind != token.STRING || err != nil {
					t.Errorf("%s: lexicon.%s: name the list with a string literal", fset.Position(a.Pos()), sel.Sel.Name)
					continue
				}
				used[name] = true
				if err := read[sel.Sel.Name](name); err != nil {
					t.Errorf("%s: %v", fset.Position(a.Pos()), err)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 {
		t.Fatal("found no calls of lexicon.Words: is the module root ..?")
	}
	for _, n := range l.Names() {
		if !used[n] {
			t.Errorf("word list %q is read by no stage", n)
		}
	}
}

func litValue(l *ast.BasicLit) string {
	if l == nil {
		return ""
	}
	return l.Value
}

func FuzzParseWordLists(f *testing.F) {
	f.Add(goodWords)
	f.Add("[f.a]\n# c\na b\n")
	f.Add("[f.a values]\n# c\nx, y = v\n")
	f.Add("[f.a numbers]\n# c\nx = 1\n[f.b phrases]\n# d\nmore than\n")
	f.Add("[f.a\n")
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseWordLists(s, "f.txt")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.txt:") {
				t.Errorf("error without file and line: %v", err)
			}
			return
		}
		for _, n := range l.Names() {
			if !strings.HasPrefix(n, "f.") {
				t.Errorf("list %q outside the file's names", n)
			}
			w, err := l.Words(n)
			if err != nil || len(w) == 0 {
				t.Errorf("list %q: %v, %d words", n, err, len(w))
			}
			switch l.Kind(n) {
			case "numbers":
				if _, err := l.Numbered(n); err != nil {
					t.Error(err)
				}
			case "values":
				if _, err := l.Values(n); err != nil {
					t.Error(err)
				}
			default:
				if p, err := l.Phrases(n); err != nil || len(p) != len(w) {
					t.Errorf("list %q: %d phrases, %d words, %v", n, len(p), len(w), err)
				}
			}
		}
	})
}
