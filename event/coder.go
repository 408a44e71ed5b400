package event

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/event/learn"
	"sitrep/event/model"
	"sitrep/lexicon"
	"sitrep/quote"
	"sitrep/text"
)

// Coder is the learned part of the event stage, trained by `sitrep train
// events` on the annotated real-news sentences of package annot: which
// words are event triggers ("trigger": an event or not), of which CAMEO
// root ("root"), the full code within the root ("code-RR"), and the
// event's mode ("mode"). The stage's patterns, and a user's PETRARCH
// dictionaries, are among its features.
type Coder struct {
	trigger *learn.Model
	root    *learn.Model
	codes   map[string]*learn.Model // by root
	mode    *learn.Model
	acled   *learn.Model
	source  *learn.Model // ranks the actors (and none) as an event's source
	target  *learn.Model // ranks them as its target
	// bias is added to the best root's score against "no event": above
	// 0 the coder finds more events, less surely
	bias float32
	// patternBias is added besides where a usable pattern of the stage's
	// dictionary has its trigger
	patternBias float32
	// modeBias is added to every mode but asserted: above 0 the coder
	// reads more events as not (or not yet) having happened
	modeBias float32
	// ruleBias is added to the participant the hand-written rules choose
	ruleBias float32
	// sourceNoneBias and targetNoneBias are added to the score of "no
	// source" and "no target": below 0 the rankers name a participant
	// more often
	sourceNoneBias, targetNoneBias float32
}

// WithBias returns a copy of c that codes with bias b added to the best
// root's score against "no event" (TrainOptions.Bias): for choosing the
// bias by cross-validation without training again.
func (c *Coder) WithBias(b float32) *Coder {
	d := *c
	d.bias = b
	return &d
}

// WithNoneBiases returns a copy of c whose rankers add source and target
// to the scores of "no source" and "no target" (TrainOptions.SourceNoneBias
// and TargetNoneBias), for choosing them by cross-validation.
func (c *Coder) WithNoneBiases(source, target float32) *Coder {
	d := *c
	d.sourceNoneBias, d.targetNoneBias = source, target
	return &d
}

// SourceNoneBias and TargetNoneBias return the coder's biases of "no
// source" and "no target".
func (c *Coder) SourceNoneBias() float32 { return c.sourceNoneBias }
func (c *Coder) TargetNoneBias() float32 { return c.targetNoneBias }

// Model names in the coder's file, the trigger model's class of no event,
// and the parameters model (its classes are "name=value").
const (
	triggerModel = "trigger"
	rootModel    = "root"
	codeModel    = "code-"
	modeModel    = "mode"
	acledModel   = "acled"
	sourceModel  = "source"
	targetModel  = "target"
	noACLED      = "none"
	paramsModel  = "params"
	noEvent      = "O"
	biasParam    = "bias"
	patternParam = "pattern-bias"
	modeParam    = "mode-bias"
	ruleParam    = "rule-bias"
	sourceNone   = "source-none-bias"
	targetNone   = "target-none-bias"
)

// ParseCoder reads a coder from a model file written by WriteCoder; name
// is used in errors.
func ParseCoder(b []byte, name string) (*Coder, error) {
	ms, err := learn.Read(b, name)
	if err != nil {
		return nil, err
	}
	c := &Coder{codes: map[string]*learn.Model{}}
	for _, need := range []struct {
		m    **learn.Model
		name string
	}{{&c.trigger, triggerModel}, {&c.root, rootModel}, {&c.mode, modeModel}, {&c.acled, acledModel}, {&c.source, sourceModel}, {&c.target, targetModel}} {
		if *need.m, err = learn.Need(ms, need.name); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if len(c.trigger.Classes) < 2 || c.trigger.Classes[0] != noEvent {
		return nil, fmt.Errorf("%s: trigger classes %q, want O first", name, c.trigger.Classes)
	}
	c.trigger.BuildBound()
	if p, ok := ms[paramsModel]; ok {
		for _, kv := range p.Classes {
			k, v, _ := strings.Cut(kv, "=")
			f, err := strconv.ParseFloat(v, 32)
			switch {
			case err != nil:
				return nil, fmt.Errorf("%s: bad parameter %q", name, kv)
			case k == biasParam:
				c.bias = float32(f)
			case k == patternParam:
				c.patternBias = float32(f)
			case k == modeParam:
				c.modeBias = float32(f)
			case k == ruleParam:
				c.ruleBias = float32(f)
			case k == sourceNone:
				c.sourceNoneBias = float32(f)
			case k == targetNone:
				c.targetNoneBias = float32(f)
			default:
				return nil, fmt.Errorf("%s: unknown parameter %q", name, kv)
			}
		}
	}
	for _, sub := range c.acled.Classes {
		if _, ok := acledSubtype(sub); !ok && sub != noACLED {
			return nil, fmt.Errorf("%s: acled class %q is no ACLED sub-event type", name, sub)
		}
	}
	for _, root := range c.root.Classes {
		if !Valid(root) || len(root) != 2 {
			return nil, fmt.Errorf("%s: root class %q is no CAMEO root", name, root)
		}
		m, ok := ms[codeModel+root]
		if !ok {
			return nil, fmt.Errorf("%s: %w: %s", name, learn.ErrNoModel, codeModel+root)
		}
		for _, code := range m.Classes {
			if !Valid(code) || !strings.HasPrefix(code, root) {
				return nil, fmt.Errorf("%s: %s class %q is no CAMEO code of root %s", name, codeModel+root, code, root)
			}
		}
		c.codes[root] = m
	}
	return c, nil
}

// defaultCoder loads the embedded coder once.
var defaultCoder = sync.OnceValues(func() (*Coder, error) {
	return ParseCoder(model.Events, "event/model/events.bin")
})

// DefaultCoder returns the embedded coder, or the error that kept it from
// loading.
func DefaultCoder() (*Coder, error) { return defaultCoder() }

// coder returns the stage's coder, else the embedded one.
func (st *Stage) coder() (*Coder, error) {
	if st.Coder != nil {
		return st.Coder, nil
	}
	return DefaultCoder()
}

// decision is what the coder says of one token.
type decision struct {
	code  string // "" for no event
	mode  string
	acled string // ACLED sub-event type, "" for none
}

// classify returns m's best class for the features, with scratch the
// scores' space.
func classify(m *learn.Model, feats []uint32, scratch *[]float32) string {
	if len(*scratch) < len(m.Classes) {
		*scratch = make([]float32, len(m.Classes))
	}
	return m.Classes[m.Best(feats, nil, (*scratch)[:len(m.Classes)])]
}

// modeOf returns the mode the coder reads from mode features: the best
// class, each mode other than asserted given the modeBias.
func (c *Coder) modeOf(feats []uint32, scores []float32) string {
	if len(scores) < len(c.mode.Classes) {
		scores = make([]float32, len(c.mode.Classes))
	}
	scores = scores[:len(c.mode.Classes)]
	c.mode.Scores(feats, scores)
	best := 0
	for k, m := range c.mode.Classes {
		if m != sitrep.Asserted {
			scores[k] += c.modeBias
		}
		if scores[k] > scores[best] {
			best = k
		}
	}
	return c.mode.Classes[best]
}

// eventMargin is how far the trigger features of token i score as their
// best root above "no event", the biases included: above 0 the word is an
// event. The trigger model's classes are "no event" and the roots, so
// that what a word is evidence of is learned with whether it is an event
// ("killed in Iraq" as a fight); scores is scratch space for its scores.
func (c *Coder) eventMargin(fx *features, i int, feats []uint32, scores []float32) float32 {
	scores = scores[:len(c.trigger.Classes)]
	c.trigger.Scores(feats, scores)
	m := scores[1]
	for _, v := range scores[2:] {
		m = max(m, v)
	}
	return m + c.biasAt(fx, i) - scores[0]
}

// biasAt is the bias of "event" at token i: the coder's, and the
// pattern bias where a usable pattern has its trigger.
func (c *Coder) biasAt(fx *features, i int) float32 {
	if fx.usableAt(i) {
		return c.bias + c.patternBias
	}
	return c.bias
}

// mayBeEvent reports whether token i, of trigger features feats, may be
// an event: most words are so far from one that the trigger model's bound
// (Model.BestBound) says no without a score per root, with boundSlack of
// room for rounding. Only where it says yes is eventMargin needed.
func (c *Coder) mayBeEvent(fx *features, i int, feats []uint32) bool {
	return c.trigger.BestBound(feats)+c.biasAt(fx, i) >= -boundSlack
}

// boundSlack is how far below 0 the trigger model's bound must be for a
// word to be left without scoring each root: far more than float32
// rounding of a sum of some hundred weights.
const boundSlack = 0.01

// decide runs the coder over the candidate tokens of s.
func (c *Coder) decide(s *sent, fx *features) []decision {
	r := &s.words.room
	r.decisions = cleared(r.decisions, len(s.toks))
	out := r.decisions
	if len(r.scores) < 32 {
		r.scores = make([]float32, 32)
	}
	scores, buf := r.scores, r.feats
	defer func() { r.scores, r.feats = scores, buf[:0] }()
	r.trigger = cleared(r.trigger, len(c.trigger.Classes))
	trig := r.trigger
	for i := range s.toks {
		if !s.candidate(i) {
			continue
		}
		buf = fx.trigger(s, i, buf[:0])
		if !c.mayBeEvent(fx, i, buf) || c.eventMargin(fx, i, buf, trig) <= 0 {
			continue
		}
		n := len(buf)
		buf = fx.what(s, i, buf)
		root := classify(c.root, buf, &scores)
		code := classify(c.codes[root], buf, &scores)
		buf = fx.acled(s, i, code, buf[:n])
		sub := classify(c.acled, buf, &scores)
		if sub == noACLED {
			sub = ""
		}
		buf = fx.mode(s, i, buf[:0])
		mode := quote.Modality(s.toks, i)
		if mode == sitrep.Asserted {
			mode = c.modeOf(buf, scores)
		}
		out[i] = decision{code: code, mode: mode, acled: sub}
	}
	return out
}

// Word lists the coder reads (lexicon/data/words).
var (
	notTriggers = lexicon.Words("shared.determiners", "shared.prepositions", "shared.be-forms",
		"shared.bare-verb-openers", "event.modals", "event.auxiliaries")
)

// candidate reports whether token i may head a trigger: a word that is no
// function word and not inside a name.
func (s *sent) candidate(i int) bool {
	if !s.contentWord(i) {
		return false
	}
	if ai := s.actAt[i]; ai >= 0 && !s.actors[ai].role && !s.actors[ai].pronoun {
		return false
	}
	return true
}

// features holds what the feature templates read beyond the sentence
// itself: the document's entity types by token, and the pattern matches.
type features struct {
	entType []string // by token: the type of the entity mention holding it, or ""
	heads   [][]hit  // by token: the raw pattern matches with their trigger there
	inside  []string // by token: the root of a match covering it, not as its trigger
	heading bool
}

// Feature templates.
const (
	fBias byte = iota
	fWord
	fLemma
	fPrev
	fNext
	fPrev2
	fNext2
	fPrevWord
	fWordNext
	fCluster1
	fCluster2
	fSuffix
	fShape
	fEnt
	fEntPrev
	fEntNext
	fActorBefore
	fActorAfter
	fPatRoot
	fPatCode
	fPatKind
	fPatUsable
	fPatInside
	fHeading
	fLemmaObj
	fPrevCluster
	fFirst
	fModeBefore
	fModeAfter
	fModeRule
	fModeLemma
	fModeRoot
	fModeWordBefore
	fPassive
	fCountBefore
	fPatACLED
	fSentenceWord
	fSentenceCluster
	fPairDir
	fPairKind
	fPairLemma
	fPairRoot
	fPairPrep
	fPairBetween
	fPairFar
	fPairClause
	fPairRank
	fPairRule
	fPairPassive
	fPairSector
	fPairNext
	fPairFirst
	fPairBias
	fNone
	fPairPrevSource
	fEventCode
	fSubjectSector
	fWhat
	fPairReporter
)

// newFeatures prepares the per-token facts of sentence s; the patterns
// are those of its words' dictionary.
func newFeatures(doc *sitrep.Document, s *sent, all *text.Mentions, heading bool) *features {
	n, r := len(s.toks), &s.words.room
	r.entType, r.heads, r.inside = cleared(r.entType, n), emptied(r.heads, n), cleared(r.inside, n)
	fx := &features{entType: r.entType, heads: r.heads, inside: r.inside, heading: heading}
	if len(s.toks) > 0 {
		lo, hi := s.toks[0].Start, s.toks[len(s.toks)-1].End
		k := 0
		for _, m := range all.StartingIn(lo, hi) {
			for k < len(s.toks) && s.toks[k].End <= m.Start {
				k++
			}
			for j := k; j < len(s.toks) && s.toks[j].Start < m.End; j++ {
				fx.entType[j] = doc.Entities[m.Entity].Type
			}
		}
	}
	if d := s.words.vocab.dict; d != nil {
		for i := range s.toks {
			for _, pi := range s.fact(i).heads {
				h, ok := s.matchAt(d.Patterns[pi], i)
				if !ok {
					continue
				}
				h.usable = usable(s, h)
				fx.heads[i] = append(fx.heads[i], h)
				for k := h.start; k < h.end; k++ {
					if k != i && len(h.p.Code) >= 2 {
						fx.inside[k] = h.p.Code[:2]
					}
				}
			}
		}
	}
	return fx
}

// reciprocal reports whether a pattern with its trigger at token i reads
// a compound subject as two parties acting together ("Saudi Arabia and
// Iran agreed"): the patterns own which verbs are reciprocal.
func (fx *features) reciprocal(i int) bool {
	for _, h := range fx.heads[i] {
		if h.p.Sym {
			return true
		}
	}
	return false
}

// usableAt reports whether a usable pattern has its trigger at token i.
func (fx *features) usableAt(i int) bool {
	for _, h := range fx.heads[i] {
		if h.usable && !strings.HasPrefix(h.p.Code, "-") {
			return true
		}
	}
	return false
}

// word returns the lower-case word at i, or a boundary mark.
func (s *sent) word(i int) string {
	switch {
	case i < 0:
		return "<s>"
	case i >= len(s.low):
		return "</s>"
	}
	return s.low[i]
}

// shape sums up a token's letters: capitalized, all capitals, or lower.
func shape(t string) string {
	switch {
	case allCapitals(t):
		return "X"
	case capitalized(t):
		return "Xx"
	}
	return "x"
}

// allCapitals reports whether t reads the same in capitals and otherwise
// in lower case, as t == strings.ToUpper(t) && t != strings.ToLower(t)
// says, without building either: no letter changes in capitals (and no
// invalid byte, which both would replace), and some letter in lower case.
func allCapitals(t string) bool {
	lowers := false
	for i, r := range t {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(t[i:]); n == 1 {
				return false // an invalid byte: strings.ToUpper writes U+FFFD
			}
		}
		if unicode.ToUpper(r) != r {
			return false
		}
		if unicode.ToLower(r) != r {
			lowers = true
		}
	}
	return lowers
}

// biasFeature is the feature every trigger candidate has.
var biasFeature = learn.New(fBias).Sum()

// trigger appends the features of token i as a trigger candidate.
func (fx *features) trigger(s *sent, i int, out []uint32) []uint32 {
	add := func(h learn.Hash) { out = append(out, h.Sum()) }
	// the hashes of the words alone are the words' own (wordHashes)
	w := s.low[i]
	wf := s.fact(i)
	lm := wf.stem
	own, prev := &wf.hashes, s.hashesAt(i-1)
	out = append(out, biasFeature, own.word, own.lemma, prev.prev, s.hashesAt(i+1).next, s.hashesAt(i-2).prev2, s.hashesAt(i+2).next2)
	add(prev.prevWord.Str(lm))
	add(own.wordNext.Str(s.word(i + 1)))
	if wf.cl1 != 0 {
		out = append(out, own.cluster1)
	}
	if wf.cl2 != 0 {
		out = append(out, own.cluster2)
	}
	if i > 0 && s.fact(i-1).cl1 != 0 {
		add(prev.prevCluster.Str(lm))
	}
	if len(w) > 3 {
		out = append(out, own.suffix)
	}
	add(learn.New(fShape).Str(wf.shape).Int(boolInt(i == 0)))
	if i == 0 || s.datelineEnd == i {
		add(learn.New(fFirst))
	}
	add(learn.New(fEnt).Str(fx.entType[i]))
	if i > 0 {
		add(learn.New(fEntPrev).Str(fx.entType[i-1]))
	}
	if i+1 < len(s.toks) {
		add(learn.New(fEntNext).Str(fx.entType[i+1]))
	}
	lo, hi := s.clause(i)
	before, after := "", ""
	for k := i - 1; k >= lo && k >= i-4; k-- {
		if s.actAt[k] >= 0 {
			before = fx.entOrRole(s, k)
			// who acts says what the verb means: gunmen who "attacked"
			// fought, a candidate who "attacked" spoke
			add(learn.New(fSubjectSector).Str(sectorOf(s.actors[s.actAt[k]].code)).Str(lm))
			break
		}
	}
	obj := ""
	for k := i + 1; k < hi && k <= i+5; k++ {
		if s.actAt[k] >= 0 {
			after = fx.entOrRole(s, k)
			break
		}
	}
	for k := i + 1; k < hi && k <= i+4; k++ {
		if s.contentWord(k) {
			obj = s.stem(k)
			break
		}
	}
	add(learn.New(fActorBefore).Str(before))
	add(learn.New(fActorAfter).Str(after))
	add(own.lemmaObj.Str(obj))
	for _, h := range fx.heads[i] {
		code := h.p.Code
		if len(code) >= 2 {
			add(learn.New(fPatRoot).Str(code[:2]))
		}
		add(learn.New(fPatCode).Str(code))
		add(learn.New(fPatKind).Int(int(h.p.Kind)).Int(boolInt(h.p.dictionary)))
		add(learn.New(fPatUsable).Int(boolInt(h.usable)).Str(rootOf(code)))
	}
	if fx.inside[i] != "" {
		add(learn.New(fPatInside).Str(fx.inside[i]))
	}
	if fx.heading {
		out = append(out, own.heading)
	}
	if wf.participle {
		k := i - 1
		for k >= lo && s.fact(k).adverb {
			k--
		}
		add(learn.New(fPassive).Int(boolInt(k >= lo && s.fact(k).beForm)))
	}
	for k := i - 1; k >= lo && k >= i-3; k-- {
		if s.toks[k].Kind == text.Number || s.fact(k).countWord {
			add(learn.New(fCountBefore).Int(i - k))
			break
		}
	}
	return out
}

// what appends the features that say which act a trigger states: the
// stems of the content words after it in its clause, up to six ("called
// for the release" against "called for a boycott").
func (fx *features) what(s *sent, i int, out []uint32) []uint32 {
	_, hi := s.clause(i)
	for k, n := i+1, 0; k < hi && n < 6; k++ {
		if s.contentWord(k) {
			out = append(out, learn.New(fWhat).Str(s.stem(k)).Sum())
			n++
		}
	}
	return out
}

// acled appends to the trigger features of token i (in out) those of its
// ACLED sub-event type: its CAMEO code, the patterns' ACLED keys and the
// sentence's content words (how, with what, against whom).
func (fx *features) acled(s *sent, i int, code string, out []uint32) []uint32 {
	add := func(h learn.Hash) { out = append(out, h.Sum()) }
	add(learn.New(fEventCode).Str(code))
	add(learn.New(fEventCode).Str(rootOf(code)))
	if len(code) >= 3 {
		add(learn.New(fEventCode).Str(code[:3]))
	}
	for _, h := range fx.heads[i] {
		add(learn.New(fPatACLED).Str(h.p.ACLED))
	}
	for k := range s.toks {
		if k == i || !s.contentWord(k) {
			continue
		}
		if f := s.fact(k); f.bagWord != 0 {
			out = append(out, f.bagWord)
			if f.bagCluster != 0 {
				out = append(out, f.bagCluster)
			}
		}
	}
	return out
}

// sectorOf returns the sector of an actor code (its letters after the
// country: GOV, MIL, UAF), the code itself when it has no country, ""
// for none.
func sectorOf(code string) string {
	if len(code) >= 6 {
		return code[3:6]
	}
	return code
}

// entOrRole names what stands at token k for features.
func (fx *features) entOrRole(s *sent, k int) string {
	ac := s.actors[s.actAt[k]]
	switch {
	case ac.pronoun:
		return "PRON"
	case ac.role:
		return "ROLE"
	case fx.entType[k] != "":
		return fx.entType[k]
	}
	return "NAME"
}

// mode appends the features of the mode of an event triggered at token i:
// the words before it in its clause by distance, the words just after,
// and the hand-written modality rule's reading.
func (fx *features) mode(s *sent, i int, out []uint32) []uint32 {
	add := func(h learn.Hash) { out = append(out, h.Sum()) }
	lm := s.stem(i)
	add(learn.New(fBias))
	add(learn.New(fModeLemma).Str(lm))
	add(learn.New(fModeRule).Str(quote.Modality(s.toks, i)))
	for _, h := range fx.heads[i] {
		add(learn.New(fModeRoot).Str(rootOf(h.p.Code)))
	}
	lo, _ := s.clause(i)
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		d := i - k
		if d > 3 {
			d = 4
		}
		add(learn.New(fModeBefore).Str(s.low[k]).Int(d))
		if k < lo {
			add(learn.New(fModeWordBefore).Str(s.low[k]))
		}
	}
	for k := i + 1; k < len(s.low) && k <= i+3; k++ {
		add(learn.New(fModeAfter).Str(s.low[k]).Int(k - i))
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// codeLearned codes sentence s as the coder decided: a pattern match
// whose trigger the coder takes as an event of the same root keeps its
// words and flags with the coder's code and mode; a word the coder takes
// that no match covers becomes a one-word trigger of its own; a match the
// coder does not take is no event. Matches of a user's dictionary stand
// as they are (the user's word overrides).
func (st *Stage) codeLearned(doc *sitrep.Document, s *sent, fx *features, dec []decision) []coded {
	var raw []hit
	for i := range fx.heads {
		for _, h := range fx.heads[i] {
			if h.usable {
				raw = append(raw, h)
			}
		}
	}
	taken := make([]bool, len(s.toks))
	var hits []hit
	take := func(h hit) {
		for k := h.start; k < h.end; k++ {
			taken[k] = true
		}
		hits = append(hits, h)
	}
	for _, h := range s.chooseHits(raw) {
		if h.p.dictionary {
			take(h)
			continue
		}
		k := h.head
		for j := h.start; j < h.end && dec[k].code == ""; j++ {
			k = j
		}
		dc := dec[k]
		if dc.code == "" || rootOf(dc.code) != rootOf(h.p.Code) {
			continue
		}
		p := *h.p
		if p.Code != dc.code {
			p.Code, p.Neg, p.Reverse = dc.code, "", ""
		}
		p.Rule += "+coder"
		h.p, h.learned, h.mode, h.acled = &p, true, dc.mode, dc.acled
		take(h)
	}
	for i, dc := range dec {
		if dc.code != "" && !taken[i] {
			h := s.learnedHit(i, dc)
			h.p.Sym = fx.reciprocal(i)
			take(h)
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	s.verbAt = cleared(s.verbAt, len(s.toks))
	for _, h := range hits {
		if h.p.Kind == VerbKind {
			s.verbAt[h.head] = true
		}
	}
	return st.codeHits(doc, s, hits)
}

// learnedHit is a one-word trigger the coder found at token i: a noun
// after a determiner, preposition or number ("the talks", "in clashes"),
// else a verb.
func (s *sent) learnedHit(i int, dc decision) hit {
	kind := VerbKind
	if i > 0 && (determiners[s.low[i-1]] || preps[s.low[i-1]] && s.low[i-1] != "to" || s.toks[i-1].Kind == text.Number) {
		kind = NounKind
	}
	p := &Pattern{Code: dc.code, Kind: kind, Rule: "coder"}
	return hit{p: p, start: i, end: i + 1, head: i, src: -1, tgt: -1, comp: -1, learned: true, mode: dc.mode, acled: dc.acled}
}

// actors chooses the source and target of an event the coder found at
// h among the sentence's actors (-1 for none), the rules' choice (src,
// tgt) among the features: the source ranker's best candidate, "none"
// included, then the target ranker's best among the others.
func (c *Coder) actors(s *sent, h hit, src, tgt int) (int, int) {
	var buf []uint32
	pick := func(m *learn.Model, role string, rule, not int, noneBias float32) int {
		buf = s.fx.none(s, h, role, src, tgt, buf[:0])
		best, bs := -1, m.Score(buf)+noneBias
		if rule < 0 {
			bs += c.ruleBias
		}
		for ai := range s.actors {
			if ai == not || !s.pairable(h, ai) {
				continue
			}
			buf = s.fx.pair(s, h, ai, src, tgt, buf[:0])
			v := m.Score(buf)
			if ai == rule {
				v += c.ruleBias
			}
			if v > bs {
				best, bs = ai, v
			}
		}
		return best
	}
	so := pick(c.source, sourceModel, src, -1, c.sourceNoneBias)
	return so, pick(c.target, targetModel, tgt, so, c.targetNoneBias)
}

// pairable reports whether actor ai may be a participant of the event at
// h: not the trigger's own words.
func (s *sent) pairable(h hit, ai int) bool {
	ac := s.actors[ai]
	if ac.end <= s.datelineEnd {
		return false // the dateline is where the reporter is, no party
	}
	if s.reporter(h, ai) && !subjectPronouns[s.reportedWord(ac.end)] {
		// "Police said the guards fired": who tells of an act is no
		// party to it (docs/annotation.md §5), unless the clause takes
		// them back ("Egypt says it plans to deport")
		return false
	}
	return !(ac.start <= h.head && h.head < ac.end)
}

// subjectPronouns take a reporter back as the subject of what they report.
var subjectPronouns = lexicon.Words("event.subject-pronouns")

// reportedWord is the first word of what the report word at token k
// reports, "that" skipped.
func (s *sent) reportedWord(k int) string {
	w := s.word(k + 1)
	if w == "that" {
		w = s.word(k + 2)
	}
	return w
}

// reporter reports whether actor ai tells of the event at h: "Police said
// the guards fired".
func (s *sent) reporter(h hit, ai int) bool {
	ac := s.actors[ai]
	return ac.end < h.start && ac.end < len(s.low) && reportWords[s.low[ac.end]] && s.low[ac.end] != "that" && !ac.pronoun
}

// distanceBucket sums up a distance in tokens.
func distanceBucket(d int) int {
	switch {
	case d <= 3:
		return d
	case d <= 6:
		return 4
	case d <= 10:
		return 5
	}
	return 6
}

// pair appends the features of actor ai as a participant of the event at
// h; src and tgt are the rules' choices.
func (fx *features) pair(s *sent, h hit, ai, src, tgt int, out []uint32) []uint32 {
	add := func(x learn.Hash) { out = append(out, x.Sum()) }
	ac := s.actors[ai]
	before := ac.end <= h.start
	dir, dist := "after", ac.start-h.end+1
	if before {
		dir, dist = "before", h.start-ac.end+1
	}
	kind := "NAME"
	switch {
	case ac.pronoun:
		kind = "PRON"
	case ac.noun:
		kind = "NOUN"
	case ac.role:
		kind = "ROLE"
	case fx.entType[ac.start] != "":
		kind = fx.entType[ac.start]
	}
	lm := s.stem(h.head)
	root := rootOf(h.p.Code)
	add(learn.New(fPairBias).Str(dir))
	add(learn.New(fPairDir).Str(dir).Int(distanceBucket(dist)))
	add(learn.New(fPairKind).Str(dir).Str(kind))
	add(learn.New(fPairLemma).Str(dir).Str(lm))
	add(learn.New(fPairRoot).Str(dir).Str(root).Str(kind))
	prev := s.word(ac.start - 1)
	add(learn.New(fPairPrep).Str(dir).Str(prev))
	add(learn.New(fPairPrep).Str(dir).Str(prev).Str(root))
	next := s.word(ac.end)
	add(learn.New(fPairNext).Str(dir).Str(next))
	lo, hi := h.end, ac.start
	if before {
		lo, hi = ac.end, h.start
	}
	if hi-lo <= 6 {
		for k := lo; k < hi; k++ {
			add(learn.New(fPairBetween).Str(dir).Str(s.low[k]))
		}
	} else {
		add(learn.New(fPairFar).Str(dir))
	}
	clo, chi := s.clause(h.head)
	add(learn.New(fPairClause).Str(dir).Int(boolInt(ac.start >= clo && ac.end <= chi)))
	rank := 0
	for bi := range s.actors {
		b := s.actors[bi]
		if bi != ai && s.pairable(h, bi) && (before && b.end <= h.start && b.start > ac.start || !before && b.start >= h.end && b.start < ac.start) {
			rank++
		}
	}
	add(learn.New(fPairRank).Str(dir).Int(min(rank, 3)))
	add(learn.New(fPairRule).Int(boolInt(ai == src)).Int(boolInt(ai == tgt)))
	add(learn.New(fPairRule).Int(boolInt(ai == src)).Int(boolInt(ai == tgt)).Str(root))
	passive, participle := false, s.fact(h.head).participle
	if participle {
		k := h.head - 1
		for k >= 0 && s.fact(k).adverb {
			k--
		}
		// headlines drop "was": in "Woman charged over arms find" the
		// participle right after a name or role is a passive
		passive = k >= 0 && (s.fact(k).beForm || fx.heading && k == h.head-1 && s.actAt[k] >= 0)
	}
	add(learn.New(fPairPassive).Str(dir).Int(boolInt(passive)))
	add(learn.New(fPairPassive).Str(dir).Int(boolInt(fx.heading)).Int(boolInt(participle)))
	if n := len(ac.code); n >= 6 {
		add(learn.New(fPairSector).Str(ac.code[n-3:]).Str(root))
	}
	add(learn.New(fPairFirst).Int(boolInt(ai == 0)).Str(dir))
	// "struck Hamas command centers and accused the group": a verb after
	// "and" shares the subject of the event before
	add(learn.New(fPairPrevSource).Int(boolInt(ai == s.prevSrc)).Str(s.word(h.start - 1)).Str(dir))
	if s.reporter(h, ai) {
		// what follows the report word: "says it plans", "said he"
		after := s.reportedWord(ac.end)
		add(learn.New(fPairReporter).Str(root))
		add(learn.New(fPairReporter).Str(after))
		add(learn.New(fPairReporter).Str(after).Str(root))
	}
	return out
}

// none appends the features of "no actor" in the given role for the
// event at h: what the event is, and whether the rules found one.
func (fx *features) none(s *sent, h hit, role string, src, tgt int, out []uint32) []uint32 {
	add := func(x learn.Hash) { out = append(out, x.Sum()) }
	root := rootOf(h.p.Code)
	add(learn.New(fNone))
	add(learn.New(fNone).Str(root))
	add(learn.New(fNone).Str(s.stem(h.head)))
	add(learn.New(fNone).Int(int(h.p.Kind)))
	rule := src
	if role == targetModel {
		rule = tgt
	}
	add(learn.New(fNone).Int(boolInt(rule >= 0)).Str(root))
	n := 0
	for ai := range s.actors {
		if s.pairable(h, ai) {
			n++
		}
	}
	add(learn.New(fNone).Int(min(n, 4)))
	return out
}

// TriggerScore is the coder's reading of one candidate word: how far its
// "event" score is above "no event" (bias included; above 0 it is coded),
// and the root and code it would take.
type TriggerScore struct {
	Sentence int
	Word     string
	Margin   float32
	Code     string
}

// Explain returns the coder's reading of every candidate word of a, for
// finding out why a word was or was not coded.
func (st *Stage) Explain(a *text.Analysis) ([]TriggerScore, error) {
	c, err := st.coder()
	if err != nil {
		return nil, err
	}
	d, roles, err := st.data()
	if err != nil {
		return nil, err
	}
	ds := st.newDocState(a.Doc, d, roles, "")
	var out []TriggerScore
	scores, trig := make([]float32, 32), make([]float32, len(c.trigger.Classes))
	for si := range a.Sentences {
		sen := &a.Sentences[si]
		if len(sen.Tokens) == 0 {
			continue
		}
		s := ds.prepare(si, sen)
		if s == nil {
			continue
		}
		fx := newFeatures(a.Doc, s, ds.mentions, sen.Heading)
		for i := range s.toks {
			if !s.candidate(i) {
				continue
			}
			f := fx.trigger(s, i, nil)
			m := c.eventMargin(fx, i, f, trig)
			f = fx.what(s, i, f)
			root := classify(c.root, f, &scores)
			out = append(out, TriggerScore{Sentence: si, Word: s.toks[i].Text, Margin: m, Code: classify(c.codes[root], f, &scores)})
		}
		ds.hist.push(a.Doc, s)
	}
	return out, nil
}
