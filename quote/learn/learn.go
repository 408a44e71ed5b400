// Package learn is the learner of sitrep's quote stage: averaged
// perceptrons over hashed sparse features, a binary classifier and a
// ranker whose candidates share parts of their features, trained
// reproducibly (the same examples and seed give byte-identical models),
// and a compact binary file holding the models, named numbers and word
// lists. It imports the standard library only.
//
// A feature is a 32-bit hash of a template id and its values (see Hash);
// a model holds one weight per feature, and a score is the sum of the
// weights of the features present.
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

// Int adds an integer value (its low 32 bits), mixed in one step rather
// than byte by byte: features hash words once and combine the hashes.
func (h Hash) Int(v int) Hash {
	h = (h ^ Hash(uint32(v))) * 0x9E3779B1
	return h ^ h>>15
}

// Sum returns the feature.
func (h Hash) Sum() uint32 { return uint32(h) }

// Weights is a trained linear model: a weight per feature, looked up in an
// open-addressing table. The zero Weights scores every feature list 0.
type Weights struct {
	keys []uint32 // sorted
	vals []float32
	// slots holds each feature in its high 32 bits and its weight's
	// float32 bits in the low 32 (0: empty, for no weight is 0), so that
	// one memory read finds both; its size is a power of two
	slots []uint64
	shift uint
}

// newWeights builds Weights from a feature map, keeping the weights at
// least min in magnitude (and not 0), features in increasing order.
func newWeights(w map[uint32]float32, min float32) *Weights {
	keys := make([]uint32, 0, len(w))
	for f, v := range w {
		if v != 0 && float32(math.Abs(float64(v))) >= min {
			keys = append(keys, f)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	m := &Weights{keys: keys, vals: make([]float32, len(keys))}
	for i, f := range keys {
		m.vals[i] = w[f]
	}
	m.buildIndex()
	return m
}

// buildIndex fills the feature table, at most half full.
func (m *Weights) buildIndex() {
	size, bits := 2, uint(1)
	for size < 2*len(m.keys) {
		size, bits = size*2, bits+1
	}
	m.slots = make([]uint64, size)
	m.shift = 32 - bits
	for i, k := range m.keys {
		j := m.slot(k)
		for m.slots[j] != 0 {
			j = (j + 1) & (len(m.slots) - 1)
		}
		m.slots[j] = uint64(k)<<32 | uint64(math.Float32bits(m.vals[i]))
	}
}

// slot is the first slot where feature f may be.
func (m *Weights) slot(f uint32) int { return int((f * 0x9E3779B1) >> m.shift) }

// Weight returns the weight of feature f (0 when the model lacks it).
func (m *Weights) Weight(f uint32) float32 {
	if len(m.keys) == 0 {
		return 0
	}
	for j := m.slot(f); ; j = (j + 1) & (len(m.slots) - 1) {
		e := m.slots[j]
		if e == 0 {
			return 0
		}
		if uint32(e>>32) == f {
			return math.Float32frombits(uint32(e))
		}
	}
}

// Score returns the sum of the weights of features.
func (m *Weights) Score(features []uint32) float32 {
	var s float32
	for _, f := range features {
		s += m.Weight(f)
	}
	return s
}

// Len returns how many features the model holds weights for.
func (m *Weights) Len() int { return len(m.keys) }

// Options control training.
type Options struct {
	Epochs int    // passes over the examples
	Seed   uint64 // shuffling seed
	// MinWeight drops a feature whose averaged weight is smaller than
	// this in magnitude (0: keep every feature).
	MinWeight float32
	// Margin is the score a yes example must pass (and a no example stay
	// below the negative of) not to update the weights: 0 is the plain
	// perceptron.
	Margin float32
	// Aggressive makes a binary update passive-aggressive (PA-I, at most
	// this large): just large enough to score the example right by a
	// margin of 1. 0: the perceptron's update of 1.
	Aggressive float32
}

// perceptron holds the current and summed weights of an averaged
// perceptron: acc[f] sums the step times each change, so that the
// average is w - acc/step.
type perceptron struct {
	w, acc map[uint32]float32
	step   float32
}

func newPerceptron() *perceptron {
	return &perceptron{w: map[uint32]float32{}, acc: map[uint32]float32{}, step: 1}
}

// score sums the current weights of the parts' features.
func (p *perceptron) score(parts ...[]uint32) float32 {
	var s float32
	for _, fs := range parts {
		for _, f := range fs {
			s += p.w[f]
		}
	}
	return s
}

// update adds d to the weight of every feature of the parts.
func (p *perceptron) update(d float32, parts ...[]uint32) {
	for _, fs := range parts {
		for _, f := range fs {
			p.w[f] += d
			p.acc[f] += p.step * d
		}
	}
}

// average returns the averaged weights.
func (p *perceptron) average(min float32) *Weights {
	avg := make(map[uint32]float32, len(p.w))
	for f, v := range p.w {
		avg[f] = v - p.acc[f]/p.step
	}
	return newWeights(avg, min)
}

// order returns 0..n-1 shuffled by rng.
func order(n int, rng *rand.Rand) []int {
	o := make([]int, n)
	for i := range o {
		o[i] = i
	}
	rng.Shuffle(n, func(i, j int) { o[i], o[j] = o[j], o[i] })
	return o
}

// Example is one instance of a yes-or-no decision: its features and
// whether the answer is yes.
type Example struct {
	Features []uint32
	Yes      bool
}

// TrainBinary learns an averaged perceptron whose score is above 0 for
// the yes examples. Examples are visited in an order shuffled by
// opts.Seed.
func TrainBinary(examples []Example, opts Options) *Weights {
	p := newPerceptron()
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	for e := 0; e < opts.Epochs; e++ {
		for _, k := range order(len(examples), rng) {
			ex := &examples[k]
			s := p.score(ex.Features)
			y := float32(-1)
			if ex.Yes {
				y = 1
			}
			if opts.Aggressive > 0 {
				if loss := 1 - y*s; loss > 0 && len(ex.Features) > 0 {
					p.update(y*min(opts.Aggressive, loss/float32(len(ex.Features))), ex.Features)
				}
			} else if y*s <= opts.Margin {
				p.update(y, ex.Features)
			}
			p.step++
		}
	}
	return p.average(opts.MinWeight)
}

// Candidate is one candidate of a ranking choice: its features are the
// union of the shared parts it names (indices into Choice.Parts) and its
// own.
type Candidate struct {
	Parts []int
	Own   []uint32
}

// Choice is one ranking instance: feature lists shared by several
// candidates, the candidates, and which of them are right (at least one).
type Choice struct {
	Parts      [][]uint32
	Candidates []Candidate
	Right      []bool
}

// score sums a candidate's current weights.
func (p *perceptron) candScore(ch *Choice, c *Candidate, parts []float32) float32 {
	s := p.score(c.Own)
	for _, i := range c.Parts {
		s += parts[i]
	}
	return s
}

// candUpdate adds d to the weights of a candidate's features.
func (p *perceptron) candUpdate(ch *Choice, c *Candidate, d float32) {
	p.update(d, c.Own)
	for _, i := range c.Parts {
		p.update(d, ch.Parts[i])
	}
}

// TrainRanker learns an averaged perceptron that scores candidates so that
// a right one of each choice scores highest. When several are right, the
// best-scoring right one is the target of an update (latent gold).
// Choices are visited in an order shuffled by opts.Seed.
func TrainRanker(choices []Choice, opts Options) *Weights {
	p := newPerceptron()
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	var parts []float32
	for e := 0; e < opts.Epochs; e++ {
		for _, k := range order(len(choices), rng) {
			ch := &choices[k]
			parts = parts[:0]
			for _, fs := range ch.Parts {
				parts = append(parts, p.score(fs))
			}
			guess, gold := -1, -1
			var gs, bs float32
			for ci := range ch.Candidates {
				s := p.candScore(ch, &ch.Candidates[ci], parts)
				if guess < 0 || s > gs {
					guess, gs = ci, s
				}
				if ch.Right[ci] && (gold < 0 || s > bs) {
					gold, bs = ci, s
				}
			}
			if gold >= 0 && !ch.Right[guess] {
				p.candUpdate(ch, &ch.Candidates[gold], 1)
				p.candUpdate(ch, &ch.Candidates[guess], -1)
			}
			p.step++
		}
	}
	return p.average(opts.MinWeight)
}

// Average returns the model whose weights are the mean of ws': an
// ensemble of perceptrons trained on differently shuffled data, steadier
// than any one of them.
func Average(ws ...*Weights) *Weights {
	if len(ws) == 1 {
		return ws[0]
	}
	sum := map[uint32]float32{}
	for _, w := range ws {
		for i, f := range w.keys {
			sum[f] += w.vals[i] / float32(len(ws))
		}
	}
	return newWeights(sum, 0)
}

// Bytes adds a string value given as bytes; it hashes as Str does.
func (h Hash) Bytes(b []byte) Hash {
	for _, c := range b {
		h = (h ^ Hash(c)) * fnvPrime32
	}
	return (h ^ 0xff) * fnvPrime32
}
