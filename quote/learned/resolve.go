package learned

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

// resolve sets each candidate's speaker entity: the entity of a mention
// holding the head word of its speaker phrase, else the person or
// organization named in the phrase (not as a possessive: "Clinton's
// spokesman" is not Clinton); for a pronoun the speaker of the quote
// before (the person or body last reported as speaking) or the last
// entity of a fitting type.
func (f *finder) resolve() {
	for i := range f.cands {
		c := &f.cands[i]
		if c.spStart < 0 {
			continue
		}
		if c.pron {
			f.resolvePronoun(i, f.ms)
			continue
		}
		var best *mention
		for _, r := range f.ms.Overlapping(min(c.spStart, c.headStart), max(c.spEnd, c.headEnd)) {
			m := f.mentionOf(r)
			if !canSpeak(m.typ) {
				continue
			}
			head := m.start < c.headEnd && m.end > c.headStart
			if !head && (m.typ != sitrep.Person && m.typ != sitrep.Org || possessive(f.s, m.end)) {
				continue
			}
			if best == nil || head && !(best.start < c.headEnd && best.end > c.headStart) {
				best = m
			}
		}
		if best == nil {
			best = f.appositive(c)
		}
		if best != nil {
			c.speaker, c.spType = sitrep.Ptr(best.id), best.typ
		}
	}
}

// appositive returns the person or organization named in an apposition
// set off by commas between a speaker phrase and its cue ("The official
// in charge, Sam Ode, said"), or nil.
func (f *finder) appositive(c *cand) *mention {
	if c.cueStart <= c.spEnd {
		return nil
	}
	var best *mention
	for _, r := range f.ms.Within(c.spEnd, c.cueStart) {
		m := f.mentionOf(r)
		before := strings.TrimRight(f.s[c.spEnd:m.start], " ")
		after := strings.TrimSpace(f.s[m.end:c.cueStart])
		if (m.typ == sitrep.Person || m.typ == sitrep.Org) && strings.HasSuffix(before, ",") && after == "," && (best == nil || m.start < best.start) {
			best = m
		}
	}
	return best
}

// possessive reports whether a possessive 's follows byte offset i of s.
func possessive(s string, i int) bool {
	rest := s[i:min(len(s), i+4)]
	return strings.HasPrefix(strings.ToLower(rest), "'s") || strings.HasPrefix(rest, "\u2019s")
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
