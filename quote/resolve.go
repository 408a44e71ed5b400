package quote

import (
	"strings"

	"sitrep"
	"sitrep/text"
)

// mention is one entity mention, for speaker look-ups.
type mention struct {
	start, end int
	id, typ    string
}

// mentions indexes the document's entity mentions (those with valid
// offsets), for speaker look-ups.
func (f *finder) mentions() *text.Mentions { return text.IndexMentions(f.a.Doc, nil) }

// mentionOf returns the mention r refers to.
func (f *finder) mentionOf(r text.MentionRef) *mention {
	e := &f.a.Doc.Entities[r.Entity]
	return &mention{r.Start, r.End, e.ID, e.Type}
}

// speakerTypes are the entity types that can speak.
func canSpeak(typ string) bool {
	switch typ {
	case sitrep.Person, sitrep.Org, sitrep.NORP, sitrep.GPE:
		return true
	}
	return false
}

// resolve sets each candidate's speaker entity: the entity named by the head
// of its speaker phrase, or for a pronoun the speaker of the quote before
// (the person or body last reported as speaking) or the last entity of a
// fitting type.
func (f *finder) resolve() {
	ms := f.mentions()
	for i := range f.cands {
		c := &f.cands[i]
		if c.spStart < 0 {
			continue
		}
		if c.pron {
			f.resolvePronoun(i, ms)
			continue
		}
		var best *mention
		for _, r := range ms.Overlapping(c.spStart, c.spHead) {
			m := f.mentionOf(r)
			if m.end <= c.spStart || m.start >= c.spHead || !canSpeak(m.typ) {
				continue
			}
			head := m.end >= c.spHead
			if !head && (m.typ != sitrep.Person && m.typ != sitrep.Org) {
				continue
			}
			if !head && strings.HasPrefix(strings.ToLower(f.s[m.end:min(len(f.s), m.end+3)]), "'s") {
				continue
			}
			if !head && strings.HasPrefix(f.s[m.end:min(len(f.s), m.end+4)], "\u2019s") {
				continue
			}
			if best == nil || (head && best.end < c.spHead) {
				best = m
			}
		}
		if best != nil {
			c.speaker, c.spType = sitrep.Ptr(best.id), best.typ
		}
	}
}

func (f *finder) resolvePronoun(i int, ms *text.Mentions) {
	c := &f.cands[i]
	p := strings.ToLower(f.s[c.spStart:c.spEnd])
	fits := func(typ string) bool {
		switch p {
		case "he", "she", "i":
			return typ == sitrep.Person
		case "it":
			return typ == sitrep.Org || typ == sitrep.GPE
		case "we":
			return typ == sitrep.Person || typ == sitrep.Org || typ == sitrep.GPE
		}
		return true
	}
	// the quote just before, in this sentence or the last two
	for j := i - 1; j >= 0; j-- {
		o := &f.cands[j]
		if o.sent < c.sent-2 {
			break
		}
		if o.speaker != nil && o.spStart < c.spStart {
			c.speaker, c.spType = o.speaker, o.spType
			return
		}
		if o.spStart >= 0 && o.spStart < c.spStart {
			break // the last speaker is no entity ("Sources")
		}
	}
	// the last speaker of a fitting type, in the last few sentences
	for j := i - 1; j >= 0; j-- {
		o := &f.cands[j]
		if o.sent < c.sent-5 {
			break
		}
		if o.speaker != nil && o.spStart < c.spStart && fits(o.spType) {
			c.speaker, c.spType = o.speaker, o.spType
			return
		}
	}
	// the last person or organization named in this or the sentence before
	lo := 0
	if c.sent > 0 {
		lo = f.a.Sentences[c.sent-1].Start
	}
	var best *mention
	for _, r := range ms.StartingIn(lo, c.spStart) {
		m := f.mentionOf(r)
		if m.start >= lo && m.end <= c.spStart && (m.typ == sitrep.Person || m.typ == sitrep.Org) && fits(m.typ) {
			if best == nil || m.start > best.start {
				best = m
			}
		}
	}
	if best != nil {
		c.speaker, c.spType = sitrep.Ptr(best.id), best.typ
	}
}
