package place

import (
	"context"
	"errors"
	"math/rand/v2"

	"sitrep"
	"sitrep/place/gazetteer"
)

// Gold is where a place entity of a training document really is: its
// coordinates and, when known, its GeoNames id.
type Gold struct {
	Lat, Lon  float64
	GeonameID int
}

// TrainDoc is one training document: its entities as the entity stage
// found them (byte offsets) and the gold place of those that name one,
// keyed by the entity's index in Doc.Entities.
type TrainDoc struct {
	Doc  *sitrep.Document
	Gold map[int]Gold
}

// TrainOptions control Train.
type TrainOptions struct {
	Epochs int    // passes over the examples
	Seed   uint64 // shuffling seed
	// Ensemble is how many perceptrons, trained with seeds Seed, Seed+1,
	// ..., the model averages (0 or 1: one): steadier than any one of
	// them when the training documents change a little
	Ensemble int
}

// DefaultTrainOptions are the options the shipped model is trained with.
func DefaultTrainOptions() TrainOptions { return TrainOptions{Epochs: 10, Seed: 1, Ensemble: 3} }

// TrainStats says what training saw.
type TrainStats struct {
	Entities  int // place entities with a gold place and candidates
	Examples  int // choices trained on (each pass's: one per entity with a right and a wrong candidate)
	Reachable int // entities with a right candidate
	Features  int // features with a weight
}

// correctWithin is the distance within which a candidate counts as right,
// as acc@161 counts it.
const correctWithin = 161

// example is one choice to learn: each candidate's features and which are
// right.
type example struct {
	cands [][]feat
	right []bool
}

// Train learns a ranker of gazetteer candidates from docs: an averaged
// perceptron, trained first with the context of the choices by prior alone
// and then also with that of the first model's choices, as Resolve uses
// it. The same documents and options give the same model.
func Train(ctx context.Context, g *gazetteer.Gazetteer, docs []TrainDoc, opts TrainOptions) (*Model, TrainStats, error) {
	var st TrainStats
	if g == nil {
		return nil, st, errors.New("place train: no gazetteer")
	}
	scenes := make([]*scene, len(docs))
	for i, d := range docs {
		scenes[i] = newScene(g, d.Doc)
	}
	for i, d := range docs {
		for _, x := range scenes[i].ents {
			if gd, ok := d.Gold[x.idx]; ok {
				st.Entities++
				if rightOf(x, gd) != nil {
					st.Reachable++
				}
			}
		}
	}
	var exs []example
	var m *Model
	for pass := range passes {
		if err := ctx.Err(); err != nil {
			return nil, st, err
		}
		for i, s := range scenes {
			for _, x := range s.ents {
				x.best = 0
			}
			if pass > 0 {
				s.rank(m, 1)
			}
			exs = append(exs, s.examples(docs[i].Gold)...)
		}
		m = trainEnsemble(exs, opts)
	}
	st.Examples, st.Features = len(exs), m.Features()
	return m, st, nil
}

// examples returns the choices of the scene's entities with a gold place,
// in the context of the current choices; an entity whose candidates are all
// right or all wrong teaches nothing and is left out.
func (s *scene) examples(gold map[int]Gold) []example {
	ctx := s.context()
	var out []example
	for _, x := range s.ents {
		gd, ok := gold[x.idx]
		if !ok {
			continue
		}
		right := rightOf(x, gd)
		n := 0
		for _, r := range right {
			if r {
				n++
			}
		}
		if n == 0 || n == len(right) {
			continue
		}
		ex := example{right: right, cands: make([][]feat, len(x.cands))}
		for j := range x.cands {
			ex.cands[j] = s.features(x, j, ctx, nil)
		}
		out = append(out, ex)
	}
	return out
}

// rightOf marks the candidates that are right for gd: the one with its
// GeoNames id, else those within 161 km; nil when none is.
func rightOf(x *ent, gd Gold) []bool {
	right := make([]bool, len(x.cands))
	any := false
	if gd.GeonameID != 0 {
		for j, c := range x.cands {
			if c.e.GeonameID == gd.GeonameID {
				right[j], any = true, true
			}
		}
	}
	if !any {
		for j, c := range x.cands {
			if gazetteer.Distance(c.e.Lat, c.e.Lon, gd.Lat, gd.Lon) <= correctWithin {
				right[j], any = true, true
			}
		}
	}
	if !any {
		return nil
	}
	return right
}

// trainEnsemble trains opts.Ensemble perceptrons on exs, with seeds
// opts.Seed, opts.Seed+1, ..., and returns the mean of their weights.
func trainEnsemble(exs []example, opts TrainOptions) *Model {
	n := max(opts.Ensemble, 1)
	if n == 1 {
		return trainPerceptron(exs, opts)
	}
	sum := map[uint32]float64{}
	for k := range n {
		o := opts
		o.Seed += uint64(k)
		for f, v := range trainPerceptron(exs, o).w {
			sum[f] += float64(v)
		}
	}
	m := &Model{w: make(map[uint32]float32, len(sum))}
	for f, v := range sum {
		if a := float32(v / float64(n)); a != 0 {
			m.w[f] = a
		}
	}
	return m
}

// trainPerceptron trains an averaged ranking perceptron: on each example
// whose best-scoring candidate is wrong, the best-scoring right one gains
// its features and the wrong one loses them.
func trainPerceptron(exs []example, opts TrainOptions) *Model {
	w := map[uint32]float64{}
	acc := map[uint32]float64{} // weight changes times the step they happened at
	step := 1.0
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x91ace5))
	score := func(fs []feat) float64 {
		s := 0.0
		for _, f := range fs {
			s += w[f.h] * float64(f.v)
		}
		return s
	}
	update := func(fs []feat, sign float64) {
		for _, f := range fs {
			d := sign * float64(f.v)
			w[f.h] += d
			acc[f.h] += step * d
		}
	}
	for range opts.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := &exs[k]
			guess, gold := -1, -1
			var gs, rs float64
			for j, fs := range ex.cands {
				s := score(fs)
				if guess < 0 || s > gs {
					guess, gs = j, s
				}
				if ex.right[j] && (gold < 0 || s > rs) {
					gold, rs = j, s
				}
			}
			if !ex.right[guess] {
				update(ex.cands[gold], 1)
				update(ex.cands[guess], -1)
			}
			step++
		}
	}
	m := &Model{w: make(map[uint32]float32, len(w))}
	for f, v := range w {
		if a := float32(v - acc[f]/step); a != 0 {
			m.w[f] = a
		}
	}
	return m
}
