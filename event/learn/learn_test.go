package learn

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// toy builds examples whose class is given by one of three words, with a
// noise word shared by all.
func toy() ([]string, []Example) {
	classes := []string{"a", "b", "c"}
	var exs []Example
	for i := 0; i < 60; i++ {
		c := i % 3
		exs = append(exs, Example{Features: []uint32{New(1).Str(classes[c]).Sum(), New(2).Int(i % 7).Sum()}, Label: c})
	}
	return classes, exs
}

func TestTrainLearnsSeparableClasses(t *testing.T) {
	classes, exs := toy()
	m := Train(classes, exs, Options{Epochs: 5, Seed: 1})
	scores := make([]float32, len(classes))
	for _, ex := range exs {
		if got := m.Best(ex.Features, nil, scores); got != ex.Label {
			t.Fatalf("example %v: got class %d, want %d", ex.Features, got, ex.Label)
		}
	}
	// allowed classes restrict the choice
	if got := m.Best(exs[0].Features, []int{1, 2}, scores); got == 0 {
		t.Errorf("Best ignored the allowed classes")
	}
}

func TestTrainIsReproducible(t *testing.T) {
	classes, exs := toy()
	write := func(seed uint64) []byte {
		var b bytes.Buffer
		if err := Write(&b, map[string]*Model{"m": Train(classes, exs, Options{Epochs: 3, Seed: seed})}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(write(7), write(7)) {
		t.Error("the same seed gave different model files")
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	classes, exs := toy()
	m := Train(classes, exs, Options{Epochs: 3, Seed: 2})
	r := TrainRanker([]Choice{{Candidates: [][]uint32{{1}, {2}}, Gold: 1}}, Options{Epochs: 2})
	var b bytes.Buffer
	if err := Write(&b, map[string]*Model{"m": m, "r": r, "params": {Classes: []string{"x=1"}}}); err != nil {
		t.Fatal(err)
	}
	got, err := Read(b.Bytes(), "test")
	if err != nil {
		t.Fatal(err)
	}
	s1, s2 := make([]float32, 3), make([]float32, 3)
	for _, ex := range exs {
		m.Scores(ex.Features, s1)
		got["m"].Scores(ex.Features, s2)
		if s1 != nil && (s1[0] != s2[0] || s1[1] != s2[1] || s1[2] != s2[2]) {
			t.Fatalf("scores differ after reading: %v, %v", s1, s2)
		}
	}
	if got["r"].Score([]uint32{2}) <= got["r"].Score([]uint32{1}) {
		t.Error("the ranker does not rank the right candidate first")
	}
	if got["params"].Classes[0] != "x=1" || got["m"].Class("b") != 1 || got["m"].Class("z") != -1 {
		t.Error("classes lost in the round trip")
	}
	if _, err := Need(got, "nope"); err == nil {
		t.Error("Need found a model the file lacks")
	}
}

func TestReadRefusesBadFiles(t *testing.T) {
	classes, exs := toy()
	var b bytes.Buffer
	Write(&b, map[string]*Model{"m": Train(classes, exs, Options{Epochs: 1})})
	good := b.Bytes()
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a model", []byte("hello"), "not a sitrep model file"},
		{"truncated", good[:len(good)-3], "byte"},
		{"trailing bytes", append(append([]byte(nil), good...), 0), "trailing bytes"},
	} {
		_, err := Read(c.data, "f.bin")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "f.bin") {
			t.Errorf("%s: got %v, want an error naming f.bin and %q", c.name, err, c.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	classes, exs := toy()
	var b bytes.Buffer
	Write(&b, map[string]*Model{"m": Train(classes, exs, Options{Epochs: 1})})
	f.Add(b.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, err := Read(data, "fuzz")
		if err != nil {
			return
		}
		for _, m := range ms {
			m.Scores([]uint32{1, 2, 3}, make([]float32, len(m.Classes)))
		}
	})
}

// TestBestBound checks that BestBound is never below the best score of a
// class but the first less the first's, on random feature lists of a
// model trained on noisy data (features seen and unseen, repeated).
func TestBestBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	classes := []string{"O", "a", "b", "c"}
	var exs []Example
	for range 400 {
		var fs []uint32
		for range 6 {
			fs = append(fs, uint32(rng.IntN(60)))
		}
		exs = append(exs, Example{Features: fs, Label: rng.IntN(len(classes))})
	}
	m := Train(classes, exs, Options{Epochs: 5, Seed: 1})
	m.BuildBound()
	scores := make([]float32, len(classes))
	tight := 0
	for range 2000 {
		var fs []uint32
		for range 1 + rng.IntN(12) {
			fs = append(fs, uint32(rng.IntN(80)))
		}
		m.Scores(fs, scores)
		best := max(scores[1], scores[2], scores[3]) - scores[0]
		b := m.BestBound(fs)
		if b < best-1e-3 {
			t.Fatalf("%v: bound %v below the best margin %v", fs, b, best)
		}
		if b-best < 1e-3 {
			tight++
		}
	}
	if tight == 0 {
		t.Error("the bound is never tight: it bounds nothing useful")
	}
}
