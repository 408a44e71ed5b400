package event

import (
	"sync"

	"sitrep/event/learn"
	"sitrep/syntax"
)

// parser returns the stage's tagger and parser, else the embedded one.
func (st *Stage) parser() (*syntax.Model, error) {
	if st.Syntax != nil {
		return st.Syntax, nil
	}
	return syntax.Default()
}

// tree returns the parse of the sentence, made on first use (nil without a
// parser). The tree is the document's: it is the current sentence's until
// the next sentence is parsed.
func (s *sent) tree() *syntax.Tree {
	if s.parsed != nil || s.words.parser == nil {
		return s.parsed
	}
	r := &s.words.room
	r.forms = r.forms[:0]
	for _, t := range s.toks {
		r.forms = append(r.forms, t.Text)
	}
	if s.words.tree == nil {
		s.words.tree = treePool.Get().(*syntax.Tree)
	}
	s.words.parser.Parse(r.forms, s.words.tree)
	s.parsed = s.words.tree
	return s.parsed
}

// treePool keeps parse trees between documents: a tree's word cache (the
// tagger's and parser's scores by word form) serves the next documents.
var treePool = sync.Pool{New: func() any { return new(syntax.Tree) }}

// release gives the document's parse tree back to treePool.
func (w *docWords) release() {
	if w.tree != nil {
		treePool.Put(w.tree)
		w.tree = nil
	}
}

// spanHead returns the token of [lo, hi) whose head lies outside it.
func spanHead(t *syntax.Tree, lo, hi int) int {
	for k := lo; k < hi; k++ {
		if h := t.Heads[k] - 1; h < lo || h >= hi {
			return k
		}
	}
	return hi - 1
}

// maxPath is the longest path of arcs between an actor and a trigger the
// features spell out; longer ones are "far".
const maxPath = 4

// syntacticPath spells out the arcs from token a up to the lowest common
// ancestor of a and v and down to v: "nsubj^" (a is v's subject),
// "obl^" with the case word ("obl:on^"), "^acl" (v modifies a),
// "nsubj^_xcomp" (a is the subject of the verb v complements). It returns
// "far" when the path is longer than maxPath arcs, "" when a is v.
func syntacticPath(t *syntax.Tree, low []string, a, v int, buf []byte) []byte {
	if a == v {
		return buf
	}
	// v's ancestors, v first
	var up [64]int
	n := 0
	for k := v; k >= 0 && n < len(up); k = t.Heads[k] - 1 {
		up[n] = k
		n++
	}
	steps := 0
	k := a
	for ; k >= 0; k = t.Heads[k] - 1 {
		if j := indexIn(up[:n], k); j >= 0 {
			// down from the common ancestor to v
			if steps+j > maxPath {
				return append(buf[:0], "far"...)
			}
			for d := j - 1; d >= 0; d-- {
				buf = append(buf, '_')
				buf = append(buf, t.Labels[up[d]]...)
			}
			return buf
		}
		if steps++; steps > maxPath {
			return append(buf[:0], "far"...)
		}
		buf = append(buf, t.Labels[k]...)
		if c := caseWord(t, low, k); c != "" {
			buf = append(buf, ':')
			buf = append(buf, c...)
		}
		buf = append(buf, '^')
	}
	return append(buf[:0], "far"...)
}

// indexIn returns the position of x in xs, -1 when it is not there.
func indexIn(xs []int, x int) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// caseWord returns the preposition marking token k ("on" in "on Russia"),
// "" when none does.
func caseWord(t *syntax.Tree, low []string, k int) string {
	for c := max(0, k-4); c < k; c++ {
		if t.Heads[c]-1 == k && t.Labels[c] == "case" {
			return low[c]
		}
	}
	return ""
}

// pathFeatures appends the features of how actor ai's words attach to the
// trigger at h in the sentence's parse.
func (fx *features) pathFeatures(s *sent, ai int, h hit, dir, root string, out []uint32) []uint32 {
	t := s.tree()
	if t == nil {
		return out
	}
	ac := s.actors[ai]
	a := spanHead(t, ac.start, ac.end)
	var b [96]byte
	path := string(syntacticPath(t, s.low, a, h.head, b[:0]))
	add := func(x learn.Hash) { out = append(out, x.Sum()) }
	add(learn.New(fPairPath).Str(path))
	add(learn.New(fPairPath).Str(path).Str(root))
	add(learn.New(fPairPath).Str(path).Str(dir))
	add(learn.New(fPairPath).Str(path).Str(s.stem(h.head)))
	return out
}

// parseFeatures appends the features of the trigger at h's own arcs for
// the "none" choice: whether the parse gives it a subject, an object, an
// agent.
func (fx *features) parseFeatures(s *sent, h hit, role string, out []uint32) []uint32 {
	t := s.tree()
	if t == nil {
		return out
	}
	var subj, obj, agent, pass int
	for k := range t.Heads {
		if t.Heads[k]-1 != h.head {
			continue
		}
		switch t.Labels[k] {
		case "nsubj":
			subj = 1
		case "nsubj:pass":
			pass = 1
		case "obj", "iobj":
			obj = 1
		case "obl:agent":
			agent = 1
		}
	}
	out = append(out, learn.New(fNoneParse).Str(role).Int(subj).Int(obj).Int(agent).Int(pass).Sum())
	out = append(out, learn.New(fNoneParse).Str(role).Str(t.Labels[h.head]).Sum())
	return out
}

// triggerParse appends the features of the parse around candidate token i
// (stem lm): its tag and relation, the word it depends on ("launched"
// for "attack"), and its dependents' relations ("obl:at" in "threw
// bottles at police").
func (fx *features) triggerParse(s *sent, i int, lm string, out []uint32) []uint32 {
	t := s.tree()
	if t == nil {
		return out
	}
	add := func(h learn.Hash) { out = append(out, h.Sum()) }
	tag, rel := t.Tags[i], t.Labels[i]
	add(learn.New(fTrigParse).Str(tag))
	add(learn.New(fTrigParse).Str(tag).Str(lm))
	add(learn.New(fTrigParse).Str(rel).Str(tag))
	add(learn.New(fTrigParse).Str(rel).Str(lm))
	if h := t.Heads[i] - 1; h >= 0 {
		add(learn.New(fTrigParse).Str(rel).Str(s.stem(h)).Str(lm))
		add(learn.New(fTrigParse).Str(rel).Str(s.stem(h)))
	}
	for k := range t.Heads {
		if t.Heads[k]-1 != i {
			continue
		}
		l := t.Labels[k]
		switch l {
		case "punct", "det", "cc", "aux", "mark", "case":
			continue
		}
		c := caseWord(t, s.low, k)
		add(learn.New(fTrigChild).Str(l).Str(c))
		add(learn.New(fTrigChild).Str(l).Str(c).Str(lm))
		if l == "obj" || l == "nsubj" || l == "nsubj:pass" {
			add(learn.New(fTrigChild).Str(l).Str(s.stem(k)).Str(lm))
		}
	}
	return out
}
