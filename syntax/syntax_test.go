package syntax

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/budget"
	"sitrep/syntax/model"
	"sitrep/text"
)

// Floors of the embedded model on the treebank's test documents (predicted
// tags; punctuation left out of the attachment scores); they only rise.
const (
	floorTags = 93.8
	floorUAS  = 81.5
	floorLAS  = 77.0
)

// TestScoresOnTestDocuments scores the embedded model on the English Web
// Treebank's test documents, which it never trained on.
func TestScoresOnTestDocuments(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	gold, err := ReadTreebankFile("data/ewt-test.conll.gz")
	if err != nil {
		t.Fatal(err)
	}
	sc := m.Evaluate(gold)
	t.Logf("test: %v", sc)
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(b) }
	if got := pct(sc.Tagged, sc.Words); got < floorTags {
		t.Errorf("tagging accuracy %.2f%%, below the floor %.2f%%", got, floorTags)
	}
	if got := pct(sc.UAS, sc.Scored); got < floorUAS {
		t.Errorf("UAS %.2f%%, below the floor %.2f%%", got, floorUAS)
	}
	if got := pct(sc.LAS, sc.Scored); got < floorLAS {
		t.Errorf("LAS %.2f%%, below the floor %.2f%%", got, floorLAS)
	}
}

// TestParseReadsNewsClauses pins the arcs the event stage reads on news
// sentences: subjects, objects, passive agents, the noun after a
// preposition.
func TestParseReadsNewsClauses(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		sentence string
		dep      string // word -> head word: relation
		want     string
	}{
		{"Police arrested two men in Cairo on Tuesday .", "Police", "arrested nsubj"},
		{"Police arrested two men in Cairo on Tuesday .", "men", "arrested obj"},
		{"Police arrested two men on Tuesday .", "Tuesday", "arrested obl"},
		{"The U.S. government blamed Russia for the attacks .", "government", "blamed nsubj"},
		{"The U.S. government blamed Russia for the attacks .", "Russia", "blamed obj"},
		{"The U.S. government blamed Russia for the attacks .", "attacks", "blamed obl"},
		{"The protesters were dispersed by riot police .", "protesters", "dispersed nsubj:pass"},
		{"The protesters were dispersed by riot police .", "police", "dispersed obl"},
		{"Rebels seized the town , killing 12 soldiers .", "killing", "seized advcl"},
		{"Egypt said it would deport the men .", "deport", "said ccomp"},
		{"Israel struck Hamas positions and accused the group of firing rockets .", "accused", "struck conj"},
	}
	var tr Tree
	for _, c := range cases {
		words := strings.Fields(c.sentence)
		m.Parse(words, &tr)
		i := indexOfWord(words, c.dep)
		got := "root " + tr.Labels[i]
		if h := tr.Heads[i]; h > 0 {
			got = words[h-1] + " " + tr.Labels[i]
		}
		if got != c.want {
			t.Errorf("%q: %s is %q, want %q\n%v", c.sentence, c.dep, got, c.want, &tr)
		}
	}
}

func indexOfWord(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

// TestTrainIsReproducible trains twice on a few hundred sentences: the
// same options give the same bytes, and another seed other ones.
func TestTrainIsReproducible(t *testing.T) {
	sents, err := ReadTreebankFile("data/ewt-dev.conll.gz")
	if err != nil {
		t.Fatal(err)
	}
	sents = sents[:300]
	opts := TrainOptions{Epochs: 2, Seed: 1, MinWeight: 0.5}
	write := func(o TrainOptions) []byte {
		m, err := Train(sents, o)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := write(opts), write(opts)
	if !bytes.Equal(a, b) {
		t.Error("two trainings with the same options wrote different models")
	}
	opts.Seed = 2
	if bytes.Equal(a, write(opts)) {
		t.Error("another seed wrote the same model")
	}
	m, err := ReadModel(a, "trained")
	if err != nil {
		t.Fatalf("reading the trained model back: %v", err)
	}
	if sc := m.Evaluate(sents); sc.UAS*2 < sc.Scored {
		t.Errorf("a model trained on 300 sentences attaches %d of %d of them right", sc.UAS, sc.Scored)
	}
}

func TestReadTreebankRefusesBadInput(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"columns", "a\tDET\t0\n", "bad.conll:1: want word, tag, head and relation"},
		{"head", "a\tDET\tx\troot\n", "bad.conll:1: head \"x\""},
		{"beyond", "a\tDET\t3\tdet\n\n", "bad.conll:2: word 1 has head 3"},
		{"cycle", "a\tDET\t2\tdet\nb\tNOUN\t1\tnsubj\n\n", "bad.conll:3: the heads of the sentence before make a cycle"},
		{"empty field", "a\t\t0\troot\n", "bad.conll:1: want word"},
	}
	for _, c := range cases {
		_, err := ReadTreebank(strings.NewReader(c.in), "bad.conll")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	long := strings.Repeat("a\tX\t0\tdep\n", maxSentenceWords+1)
	if _, err := ReadTreebank(strings.NewReader(long), "long"); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a sentence without end: error %v", err)
	}
}

func TestTreebankRoundTrip(t *testing.T) {
	in := []Sentence{{Words: []string{"Police", "fired"}, Tags: []string{"NOUN", "VERB"}, Heads: []int{2, 0}, Labels: []string{"nsubj", "root"}}}
	var b bytes.Buffer
	if err := WriteTreebank(&b, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadTreebank(&b, "round")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(out) != fmt.Sprint(in) {
		t.Errorf("read back %v, wrote %v", out, in)
	}
}

func TestTreeShapes(t *testing.T) {
	cases := []struct {
		heads            []int
		tree, projective bool
	}{
		{[]int{2, 0}, true, true},
		{[]int{2, 1}, false, false},
		{[]int{0, 4, 1, 1}, true, false}, // 2 -> 4 crosses 1 -> 3
		{[]int{0, 1, 2, 3}, true, true},
		{[]int{3}, false, false},
	}
	for _, c := range cases {
		if got := IsTree(c.heads); got != c.tree {
			t.Errorf("IsTree(%v) = %v", c.heads, got)
		}
		if c.tree {
			if got := Projective(c.heads); got != c.projective {
				t.Errorf("Projective(%v) = %v", c.heads, got)
			}
		}
	}
}

// TestModelLoads reads the embedded model within the budget (50 ms on the
// reference machine; slower machines are allowed four times that).
func TestModelLoads(t *testing.T) {
	start, cpu := time.Now(), budget.CPUTime()
	m, err := ReadModel(model.Syntax, "syntax.bin")
	if err != nil {
		t.Fatal(err)
	}
	d, c := time.Since(start), budget.CPUTime()-cpu
	t.Logf("loaded in %v (%v of CPU)", d, c)
	if d > 200*time.Millisecond && c > 200*time.Millisecond {
		t.Errorf("loading the model took %v (%v of CPU)", d, c)
	}
	if len(m.tagger.Classes) != 17 || m.label.Class("nsubj") < 0 || m.label.Class("obl:agent") < 0 {
		t.Errorf("tags %v, relations %v", m.tagger.Classes, m.label.Classes)
	}
}

func TestReadModelRefusesBadFiles(t *testing.T) {
	if _, err := ReadModel([]byte("not a model"), "bad.bin"); err == nil || !strings.Contains(err.Error(), "bad.bin") {
		t.Errorf("error %v, want one naming bad.bin", err)
	}
}

// TestParseGivesATree parses odd inputs: every word gets a head that
// makes a tree, and one word hangs on the root.
func TestParseGivesATree(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var tr Tree
	for _, words := range [][]string{{"."}, {"the", "the", "the"}, strings.Fields("BREAKING : 3 dead , 12 hurt -- police"), {}} {
		m.Parse(words, &tr)
		checkTree(t, words, &tr)
	}
}

func checkTree(t *testing.T, words []string, tr *Tree) {
	t.Helper()
	if len(tr.Heads) != len(words) || len(tr.Tags) != len(words) || len(tr.Labels) != len(words) {
		t.Fatalf("%q: %d heads, %d tags, %d labels", words, len(tr.Heads), len(tr.Tags), len(tr.Labels))
	}
	if !IsTree(tr.Heads) {
		t.Errorf("%q: heads %v make no tree", words, tr.Heads)
	}
	roots := 0
	for _, h := range tr.Heads {
		if h == 0 {
			roots++
		}
	}
	if len(words) > 0 && roots != 1 {
		t.Errorf("%q: %d words on the root", words, roots)
	}
}

func FuzzReadTreebank(f *testing.F) {
	f.Add("Police\tNOUN\t2\tnsubj\nfired\tVERB\t0\troot\n\n")
	f.Add("a\tDET\t2\tdet\nb\tNOUN\t1\tnsubj\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadTreebank(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range sents {
			if !IsTree(s.Heads) {
				t.Fatalf("read a sentence that is no tree: %v", s.Heads)
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Police fired tear gas at protesters in Cairo .")
	f.Add(", , , ( ) --")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		if len(words) > 200 {
			words = words[:200]
		}
		var tr Tree
		m.Parse(words, &tr)
		checkTree(t, words, &tr)
	})
}

// BenchmarkParseReal tags and parses the sentences of the 84 PolNeAR test
// articles (real 2016 news), as the text layer cuts them.
func BenchmarkParseReal(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "eval", "polnear", "test", "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("../shared is not beside the repository")
	}
	var sents [][]string
	size := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		a := text.Analyze(sitrep.NewDocument(text.Normalize(string(raw))))
		for _, s := range a.Sentences {
			sents = append(sents, text.Words(s.Tokens))
		}
		size += len(raw)
	}
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		var tr Tree // a tree a round, as the event stage takes one a document
		for _, s := range sents {
			m.Parse(s, &tr)
		}
	}
}

func ExampleModel_Parse() {
	m, err := Default()
	if err != nil {
		panic(err)
	}
	words := strings.Fields("Police arrested two men .")
	var tr Tree
	m.Parse(words, &tr)
	for i, w := range words {
		head := "ROOT"
		if h := tr.Heads[i]; h > 0 {
			head = words[h-1]
		}
		fmt.Println(w, tr.Tags[i], tr.Labels[i], head)
	}
	// Output:
	// Police NOUN nsubj arrested
	// arrested VERB root ROOT
	// two NUM nummod men
	// men NOUN obj arrested
	// . PUNCT punct arrested
}
