package syntax

// The parser's transitions (arc-eager).
const (
	shift = iota
	reduce
	leftArc
	rightArc
	numTransitions
)

// transitionNames are the transition model's classes.
var transitionNames = []string{"shift", "reduce", "left", "right"}

// state is a parser configuration over words 1..n (0 is the root): the
// stack, the first word of the buffer, and the arcs made so far.
type state struct {
	n      int
	stack  []int
	next   int   // the buffer's first word; n+1 when it is empty
	heads  []int // by word (index 0 unused): its head, -1 while it has none
	labels []int // by word: its relation's index in the label model
	// by word, the root included: its leftmost and rightmost dependents
	// (0: none) and how many it has on each side
	leftmost, rightmost []int
	nleft, nright       []int
	rootTaken           bool // the root has a dependent
}

// reset prepares st for a sentence of n words, reusing its memory.
func (st *state) reset(n int) {
	st.n, st.next = n, 1
	st.stack = append(st.stack[:0], 0)
	grow := func(s []int) []int {
		if cap(s) < n+1 {
			return make([]int, n+1)
		}
		s = s[:n+1]
		clear(s)
		return s
	}
	st.heads, st.labels = grow(st.heads), grow(st.labels)
	st.leftmost, st.rightmost = grow(st.leftmost), grow(st.rightmost)
	st.nleft, st.nright = grow(st.nleft), grow(st.nright)
	for i := range st.heads {
		st.heads[i] = -1
	}
	st.rootTaken = false
}

// top returns the k-th word from the top of the stack (0: the top), -1
// when the stack is shorter.
func (st *state) top(k int) int {
	if k >= len(st.stack) {
		return -1
	}
	return st.stack[len(st.stack)-1-k]
}

// buffer returns the k-th word of the buffer, -1 past its end.
func (st *state) buffer(k int) int {
	if w := st.next + k; w <= st.n {
		return w
	}
	return -1
}

// valid reports whether transition t may be taken.
func (st *state) valid(t int) bool {
	s0 := st.top(0)
	switch t {
	case shift:
		return st.next <= st.n
	case reduce:
		return s0 > 0 && st.heads[s0] >= 0
	case leftArc:
		return s0 > 0 && st.heads[s0] < 0 && st.next <= st.n
	case rightArc:
		return s0 >= 0 && st.next <= st.n && (s0 != 0 || !st.rootTaken)
	}
	return false
}

// apply takes transition t, making an arc of relation label for the arcs.
func (st *state) apply(t, label int) {
	s0 := st.top(0)
	switch t {
	case shift:
		st.stack = append(st.stack, st.next)
		st.next++
	case reduce:
		st.stack = st.stack[:len(st.stack)-1]
	case leftArc:
		st.arc(st.next, s0, label)
		st.stack = st.stack[:len(st.stack)-1]
	case rightArc:
		st.arc(s0, st.next, label)
		if s0 == 0 {
			st.rootTaken = true
		}
		st.stack = append(st.stack, st.next)
		st.next++
	}
}

// arc makes h the head of d.
func (st *state) arc(h, d, label int) {
	st.heads[d], st.labels[d] = h, label
	if d < h {
		if st.leftmost[h] == 0 || d < st.leftmost[h] {
			st.leftmost[h] = d
		}
		st.nleft[h]++
	} else {
		if d > st.rightmost[h] {
			st.rightmost[h] = d
		}
		st.nright[h]++
	}
}

// oracle returns the transition that leads to the gold tree (heads by
// word, index 0 unused; projective), and the gold relation of its arc.
func (st *state) oracle(gold []int, goldLabels []int) (int, int) {
	s0, n0 := st.top(0), st.buffer(0)
	if n0 < 0 {
		return -1, 0
	}
	if s0 > 0 && gold[s0] == n0 {
		return leftArc, goldLabels[s0]
	}
	if s0 >= 0 && gold[n0] == s0 {
		return rightArc, goldLabels[n0]
	}
	if s0 > 0 && st.heads[s0] >= 0 {
		// n0 has an arc to or from a word below s0: s0 is done
		for _, k := range st.stack[:len(st.stack)-1] {
			if gold[n0] == k || k > 0 && gold[k] == n0 {
				return reduce, 0
			}
		}
	}
	return shift, 0
}

// Parser feature templates. The static ones read one word in one role
// (the top of the stack, the first word of the buffer ...) and nothing of
// the arcs made: their weights are summed once per word and role
// (staticScores); the others read two words or the arcs.
const (
	pBias uint32 = iota + 1
	pS0Form
	pS0Tag
	pS0FormTag
	pS0Cluster
	pS0Suffix
	pN0Form
	pN0Tag
	pN0FormTag
	pN0Cluster
	pN0Suffix
	pN1Form
	pN1Tag
	pN1FormTag
	pN1Cluster
	pN2Form
	pN2Tag
	pS1Tag
	pS1Form
	pS0HeadForm
	pS0N0Form
	pS0N0Tag
	pS0FormTagN0Tag
	pS0TagN0FormTag
	pS0FormTagN0FormTag
	pS0N0N1Tag
	pN0N1N2Tag
	pS0HeadS0N0Tag
	pS0LeftS0N0Tag
	pS0RightS0N0Tag
	pS0N0N0LeftTag
	pDistS0Form
	pDistS0Tag
	pDistN0Form
	pDistN0Tag
	pDistS0N0Tag
	pS0RightValency
	pS0LeftValency
	pN0LeftValency
	pS0Label
	pS0LeftLabel
	pS0RightLabel
	pN0LeftLabel
	pS1S0N0Tag
	pS0HeadTag
	pS0N0Cluster
	pS0N0Cluster1
	pS0HasHead
	pRootChild
	pPunctBetween
	pS0FormN0LeftForm
	pS1FormN0LeftForm
	pS0FormN0Form
)

// The roles a word's static features are read in.
const (
	roleS0 = iota
	roleN0
	roleN1
	roleN2
	roleS1
	roleS0Head
	numRoles
)

// staticFeatures appends the static features of word x, of tag tg, in
// role r. Their lowest bit is 1, and that of the others 0, so that the
// model's weights split into a table of each (splitTable).
func staticFeatures(r int, x word, tg uint32, out []uint32) []uint32 {
	n := len(out)
	out = appendStatic(r, x, tg, out)
	for i := n; i < len(out); i++ {
		out[i] |= 1
	}
	return out
}

// appendStatic appends the static features of staticFeatures, their
// lowest bits as they come.
func appendStatic(r int, x word, tg uint32, out []uint32) []uint32 {
	switch r {
	case roleS0:
		return append(out, mix(pS0Form, x.form, 0, 0), mix(pS0Tag, tg, 0, 0), mix(pS0FormTag, x.form, tg, 0),
			mix(pS0Cluster, x.cl2, tg, 0), mix(pS0Suffix, x.suf3, tg, 0))
	case roleN0:
		return append(out, mix(pN0Form, x.form, 0, 0), mix(pN0Tag, tg, 0, 0), mix(pN0FormTag, x.form, tg, 0),
			mix(pN0Cluster, x.cl2, tg, 0), mix(pN0Suffix, x.suf3, tg, 0))
	case roleN1:
		return append(out, mix(pN1Form, x.form, 0, 0), mix(pN1Tag, tg, 0, 0), mix(pN1FormTag, x.form, tg, 0),
			mix(pN1Cluster, x.cl2, 0, 0))
	case roleN2:
		return append(out, mix(pN2Form, x.form, 0, 0), mix(pN2Tag, tg, 0, 0))
	case roleS1:
		return append(out, mix(pS1Tag, tg, 0, 0), mix(pS1Form, x.form, 0, 0))
	case roleS0Head:
		return append(out, mix(pS0HeadForm, x.form, 0, 0))
	}
	return out
}

// distance sums up how far apart words a and b lie.
func distance(a, b int) uint32 {
	d := b - a
	switch {
	case d < 0:
		return 0
	case d <= 4:
		return uint32(d)
	case d <= 7:
		return 5
	case d <= 12:
		return 6
	}
	return 7
}

// rootWord stands for the root in features.
var rootWord = word{form: 2, suf1: 2, suf2: 2, suf3: 2, suf4: 2, pre1: 2, shape: 2}

// view is what the features read of a sentence: its words and tags (tag
// index + 2), by word - 1, and the count of punctuation up to each word.
type view struct {
	words []word
	tags  []uint32
	punct []int32
}

// word returns the facts of word k (0: the root; -1: none).
func (v *view) word(k int) word {
	switch {
	case k == 0:
		return rootWord
	case k < 0:
		return none
	}
	return v.words[k-1]
}

// tag returns the tag of word k (1: the root; 0: none).
func (v *view) tag(k int) uint32 {
	switch {
	case k == 0:
		return 1
	case k < 0:
		return 0
	}
	return v.tags[k-1]
}

// roleWords returns the word in each role of the configuration (-1: none).
func (st *state) roleWords() [numRoles]int {
	s0 := st.top(0)
	s0h := -1
	if s0 > 0 && st.heads[s0] >= 0 {
		s0h = st.heads[s0]
	}
	return [numRoles]int{s0, st.buffer(0), st.buffer(1), st.buffer(2), st.top(1), s0h}
}

// allFeatures appends every feature of the configuration, the static
// ones included: what the models train on.
func (st *state) allFeatures(v *view, out []uint32) []uint32 {
	for r, k := range st.roleWords() {
		out = staticFeatures(r, v.word(k), v.tag(k), out)
	}
	return st.dynamicFeatures(v, out)
}

// dynamicFeatures appends the configuration's features that are not
// static, their lowest bits 0.
func (st *state) dynamicFeatures(v *view, out []uint32) []uint32 {
	n := len(out)
	out = st.appendDynamic(v, out)
	for i := n; i < len(out); i++ {
		out[i] &^= 1
	}
	return out
}

// appendDynamic appends the features of dynamicFeatures, their lowest bits
// as they come.
func (st *state) appendDynamic(v *view, out []uint32) []uint32 {
	lab := func(k int) uint32 {
		if k <= 0 || st.heads[k] < 0 {
			return 0
		}
		return uint32(st.labels[k]) + 1
	}
	kid := func(k int, m []int) int {
		if k < 0 || m[k] == 0 {
			return -1
		}
		return m[k]
	}
	roles := st.roleWords()
	s0, n0, n1, n2, s1, s0h := roles[roleS0], roles[roleN0], roles[roleN1], roles[roleN2], roles[roleS1], roles[roleS0Head]
	s0l, s0r, n0l := kid(s0, st.leftmost), kid(s0, st.rightmost), kid(n0, st.leftmost)
	W0, N0 := v.word(s0), v.word(n0)
	T0, TN0, TN1, TN2 := v.tag(s0), v.tag(n0), v.tag(n1), v.tag(n2)
	dist := uint32(0)
	between := uint32(0)
	if s0 >= 0 && n0 >= 0 {
		dist = distance(s0, n0)
		between = uint32(min(v.punct[n0-1]-v.punct[max(s0, 1)-1], 2))
	}
	val := func(k int, m []int) uint32 {
		if k < 0 {
			return 9
		}
		return uint32(min(m[k], 4))
	}
	hasHead := uint32(0)
	if s0h >= 0 {
		hasHead = 1
	}
	rootTaken := uint32(0)
	if st.rootTaken {
		rootTaken = 1
	}
	return append(out,
		mix(pBias, 0, 0, 0),
		mix(pS0N0Tag, T0, TN0, 0),
		mix(pS0FormTagN0Tag, W0.form, T0, TN0),
		mix(pS0TagN0FormTag, T0, N0.form, TN0),
		mix(pS0N0N1Tag, T0, TN0, TN1),
		mix(pN0N1N2Tag, TN0, TN1, TN2),
		mix(pS0HeadS0N0Tag, v.tag(s0h), T0, TN0),
		mix(pS0LeftS0N0Tag, T0, v.tag(s0l), TN0),
		mix(pS0RightS0N0Tag, T0, v.tag(s0r), TN0),
		mix(pS0N0N0LeftTag, T0, TN0, v.tag(n0l)),
		mix(pDistS0Tag, dist, T0, 0),
		mix(pDistN0Tag, dist, TN0, 0),
		mix(pDistS0N0Tag, dist, T0, TN0),
		mix(pS0RightValency, val(s0, st.nright), T0, 0),
		mix(pS0LeftValency, val(s0, st.nleft), T0, 0),
		mix(pN0LeftValency, val(n0, st.nleft), TN0, 0),
		mix(pS0Label, lab(s0), T0, 0),
		mix(pS0LeftLabel, lab(s0l), T0, 0),
		mix(pS0RightLabel, lab(s0r), T0, 0),
		mix(pN0LeftLabel, lab(n0l), TN0, 0),
		mix(pS1S0N0Tag, v.tag(s1), T0, TN0),
		mix(pS0HeadTag, v.tag(s0h), T0, 0),
		mix(pS0N0Cluster1, W0.cl1, N0.cl1, T0),
		mix(pS0HasHead, hasHead, T0, TN0),
		mix(pRootChild, rootTaken, T0, TN0),
		mix(pPunctBetween, between, T0, TN0),
		// what a preposition attaches to: "blamed the attacks on Russia"
		mix(pS0FormN0LeftForm, W0.form, v.word(n0l).form, TN0),
		mix(pS1FormN0LeftForm, v.word(s1).form, v.word(n0l).form, TN0),
		mix(pS0FormN0Form, W0.form, N0.form, 0),
	)
}

// labelFeatures appends the label model's features of the arc transition
// tr: the words of the arc, their tags and what hangs on them, marked with
// the arc's direction.
func (st *state) labelFeatures(v *view, tr int, out []uint32) []uint32 {
	s0, n0, s1 := st.top(0), st.buffer(0), st.top(1)
	W0, N0 := v.word(s0), v.word(n0)
	T0, TN0 := v.tag(s0), v.tag(n0)
	lab := func(k int) uint32 {
		if k <= 0 || st.heads[k] < 0 {
			return 0
		}
		return uint32(st.labels[k]) + 1
	}
	n0l := -1
	if n0 >= 0 && st.leftmost[n0] != 0 {
		n0l = st.leftmost[n0]
	}
	s0l := -1
	if s0 >= 0 && st.leftmost[s0] != 0 {
		s0l = st.leftmost[s0]
	}
	d := uint32(tr)
	dist := distance(s0, n0)
	return append(out,
		mix(pBias, d, 0, 0),
		mix(pS0Form, d, W0.form, 0),
		mix(pS0FormTag, d, W0.form, T0),
		mix(pN0Form, d, N0.form, 0),
		mix(pN0FormTag, d, N0.form, TN0),
		mix(pS0N0Tag, d, T0, TN0),
		mix(pS0FormTagN0Tag, d, W0.form^T0*0x01000193, TN0),
		mix(pS0TagN0FormTag, d, T0, N0.form^TN0*0x01000193),
		mix(pDistS0N0Tag, d, dist, T0^TN0*0x01000193),
		mix(pS0Cluster, d, W0.cl2, TN0),
		mix(pN0Cluster, d, N0.cl2, T0),
		mix(pN0LeftLabel, d, lab(n0l), TN0),
		mix(pS0LeftLabel, d, lab(s0l), T0),
		mix(pS1S0N0Tag, d, v.tag(s1), T0^TN0*0x01000193),
		mix(pN1Tag, d, v.tag(st.buffer(1)), T0^TN0*0x01000193),
		mix(pS0Suffix, d, W0.suf3, TN0),
		mix(pN0Suffix, d, N0.suf3, T0),
	)
}
