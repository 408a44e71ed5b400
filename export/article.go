package export

import (
	"sort"
	"strings"
	"unicode/utf8"

	"sitrep"
	"sitrep/story"
	"sitrep/text"
)

// report is one happening as the export formats see it: its record (from a
// store, or made from one document) and, when the writer could read it, the
// first article that reports it, with that article's mentions of it.
type report struct {
	rec      *sitrep.EventRecord
	art      *article      // nil when the document is not known
	ev       *sitrep.Event // the article's first mention of the happening
	mentions []int         // indexes into art.doc.Events of its mentions, in order
}

// article is a document prepared once for the export formats: lookups by
// id, the happening each event reports, its tone and its lead paragraph.
type article struct {
	doc     *sitrep.Document
	runes   []rune // the text when offsets are code points, else nil
	ents    map[string]*sitrep.Entity
	places  map[string]*sitrep.Place
	placeOf map[string]*sitrep.Place // by the id of the entity it resolves
	haps    []string                 // happening id of each of doc.Events
	tone    float64
	length  int // characters (code points) of the text
	// the lead paragraph, [leadStart, leadEnd) in the document's offsets
	leadStart, leadEnd int
	placeRefs          []spanRef // the mentions of places' entities, by start
}

// spanRef is one mention of a place's entity.
type spanRef struct {
	start, end int
	place      *sitrep.Place
}

// newArticle prepares doc, whose offsets may be bytes or code points
// (doc.RuneOffsets says which).
func newArticle(t *tables, doc *sitrep.Document) *article {
	a := &article{doc: doc, ents: map[string]*sitrep.Entity{}, places: map[string]*sitrep.Place{}, placeOf: map[string]*sitrep.Place{}}
	if doc.RuneOffsets {
		a.runes = []rune(doc.Text)
		a.length = len(a.runes)
	} else {
		a.length = utf8.RuneCountInString(doc.Text)
	}
	for i := range doc.Entities {
		a.ents[doc.Entities[i].ID] = &doc.Entities[i]
	}
	for i := range doc.Places {
		p := &doc.Places[i]
		a.places[p.ID] = p
		if _, ok := a.placeOf[p.Entity]; !ok {
			a.placeOf[p.Entity] = p
		}
		if e := a.ents[p.Entity]; e != nil {
			for _, m := range e.Mentions {
				a.placeRefs = append(a.placeRefs, spanRef{m.Start, m.End, p})
			}
		}
	}
	sort.SliceStable(a.placeRefs, func(i, j int) bool { return a.placeRefs[i].start < a.placeRefs[j].start })
	for _, r := range story.Records(doc) {
		a.haps = append(a.haps, r.ID)
	}
	a.tone, _ = t.toneOf(doc.Text)
	a.leadStart, a.leadEnd = a.leadParagraph()
	return a
}

// text returns the text between two of the document's offsets, or "" when
// they are out of range.
func (a *article) text(start, end int) string {
	if a.runes != nil {
		if 0 <= start && start <= end && end <= len(a.runes) {
			return string(a.runes[start:end])
		}
		return ""
	}
	if 0 <= start && start <= end && end <= len(a.doc.Text) {
		return a.doc.Text[start:end]
	}
	return ""
}

// charOffset is a document offset in characters (code points), as GDELT
// counts them.
func (a *article) charOffset(off int) int {
	if a.runes != nil || off <= 0 {
		return off
	}
	if off > len(a.doc.Text) {
		off = len(a.doc.Text)
	}
	return utf8.RuneCountInString(a.doc.Text[:off])
}

// sentence returns sentence i's span.
func (a *article) sentence(i int) (sitrep.Span, bool) {
	if i < 0 || i >= len(a.doc.Sentences) {
		return sitrep.Span{}, false
	}
	return a.doc.Sentences[i], true
}

// mentionsOf returns the indexes of the events that report happening id.
func (a *article) mentionsOf(id string) []int {
	var out []int
	for i, h := range a.haps {
		if h == id {
			out = append(out, i)
		}
	}
	return out
}

// leadParagraph finds the lead paragraph: the first paragraph (blocks
// between blank lines; lines when the text has no blank line) that holds a
// sentence ending as a sentence ends, so that a headline or a heading
// before it is passed over. It returns the paragraph's span in the
// document's offsets, or an empty span when there is none.
func (a *article) leadParagraph() (int, int) {
	paras := text.Paragraphs(a.doc.Text)
	if len(paras) == 1 {
		paras = lines(a.doc.Text, paras[0])
	}
	var index []int // byte offset -> code point offset
	if a.runes != nil {
		index = sitrep.RuneIndex(a.doc.Text)
	}
	unit := func(off int) int {
		if index == nil {
			return off
		}
		return index[off]
	}
	for _, p := range paras {
		start, end := unit(p.Start), unit(p.End)
		for _, s := range a.doc.Sentences {
			if s.Start >= start && s.Start < end && text.EndsWithFinal(strings.TrimSpace(a.text(s.Start, s.End))) {
				return start, end
			}
		}
	}
	return 0, 0
}

// lines splits the span p of s into its non-blank lines.
func lines(s string, p sitrep.Span) []sitrep.Span {
	var out []sitrep.Span
	start := p.Start
	for start < p.End {
		end := strings.IndexByte(s[start:p.End], '\n')
		if end < 0 {
			end = p.End
		} else {
			end += start
		}
		if strings.TrimSpace(s[start:end]) != "" {
			out = append(out, sitrep.Span{Start: start, End: end})
		}
		start = end + 1
	}
	return out
}

// isRoot is GDELT's IsRootEvent: whether the event's sentence begins in the
// lead paragraph.
func (a *article) isRoot(ev *sitrep.Event) bool {
	s, ok := a.sentence(ev.Sentence)
	return ok && s.Start >= a.leadStart && s.Start < a.leadEnd
}

// actorMention returns where, in the event's sentence, the actor with
// entity id (or, without one, the words text) is named nearest the trigger,
// and whether it is named there at all.
func (a *article) actorMention(ev *sitrep.Event, id *string, words string) (sitrep.Span, bool) {
	s, ok := a.sentence(ev.Sentence)
	if !ok {
		return sitrep.Span{}, false
	}
	best, found := sitrep.Span{}, false
	if id != nil {
		if e := a.ents[*id]; e != nil {
			for _, m := range e.Mentions {
				if m.Start >= s.Start && m.End <= s.End && (!found || distance(m.Start, ev.Start) < distance(best.Start, ev.Start)) {
					best, found = sitrep.Span{Start: m.Start, End: m.End}, true
				}
			}
		}
		return best, found
	}
	if words == "" || isPronoun(words) {
		return best, false // a pronoun names the actor through another mention
	}
	sent := a.text(s.Start, s.End)
	i := strings.Index(sent, words)
	if i < 0 {
		return best, false
	}
	start := s.Start + i
	if a.runes != nil {
		start = s.Start + utf8.RuneCountInString(sent[:i])
	}
	return sitrep.Span{Start: start, End: start + a.len(words)}, true
}

// len is the length of s in the document's offsets.
func (a *article) len(s string) int {
	if a.runes != nil {
		return utf8.RuneCountInString(s)
	}
	return len(s)
}

// nearestPlace returns the place whose mention in sentence span s lies
// nearest off, or nil.
func (a *article) nearestPlace(s sitrep.Span, off int) *sitrep.Place {
	i := sort.Search(len(a.placeRefs), func(i int) bool { return a.placeRefs[i].start >= s.Start })
	var best *sitrep.Place
	bestD := 0
	for ; i < len(a.placeRefs) && a.placeRefs[i].start < s.End; i++ {
		if d := distance(a.placeRefs[i].start, off); best == nil || d < bestD {
			best, bestD = a.placeRefs[i].place, d
		}
	}
	return best
}

// distance is |a - b|.
func distance(a, b int) int {
	if a < b {
		return b - a
	}
	return a - b
}

// happenings turns a document's events into happenings: one record per
// happening (story.Key), in the order of their first mention, with Mentions
// the number of the document's events that report it; Articles and Sources
// are 1.
func happenings(doc *sitrep.Document) []sitrep.EventRecord {
	var out []sitrep.EventRecord
	at := map[string]int{}
	for _, r := range story.Records(doc) {
		if i, ok := at[r.ID]; ok {
			out[i].Mentions++
			continue
		}
		at[r.ID] = len(out)
		out = append(out, r)
	}
	return out
}
