package syntax

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"sitrep/event/learn"
	"sitrep/syntax/model"
)

// Model is a trained tagger and parser.
type Model struct {
	tagger *learn.Model // classes: the tags
	trans  *learn.Model // classes: transitionNames
	label  *learn.Model // classes: the relations
	// the transition model's weights laid out for scoring: those of the
	// static features and of the others
	staticTable, dynamicTable *table
	root                      int // the index of "root" among the relations
	dep                       int // the index of "dep", for words left unattached
}

// Names of the models in a model file.
const (
	taggerModel     = "tagger"
	transitionModel = "transition"
	labelModel      = "label"
)

// Tree is the parse of one sentence, by word: its tag, its head (1-based;
// 0: the root) and its relation to the head. A Tree's memory is reused by
// the next Parse into it.
type Tree struct {
	Tags   []string
	Heads  []int
	Labels []string
	// scratch
	view   view
	st     state
	feats  []uint32
	scores []float32
	// fixed[r][k+1] holds the transition scores of the static features of
	// the root (k = 0) and of no word (-1) in role r once fixedKnown
	fixed      [numRoles][2][numTransitions]float32
	fixedKnown [numRoles][2]bool
	// cache holds, by word form, its facts and the tagger's scores of its
	// local features, across the sentences parsed into the Tree
	cache   map[string]*cachedWord
	cacheOf *Model        // the model whose scores the cache holds
	cached  []*cachedWord // by word: its cache entry
}

// cachedWord is what a Tree keeps of a word form: its facts, and the
// tagger's scores of the features that read it alone.
type cachedWord struct {
	w     word
	local []float32
	// the transition scores of its static features in each role, once
	// staticKnown, for tag staticTag
	static      [numRoles][numTransitions]float32
	staticKnown [numRoles]bool
	staticTag   uint32
}

// maxCachedWords bounds a Tree's word cache; it is emptied when full.
const maxCachedWords = 1 << 16

// Write writes the model in sitrep/event/learn's format.
func (m *Model) Write(w io.Writer) error {
	return learn.Write(w, map[string]*learn.Model{taggerModel: m.tagger, transitionModel: m.trans, labelModel: m.label})
}

// ReadModel reads a model written by Write; name names the input in errors.
func ReadModel(b []byte, name string) (*Model, error) {
	ms, err := learn.Read(b, name)
	if err != nil {
		return nil, err
	}
	m := &Model{}
	for _, x := range []struct {
		name string
		to   **learn.Model
	}{{taggerModel, &m.tagger}, {transitionModel, &m.trans}, {labelModel, &m.label}} {
		if *x.to, err = learn.Need(ms, x.name); err != nil {
			return nil, err
		}
	}
	if len(m.trans.Classes) != numTransitions {
		return nil, fmt.Errorf("%s: the transition model has %d classes, want %d", name, len(m.trans.Classes), numTransitions)
	}
	if len(m.tagger.Classes) == 0 {
		return nil, fmt.Errorf("%s: the tagger has no tags", name)
	}
	if err := m.index(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// index builds the scoring tables and finds the relations the parser
// gives itself.
func (m *Model) index() error {
	m.staticTable, m.dynamicTable = newTable(m.trans, 1), newTable(m.trans, 0)
	if m.root = m.label.Class("root"); m.root < 0 {
		return fmt.Errorf("the label model has no relation \"root\"")
	}
	if m.dep = m.label.Class("dep"); m.dep < 0 {
		m.dep = m.root
	}
	return nil
}

// prepare computes the words' facts into t, for model m.
func (t *Tree) prepare(m *Model, words []string) {
	n := len(words)
	v := &t.view
	v.words = v.words[:0]
	v.punct = v.punct[:0]
	p := int32(0)
	if t.cache == nil || len(t.cache) >= maxCachedWords || t.cacheOf != m {
		t.cache, t.cacheOf = make(map[string]*cachedWord), m
		t.fixedKnown = [numRoles][2]bool{}
	}
	t.cached = t.cached[:0]
	for _, w := range words {
		c := t.cache[w]
		if c == nil {
			c = &cachedWord{w: newWord(w)}
			t.cache[strings.Clone(w)] = c // the cache outlives the text
		}
		t.cached = append(t.cached, c)
		v.words = append(v.words, c.w)
		if isPunct(w) {
			p++
		}
		v.punct = append(v.punct, p)
	}
	v.tags = append(v.tags[:0], make([]uint32, n)...)

	t.Tags = append(t.Tags[:0], make([]string, n)...)
	t.Heads = append(t.Heads[:0], make([]int, n)...)
	t.Labels = append(t.Labels[:0], make([]string, n)...)
}

// isPunct reports whether w is punctuation that separates clauses.
func isPunct(w string) bool {
	return w == "," || w == ";" || w == ":" || w == "--" || w == "-" || w == "(" || w == ")"
}

// Parse tags and parses the words of one sentence into t.
func (m *Model) Parse(words []string, t *Tree) {
	t.prepare(m, words)
	m.tag(t)
	m.parse(t)
}

// tag tags t's words left to right.
func (m *Model) tag(t *Tree) {
	t.scores = roomFor(t.scores, len(m.tagger.Classes))
	scores := t.scores[:len(m.tagger.Classes)]
	var t1, t2 uint32
	for i := range t.view.words {
		cw := t.cached[i]
		if cw.local == nil {
			cw.local = make([]float32, len(scores))
			t.feats = localTagFeatures(cw.w, t.feats[:0])
			m.tagger.Scores(t.feats, cw.local)
		}
		t.feats = contextTagFeatures(t.view.words, i, t1, t2, t.feats[:0])
		m.tagger.Scores(t.feats, scores)
		c := 0
		for k := range scores {
			scores[k] += cw.local[k]
			if scores[k] > scores[c] {
				c = k
			}
		}
		t.Tags[i] = m.tagger.Classes[c]
		t.view.tags[i] = uint32(c) + 2
		t1, t2 = uint32(c)+1, t1
	}
}

// roomFor returns scores with room for n classes.
func roomFor(scores []float32, n int) []float32 {
	if len(scores) < n {
		return make([]float32, n)
	}
	return scores
}

// parse parses t's tagged words, greedily.
func (m *Model) parse(t *Tree) {
	st := &t.st
	st.reset(len(t.view.words))
	t.scores = roomFor(t.scores, max(len(m.label.Classes), numTransitions))
	tscores := t.scores[:numTransitions]
	for st.next <= st.n {
		t.feats = st.dynamicFeatures(&t.view, t.feats[:0])
		m.dynamicTable.scores(t.feats, tscores)
		for r, k := range st.roleWords() {
			for c, v := range m.staticScores(t, r, k) {
				tscores[c] += v
			}
		}
		best := -1
		for c := range numTransitions {
			if st.valid(c) && (best < 0 || tscores[c] > tscores[best]) {
				best = c
			}
		}
		label := 0
		if best == leftArc || best == rightArc {
			label = m.labelOf(t, best)
		}
		st.apply(best, label)
	}
	m.finish(t)
}

// staticScores returns the transition scores of the static features of
// word k (-1: none) in role r, summed on first use.
func (m *Model) staticScores(t *Tree, r, k int) []float32 {
	var row []float32
	var known *bool
	if k > 0 {
		// a word's are kept with its form, for the tag it has
		cw := t.cached[k-1]
		if tg := t.view.tags[k-1]; cw.staticTag != tg {
			cw.staticTag, cw.staticKnown = tg, [numRoles]bool{}
		}
		row, known = cw.static[r][:], &cw.staticKnown[r]
	} else {
		row, known = t.fixed[r][k+1][:], &t.fixedKnown[r][k+1]
	}
	if !*known {
		var fs [8]uint32
		m.staticTable.scores(staticFeatures(r, t.view.word(k), t.view.tag(k), fs[:0]), row)
		*known = true
	}
	return row
}

// labelOf names the relation of the arc transition tr makes.
func (m *Model) labelOf(t *Tree, tr int) int {
	t.feats = t.st.labelFeatures(&t.view, tr, t.feats[:0])
	return m.label.Best(t.feats, nil, t.scores[:len(m.label.Classes)])
}

// finish attaches the words left without a head (to the root's dependent,
// or to the root) and writes the heads and relations into t.
func (m *Model) finish(t *Tree) {
	st := &t.st
	top := 0
	for k := 1; k <= st.n; k++ {
		if st.heads[k] == 0 {
			top = k
			break
		}
	}
	for k := 1; k <= st.n; k++ {
		if st.heads[k] >= 0 {
			continue
		}
		if top == 0 {
			top = k
			st.heads[k], st.labels[k] = 0, m.root
			continue
		}
		st.heads[k], st.labels[k] = top, m.dep
	}
	for k := 1; k <= st.n; k++ {
		t.Heads[k-1] = st.heads[k]
		t.Labels[k-1] = m.label.Classes[st.labels[k]]
	}
}

// String writes the tree one word a line, for tests and debugging.
func (t *Tree) String() string {
	var b strings.Builder
	for i := range t.Heads {
		fmt.Fprintf(&b, "%d\t%s\t%d\t%s\n", i+1, t.Tags[i], t.Heads[i], t.Labels[i])
	}
	return b.String()
}

// defaultModel loads the embedded model once.
var defaultModel = sync.OnceValues(func() (*Model, error) {
	return ReadModel(model.Syntax, "syntax/model/syntax.bin")
})

// Default returns the embedded model, or the error that kept it from
// loading.
func Default() (*Model, error) { return defaultModel() }
