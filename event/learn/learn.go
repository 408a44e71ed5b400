// Package learn is the learner of sitrep's event coder: multiclass
// averaged perceptrons over hashed sparse features, trained reproducibly
// (a fixed seed gives byte-identical models), and a compact binary format
// for the models, several to a file.
//
// A feature is a 32-bit hash of a template id and its values (see Hash).
// A model keeps, for each feature it learned, the weights of the classes
// that feature ever moved; scoring sums them.
package learn

import (
	"math"
	"math/rand/v2"
	"sort"
)

// Hash builds a feature hash (FNV-1a, 32 bits) from a template id and
// values, without allocating: learn.New(3).Str(w).Int(d).Sum().
type Hash uint32

const (
	fnvOffset32 = 2166136261
	fnvPrime32  = 16777619
)

// New starts the hash of a feature of template t.
func New(t byte) Hash { return (fnvOffset32 ^ Hash(t)) * fnvPrime32 }

// Str adds a string value.
func (h Hash) Str(s string) Hash {
	for i := 0; i < len(s); i++ {
		h = (h ^ Hash(s[i])) * fnvPrime32
	}
	return (h ^ 0xff) * fnvPrime32 // a separator: ("ab","c") differs from ("a","bc")
}

// Int adds an integer value.
func (h Hash) Int(v int) Hash {
	u := uint32(v)
	for k := 0; k < 4; k++ {
		h = (h ^ Hash(u&0xff)) * fnvPrime32
		u >>= 8
	}
	return h
}

// Sum returns the feature.
func (h Hash) Sum() uint32 { return uint32(h) }

// Example is one training instance: its features, its class, and the
// classes it may take (nil: any).
type Example struct {
	Features []uint32
	Label    int
	Allowed  []int
}

// Options control training.
type Options struct {
	Epochs int    // passes over the examples
	Seed   uint64 // shuffling seed
	// MinWeight drops a feature whose averaged weights are all smaller
	// than this in magnitude (0: keep every feature).
	MinWeight float32
}

// Train learns an averaged perceptron over examples with the named
// classes. The examples are visited in an order shuffled by opts.Seed, so
// the same examples and options give the same model.
func Train(classes []string, examples []Example, opts Options) *Model {
	n := len(classes)
	w := map[uint32][]float32{}   // current weights
	acc := map[uint32][]float32{} // weights times the step they changed at
	step := float32(1)
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	scores := make([]float32, n)
	update := func(f uint32, c int, d float32) {
		ws, ok := w[f]
		if !ok {
			ws = make([]float32, n)
			w[f] = ws
			acc[f] = make([]float32, n)
		}
		ws[c] += d
		acc[f][c] += step * d
	}
	for e := 0; e < opts.Epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := &examples[k]
			clear(scores)
			for _, f := range ex.Features {
				if ws, ok := w[f]; ok {
					for c, v := range ws {
						scores[c] += v
					}
				}
			}
			guess := best(scores, ex.Allowed)
			if guess != ex.Label {
				for _, f := range ex.Features {
					update(f, ex.Label, 1)
					update(f, guess, -1)
				}
			}
			step++
		}
	}
	avg := make(map[uint32][]float32, len(w))
	for f, ws := range w {
		a := make([]float32, n)
		for c := range ws {
			a[c] = ws[c] - acc[f][c]/step
		}
		avg[f] = a
	}
	return fromDense(classes, avg, opts.MinWeight)
}

// fromDense builds a model from each feature's weights per class, keeping
// the weights at least min in magnitude (and not 0), features in
// increasing order.
func fromDense(classes []string, weights map[uint32][]float32, min float32) *Model {
	m := &Model{Classes: append([]string(nil), classes...)}
	keys := make([]uint32, 0, len(weights))
	for f := range weights {
		keys = append(keys, f)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, f := range keys {
		start := len(m.weights)
		for c, v := range weights[f] {
			if v != 0 && float32(math.Abs(float64(v))) >= min {
				m.weights = append(m.weights, weight{class: uint16(c), value: v})
			}
		}
		if len(m.weights) > start {
			m.keys = append(m.keys, f)
			m.starts = append(m.starts, int32(start))
		}
	}
	m.starts = append(m.starts, int32(len(m.weights)))
	m.buildIndex()
	return m
}

// dense returns each feature's weights per class.
func (m *Model) dense() map[uint32][]float32 {
	out := make(map[uint32][]float32, len(m.keys))
	for i, f := range m.keys {
		ws := make([]float32, len(m.Classes))
		for _, w := range m.weightsOf(i) {
			ws[w.class] = w.value
		}
		out[f] = ws
	}
	return out
}

// best returns the highest-scoring class among allowed (all when nil);
// ties go to the lower class.
func best(scores []float32, allowed []int) int {
	b := -1
	if allowed == nil {
		for c, v := range scores {
			if b < 0 || v > scores[b] {
				b = c
			}
		}
		return b
	}
	for _, c := range allowed {
		if b < 0 || scores[c] > scores[b] || scores[c] == scores[b] && c < b {
			b = c
		}
	}
	return b
}

// Model is a trained perceptron: for each feature, the averaged weights
// of the classes it moved. The zero Model has no classes.
type Model struct {
	Classes []string
	keys    []uint32 // sorted
	starts  []int32  // keys[i]'s weights are weights[starts[i]:starts[i+1]]
	weights []weight
	// index finds a feature's row of weights
	index rowIndex
	// single is, for a model of one class whose features have one weight
	// each (a ranker), each feature's weight: Score in one read a feature
	single *valueTable
	// bound is, once BuildBound has run, each feature's largest weight
	// of a class but the first less its weight of the first (BestBound)
	bound *valueTable
}

// buildIndex builds the lookup tables of the features.
func (m *Model) buildIndex() {
	for i := range m.keys {
		if n := m.starts[i+1]; n > m.starts[i] {
			m.weights[n-1].last = true
		}
	}
	m.index = newRowIndex(m.keys, m.starts)
	if len(m.Classes) == 1 && m.oneWeightEach() {
		m.single = newValueTable(m.keys, m.starts, func(i int) float32 { return m.weights[m.starts[i]].value })
	}
}

// oneWeightEach reports whether every feature has at most one weight.
func (m *Model) oneWeightEach() bool {
	for i := range m.keys {
		if m.starts[i+1]-m.starts[i] > 1 {
			return false
		}
	}
	return true
}

// weightsOf returns the weights of feature keys[i].
func (m *Model) weightsOf(i int) []weight { return m.weights[m.starts[i]:m.starts[i+1]] }

// BuildBound prepares BestBound: for each feature, its largest weight of
// a class other than the first (0 for a class it has none of) less its
// weight of the first class.
func (m *Model) BuildBound() {
	m.bound = newValueTable(m.keys, m.starts, func(i int) float32 {
		first, best := float32(0), float32(math.Inf(-1))
		seen := 0
		for _, w := range m.weightsOf(i) {
			if w.class == 0 {
				first = w.value
				continue
			}
			seen++
			best = max(best, w.value)
		}
		if seen < len(m.Classes)-1 {
			best = max(best, 0) // a class it has no weight of scores 0
		}
		return best - first
	})
}

// BestBound returns a number no smaller than the best score of a class
// other than the first less the score of the first (up to rounding), in
// one read a feature: a sum of the features' own bounds (BuildBound, which
// must have run), since the best of sums is at most the sum of bests.
func (m *Model) BestBound(features []uint32) float32 { return m.bound.sum(features) }

// Each calls fn for every weight of the model: its feature, class and
// value, features in increasing order (for building other look-up
// structures from a model).
func (m *Model) Each(fn func(feature uint32, class int, value float32)) {
	for i, f := range m.keys {
		for _, w := range m.weightsOf(i) {
			fn(f, int(w.class), w.value)
		}
	}
}

// Features returns how many features the model holds weights for.
func (m *Model) Features() int { return len(m.keys) }

// Scores fills scores (one per class, len(m.Classes)) for the features.
func (m *Model) Scores(features []uint32, scores []float32) {
	clear(scores)
	if len(m.index.slots) == 0 {
		return // the zero Model
	}
	var rows [lookupBatch]int32
	var first [lookupBatch]weight
	for len(features) > 0 {
		batch := features[:min(len(features), lookupBatch)]
		features = features[len(batch):]
		m.findRows(batch, &rows, &first)
		for k := range batch {
			r := rows[k]
			if r < 0 {
				continue
			}
			w := first[k]
			scores[w.class] += w.value
			for !w.last {
				r++
				w = m.weights[r]
				scores[w.class] += w.value
			}
		}
	}
}

// Best returns the best class among allowed (nil: any) for the features,
// using scores (len(m.Classes)) as scratch space.
func (m *Model) Best(features []uint32, allowed []int, scores []float32) int {
	m.Scores(features, scores)
	return best(scores, allowed)
}

// Class returns the index of the named class, or -1.
func (m *Model) Class(name string) int {
	for i, c := range m.Classes {
		if c == name {
			return i
		}
	}
	return -1
}

// Choice is one ranking instance: the feature lists of its candidates and
// the index of the right one.
type Choice struct {
	Candidates [][]uint32
	Gold       int
}

// TrainRanker learns an averaged perceptron that scores candidates so that
// the right one of each choice scores highest; the model has one class,
// "score". Choices are visited in an order shuffled by opts.Seed.
func TrainRanker(choices []Choice, opts Options) *Model {
	w := map[uint32]float32{}
	acc := map[uint32]float32{}
	step := float32(1)
	order := make([]int, len(choices))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	score := func(fs []uint32) float32 {
		var s float32
		for _, f := range fs {
			s += w[f]
		}
		return s
	}
	for e := 0; e < opts.Epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ch := &choices[k]
			guess, best := -1, float32(0)
			for ci, fs := range ch.Candidates {
				if s := score(fs); guess < 0 || s > best {
					guess, best = ci, s
				}
			}
			if guess != ch.Gold {
				for _, f := range ch.Candidates[ch.Gold] {
					w[f]++
					acc[f] += step
				}
				for _, f := range ch.Candidates[guess] {
					w[f]--
					acc[f] -= step
				}
			}
			step++
		}
	}
	avg := make(map[uint32][]float32, len(w))
	for f := range w {
		avg[f] = []float32{w[f] - acc[f]/step}
	}
	return fromDense([]string{"score"}, avg, opts.MinWeight)
}

// Score returns a ranker's score of one candidate: the sum of the
// features' weights.
func (m *Model) Score(features []uint32) float32 {
	if m.single != nil {
		return m.single.sum(features)
	}
	var s float32
	for _, f := range features {
		r := m.index.row(f)
		if r < 0 {
			continue
		}
		for k := r; ; k++ {
			s += m.weights[k].value
			if m.weights[k].last {
				break
			}
		}
	}
	return s
}

// Average returns the model whose weights are the mean of the models'
// (which share their classes): an ensemble of perceptrons trained on
// differently shuffled data, steadier than any one of them.
func Average(models ...*Model) *Model {
	if len(models) == 1 {
		return models[0]
	}
	n := len(models[0].Classes)
	sum := map[uint32][]float32{}
	for _, m := range models {
		for i, f := range m.keys {
			ws, ok := sum[f]
			if !ok {
				ws = make([]float32, n)
				sum[f] = ws
			}
			for _, w := range m.weightsOf(i) {
				ws[w.class] += w.value / float32(len(models))
			}
		}
	}
	return fromDense(models[0].Classes, sum, 0)
}

// Prune returns m without the weights smaller than min in magnitude, and
// without the features left with none.
func Prune(m *Model, min float32) *Model { return fromDense(m.Classes, m.dense(), min) }
