package ner

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep/entity/ner/model"
)

// shared is the folder holding eval/ (tests needing it skip without it).
var shared = filepath.Join("..", "..", "..", "shared")

func readSplit(t testing.TB, file string, n int) []Sentence {
	t.Helper()
	path := filepath.Join(shared, "eval", "conll2003", file)
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no CoNLL data: %v", err)
	}
	defer f.Close()
	s, err := ReadCoNLL(f, path)
	if err != nil {
		t.Fatal(err)
	}
	if n > 0 && len(s) > n {
		s = s[:n]
	}
	return s
}

func TestDefault(t *testing.T) {
	// the fastest of three loads, so that other tests running beside this
	// one on a busy machine do not decide the figure
	var m *Model
	took := time.Duration(1 << 62)
	for i := 0; i < 3; i++ {
		start := time.Now()
		var err error
		m, err = Load(bytes.NewReader(model.NER))
		if err != nil {
			t.Fatal(err)
		}
		took = min(took, time.Since(start))
	}
	t.Logf("model: %d bytes, %d features, loaded in %s", len(model.NER), m.tab.n, took)
	if took > 500*time.Millisecond && !testing.Short() {
		// The budget is 100 ms (BenchmarkLoad); fail only when far off.
		t.Errorf("load took %s, want < 100 ms", took)
	}
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(d.Tag(strings.Fields("U.N. official Ekeus heads for Baghdad .")), " ")
	if want := "B-ORG O B-PER O O B-LOC O"; got != want {
		t.Errorf("Tag = %s, want %s", got, want)
	}
}

// TestDefaultDev checks the embedded model on the first 1000 dev sentences.
func TestDefaultDev(t *testing.T) {
	dev := readSplit(t, "dev.txt", 1000)
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s := Evaluate(m, dev)
	t.Logf("dev[:1000] F1 %.2f", s.Total.F1())
	if s.Total.F1() < 86 {
		t.Errorf("dev F1 %.2f < 86", s.Total.F1())
	}
}

func TestTagEdgeCases(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, words := range [][]string{nil, {""}, {"\xff\xfe"}, {"WASHINGTON", "1996-08-22"}, {strings.Repeat("x", 1000)}} {
		if got := m.Tag(words); len(got) != len(words) {
			t.Errorf("Tag(%q) = %q", words, got)
		}
	}
	var nilModel *Model
	if got := nilModel.Tag([]string{"a"}); got[0] != "O" {
		t.Errorf("nil model: %q", got)
	}
}

func TestTrainSmall(t *testing.T) {
	train := readSplit(t, "train.txt", 1500)
	dev := readSplit(t, "dev.txt", 400)
	lex := []LexEntry{{"country", "Germany"}, {"country", "United States"}, {"person", "John"}}
	m, err := Train(t.Context(), train, dev, TrainOptions{Epochs: 2, Seed: 1, Lexicon: lex}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f1 := Evaluate(m, dev).Total.F1()
	t.Logf("small model: dev[:400] F1 %.2f", f1)
	if f1 < 55 {
		t.Errorf("F1 %.2f < 55", f1)
	}
	// Round trip through the file format keeps the tags.
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	diff := 0
	for _, s := range dev {
		a, b := m.Tag(s.Words), m2.Tag(s.Words)
		for i := range a {
			if a[i] != b[i] {
				diff++
			}
		}
	}
	if diff > 5 { // weights are quantized to 16 bits
		t.Errorf("%d tags differ after a round trip", diff)
	}
	if _, err := Train(t.Context(), nil, nil, TrainOptions{}, nil); err == nil {
		t.Error("Train with no data: no error")
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(model.NER[:min(len(model.NER), 4096)])
	f.Add([]byte("SRNERMOD\x01\x00\x00\x00\x10\x00\x00\x00\x10\x00\x00\x00"))
	f.Add([]byte("garbage"))
	small := tinyModel()
	f.Add(small)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Load(bytes.NewReader(b))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v does not wrap ErrFormat", err)
			}
			return
		}
		m.Tag([]string{"A", "b", "C"})
	})
}

// tinyModel returns the bytes of a hand-made model.
func tinyModel() []byte {
	m := &Model{labels: []string{"O", "B-LOC", "I-LOC"}}
	m.res.setClusters(map[string][numLevels]uint16{"Paris": {1, 2, 3}})
	m.res.buildLexicon([]LexEntry{{"city", "New York"}})
	m.tab = newTable(3, 1, 1)
	m.tab.put(hFinal(hStr(hInit(fWord), "Paris")), []float32{0, 1, 0})
	m.init()
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestTinyModel(t *testing.T) {
	m, err := Load(bytes.NewReader(tinyModel()))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.Tag([]string{"to", "Paris"}), " "); got != "O B-LOC" {
		t.Errorf("Tag = %s", got)
	}
	b := tinyModel()
	for _, n := range []int{0, 7, 11, 12, 30, len(b) / 2, len(b) - 1} {
		if _, err := Load(bytes.NewReader(b[:n])); !errors.Is(err, ErrFormat) {
			t.Errorf("truncated to %d: err = %v", n, err)
		}
	}
}

func BenchmarkTag(b *testing.B) {
	sents := readSplit(b, "dev.txt", 0)
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, s := range sents {
		for _, w := range s.Words {
			size += len(w) + 1
		}
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			m.Tag(s.Words)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(model.NER)); err != nil {
			b.Fatal(err)
		}
	}
}

func Example() {
	m, err := Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	words := strings.Fields("Angela Merkel met Emmanuel Macron in Paris on Monday .")
	fmt.Println(m.Tag(words))
	// Output: [B-PER I-PER O B-PER I-PER O B-LOC O O O]
}

func TestTagDocument(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{
		strings.Fields("Prime Minister Mustafa Kadhimi met U.S. officials in Washington on Monday ."),
		strings.Fields("Kadhimi said the talks were useful ."),
		{},
	}
	got := m.TagDocument(doc)
	if len(got) != len(doc) {
		t.Fatalf("%d sentences, want %d", len(got), len(doc))
	}
	for i := range doc {
		if len(got[i]) != len(doc[i]) {
			t.Fatalf("sentence %d: %d tags for %d words", i, len(got[i]), len(doc[i]))
		}
	}
	if got[1][0] != "B-PER" {
		t.Errorf("Kadhimi in the second sentence: %s, want B-PER (%q)", got[1][0], got)
	}
	for i, s := range got {
		if prev := "O"; len(s) > 0 {
			for _, tag := range s {
				if strings.HasPrefix(tag, "I-") && prev[min(2, len(prev)):] != tag[2:] {
					t.Errorf("sentence %d: invalid IOB2 %q", i, s)
				}
				prev = tag
			}
		}
	}
	var nilModel *Model
	if got := nilModel.TagDocument(doc); len(got[0]) != len(doc[0]) || got[0][0] != "O" {
		t.Errorf("nil model: %q", got)
	}
}

func TestReadCoNLLDocuments(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nA B-LOC\n\nb O\n\n-DOCSTART- -X- -X- O\n\nC B-PER\n"
	docs, err := ReadCoNLLDocuments(strings.NewReader(in), "d.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0]) != 2 || len(docs[1]) != 1 || docs[1][0].Words[0] != "C" {
		t.Errorf("docs = %v", docs)
	}
	docs, err = ReadCoNLLDocuments(strings.NewReader("a O\n\nb O\n"), "d.txt")
	if err != nil || len(docs) != 1 || len(docs[0]) != 2 {
		t.Errorf("no DOCSTART: %v, %v", docs, err)
	}
}

func ExampleModel_TagDocument() {
	m, err := Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	tags := m.TagDocument([][]string{
		strings.Fields("Angela Merkel spoke in Berlin ."),
		strings.Fields("The chancellor said Merkel would meet the European Union 's leaders ."),
	})
	fmt.Println(tags)
	// Output: [[B-PER I-PER O O B-LOC O] [O O O B-PER O O O B-ORG I-ORG O O O]]
}

// sections returns the inflated sections of a model file.
func sections(t testing.TB, b []byte) [][]byte {
	var out [][]byte
	b = b[12:]
	for len(b) >= 12 {
		n := binary.LittleEndian.Uint32(b[4:])
		p, err := io.ReadAll(flate.NewReader(bytes.NewReader(b[12 : 12+n])))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
		b = b[12+n:]
	}
	return out
}

// frame writes sections as a model file with valid framing.
func frame(secs ...[]byte) []byte {
	var buf bytes.Buffer
	buf.WriteString(magic)
	buf.Write(binary.LittleEndian.AppendUint32(nil, formatVersion))
	for _, p := range secs {
		var z bytes.Buffer
		zw, _ := flate.NewWriter(&z, flate.BestSpeed)
		zw.Write(p)
		zw.Close()
		var hdr [12]byte
		binary.LittleEndian.PutUint32(hdr[0:], uint32(len(p)))
		binary.LittleEndian.PutUint32(hdr[4:], uint32(z.Len()))
		binary.LittleEndian.PutUint32(hdr[8:], crc32.ChecksumIEEE(p))
		buf.Write(hdr[:])
		buf.Write(z.Bytes())
	}
	return buf.Bytes()
}

// FuzzLoadSections fuzzes the section decoders behind the checksums: the
// inputs are wrapped in valid framing.
func FuzzLoadSections(f *testing.F) {
	s := sections(f, tinyModel())
	if len(s) != 4 {
		f.Fatalf("%d sections", len(s))
	}
	f.Add(s[0], s[1], s[2], s[3])
	f.Add(s[0], []byte{}, []byte{}, []byte{})
	f.Add(s[0], []byte{1, 0, 1, 0, 1, 0}, s[2], []byte{1, 1, 'a', 1, 2, 3})
	f.Fuzz(func(t *testing.T, labels, lex, feats, clusters []byte) {
		m, err := Load(bytes.NewReader(frame(labels, lex, feats, clusters)))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v does not wrap ErrFormat", err)
			}
			return
		}
		m.TagDocument([][]string{{"A", "b", "C"}, {"C"}})
		var out bytes.Buffer
		if _, err := m.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(&out); err != nil {
			t.Fatalf("reloading a loaded model: %v", err)
		}
	})
}
