package ner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// TrainOptions configure Train. The zero value is usable.
type TrainOptions struct {
	Epochs         int              // passes over the training data (default 12); the best on dev is kept
	Epochs2        int              // passes for stage 2 (default Epochs)
	Final          bool             // after choosing each stage's epochs on dev, train again on train and dev together for those epochs
	Seed           uint64           // shuffling and clustering seed (training is deterministic for a seed)
	Unlabeled      [][]string       // extra tokenized text for the word clusters (the training words are always used)
	Lexicon        []LexEntry       // gazetteer entries (at most 7 classes)
	NoTrainLexicon bool             // do not add the training entities as gazetteers
	NoDocument     bool             // train stage 1 only (no document features)
	BILOU          bool             // learn BILOU labels rather than IOB2 ones (output is IOB2 either way)
	Dropout        float64          // probability of dropping each sentence feature of a token in training
	Ensemble       int              // perceptrons trained on differently shuffled data whose weights are averaged (default 3)
	Prune          float64          // drop features whose largest averaged weight is below this (default 0.005)
	Perceptron     bool             // plain perceptron updates rather than passive-aggressive ones
	Now            func() time.Time // clock for the log's timings (default time.Now)
}

// Train learns a model from train (sentences with IOB2 tags), choosing the
// epoch with the best span F1 on dev (when dev is not empty). With
// opts.Final, it then trains again on train and dev together for the
// epochs chosen and returns that model. log may be nil.
func Train(ctx context.Context, train, dev []Sentence, opts TrainOptions, log *slog.Logger) (*Model, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.Epochs2 <= 0 {
		opts.Epochs2 = opts.Epochs
	}
	m, e1, e2, err := trainStages(ctx, train, dev, opts, log)
	if err != nil || !opts.Final || len(dev) == 0 {
		return m, err
	}
	opts.Epochs, opts.Epochs2 = e1, max(e2, 1)
	all := make([]Sentence, 0, len(train)+len(dev))
	all = append(append(all, train...), dev...)
	log.Info("ner: final training on train and dev", "sentences", len(all), "epochs1", opts.Epochs, "epochs2", opts.Epochs2)
	m, _, _, err = trainStages(ctx, all, nil, opts, log)
	return m, err
}

// trainStages trains a model (see Train) and returns it with the epochs
// chosen for stage 1 and stage 2 (0 without stage 2).
func trainStages(ctx context.Context, train, dev []Sentence, opts TrainOptions, log *slog.Logger) (*Model, int, int, error) {
	if opts.Prune <= 0 {
		opts.Prune = 0.005
	}
	if opts.Ensemble <= 0 {
		opts.Ensemble = 3
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if len(train) == 0 {
		return nil, 0, 0, errors.New("ner: train: no training sentences")
	}
	start := opts.Now()
	// Labels: O first, then the others sorted.
	labelID := map[string]int{"O": 0}
	labels := []string{"O"}
	var others []string
	goldTags := make([][]string, len(train))
	for i, s := range train {
		if len(s.Tags) != len(s.Words) {
			return nil, 0, 0, fmt.Errorf("ner: train: sentence %d has %d words and %d tags", i, len(s.Words), len(s.Tags))
		}
		for _, t := range s.Tags {
			if !validTag(t) {
				return nil, 0, 0, fmt.Errorf("ner: train: sentence %d: bad tag %q", i, t)
			}
		}
		goldTags[i] = ToIOB2(s.Tags)
		if opts.BILOU {
			goldTags[i] = toBILOU(goldTags[i])
		}
		for _, t := range goldTags[i] {
			if _, ok := labelID[t]; !ok {
				labelID[t] = -1
				others = append(others, t)
			}
		}
	}
	sort.Strings(others)
	for _, t := range others {
		labelID[t] = len(labels)
		labels = append(labels, t)
	}
	nl := len(labels)

	m := &Model{labels: labels}
	m.init()
	text := make([][]string, 0, len(train)+len(opts.Unlabeled))
	for _, s := range train {
		text = append(text, s.Words)
	}
	text = append(text, opts.Unlabeled...)
	var err error
	clusters, err := learnClusters(ctx, text, opts.Seed)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("ner: train: clusters: %w", err)
	}
	m.res.setClusters(clusters)
	// Gazetteers: the given lexicon plus, unless turned off, the training
	// set's entities by type ("train-PER", ...). Training sentences see the
	// entities of the other folds only (a jackknife), so that the feature is
	// as reliable in training as on new text.
	var foldRes []resources
	if opts.NoTrainLexicon {
		m.res.buildLexicon(opts.Lexicon)
	} else {
		classes := lexClasses(opts.Lexicon, train)
		foldEnts := make([][]LexEntry, trainFolds)
		for k := range foldEnts {
			lo, hi := k*len(train)/trainFolds, (k+1)*len(train)/trainFolds
			foldEnts[k] = trainEntities(train[lo:hi])
		}
		build := func(skip int) resources {
			r := resources{clusters: m.res.clusters, clusterSrc: m.res.clusterSrc}
			ents := append([]LexEntry(nil), classes...)
			ents = append(ents, opts.Lexicon...)
			seen := map[LexEntry]bool{}
			for k, fe := range foldEnts {
				if k == skip {
					continue
				}
				for _, e := range fe {
					if !seen[e] {
						seen[e] = true
						ents = append(ents, e)
					}
				}
			}
			r.buildLexicon(ents)
			return r
		}
		m.res = build(-1)
		for k := 0; k < trainFolds; k++ {
			foldRes = append(foldRes, build(k))
		}
	}
	log.Info("ner: resources ready", "clusters", len(m.res.clusters), "lexicon", m.res.lex.n, "took", opts.Now().Sub(start).Round(time.Millisecond))

	tr := &trainer{m: m, nl: nl, index: map[uint64]int32{}, opts: opts, log: log,
		drop: opts.Dropout, rng: rand.New(rand.NewPCG(opts.Seed, 0x64726f70))}
	tr.data = make([]sent, len(train))
	for si, s := range train {
		if si%2048 == 0 && ctx.Err() != nil {
			return nil, 0, 0, ctx.Err()
		}
		res := &m.res
		if foldRes != nil {
			res = &foldRes[si*trainFolds/len(train)]
		}
		d := &tr.data[si]
		d.toks = res.prepare(s.Words, nil)
		caps := allCaps(d.toks)
		d.off = append(d.off, 0)
		for i := range d.toks {
			tr.feats = staticFeatures(d.toks, i, caps, tr.feats[:0])
			for _, f := range tr.feats {
				d.rows = append(d.rows, tr.row(f))
			}
			d.off = append(d.off, int32(len(d.rows)))
			d.gold = append(d.gold, labelID[goldTags[si][i]])
		}
	}
	foldRes = nil
	log.Info("ner: features extracted", "sentences", len(train), "features", len(tr.index))

	// Stage 1: sentence features only.
	all := make([]int, len(train))
	for i := range all {
		all[i] = i
	}
	m1, epochs1, avg1, err := tr.fit(ctx, 1, opts.Epochs, all, dev, nil)
	if err != nil {
		return nil, 0, 0, err
	}
	if opts.NoDocument {
		log.Info("ner: trained", "took", opts.Now().Sub(start).Round(time.Second))
		return m1, epochs1, 0, nil
	}
	// Stage 2 learns from what stage 1 predicts for the other sentences of
	// a document. Stage 1's predictions on the training set come from
	// models that did not see the sentences they tag (a jackknife).
	pred := make([][]int, len(train))
	for k := 0; k < trainFolds; k++ {
		lo, hi := k*len(train)/trainFolds, (k+1)*len(train)/trainFolds
		var rest []int
		for i := range train {
			if i < lo || i >= hi {
				rest = append(rest, i)
			}
		}
		ws := tr.newWeights()
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(k)))
		for e := 0; e < epochs1; e++ {
			rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
			if err := tr.epoch(ctx, 1, ws, rest); err != nil {
				return nil, 0, 0, err
			}
		}
		avg := ws.average()
		for si := lo; si < hi; si++ {
			pred[si] = tr.predict(1, avg, si)
		}
		log.Info("ner: jackknife fold", "fold", k+1, "of", trainFolds)
	}
	for q := 0; q < len(train); q += docChunk {
		hi := min(q+docChunk, len(train))
		toks := make([][]token, 0, hi-q)
		for si := q; si < hi; si++ {
			toks = append(toks, tr.data[si].toks)
		}
		st := m.newDocStats(toks, pred[q:hi])
		for si := q; si < hi; si++ {
			d := &tr.data[si]
			d.doff = append(d.doff[:0], 0)
			for i := range d.toks {
				tr.feats = st.features(d.toks, i, pred[si], tr.feats[:0])
				for _, f := range tr.feats {
					d.drows = append(d.drows, tr.row(f))
				}
				d.doff = append(d.doff, int32(len(d.drows)))
			}
		}
	}
	m2, epochs2, _, err := tr.fit(ctx, 2, opts.Epochs2, all, dev, avg1)
	if err != nil {
		return nil, 0, 0, err
	}
	log.Info("ner: trained", "took", opts.Now().Sub(start).Round(time.Second))
	return m2, epochs1, epochs2, nil
}

// docChunk is how many consecutive training sentences make one
// "document" for the document features (the copy of CoNLL-2003 used has no
// document boundaries; its articles average about 15 sentences).
const docChunk = 20

type sent struct {
	toks        []token
	gold        []int
	off, rows   []int32 // static features of token i: rows[off[i]:off[i+1]]
	doff, drows []int32 // document features of token i (stage 2)
}

type trainer struct {
	m     *Model
	nl    int
	index map[uint64]int32
	data  []sent
	feats []uint64
	rows  []int32
	score []float32
	keep  []bool
	drop  float64
	rng   *rand.Rand
	opts  TrainOptions
	log   *slog.Logger
}

func (t *trainer) row(h uint64) int32 {
	r, ok := t.index[h]
	if !ok {
		r = int32(len(t.index))
		t.index[h] = r
	}
	return r
}

// weights are an averaged perceptron's: the averaged weight is w - acc/c.
type weights struct {
	nl  int
	w   []float32
	acc []float64
	c   float64
}

func (t *trainer) newWeights() *weights { return &weights{nl: t.nl, c: 1} }

func (ws *weights) grow(rows int) {
	for len(ws.w) < rows*ws.nl {
		ws.w = append(ws.w, 0)
		ws.acc = append(ws.acc, 0)
	}
}

func (ws *weights) average() []float32 {
	avg := make([]float32, len(ws.w))
	for i := range ws.w {
		avg[i] = float32(float64(ws.w[i]) - ws.acc[i]/ws.c)
	}
	return avg
}

// features collects token i's feature rows for a stage (2 adds the
// document features) and previous labels; rows unknown so far are added
// only when add is set.
func (t *trainer) features(stage, si, i, p1, p2 int, add bool) []int32 {
	d := &t.data[si]
	t.rows = append(t.rows[:0], d.rows[d.off[i]:d.off[i+1]]...)
	if stage == 2 {
		t.rows = append(t.rows, d.drows[d.doff[i]:d.doff[i+1]]...)
	}
	t.feats = dynamicFeatures(d.toks, i, p1, p2, t.feats[:0])
	for _, f := range t.feats {
		if add {
			t.rows = append(t.rows, t.row(f))
		} else if r, ok := t.index[f]; ok {
			t.rows = append(t.rows, r)
		}
	}
	return t.rows
}

func (t *trainer) scores(w []float32, rows []int32) []float32 {
	nl := t.nl
	if cap(t.score) < nl {
		t.score = make([]float32, nl)
	}
	score := t.score[:nl]
	for l := range score {
		score[l] = 0
	}
	for _, r := range rows {
		if int(r+1)*nl > len(w) {
			continue
		}
		x := w[int(r)*nl : int(r+1)*nl]
		for l := range score {
			score[l] += x[l]
		}
	}
	return score
}

// epoch makes one pass over the sentences in order (see update), decoding
// greedily with the predicted previous labels.
func (t *trainer) epoch(ctx context.Context, stage int, ws *weights, order []int) error {
	nl := t.nl
	for n, si := range order {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		d := &t.data[si]
		p1, p2 := -1, -1
		for i := range d.toks {
			nstatic := int(d.off[i+1] - d.off[i])
			keep := t.keep[:0]
			for k := 0; k < nstatic; k++ {
				keep = append(keep, t.drop == 0 || t.rng.Float64() >= t.drop)
			}
			t.keep = keep
			rows := t.dropout(t.features(stage, si, i, p1, p2, false))
			sc := t.scores(ws.w, rows)
			pred := best(t.m, sc, p1)
			gold := d.gold[i]
			upd, rival := t.update(sc, gold, pred, p1, len(rows))
			if upd > 0 {
				rows = t.dropout(t.features(stage, si, i, p1, p2, true))
				ws.grow(len(t.index))
				for _, r := range rows {
					k := int(r) * nl
					ws.w[k+gold] += upd
					ws.acc[k+gold] += ws.c * float64(upd)
					ws.w[k+rival] -= upd
					ws.acc[k+rival] -= ws.c * float64(upd)
				}
			}
			ws.c++
			p2, p1 = p1, pred
		}
	}
	return nil
}

// paCap bounds a passive-aggressive step (PA-I's C). Steps are about
// 1/(2*features), far below it, so it only guards against odd tokens.
const paCap = 0.1

// update returns the step that moves the weights of a token's features
// towards its gold label and away from the rival label, and the rival.
// Passive-aggressive (PA-I, Crammer et al. 2006): when the gold label
// beats the best-scoring other label allowed after prev by less than 1,
// the step is the smallest that makes the margin 1 (the loss over twice
// the number of features, as each feature moves two labels' weights). The
// plain perceptron (opts.Perceptron) steps 1 when the prediction is wrong.
func (t *trainer) update(score []float32, gold, pred, prev, nfeat int) (float32, int) {
	if t.opts.Perceptron {
		if pred == gold {
			return 0, pred
		}
		return 1, pred
	}
	n := len(score)
	row := n
	if prev >= 0 {
		row = prev
	}
	allowed := t.m.allowed[row*n : (row+1)*n]
	rival := -1
	for l := range score {
		if l != gold && allowed[l] && (rival < 0 || score[l] > score[rival]) {
			rival = l
		}
	}
	if rival < 0 || nfeat == 0 {
		return 0, pred
	}
	loss := 1 - (score[gold] - score[rival])
	if loss <= 0 {
		return 0, rival
	}
	return min(paCap, loss/(2*float32(nfeat))), rival
}

// dropout removes the sentence features that t.keep drops (feature
// dropout: the model must not lean on word identity alone).
func (t *trainer) dropout(rows []int32) []int32 {
	if t.drop == 0 {
		return rows
	}
	out := rows[:0]
	for k, r := range rows {
		if k >= len(t.keep) || t.keep[k] {
			out = append(out, r)
		}
	}
	return out
}

// predict tags training sentence si with averaged weights.
func (t *trainer) predict(stage int, avg []float32, si int) []int {
	d := &t.data[si]
	out := make([]int, len(d.toks))
	p1, p2 := -1, -1
	for i := range d.toks {
		out[i] = best(t.m, t.scores(avg, t.features(stage, si, i, p1, p2, false)), p1)
		p2, p1 = p1, out[i]
	}
	return out
}

// fit trains one stage on the sentences in order for up to epochs
// epochs and returns the model of the epoch best on dev, that epoch and its
// averaged weights. A stage 2 model also holds stage 1's weights avg1.
func (t *trainer) fit(ctx context.Context, stage, epochs int, order []int, dev []Sentence, avg1 []float32) (*Model, int, []float32, error) {
	k := max(t.opts.Ensemble, 1) // a bagging-like average: less variance across seeds
	orders := make([][]int, k)
	rngs := make([]*rand.Rand, k)
	wss := make([]*weights, k)
	for j := range k {
		orders[j] = append([]int(nil), order...)
		rngs[j] = rand.New(rand.NewPCG(t.opts.Seed+uint64(j)*0x9e3779b97f4a7c15, 0x6e6572+uint64(stage)))
		wss[j] = t.newWeights()
	}
	bestF1, bestEpoch := -1.0, 0
	var best *Model
	var bestAvg []float32
	for epoch := 1; epoch <= epochs; epoch++ {
		t0 := t.opts.Now()
		var avg []float32
		for j, ws := range wss {
			order, rng := orders[j], rngs[j]
			rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
			if err := t.epoch(ctx, stage, ws, order); err != nil {
				return nil, 0, nil, err
			}
			a := ws.average()
			if avg == nil {
				avg = a
				continue
			}
			for i := range a {
				if i < len(avg) {
					avg[i] += a[i]
				} else {
					avg = append(avg, a[i])
				}
			}
		}
		if k > 1 {
			inv := 1 / float32(k)
			for i := range avg {
				avg[i] *= inv
			}
		}
		avgs := [][]float32{avg}
		if stage == 2 {
			avgs = [][]float32{avg1, avg}
		}
		cand := &Model{labels: t.m.labels, res: t.m.res, stages: stage, tab: t.table(avgs)}
		cand.init()
		f1 := -1.0
		if len(dev) > 0 {
			f1 = EvaluateDocuments(cand, dev, docChunk).Total.F1()
		}
		t.log.Info("ner: epoch", "stage", stage, "epoch", epoch, "dev_f1", fmt.Sprintf("%.2f", f1),
			"features", cand.tab.n, "took", t.opts.Now().Sub(t0).Round(time.Millisecond))
		if f1 > bestF1 || len(dev) == 0 {
			bestF1, bestEpoch, best, bestAvg = f1, epoch, cand, avg
		}
	}
	t.log.Info("ner: stage trained", "stage", stage, "best_epoch", bestEpoch, "dev_f1", fmt.Sprintf("%.2f", bestF1))
	return best, bestEpoch, bestAvg, nil
}

// table returns a weight table holding, for each feature, its averaged
// weights in each of avgs (one per stage) side by side, without features
// whose largest absolute weight is below opts.Prune.
func (t *trainer) table(avgs [][]float32) table {
	nl := t.nl
	prune := t.opts.Prune
	var keep []uint64
	for h, r := range t.index {
	feature:
		for _, avg := range avgs {
			if int(r+1)*nl > len(avg) {
				continue
			}
			for _, x := range avg[int(r)*nl : int(r+1)*nl] {
				if math.Abs(float64(x)) >= prune {
					keep = append(keep, h)
					break feature
				}
			}
		}
	}
	maxAbs := 0.0
	for _, h := range keep {
		r := int(t.index[h])
		for _, avg := range avgs {
			if (r+1)*nl <= len(avg) {
				for _, x := range avg[r*nl : (r+1)*nl] {
					maxAbs = math.Max(maxAbs, math.Abs(float64(x)))
				}
			}
		}
	}
	tab := newTable(nl*len(avgs), len(keep), scaleFor(maxAbs))
	w := make([]float32, nl*len(avgs))
	for _, h := range keep {
		r := int(t.index[h])
		for k, avg := range avgs {
			part := w[k*nl : (k+1)*nl]
			if (r+1)*nl <= len(avg) {
				copy(part, avg[r*nl:(r+1)*nl])
			} else {
				clear(part)
			}
		}
		tab.put(h, w)
	}
	return tab
}

// Evaluate tags every sentence of gold on its own with m and scores the
// result.
func Evaluate(m *Model, gold []Sentence) *Score {
	s := &Score{}
	for _, g := range gold {
		s.Add(g.Tags, m.Tag(g.Words))
	}
	return s
}

// EvaluateDocuments tags gold in runs of chunk consecutive sentences, each
// run as one document (TagDocument), and scores the result.
func EvaluateDocuments(m *Model, gold []Sentence, chunk int) *Score {
	s := &Score{}
	chunk = max(chunk, 1)
	for q := 0; q < len(gold); q += chunk {
		part := gold[q:min(q+chunk, len(gold))]
		words := make([][]string, len(part))
		for i, g := range part {
			words[i] = g.Words
		}
		for i, tags := range m.TagDocument(words) {
			s.Add(part[i].Tags, tags)
		}
	}
	return s
}

// trainFolds is the number of jackknife folds for the training gazetteers.
const trainFolds = 5

// lexClasses returns class-registration entries (empty Text) for the
// lexicon's classes in order, then the training entity classes, so that
// every lexicon built from them numbers the classes alike.
func lexClasses(lex []LexEntry, train []Sentence) []LexEntry {
	var out []LexEntry
	seen := map[string]bool{}
	for _, e := range lex {
		if !seen[e.Class] {
			seen[e.Class] = true
			out = append(out, LexEntry{Class: e.Class})
		}
	}
	var types []string
	for _, e := range trainEntities(train) {
		if !seen[e.Class] {
			seen[e.Class] = true
			types = append(types, e.Class)
		}
	}
	sort.Strings(types)
	for _, t := range types {
		out = append(out, LexEntry{Class: t})
	}
	return out
}

// trainEntities returns the distinct entities of sents as lexicon entries
// of class "train-TYPE".
func trainEntities(sents []Sentence) []LexEntry {
	var out []LexEntry
	seen := map[LexEntry]bool{}
	for _, s := range sents {
		for _, sp := range Spans(s.Tags) {
			e := LexEntry{Class: "train-" + sp.Type, Text: strings.Join(s.Words[sp.Start:sp.End], " ")}
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}
