package learn

import (
	"bytes"
	"testing"
)

// toy returns yes-or-no examples decided by one of two words, with a
// noise word shared by all.
func toy() []Example {
	var exs []Example
	for i := 0; i < 60; i++ {
		w := "yes"
		if i%2 == 1 {
			w = "no"
		}
		exs = append(exs, Example{Features: []uint32{New(1).Str(w).Sum(), New(2).Int(i % 7).Sum()}, Yes: i%2 == 0})
	}
	return exs
}

func TestTrainBinarySeparable(t *testing.T) {
	exs := toy()
	for _, opts := range []Options{{Epochs: 5, Seed: 1}, {Epochs: 5, Seed: 1, Aggressive: 1}} {
		w := TrainBinary(exs, opts)
		for _, ex := range exs {
			if got := w.Score(ex.Features) > 0; got != ex.Yes {
				t.Fatalf("%+v: example %v scored %v, want %v", opts, ex.Features, got, ex.Yes)
			}
		}
	}
}

// TestTrainRankerLatent: with several right candidates, the ranker learns
// to put one of them first.
func TestTrainRankerLatent(t *testing.T) {
	f := func(s string) []uint32 { return []uint32{New(3).Str(s).Sum()} }
	var chs []Choice
	for i := 0; i < 20; i++ {
		chs = append(chs, Choice{
			Parts:      [][]uint32{f("shared")},
			Candidates: []Candidate{{Parts: []int{0}, Own: f("bad")}, {Own: f("good")}, {Own: f("fine")}},
			Right:      []bool{false, true, true},
		})
	}
	w := TrainRanker(chs, Options{Epochs: 3, Seed: 2})
	bad := w.Score(f("bad")) + w.Score(f("shared"))
	if w.Score(f("good")) <= bad && w.Score(f("fine")) <= bad {
		t.Errorf("a wrong candidate scores highest")
	}
}

func TestTrainingIsReproducible(t *testing.T) {
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		w := TrainBinary(toy(), Options{Epochs: 4, Seed: 9})
		if err := Write(buf, &File{Models: map[string]*Weights{"m": w}}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same examples and seed gave different files")
	}
}

func TestWriteRead(t *testing.T) {
	w := TrainBinary(toy(), Options{Epochs: 3, Seed: 1})
	in := &File{
		Models:  map[string]*Weights{"cue": w, "empty": newWeights(nil, 0)},
		Numbers: map[string]float32{"bias": 1.5},
		Lists:   map[string][]string{"words": {"said", "told"}},
	}
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, err := Read(buf.Bytes(), "test")
	if err != nil {
		t.Fatal(err)
	}
	if out.Numbers["bias"] != 1.5 || len(out.Lists["words"]) != 2 || out.Lists["words"][1] != "told" {
		t.Errorf("numbers or lists lost: %+v %+v", out.Numbers, out.Lists)
	}
	got := out.Models["cue"]
	if got.Len() != w.Len() {
		t.Fatalf("%d features, want %d", got.Len(), w.Len())
	}
	for _, ex := range toy() {
		if got.Score(ex.Features) != w.Score(ex.Features) {
			t.Fatalf("scores differ after reading")
		}
	}
	if out.Models["empty"].Score([]uint32{1, 2}) != 0 {
		t.Error("an empty model scores")
	}
}

// TestReadRejectsCorrupt: every prefix of a good file and a few damaged
// ones give an error, never a panic.
func TestReadRejectsCorrupt(t *testing.T) {
	var buf bytes.Buffer
	w := TrainBinary(toy(), Options{Epochs: 2, Seed: 1})
	if err := Write(&buf, &File{Models: map[string]*Weights{"m": w}, Lists: map[string][]string{"l": {"x"}}}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	for n := 0; n < len(b); n++ {
		if _, err := Read(b[:n], "cut"); err == nil {
			t.Fatalf("a file cut to %d bytes reads", n)
		}
	}
	if _, err := Read(append(append([]byte(nil), b...), 0), "long"); err == nil {
		t.Error("trailing bytes read")
	}
	bad := append([]byte(nil), b...)
	bad[len(magic)] = 0xff // a count no file can hold
	if _, err := Read(bad, "bad"); err == nil {
		t.Error("a damaged count reads")
	}
}

func TestBytesHashesAsStr(t *testing.T) {
	if New(0).Bytes([]byte("said")) != New(0).Str("said") {
		t.Error("Bytes and Str hash differently")
	}
}

func TestAverage(t *testing.T) {
	a := TrainBinary(toy(), Options{Epochs: 3, Seed: 1})
	b := TrainBinary(toy(), Options{Epochs: 3, Seed: 2})
	m := Average(a, b)
	f := []uint32{New(1).Str("yes").Sum()}
	if got, want := m.Score(f), (a.Score(f)+b.Score(f))/2; got-want > 1e-5 || want-got > 1e-5 {
		t.Errorf("average scores %v, want %v", got, want)
	}
	if Average(a) != a {
		t.Error("the average of one model is not that model")
	}
}
