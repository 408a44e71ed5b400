package event

import (
	"hash/maphash"
	"strings"
	"sync/atomic"

	"sitrep/entity/ner"
	"sitrep/event/learn"
	"sitrep/lexicon"
	"sitrep/text"
)

// Words. Coding reads many facts of each token's word: its lower case and
// stem, the word lists it is in, the patterns it may trigger, its
// embedding clusters. They depend on nothing but the word, the dictionary
// and the role table, so a dictionary keeps those of the words it met in
// its vocabulary, shared by all the documents it codes, where each token
// would otherwise look its word up in several large maps and the
// embedding table.

// wordFacts is what coding reads of one word form (a token's text), found
// at once and never changed.
type wordFacts struct {
	text  string
	low   string // lower case, curly apostrophes made straight
	stem  string
	shape string // of the text (shape)
	// heads are the dictionary's patterns that may have their trigger
	// here (Dictionary.byHead)
	heads []int
	// content: no function word (notTriggers), so that the word may head
	// a trigger and counts among the sentence's words
	content    bool
	clauseWord bool // opens another clause (clauseWords)
	alone      bool // a role word that may stand alone as an actor
	person     lexicon.PersonNoun
	participle bool
	countWord  bool  // a number word of at least one
	count      int32 // its count (countWord)
	adverb     bool
	beForm     bool
	// the embedding clusters (0: none), and the word's sentence-bag
	// features (0: none)
	cl1, cl2            uint32
	bagWord, bagCluster uint32
	hashes              wordHashes
}

// wordHashes are the word's trigger features (features.trigger) that read
// nothing else, as the candidate and as a neighbour, and the hashes begun
// of those that go on with another word.
type wordHashes struct {
	word, lemma        uint32
	suffix             uint32 // of a word of more than 3 bytes
	cluster1, cluster2 uint32 // of a word with clusters
	heading            uint32
	// as the word before, the one after, two before, two after
	prev, next, prev2, next2 uint32
	prevWord                 learn.Hash // as the word before
	prevCluster              learn.Hash // as the word before, with clusters
	wordNext, lemmaObj       learn.Hash // before the next word, the object
}

// newWordHashes returns the hashes of the word whose lower case is w,
// stem lm and clusters (level 1 and 2) cl1 and cl2.
func newWordHashes(w, lm string, cl1, cl2 uint32) wordHashes {
	h := wordHashes{
		word:        learn.New(fWord).Str(w).Sum(),
		lemma:       learn.New(fLemma).Str(lm).Sum(),
		heading:     learn.New(fHeading).Str(lm).Sum(),
		prev:        learn.New(fPrev).Str(w).Sum(),
		next:        learn.New(fNext).Str(w).Sum(),
		prev2:       learn.New(fPrev2).Str(w).Sum(),
		next2:       learn.New(fNext2).Str(w).Sum(),
		prevWord:    learn.New(fPrevWord).Str(w),
		prevCluster: learn.New(fPrevCluster).Int(int(cl1)),
		wordNext:    learn.New(fWordNext).Str(lm),
		lemmaObj:    learn.New(fLemmaObj).Str(lm),
	}
	if len(w) > 3 {
		h.suffix = learn.New(fSuffix).Str(w[len(w)-3:]).Sum()
	}
	if cl1 != 0 {
		h.cluster1 = learn.New(fCluster1).Int(int(cl1)).Sum()
	}
	if cl2 != 0 {
		h.cluster2 = learn.New(fCluster2).Int(int(cl2)).Sum()
	}
	return h
}

// edgeHashes are the hashes of a sentence's edges as the neighbours of a
// trigger candidate ("<s>" before it, "</s>" after).
var edgeHashes = wordHashes{
	prev:     learn.New(fPrev).Str("<s>").Sum(),
	next:     learn.New(fNext).Str("</s>").Sum(),
	prev2:    learn.New(fPrev2).Str("<s>").Sum(),
	next2:    learn.New(fNext2).Str("</s>").Sum(),
	prevWord: learn.New(fPrevWord).Str("<s>"),
}

// hashesAt returns the hashes of the word at token i, or of the edge
// beyond the sentence.
func (s *sent) hashesAt(i int) *wordHashes {
	if i < 0 || i >= len(s.facts) {
		return &edgeHashes
	}
	return &s.facts[i].hashes
}

// newWordFacts finds the facts of the word form txt with the patterns of
// d and the role table roles (either may be nil). The facts hold a copy
// of txt, not the document's text it may be a part of.
func newWordFacts(txt string, d *Dictionary, roles *lexicon.Roles) *wordFacts {
	txt = strings.Clone(txt)
	low := strings.ToLower(strings.ReplaceAll(txt, "’", "'"))
	f := &wordFacts{
		text:       txt,
		low:        low,
		stem:       lexicon.Stem(low),
		shape:      shape(txt),
		content:    !notTriggers[low],
		clauseWord: clauseWords[low],
		participle: lexicon.IsParticiple(low),
		adverb:     adverbs[low],
		beForm:     beForms[low],
	}
	if d != nil {
		f.heads = d.byHead[low]
	}
	if roles != nil {
		f.alone = roles.Alone(low)
	}
	if p, err := lexicon.LoadPersons(); err == nil { // its error is Check's
		f.person = p.Of(low)
	}
	n, ok := countWord(low)
	f.countWord, f.count = ok, int32(n)
	f.cl1, f.cl2 = ner.Clusters(low)
	if f.content {
		f.bagWord = learn.New(fSentenceWord).Str(f.stem).Sum()
		if f.cl1 != 0 {
			f.bagCluster = learn.New(fSentenceCluster).Int(int(f.cl1)).Sum()
		}
	}
	f.hashes = newWordHashes(low, f.stem, f.cl1, f.cl2)
	return f
}

// vocabulary holds the facts of the words met, for one dictionary and
// role table, shared by all the documents coded with them: a
// set-associative table of immutable entries published with atomic
// stores, so that readers need no lock. A slot's tag is the hash of its
// word with its low bit set (never 0), or 0; a reader that finds a tag
// and an entry of another word (a race with a writer) takes it as a miss,
// which only costs finding the facts again. It holds at most its size in
// words, about 4 MB at vocabularySize.
type vocabulary struct {
	dict  *Dictionary
	roles *lexicon.Roles
	seed  maphash.Seed
	slots []vocabularySlot // sets of vocabularyWays, a set to a cache line
}

// vocabularySlot is one slot of a vocabulary.
type vocabularySlot struct {
	tag  atomic.Uint64
	word atomic.Pointer[wordFacts]
}

// The shared vocabulary's size: vocabularySize words (a power of two) in
// sets of vocabularyWays, a word in one of two sets. The 840 PolNeAR
// training articles have 31,534 distinct words, most of them rare.
const (
	vocabularySize = 1 << 14
	vocabularyWays = 4
)

// newVocabulary returns an empty vocabulary of size words (a power of two,
// at least vocabularyWays) for the patterns of d and the role table roles.
func newVocabulary(d *Dictionary, roles *lexicon.Roles, size int) *vocabulary {
	return &vocabulary{dict: d, roles: roles, seed: maphash.MakeSeed(), slots: make([]vocabularySlot, size)}
}

// sets returns the first slots of the two sets where the word whose hash
// is h may be (two choices leave few sets overfull).
func (v *vocabulary) sets(h uint64) [2]int {
	mask := uint64(len(v.slots) - 1)
	return [2]int{int(h&mask) &^ (vocabularyWays - 1), int(h>>32&mask) &^ (vocabularyWays - 1)}
}

// word returns the facts of the word form txt, finding them on a miss;
// misses is the caller's count of the misses that evicted a word, which
// picks the next victim.
func (v *vocabulary) word(txt string, misses *uint64) *wordFacts {
	h := maphash.String(v.seed, txt)
	tag := h | 1
	sets := v.sets(h)
	free := -1
	for _, set := range sets {
		for k := set; k < set+vocabularyWays; k++ {
			switch v.slots[k].tag.Load() {
			case tag:
				if f := v.slots[k].word.Load(); f != nil && f.text == txt {
					return f
				}
			case 0:
				if free < 0 {
					free = k
				}
			}
		}
	}
	f := newWordFacts(txt, v.dict, v.roles)
	if free < 0 {
		*misses++
		k := int((h>>40 + *misses) % (2 * vocabularyWays))
		free = sets[k/vocabularyWays] + k%vocabularyWays
	}
	sl := &v.slots[free]
	sl.tag.Store(0)
	sl.word.Store(f)
	sl.tag.Store(tag)
	return f
}

// vocabulary returns the dictionary's vocabulary for the role table roles:
// the shared one, made at the first call, or, for a role table other than
// the one it was made with, nil.
func (d *Dictionary) vocabulary(roles *lexicon.Roles) *vocabulary {
	v := d.vocab.Load()
	if v == nil {
		d.vocab.CompareAndSwap(nil, newVocabulary(d, roles, vocabularySize))
		v = d.vocab.Load()
	}
	if v.roles != roles {
		return nil
	}
	return v
}

// docWords is one document's way to its words: the vocabulary (shared, or
// its own), and the room its sentences are built in. It belongs to one
// document's coding: it is not safe for concurrent use.
type docWords struct {
	vocab  *vocabulary
	misses uint64
	room   sentenceRoom
	// bySentence holds the words of each sentence built, by its index
	bySentence [][]*wordFacts
}

// newDocWords returns the words of a document coded with the patterns of
// d and the role table roles (either may be nil), of about n bytes.
func newDocWords(d *Dictionary, roles *lexicon.Roles, n int) *docWords {
	var v *vocabulary
	if d != nil {
		v = d.vocabulary(roles)
	}
	if v == nil {
		size := vocabularyWays
		for size < n/4 {
			size *= 2
		}
		v = newVocabulary(d, roles, size)
	}
	return &docWords{vocab: v}
}

// word returns the facts of the word form txt.
func (w *docWords) word(txt string) *wordFacts { return w.vocab.word(txt, &w.misses) }

// sentenceRoom holds the by-token slices of the sentence being coded,
// reused by the next: a document's sentences are coded one at a time, and
// none is kept past the next one's building (nothing but its facts,
// copied, outlives it).
type sentenceRoom struct {
	low       []string
	brk       []bool
	actAt     []int
	entType   []string
	heads     [][]hit
	inside    []string
	decisions []decision
	feats     []uint32  // the features of one token
	scores    []float32 // one per class of a model
	trigger   []float32 // the trigger model's scores of one token
	verbAt    []bool
	covered   []bool // tokens inside the rules' actors (nounActors)
}

// cleared returns a slice of n zero values, in b's storage when it is
// large enough.
func cleared[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n, n+n/2)
	}
	b = b[:n]
	clear(b)
	return b
}

// emptied returns n empty lists, in the storage of b and of its lists
// where it is large enough.
func emptied[T any](b [][]T, n int) [][]T {
	if cap(b) < n {
		b = append(b[:cap(b)], make([][]T, n+n/2-cap(b))...)
	}
	b = b[:n]
	for i := range b {
		b[i] = b[i][:0]
	}
	return b
}

// sentence builds sentence idx of tokens toks for coding, its words found.
func (w *docWords) sentence(idx int, toks []text.Token) *sent {
	n := len(toks)
	r := &w.room
	r.low, r.brk, r.verbAt = cleared(r.low, n), cleared(r.brk, n), cleared(r.verbAt, n)
	s := &sent{idx: idx, toks: toks, words: w, facts: make([]*wordFacts, n), low: r.low, brk: r.brk, verbAt: r.verbAt, prevSrc: -1}
	for i, tk := range toks {
		s.facts[i] = w.word(tk.Text)
		s.low[i] = s.facts[i].low
	}
	if idx >= len(w.bySentence) {
		w.bySentence = append(w.bySentence, make([][]*wordFacts, idx+1-len(w.bySentence))...)
	}
	w.bySentence[idx] = s.facts
	s.findBreaks()
	return s
}

// at returns the facts of the word of token i of sentence si, whose text
// is txt.
func (w *docWords) at(si, i int, txt string) *wordFacts {
	if si < len(w.bySentence) && w.bySentence[si] != nil {
		return w.bySentence[si][i]
	}
	return w.word(txt)
}

// fact returns the facts of the word at token i.
func (s *sent) fact(i int) *wordFacts { return s.facts[i] }

// contentWord reports whether token i is a word that is no function word.
func (s *sent) contentWord(i int) bool {
	return s.toks[i].Kind == text.Word && s.facts[i].content
}

// stem returns the stem of the word at token i.
func (s *sent) stem(i int) string { return s.facts[i].stem }
