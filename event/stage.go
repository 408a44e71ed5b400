package event

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"sitrep"
	"sitrep/entity"
	"sitrep/lexicon"
	"sitrep/quote"
	"sitrep/text"
)

// Stage codes events; it runs last in the pipeline, after entities, times,
// quantities, places and quotes.
type Stage struct {
	Dict *Dictionary
	// Actors, when set, finds actors by dictionary phrases as well as
	// among the entities (PETRARCH/TABARI actor and agent dictionaries),
	// and drops sentences and stories its discard list names.
	Actors *ActorDict
	// RequireDyad keeps only events with both a source and a target, as
	// PETRARCH and TABARI do by default.
	RequireDyad bool
	// Coder decides which words are events, their codes and modes; nil
	// uses the embedded coder (DefaultCoder).
	Coder *Coder
	// RulesOnly codes with the patterns and hand-written rules alone, as
	// sitrep did before it learned: for comparison, and for PETRARCH-style
	// runs that want only the user's dictionaries.
	RulesOnly bool
}

// New returns the stage with sitrep's own dictionary. A stage with the
// user's dictionaries is a Stage value built with them (Dict, Actors).
func New() *Stage {
	return &Stage{Dict: Default()}
}

// Merge returns a dictionary holding the patterns of all ds.
func Merge(ds ...*Dictionary) *Dictionary {
	out := &Dictionary{}
	for _, d := range ds {
		if d != nil {
			out.Patterns = append(out.Patterns, d.Patterns...)
		}
	}
	out.index()
	return out
}

// data returns what coding needs besides the coder: the stage's patterns
// (its own or sitrep's) and the role table, checked once with every word
// list.
func (st *Stage) data() (*Dictionary, *lexicon.Roles, error) {
	d := st.Dict
	if d == nil {
		var err error
		if d, err = LoadDefault(); err != nil {
			return nil, nil, err
		}
	}
	if err := lexicon.Check(); err != nil {
		return nil, nil, err
	}
	roles, err := lexicon.LoadRoles() // loaded by Check
	return d, roles, err
}

// Name returns "event".
func (*Stage) Name() string { return "event" }

// Closed word lists of lexicon/data/words (event.txt, shared.txt).
var (
	determiners = lexicon.Words("shared.determiners", "event.determiners")
	beForms     = lexicon.Words("shared.be-forms", "event.be-forms")
	adverbs     = lexicon.Words("event.adverbs")
	preps       = lexicon.Words("shared.prepositions")
	locPreps    = lexicon.Words("event.place-prepositions")
	lightVerbs  = lexicon.Words("event.light-verbs")
	modals      = lexicon.Words("shared.bare-verb-openers", "event.modals")
	intentVerbs = lexicon.Words("event.intent-verbs")
	nounTgtPrep = lexicon.Words("event.target-prepositions")
)

// coded is an event being built, before ids and offsets are final.
type coded struct {
	ev        sitrep.Event
	sent      int
	src, tgt  int // entity indexes or -1
	srcCode   string
	tgtCode   string
	clauseLo  int
	headTok   int
	acled     string
	report    bool
	conflict  bool
	srcIsRole bool
	learned   bool         // the coder chose the trigger
	acledSub  string       // the coder's ACLED sub-event type, "" for none
	srcText   string       // the words naming the source and the target
	srcSpan   *sitrep.Span // where they are (bytes), when the sentence names them
	tgtSpan   *sitrep.Span
	tgtText   string
}

// Run codes the events of every sentence of a.Doc.
func (st *Stage) Run(ctx context.Context, a *text.Analysis) error {
	d, roles, err := st.data()
	if err != nil {
		return err
	}
	doc := a.Doc
	date := strings.ReplaceAll(doc.Published, "-", "")
	if len(date) > 8 {
		date = date[:8]
	}
	var all []coded
	if st.Actors != nil {
		var low []string
		for _, sen := range a.Sentences {
			for _, t := range sen.Tokens {
				low = append(low, strings.ToLower(t.Text))
			}
		}
		for _, ph := range st.Actors.story {
			if hasPhrase(low, ph) {
				doc.Events = doc.Events[:0]
				return nil
			}
		}
	}
	ds := st.newDocState(doc, d, roles, date)
	var coder *Coder
	if !st.RulesOnly {
		if coder, err = st.coder(); err != nil {
			return err
		}
	}
	for si := range a.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("coding events: %w", err)
			}
		}
		sen := &a.Sentences[si]
		if len(sen.Tokens) == 0 || sen.Heading && coder == nil {
			continue
		}
		s := ds.prepare(si, sen)
		if s == nil {
			continue
		}
		var evs []coded
		if coder != nil {
			s.fx, s.coder = newFeatures(doc, s, ds.mentions, sen.Heading), coder
			evs = st.codeLearned(doc, s, s.fx, coder.decide(s, s.fx))
		} else {
			evs = st.codeSentence(doc, d, s)
		}
		all = append(all, evs...)
		ds.hist.push(doc, s)
	}
	all = dedupe(all)
	evs := speakersAsSources(doc, finish(a, ds.words, all))
	if evs == nil {
		evs = []sitrep.Event{} // the contract's lists are never null
	}
	for i := range evs {
		evs[i].ID = "V" + strconv.Itoa(i+1)
	}
	doc.Events = evs // written once, numbered in order
	return nil
}

// docState is what coding one sentence needs to know of the whole
// document, and the pronoun history carried from sentence to sentence.
type docState struct {
	st       *Stage
	doc      *sitrep.Document
	roles    *lexicon.Roles
	date     string
	refs     *text.Mentions // actor mentions
	mentions *text.Mentions // every entity mention
	home     string
	hazardAt map[int]bool
	isPlace  map[int]bool
	hist     history
	words    *docWords
}

// newDocState gathers the document-wide facts the sentences read, for
// coding with the patterns of d.
func (st *Stage) newDocState(doc *sitrep.Document, d *Dictionary, roles *lexicon.Roles, date string) *docState {
	ds := &docState{st: st, doc: doc, roles: roles, date: date, refs: text.IndexMentions(doc, isActorType), mentions: text.IndexMentions(doc, nil), home: homeCountry(doc),
		words: newDocWords(d, roles, len(doc.Text))}
	// named storms ("Typhoon Doksuri", "Doksuri") are hazards, as
	// "typhoon" is: nature is no actor
	ds.hazardAt = map[int]bool{}
	for _, e := range doc.Entities {
		if e.Type == sitrep.EventEnt {
			for _, m := range e.Mentions {
				ds.hazardAt[m.Start] = true
			}
		}
	}
	ds.isPlace = map[int]bool{}
	for _, p := range doc.Places {
		for ei := range doc.Entities {
			if doc.Entities[ei].ID == p.Entity {
				ds.isPlace[ei] = true
			}
		}
	}
	return ds
}

// prepare builds sentence si for coding: its actors, coded and resolved;
// nil when the user's discard list drops it.
func (ds *docState) prepare(si int, sen *text.Sentence) *sent {
	doc, st := ds.doc, ds.st
	s := ds.words.sentence(si, sen.Tokens)
	s.isPlace, s.hazardAt = ds.isPlace, ds.hazardAt
	s.actors, s.nRuled = sentenceActors(doc, ds.refs, s, ds.roles)
	if st.Actors != nil {
		if st.Actors.discarded(s.low) {
			return nil
		}
		var own []actor
		for _, ac := range s.actors {
			if !ac.role && !ac.named { // the user's actors and agents replace sitrep's guesses
				own = append(own, ac)
			}
		}
		s.actors = mergeActors(own, st.Actors.find(s.low, ds.date))
		s.nRuled = len(s.actors)
	}
	ds.words.room.actAt = cleared(ds.words.room.actAt, len(s.toks))
	s.actAt = ds.words.room.actAt
	for i := range s.actAt {
		s.actAt[i] = -1
	}
	for ai, ac := range s.ruled() {
		for k := ac.start; k < ac.end; k++ {
			s.actAt[k] = ai
		}
	}
	s.localize(doc, ds.home)
	ds.hist.resolve(doc, s)
	return s
}

// localize gives the sentence's people and bodies without a country one:
// a bare role the country of the place it acts in ("Police in the
// southern city of Ahvaz"), else of the first place the sentence puts
// something in ("arrested 14 people in Ahvaz"), else the article's home
// country ("Police fired tear gas" in a Nairobi story is KENCOP); a named
// domestic person or body the home country ("Governor Lesetja Kganyago" in
// a South African story).
func (s *sent) localize(doc *sitrep.Document, home string) {
	for ai := range s.actors {
		ac := &s.actors[ai]
		switch {
		case ac.ent >= 0 && home != "" && domesticSectors[ac.code]:
			ac.code = home + ac.code
		case ac.ent < 0 && ac.role && len(ac.code) == 3 && domesticSectors[ac.code]:
			c := s.countryAfterIn(doc, ac.end)
			if c == "" {
				c = s.sentenceCountry(doc)
			}
			if c == "" {
				c = home
			}
			ac.code = c + ac.code
		}
	}
}

// countryAfterIn is the country of a place named in a phrase "in ..."
// right after token k: "police in the southern city of Ahvaz". "The town
// of Menaka" counts too.
func (s *sent) countryAfterIn(doc *sitrep.Document, k int) string {
	if k >= len(s.low) || !(s.low[k] == "in" || s.low[k] == "of" && k > 0 && placeNouns[s.low[k-1]]) {
		return ""
	}
	for _, ac := range s.ruled() {
		if ac.start > k && ac.start <= k+6 && ac.ent >= 0 && s.isPlace[ac.ent] {
			if c := doc.Entities[ac.ent].Country; len(c) == 3 {
				return c
			}
		}
	}
	return ""
}

// sentenceCountry is the country of the first place the sentence names
// after "in" (or "the town of").
func (s *sent) sentenceCountry(doc *sitrep.Document) string {
	for i, w := range s.low {
		if w == "in" || w == "of" {
			if c := s.countryAfterIn(doc, i); c != "" {
				return c
			}
		}
	}
	return ""
}

// homeCountry is the CAMEO code of the country an article reports from:
// the country named most often (twice or more, and more often than any
// other), its dateline counting twice. Bare roles ("police", "rebels")
// take it.
func homeCountry(doc *sitrep.Document) string {
	count := map[string]int{}
	if p := datelinePlace(doc); p != nil {
		if e := entityByID(doc, p.Entity); e != nil && len(e.Country) == 3 {
			count[e.Country] += 2 // a weight, not a verdict: "GENEVA" datelines stories about elsewhere
		}
	}
	for _, e := range doc.Entities {
		if e.Type == sitrep.GPE && len(e.Country) == 3 {
			count[e.Country] += len(e.Mentions)
		}
	}
	best, bn, tie := "", 0, false
	for c, n := range count {
		switch {
		case n > bn:
			best, bn, tie = c, n, false
		case n == bn:
			tie = true
		}
	}
	if bn < 2 || tie {
		return ""
	}
	return best
}

// speakersAsSources takes the speaker of a report out of the happenings it
// reports, unless the report names it, and makes the speaker the quote stage found the source of a
// statement (root 01) whose trigger is that quote's cue: in "..., said
// Rashida Begum, 52, who sheltered in Sunamganj" the speaker comes after the
// verb, where the subject rule does not look. Two statements that then say
// the same become one.
func speakersAsSources(doc *sitrep.Document, evs []sitrep.Event) []sitrep.Event {
	code := map[string]string{}
	byID := map[string]*sitrep.Entity{}
	for i, e := range doc.Entities {
		code[e.ID] = e.Code
		byID[e.ID] = &doc.Entities[i]
	}
	mentionedIn := func(id string, start, end int) bool {
		if e := byID[id]; e != nil {
			for _, m := range e.Mentions {
				if m.Start >= start && m.End <= end {
					return true
				}
			}
		}
		return false
	}
	quotes := quote.NewIndex(doc.Quotes)
	var out []sitrep.Event
	seen := map[[2]int]bool{}
	for _, ev := range evs {
		// "clashes left three dead, the agency IRNA reported"; "Uganda
		// offered to send rescue teams, its minister told reporters": who
		// tells of an event after its telling is not its target, and not
		// the source of a clash either
		held := quotes.Holding(ev.Start, ev.End)
		if qi := innermostSpeaker(doc.Quotes, held); qi >= 0 && ev.Source == nil && ev.SourceText == "" && speechRoots[ev.Root] {
			// "The Clinton Foundation must be immediately shut down," Pence
			// said: what a speaker demands, threatens or condemns in his own
			// words, he does
			q := doc.Quotes[qi]
			if sp := *q.Speaker; (ev.Target == nil || *ev.Target != sp) && !mentionedIn(sp, ev.Start, ev.End) {
				speakerAsSource(doc, &ev, q, code)
			}
		}
		for _, qi := range held {
			q := doc.Quotes[qi]
			if q.Speaker == nil || q.SpeakerSpan == nil || q.SpeakerSpan.Start < q.End || mentionedIn(*q.Speaker, q.Start, q.End) {
				continue
			}
			if ev.Target != nil && *ev.Target == *q.Speaker {
				ev.Target, ev.TargetCode = nil, ""
			}
			if ev.Root >= "14" && ev.Source != nil && *ev.Source == *q.Speaker {
				ev.Source, ev.SourceCode = nil, ""
			}
		}
		if ev.Root == "01" {
			for _, qi := range quotes.CueHolding(ev.Start) {
				q := doc.Quotes[qi]
				if q.Speaker == nil || q.CueSpan.Start != ev.Start {
					continue
				}
				if ev.Source == nil || *ev.Source != *q.Speaker {
					speakerAsSource(doc, &ev, q, code)
				}
				if ev.Target != nil && *ev.Target == *ev.Source {
					ev.Target, ev.TargetCode = nil, ""
				}
			}
			k := [2]int{ev.Start, len(ev.CAMEO)}
			if seen[k] && ev.Target == nil {
				continue
			}
			seen[k] = true
		}
		out = append(out, ev)
	}
	return out
}

// speechRoots are the CAMEO roots whose act is the saying itself
// (lexicon/data/words, event.speech-roots).
var speechRoots = lexicon.Words("event.speech-roots")

// innermostSpeaker is the index of the shortest of the quotes held
// (indices in qs) that gives a speaker's own words (a direct quote) and
// has a speaker entity, or -1.
func innermostSpeaker(qs []sitrep.Quote, held []int) int {
	best, n := -1, -1
	for _, qi := range held {
		q := qs[qi]
		if q.Speaker != nil && q.Direct && (n < 0 || q.End-q.Start < n) {
			best, n = qi, q.End-q.Start
		}
	}
	return best
}

// speakerAsSource makes the speaker of q (which has one) the source of
// ev, with the words that name it there; code holds the entities' codes.
func speakerAsSource(doc *sitrep.Document, ev *sitrep.Event, q sitrep.Quote, code map[string]string) {
	ev.Source, ev.SourceCode = sitrep.Ptr(*q.Speaker), code[*q.Speaker]
	if sp := q.SpeakerSpan; sp != nil && sp.Start >= 0 && sp.End <= len(doc.Text) && sp.Start < sp.End {
		ev.SourceText, ev.SourceSpan = doc.Text[sp.Start:sp.End], &sitrep.Span{Start: sp.Start, End: sp.End}
	}
	ev.Rule += "+speaker"
}

// codeSentence finds the patterns of one sentence and codes them.
func (st *Stage) codeSentence(doc *sitrep.Document, d *Dictionary, s *sent) []coded {
	var hits []hit
	for i := range s.toks {
		for _, pi := range s.fact(i).heads {
			if h, ok := s.matchAt(d.Patterns[pi], i); ok && usable(s, h) {
				hits = append(hits, h)
			}
		}
	}
	return st.codeHits(doc, s, s.chooseHits(hits))
}

// chooseHits keeps the longest of overlapping matches (then the earliest;
// a verb unless a determiner precedes), in sentence order, and marks the
// verb triggers.
func (s *sent) chooseHits(hits []hit) []hit {
	s.verbAt = cleared(s.verbAt, len(s.toks))
	// longest first; then earliest; keep non-overlapping
	sort.SliceStable(hits, func(i, j int) bool {
		li, lj := hits[i].end-hits[i].start, hits[j].end-hits[j].start
		if li != lj {
			return li > lj
		}
		if hits[i].p.Kind != hits[j].p.Kind { // same length: verb use unless a determiner precedes
			det := hits[i].head > 0 && determiners[s.low[hits[i].head-1]]
			return (hits[i].p.Kind == NounKind) == det
		}
		return len(hits[i].p.Code) > len(hits[j].p.Code)
	})
	used := make([]bool, len(s.toks))
	var chosen []hit
	for _, h := range hits {
		free := true
		for k := h.start; k < h.end; k++ {
			if used[k] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for k := h.start; k < h.end; k++ {
			used[k] = true
		}
		chosen = append(chosen, h)
		if h.p.Kind == VerbKind {
			s.verbAt[h.head] = true
		}
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].start < chosen[j].start })
	return chosen
}

// codeHits codes the chosen matches of a sentence, in order: a noun and a
// verb of one attack are one event, casualty counts of a coded attack no
// event of their own, reporting verbs kept only when nothing more
// specific is coded.
func (st *Stage) codeHits(doc *sitrep.Document, s *sent, chosen []hit) []coded {
	// a conflict noun that is the subject of a conflict verb ("air strikes
	// hit a prison") is one event: the noun's, with the verb's object
	conflictHits := 0
	for ci := range chosen {
		if Valid(chosen[ci].p.Code) && chosen[ci].p.Code[:2] >= "14" && !chosen[ci].p.Casualty {
			conflictHits++
		}
	}
	skip := make([]bool, len(chosen))
	for ci := 0; ci+1 < len(chosen); ci++ {
		n, v := chosen[ci], chosen[ci+1]
		if n.p.Kind == NounKind && v.p.Kind == VerbKind && Valid(n.p.Code) && Valid(v.p.Code) && n.p.Code[:2] >= "18" && v.p.Code[:2] >= "18" && v.start-n.end <= 1 {
			chosen[ci].objFrom = v.end
			skip[ci+1] = true
		}
	}
	s.lastSrc = -1
	var out []coded
	countOnly := make([]bool, len(chosen))
	for ci, h := range chosen {
		if skip[ci] {
			continue
		}
		// "12 were killed", ", killing 70", "civilians killed in": casualty
		// counts of a conflict event told in the same sentence; but
		// "jihadists killed 11 civilians in an attack" is the event itself
		withSubject := h.head > 0 && s.actAt[h.head-1] >= 0
		if !h.learned && h.p.Casualty && conflictHits > 0 && (h.head > 0 && (s.low[h.head-1] == "," || beForms[s.low[h.head-1]] || s.toks[h.head-1].Kind == text.Number || isCountWord(s.low[h.head-1])) || isParticiple(s.low[h.head]) && !withSubject) {
			countOnly[ci] = true
			continue
		}
		// a noun trigger in the object of another coded verb is what that
		// verb is about, not an event of its own
		if h.p.Kind == NounKind && !h.learned {
			lo, _ := s.clause(h.head)
			gov := false
			for oi, o := range chosen[:ci] {
				if o.p.Kind == VerbKind && !o.p.Report && !(o.p.Casualty && countOnly[oi]) && !skip[oi] && o.start >= lo && !lightVerbs[s.low[o.head]] {
					gov = true
				}
			}
			if gov {
				continue
			}
		}
		out = append(out, st.codeHit(doc, s, h)...)
	}
	// reporting verbs only when nothing more specific is coded
	specific := false
	for _, c := range out {
		if !c.report {
			specific = true
		}
	}
	var kept []coded
	for _, c := range out {
		if c.report && !c.learned && (specific || c.src < 0 && c.srcCode == "") {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// usable checks that a verb trigger is used as a verb and a noun trigger
// as a noun.
func usable(s *sent, h hit) bool {
	i := h.head
	w := s.low[i]
	prev := ""
	if i > 0 {
		prev = s.low[i-1]
	}
	if ai := s.actAt[i]; ai >= 0 && !s.actors[ai].role && !s.actors[ai].pronoun {
		return false // inside a name: "Islamic State"
	}
	if i > 0 && capitalized(s.toks[i].Text) && h.p.Kind != PhraseKind {
		return false // a name or a month mid-sentence: "March", "Strike Force"
	}
	if h.p.Kind != VerbKind || h.p.dictionary {
		return true
	}
	if determiners[prev] && len(h.p.pre) == 0 {
		return false
	}
	if i > 0 && (s.toks[i-1].Kind == text.Number || isCountWord(prev)) && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return false // "85 targets", "two strikes": counted things, no verb
	}
	if strings.HasSuffix(w, "ing") {
		// progressive ("were fighting") or a participial clause
		// (", killing 12"); gerunds after prepositions are nouns
		k := i - 1
		for k >= 0 && adverbs[s.low[k]] {
			k--
		}
		if k < 0 || beForms[s.low[k]] || s.low[k] == "," {
			return true
		}
		return false
	}
	if preps[prev] && prev != "to" {
		return false // "in clashes with police": a noun
	}
	if prev == "to" {
		// an infinitive is an event when a verb of intent governs it
		// ("vowed to retaliate"), not a purpose ("in order to fight",
		// "the coalition to combat ISIS")
		return i >= 2 && intentVerbs[s.low[i-2]]
	}
	if h.p.bases[w] && !strings.HasSuffix(w, "ed") {
		// a base form ("combat", "march", "charge") is a verb only after a
		// modal, "did"/"do", or a plural subject
		switch {
		case modals[prev], prev == "not" || prev == "n't" || prev == "never":
			return true
		case i > 0 && s.actAt[i-1] >= 0:
			return true
		case prev == "they" || prev == "we" || prev == "i" || prev == "you":
			return true
		}
		return false
	}
	return true
}

// codeHit turns a match into events: finds its actors, modality, code.
func (st *Stage) codeHit(doc *sitrep.Document, s *sent, h hit) []coded {
	p := h.p
	code := p.Code
	if len(code) < 2 || strings.Trim(code, "-") == "" {
		return nil // "---": the pattern says there is no event
	}
	lo, hi := s.clause(h.head)
	if h.end < len(s.low) && s.low[h.end] == "into" && strings.HasPrefix(s.low[h.head], "slam") {
		return nil // "slammed into the coast": a blow, not a rebuke
	}
	if p.dictionary {
		// PETRARCH patterns read across "that" and "which" to the end of
		// the sentence's first punctuation
		for hi < len(s.toks) && s.low[hi] == "that" {
			hi++
			for hi < len(s.toks) && !s.brk[hi] {
				hi++
			}
		}
	}
	mod := h.mode
	if mod == "" {
		mod = quote.Modality(s.toks, h.head)
	}
	if mod == sitrep.Negated && p.Neg != "" {
		code, mod = p.Neg, sitrep.Asserted
	}
	src, tgt, ok := st.ruleActors(doc, s, h, code, lo, hi)
	if !ok {
		return nil
	}
	if h.learned && s.coder != nil {
		src, tgt = s.coder.actors(s, h, src, tgt)
		s.prevSrc = src
		if src >= 0 && tgt >= 0 && s.memberOf(src, tgt) {
			tgt = -1 // "Israel and Hamas agreed": one side of the compound is no target
		}
	}
	root := code[:2]
	conflict := Valid(code) && root >= "14"
	base := coded{sent: s.idx, clauseLo: lo, headTok: h.head, acled: p.ACLED, report: p.Report, conflict: conflict, learned: h.learned, acledSub: h.acled}
	base.ev = sitrep.Event{
		Sentence: s.idx,
		Start:    s.toks[h.start].Start,
		End:      s.toks[h.end-1].End,
		CAMEO:    code,
		Modality: mod,
		Rule:     p.Rule,
	}
	base.ev.Text = doc.Text[base.ev.Start:base.ev.End]
	// who acts: compound subjects and "they" code each member
	srcs := s.members(src)
	tgts := s.members(tgt)
	var out []coded
	joint := p.Sym || s.hasWord(max(lo, h.start-3), min(hi, h.end+3), "joint", "together", "jointly", "mutual", "bilateral")
	// one event per reciprocal pair: "A and B met", "talks between them"
	if len(srcs) == 2 && len(tgts) == 0 && joint && !p.dictionary {
		return append(out, withActors(base, srcs[0], srcs[1]))
	}
	if len(tgts) == 2 && len(srcs) == 0 && p.Sym {
		return append(out, withActors(base, tgts[0], tgts[1]))
	}
	if len(srcs) == 0 {
		srcs = []member{{ent: -1}}
	}
	if len(tgts) == 0 {
		tgts = []member{{ent: -1}}
	}
	for _, a := range srcs {
		for _, b := range tgts {
			// verbal events (statements, appeals, ..., threats) need who said it
			if !conflict && a.ent < 0 && a.code == "" && !a.named && !h.learned {
				continue
			}
			if a.ent >= 0 && a.ent == b.ent {
				b = member{ent: -1}
			}
			if st.RequireDyad && (a.code == "" || b.code == "") {
				continue
			}
			out = append(out, withActors(base, a, b))
			if p.Reverse != "" && strings.Trim(p.Reverse, "-") != "" {
				r := withActors(base, b, a)
				r.ev.CAMEO = p.Reverse
				out = append(out, r)
			}
		}
	}
	return out
}

// ruleActors picks the source and target actors of a match (indexes in
// s.actors, -1 for none) by the hand-written rules: the subject before a
// verb, its object after, the agent of a passive, the speaker of a
// report; ok is false when the rules say the match is no event (nature
// as attacker, a verbal event with nobody saying it, ...).
func (st *Stage) ruleActors(doc *sitrep.Document, s *sent, h hit, code string, lo, hi int) (src, tgt int, ok bool) {
	p := h.p
	src, tgt = h.src, h.tgt
	passive := false
	if p.Kind == VerbKind && isParticiple(s.low[h.head]) {
		k := h.head - 1
		for k >= lo && (adverbs[s.low[k]] || strings.HasSuffix(s.low[k], "ly") && len(s.low[k]) > 4) {
			k--
		}
		passive = k >= lo && beForms[s.low[k]]
	}
	root := code[:2]
	conflict := Valid(code) && root >= "14"
	c3 := code
	if len(c3) > 3 {
		c3 = c3[:3]
	}
	switch {
	case p.Kind == NounKind:
		if src < 0 {
			src = nounSource(s, h, lo)
		}
		if tgt < 0 && h.objFrom > 0 {
			tgt = s.firstAfter(h.objFrom, hi, false)
			if tgt < 0 {
				tgt = s.firstAfter(h.objFrom, hi, true)
			}
		}
		if tgt < 0 {
			tgt = s.after(h.end, hi, nounTgtPrep, false)
		}
	case passive:
		if tgt < 0 {
			tgt = s.subject(h.start, lo)
		}
		if src < 0 {
			src = s.after(h.end, hi, lexicon.Set("by"), false)
		}
		// "was hit by Cyclone Shaheen", "hit by an energy crisis": nature
		// and hardship are no attackers
		if conflict && !p.dictionary && s.hazardAgent(h.end, hi) {
			return -1, -1, false
		}
	default:
		if src < 0 && h.start > 0 && s.low[h.start-1] == "and" && s.lastSrc >= 0 {
			// "struck Hamas command centers and accused the group": a
			// verb right after "and" shares the last verb's subject, not the
			// object just before it
			src = s.lastSrc
		}
		if src < 0 {
			src = s.subject(h.start, lo)
			if src < 0 && lo > 0 && s.low[lo-1] == "," && strings.HasSuffix(s.low[lo], "ing") {
				src = s.mainSubject() // participial clause: the main clause's subject
			}
			if src < 0 && lo > 0 && (s.low[lo] == "to" || h.start > 0 && s.low[h.start-1] == "to") {
				src = s.subject(lo, 0)
			}
			if src < 0 && h.start > 0 && s.low[h.start-1] == "and" {
				src = s.lastSrc // "X shot down a drone and fired missiles"
			}
			if src < 0 && lo > 1 && relativePronouns[s.low[lo-1]] {
				src = s.actorEndingAt(lo - 1) // "fired on protesters who stormed parliament"
			}
			if src < 0 {
				src = s.beforeInsert(h.start)
			}
		}
		if tgt < 0 {
			tgt = s.firstAfter(h.end, hi, false)
			if tgt < 0 && (p.dictionary || root >= "18" || c3 == "042" || root == "07") {
				tgt = s.firstAfter(h.end, hi, true)
			}
		}
		if tgt < 0 && h.end-h.head > 1 {
			// "expelled 45 Russian diplomats", "summoned the Russian
			// ambassador": the object inside the pattern's words
			for ai, ac := range s.ruled() {
				if ac.start > h.head && ac.end <= h.end && ai != src && !(ac.pronoun && ac.ent < 0) {
					tgt = ai
					break
				}
			}
		}
		if src >= 0 {
			s.lastSrc = src
		}
		// "a typhoon killed", "floods destroyed": nature is no actor
		if conflict && !p.dictionary {
			from := lo
			if src >= 0 && s.actors[src].end <= h.start && !s.actors[src].pronoun {
				from = s.actors[src].end // "its aftershocks" is the quake's, no actor
			}
			for k := h.start - 1; k >= from; k-- {
				if hazardWords[s.low[k]] || s.hazardAt[s.toks[k].Start] {
					return -1, -1, false
				}
			}
			// "the epidemic ..., which killed", "shortages that hit": the
			// relative pronoun's antecedent is the subject
			if src < 0 && s.hazardBeforeRelative(h.start) {
				return -1, -1, false
			}
		}
	}
	if src == tgt || p.Report && tgt >= 0 && (s.actors[tgt].pronoun || !hearerVerbs[s.low[h.head]] && s.prepBefore(s.actors[tgt].start, h.end) != "to") {
		// "Pakistan and Iran said they would send aid", "the union said
		// 12 people were injured": what they say, not whom they tell
		tgt = -1
	}
	// "A and B agreed": a reciprocal verb's compound subject is its own target
	if p.NeedTarget && !h.learned && tgt < 0 && !(p.Sym && len(s.members(src)) >= 2) && !(root >= "17" && s.attackObject(h.end, hi)) {
		return -1, -1, false
	}
	// material conflict needs a named or role actor on one side
	if conflict && src < 0 && tgt < 0 && root != "14" && !h.learned {
		return -1, -1, false
	}
	if p.Kind == NounKind && src < 0 && tgt < 0 && !h.learned {
		return -1, -1, false
	}
	// media and the people they talk to are never attackers
	if conflict && src >= 0 {
		ac := s.actors[src]
		if ac.ent >= 0 && (isMedia(&doc.Entities[ac.ent]) || s.toldTarget(src)) {
			src = -1
		}
	}
	return src, tgt, true
}

// memberOf reports whether actor b is one of the members of actor a (a
// compound subject "A and B", or a itself).
func (s *sent) memberOf(a, b int) bool {
	if a == b {
		return true
	}
	for _, m := range s.members(a) {
		if m.ent >= 0 && m.ent == s.actors[b].ent {
			return true
		}
	}
	return false
}

type member struct {
	ent   int
	code  string
	role  bool
	named bool
	text  string // the words naming it in the sentence
	span  *sitrep.Span
}

func withActors(c coded, a, b member) coded {
	c.src, c.tgt, c.srcCode, c.tgtCode = a.ent, b.ent, a.code, b.code
	c.srcText, c.tgtText = a.text, b.text
	c.srcSpan, c.tgtSpan = a.span, b.span
	c.srcIsRole = a.role
	return c
}

// members returns the entities an actor stands for (two for a compound).
func (s *sent) members(ai int) []member {
	if ai < 0 {
		return nil
	}
	ac := s.actors[ai]
	if !ac.namesSomeone() {
		return nil
	}
	if ac.also >= 0 {
		return []member{{ent: ac.ent, code: ac.code, text: ac.text, span: s.spanOf(ac)}, {ent: ac.also, code: ac.alsoCode}}
	}
	// "A and B", "A, B and C", "Neither A nor B": the whole list
	list := []int{ai}
	for k := ai; ; {
		p := s.listBefore(k)
		if p < 0 {
			break
		}
		list = append([]int{p}, list...)
		k = p
	}
	for k := ai; ; {
		n := s.listAfter(k)
		if n < 0 {
			break
		}
		list = append(list, n)
		k = n
	}
	var m []member
	for _, k := range list {
		a := s.actors[k]
		if !a.namesSomeone() {
			continue
		}
		// a PETRARCH code may name several actors: "FRO/BIL/SAM"
		if a.ent < 0 && strings.Contains(a.code, "/") {
			for _, c := range strings.Split(a.code, "/") {
				if c != "" {
					m = append(m, member{ent: -1, code: c, role: a.role, text: a.text, span: s.spanOf(a)})
				}
			}
			continue
		}
		m = append(m, member{ent: a.ent, code: a.code, role: a.role, named: a.named, text: a.text, span: s.spanOf(a)})
	}
	return m
}

// ruled returns the actors the patterns and the rules read: not the
// person nouns only the participant rankers read.
func (s *sent) ruled() []actor { return s.actors[:s.nRuled] }

// spanOf returns where actor a is in the text (bytes).
func (s *sent) spanOf(a actor) *sitrep.Span {
	return &sitrep.Span{Start: s.toks[a.start].Start, End: s.toks[a.end-1].End}
}

var listJoin = lexicon.Words("event.list-joins")

// listBefore is the actor joined to actor k by "and", "or" or a comma
// just before it, or -1.
func (s *sent) listBefore(k int) int {
	i := s.actors[k].start - 1
	for n := 0; i >= 0 && n < 3 && !listJoin[s.low[i]] && s.actAt[i] < 0; n++ {
		w := s.low[i]
		if !(w == "the" || w == "a" || s.toks[i].Kind == text.Word && !capitalized(s.toks[i].Text) && !s.verbAt[i] && !preps[w] && !clauseWords[w]) {
			return -1
		}
		i--
	}
	if i < 0 || !listJoin[s.low[i]] {
		return -1
	}
	conj := false
	for i >= 0 && listJoin[s.low[i]] {
		conj = conj || s.low[i] != ","
		i--
	}
	if i < 0 || s.actAt[i] < 0 || s.actAt[i] == k {
		return -1
	}
	if !conj && !s.listGoesOn(s.actors[k].end) {
		return -1 // "in Bangladesh, the ministry said": a comma alone joins no list
	}
	return s.actAt[i]
}

// listGoesOn reports whether token i continues a list: "and", "or" or a
// comma. A comma alone between two actors makes a list only when the list
// goes on after them ("A, B and C").
func (s *sent) listGoesOn(i int) bool {
	return i < len(s.toks) && listJoin[s.low[i]]
}

// listAfter is the actor joined to actor k just after it, or -1.
func (s *sent) listAfter(k int) int {
	i := s.actors[k].end
	if i >= len(s.toks) || !listJoin[s.low[i]] {
		return -1
	}
	conj := false
	for i < len(s.toks) && listJoin[s.low[i]] {
		conj = conj || s.low[i] != ","
		i++
	}
	for n := 0; i < len(s.toks) && n < 3 && s.actAt[i] < 0; n++ {
		w := s.low[i]
		if !(w == "the" || w == "a" || s.toks[i].Kind == text.Word && !capitalized(s.toks[i].Text) && !s.verbAt[i] && !preps[w] && !clauseWords[w]) {
			return -1
		}
		i++
	}
	if i >= len(s.toks) || s.actAt[i] < 0 || s.actAt[i] == k || s.actors[s.actAt[i]].start != i {
		return -1
	}
	if !conj && !s.listGoesOn(s.actors[s.actAt[i]].end) {
		return -1
	}
	return s.actAt[i]
}

func (s *sent) hasWord(lo, hi int, ws ...string) bool {
	for k := lo; k < hi; k++ {
		for _, w := range ws {
			if s.low[k] == w {
				return true
			}
		}
	}
	return false
}

// subject is the nearest actor before token i in the clause [lo, i) that
// is not inside a prepositional phrase.
// relativePronouns open a relative clause whose subject is the actor just
// before them.
var relativePronouns = lexicon.Words("shared.relative-pronouns")

// actorEndingAt returns the actor whose phrase ends right before token k,
// or -1.
func (s *sent) actorEndingAt(k int) int {
	for ai, ac := range s.ruled() {
		if ac.end == k {
			return ai
		}
	}
	return -1
}

// beforeInsert returns the actor right before a relative clause or an
// apposition set off by commas right before a trigger:
// "Ruto, who visited a camp on Monday, pledged" and "Hichilema, a
// businessman first elected in 2021, called for unity" are Ruto's and
// Hichilema's: the trigger at i follows the second comma.
func (s *sent) beforeInsert(i int) int {
	c := s.insertBefore(i)
	if c < 0 {
		return -1
	}
	ai := s.actorEndingAt(c)
	if ai < 0 || s.actors[ai].start > 0 && preps[s.low[s.actors[ai].start-1]] {
		return -1
	}
	return ai
}

// insertBefore returns the comma that opens a relative clause or an
// apposition closed by the comma right before token i, or -1.
func (s *sent) insertBefore(i int) int {
	if i < 4 || s.low[i-1] != "," {
		return -1
	}
	for c := i - 2; c > 0; c-- {
		if s.low[c] == "," {
			if insertOpeners[s.low[c+1]] {
				return c
			}
			return -1
		}
	}
	return -1
}

// attackObject reports whether the object after a conflict verb (from
// token from, before hi) is a place or thing that attacks hit: "attacked
// the town", "struck a power station", "raided two villages".
func (s *sent) attackObject(from, hi int) bool {
	for k := from; k < hi && k < from+4; k++ {
		w := s.low[k]
		if attackTargets[w] {
			return true
		}
		if !determiners[w] && s.toks[k].Kind != text.Number && !isCountWord(w) && !targetModifiers[w] {
			return false
		}
	}
	return false
}

var (
	// attackTargets are the places and things attacks hit.
	attackTargets = lexicon.Words("event.attack-targets")
	// targetModifiers may stand between the verb and its object.
	targetModifiers = lexicon.Words("event.target-modifiers")
)

// hazardAgent reports whether a "by" phrase right after a passive
// trigger (from token from) names a hazard.
func (s *sent) hazardAgent(from, hi int) bool {
	for k := from; k < hi && k < from+2; k++ {
		if s.low[k] != "by" {
			continue
		}
		for j := k + 1; j < hi && j <= k+4; j++ {
			if hazardWords[s.low[j]] || s.hazardAt[s.toks[j].Start] {
				return true
			}
		}
	}
	return false
}

// hazardBeforeRelative reports whether a relative pronoun right before
// the trigger at i, or before a relative clause or apposition that ends
// right before it, follows a hazard's name within a few words.
func (s *sent) hazardBeforeRelative(i int) bool {
	// "The epidemic, which began in 2013, killed": skip the insert
	hazardBefore := func(r int) bool {
		for k := r - 1; k >= 0 && k >= r-8; k-- {
			if hazardWords[s.low[k]] || s.hazardAt[s.toks[k].Start] {
				return true
			}
			if s.low[k] != "," && s.brk[k] {
				break
			}
		}
		return false
	}
	if c := s.insertBefore(i); c >= 0 && hazardBefore(c) {
		return true
	}
	for r := i - 1; r >= 0 && r >= i-2; r-- {
		if (s.low[r] == "which" || s.low[r] == "that") && hazardBefore(r) {
			return true
		}
	}
	return false
}

// placeNouns name kinds of places before "of": "the town of Menaka".
var placeNouns = lexicon.Words("event.place-nouns")

// domesticSectors are the CAMEO sectors of a country's own people and
// bodies; not media and business, which often report or trade from
// abroad (Al Jazeera in an Iraq story), nor international bodies.
var domesticSectors = lexicon.Set("GOV MIL COP JUD LEG REB OPP CVL LAB EDU HLH AGR REF SPY ELI CRM RAD PTY BUS MED UAF")

// reportWords end a speaker's clause before what it reports.
var reportWords = lexicon.Words("event.report-words")

// hearerVerbs are the reporting verbs whose object is whom they tell.
var hearerVerbs = lexicon.Words("event.hearer-verbs")

// insertOpeners begin relative clauses and appositions.
var insertOpeners = lexicon.Words("event.insert-openers")

func (s *sent) subject(i, lo int) int {
	for ai := s.nRuled - 1; ai >= 0; ai-- {
		ac := s.actors[ai]
		if ac.end > i || ac.start < lo {
			continue
		}
		// a clause break between it and the trigger ends the search
		blocked := false
		for k := ac.end; k < i; k++ {
			if s.brk[k] || s.verbAt[k] {
				blocked = true
			}
		}
		if blocked {
			return -1
		}
		if ac.start > 1 && s.low[ac.start-1] == "of" && quantityWords[s.low[ac.start-2]] {
			return ai // "thousands of nurses"
		}
		if ac.start > 0 && preps[s.low[ac.start-1]] {
			continue
		}
		if ac.start > 1 && preps[s.low[ac.start-2]] && s.toks[ac.start-1].Kind == text.Word && !capitalized(s.toks[ac.start-1].Text) && !s.verbAt[ac.start-1] {
			continue // "in south Ithilen", "of the coalition"
		}
		return ai
	}
	return -1
}

var (
	quantityWords = lexicon.Words("event.quantity-words")
	hazardWords   = lexicon.Words("event.hazard-words")
)

// firstAfter is the first actor in [from, hi); locatives ("in Iraq") only
// when loc is true.
func (s *sent) firstAfter(from, hi int, loc bool) int {
	for k := from + 1; k < hi; k++ { // the word right after the trigger ends its phrase, not the clause
		if s.verbAt != nil && s.verbAt[k] {
			hi = k
			break
		}
	}
	for ai, ac := range s.ruled() {
		if ac.start < from || ac.start >= hi {
			continue
		}
		if ac.pronoun && ac.ent < 0 {
			return -1 // "its embassy": someone unknown
		}
		p := s.prepBefore(ac.start, from)
		if p == "by" && ac.start-from <= 2 {
			continue // "was attacked by X": the agent, not the target
		}
		if !loc && (locPreps[p] || p == "," && ac.ent >= 0 && s.isPlace[ac.ent]) {
			continue
		}
		return ai
	}
	return -1
}

// after is the first actor in [from, hi) introduced by one of preps.
func (s *sent) after(from, hi int, ps map[string]bool, _ bool) int {
	for ai, ac := range s.ruled() {
		if ac.start < from || ac.start >= hi {
			continue
		}
		if ps[s.prepBefore(ac.start, from)] {
			return ai
		}
	}
	return -1
}

// prepBefore returns the preposition governing the phrase at i, looking
// back over determiners and adjectives to from.
func (s *sent) prepBefore(i, from int) string {
	for k := i - 1; k >= from && k >= i-3; k-- {
		if (s.low[k] == "at" || s.low[k] == "up") && k+1 < len(s.low) && (s.low[k+1] == "least" || s.low[k+1] == "most" || s.low[k+1] == "to") {
			continue // "killed at least 20 Palestinians": a count, no place
		}
		if preps[s.low[k]] || nounTgtPrep[s.low[k]] {
			return s.low[k]
		}
		if s.low[k] == "," {
			return ","
		}
		if s.brk[k] {
			return ""
		}
	}
	return ""
}

// nounSource finds who carried out a noun event: "Israeli air strikes",
// "Russia's invasion", "an attack by X", "X launched an attack".
func nounSource(s *sent, h hit, lo int) int {
	// adjectival or possessive actor just before
	k := h.start - 1
	for k >= lo && k >= h.start-3 {
		if ai := s.actAt[k]; ai >= 0 {
			ac := s.actors[ai]
			if ac.start > 0 && preps[s.low[ac.start-1]] {
				break
			}
			return ai
		}
		if reportWords[s.low[k]] || s.verbAt[k] {
			break // "spokesman Msigwa said the arrest": he arrested no one
		}
		if s.low[k] == "'s" || s.low[k] == "'" || determiners[s.low[k]] || s.toks[k].Kind == text.Word && !preps[s.low[k]] && !lightVerbs[s.low[k]] {
			k--
			continue
		}
		break
	}
	// "by X"
	_, hi := s.clause(h.head)
	if ai := s.after(h.end, hi, lexicon.Set("by"), false); ai >= 0 {
		return ai
	}
	// object of a light verb: its subject
	for k := h.start - 1; k >= lo && k >= h.start-4; k-- {
		if lightVerbs[s.low[k]] {
			return s.subject(k, lo)
		}
	}
	return -1
}

// toldTarget reports whether actor ai is the one told something ("Sources
// told Al Jazeera").
func (s *sent) toldTarget(ai int) bool {
	st := s.actors[ai].start
	for k := st - 1; k >= 0 && k >= st-2; k-- {
		if s.low[k] == "told" || s.low[k] == "tells" || s.low[k] == "tell" || s.low[k] == "to" && k > 0 && s.low[k-1] == "said" {
			return true
		}
	}
	return false
}

// isParticiple reports whether a lower-case word looks like a past
// participle (lexicon.IsParticiple).
func isParticiple(w string) bool { return lexicon.IsParticiple(w) }

// history remembers recent actors to resolve pronouns.
type history struct {
	persons  []int    // entity indexes, most recent last
	groups   []int    // ORG/GPE/NORP entity indexes
	compound [][2]int // compound subjects
}

func (hs *history) push(doc *sitrep.Document, s *sent) {
	for ai, ac := range s.ruled() {
		if ac.ent < 0 || ac.pronoun {
			continue
		}
		if doc.Entities[ac.ent].Type == sitrep.Person {
			hs.persons = append(hs.persons, ac.ent)
		} else {
			hs.groups = append(hs.groups, ac.ent)
		}
		if m := s.members(ai); len(m) == 2 && m[0].ent >= 0 && m[1].ent >= 0 {
			hs.compound = append(hs.compound, [2]int{m[0].ent, m[1].ent})
		}
	}
}

// resolve fills the pronouns of s from s itself and the history.
func (hs *history) resolve(doc *sitrep.Document, s *sent) {
	for ai := range s.actors {
		ac := &s.actors[ai]
		if !ac.pronoun {
			continue
		}
		w := s.low[ac.start]
		switch w {
		case "he", "him", "his", "she", "her":
			ac.ent = -1
			for k := ai - 1; k >= 0; k-- {
				if e := s.actors[k].ent; e >= 0 && doc.Entities[e].Type == sitrep.Person {
					ac.ent = e
					break
				}
			}
			if ac.ent < 0 && len(hs.persons) > 0 {
				ac.ent = hs.persons[len(hs.persons)-1]
			}
		case "they", "them", "their":
			for k := ai - 1; k >= 0; k-- {
				if e := s.actors[k].ent; e >= 0 && doc.Entities[e].Type != sitrep.Person && !s.actors[k].pronoun {
					ac.ent = e
					break
				}
			}
			if ac.ent < 0 && len(hs.compound) > 0 {
				c := hs.compound[len(hs.compound)-1]
				ac.ent, ac.also = c[0], c[1]
				ac.alsoCode = entity.ActorCode(&doc.Entities[c[1]])
			}
		case "it", "its":
			// the nearest group that is not in a prepositional phrase: in
			// "the UN mission in Afghanistan said it", "it" is the mission
			for pass := 0; pass < 2 && ac.ent < 0; pass++ {
				for k := ai - 1; k >= 0; k-- {
					if pass == 0 && s.inPhrase(k) {
						continue
					}
					if e := s.actors[k].ent; e >= 0 && doc.Entities[e].Type != sitrep.Person {
						ac.ent = e
						break
					}
				}
			}
			if ac.ent < 0 && len(hs.groups) > 0 {
				ac.ent = hs.groups[len(hs.groups)-1]
			}
		}
		if ac.ent >= 0 {
			c := entity.ActorCode(&doc.Entities[ac.ent])
			if len(c) == 3 && ac.code != "" {
				c += ac.code
			}
			ac.code = c
		} else if ac.code == "" && (w == "they" || w == "it") && ai > 0 {
			// "Police said they had arrested", "The army said it killed":
			// the role that speaks just before
			if r := s.actors[ai-1]; r.role && r.ent < 0 && r.code != "" && ac.start-r.end <= 2 && ac.start-r.end >= 1 &&
				reportWords[s.low[ac.start-1]] {
				ac.code = r.code
			}
		}
	}
	// forget old history
	if n := len(hs.persons); n > 8 {
		hs.persons = hs.persons[n-8:]
	}
	if n := len(hs.groups); n > 8 {
		hs.groups = hs.groups[n-8:]
	}
	if n := len(hs.compound); n > 2 {
		hs.compound = hs.compound[n-2:]
	}
}

// dedupe merges one happening told twice: same code root and actors in
// the same or nearby sentences.
// dropCoarser drops an event that another from the same trigger repeats
// with a more specific actor on one side: "talks with the President of
// Turkiye, Recep Tayyip Erdogan" is one event with Erdogan (TURGOV), not
// a second one with Turkiye (TUR).
func dropCoarser(cs []coded) []coded {
	coarser := func(a, b string) bool { return len(a) == 3 && len(b) > 3 && strings.HasPrefix(b, a) }
	type key struct {
		sent, start int
		code        string
	}
	same := map[key][]int{} // the events of one sentence, trigger and code
	for i, c := range cs {
		k := key{c.sent, c.ev.Start, c.ev.CAMEO}
		same[k] = append(same[k], i)
	}
	out := cs[:0:0]
	for i, c := range cs {
		drop := false
		for _, j := range same[key{c.sent, c.ev.Start, c.ev.CAMEO}] {
			o := cs[j]
			if i == j {
				continue
			}
			if o.srcCode == c.srcCode && o.src == c.src && coarser(c.tgtCode, o.tgtCode) ||
				o.tgtCode == c.tgtCode && o.tgt == c.tgt && coarser(c.srcCode, o.srcCode) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, c)
		}
	}
	return out
}

func dedupe(cs []coded) []coded {
	cs = dropCoarser(cs)
	var out []coded
	for _, c := range cs {
		dup := -1
		for j := len(out) - 1; j >= 0; j-- {
			o := out[j]
			if c.sent-o.sent > 2 {
				break
			}
			if rootOf(o.ev.CAMEO) == rootOf(c.ev.CAMEO) && o.src == c.src && o.tgt == c.tgt && o.srcCode == c.srcCode && o.tgtCode == c.tgtCode &&
				(o.sent == c.sent || c.src >= 0 || c.tgt >= 0) && o.ev.Modality == c.ev.Modality {
				dup = j
				break
			}
		}
		if dup >= 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// inPhrase reports whether actor k follows a preposition ("in Iraq").
func (s *sent) inPhrase(k int) bool {
	st := s.actors[k].start
	return st > 0 && preps[s.low[st-1]] || st > 1 && determiners[s.low[st-1]] && preps[s.low[st-2]]
}

// mainSubject is the sentence's first actor outside a prepositional phrase.
func (s *sent) mainSubject() int {
	for ai, ac := range s.ruled() {
		if ac.end <= s.datelineEnd {
			continue // the dateline's place and agency act in no event
		}
		if ac.start > 0 && preps[s.low[ac.start-1]] {
			continue
		}
		if ac.start > 1 && determiners[s.low[ac.start-1]] && preps[s.low[ac.start-2]] {
			continue
		}
		return ai
	}
	return -1
}

func rootOf(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

// mergeActors adds the dictionary actors that do not overlap an entity's.
func mergeActors(ents, more []actor) []actor {
	out := ents
	for _, m := range more {
		clash := false
		for _, e := range ents {
			if m.start < e.end && e.start < m.end {
				clash = true
				break
			}
		}
		if !clash {
			out = append(out, m)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
