package text

import (
	"slices"
	"sort"

	"sitrep"
)

// MentionRef is one entity mention: its byte span, the index of its entity
// in the document's Entities and of the mention in the entity's Mentions.
type MentionRef struct {
	Start, End, Entity, Mention int
}

// Mentions indexes a document's entity mentions by start, so that a stage
// finds the mentions of a sentence or a phrase by binary search rather than
// by a scan of every entity: long documents stay linear.
type Mentions struct {
	refs    []MentionRef // by start; equal starts in entity order
	longest int          // the longest mention, in bytes
}

// IndexMentions indexes the mentions of doc's entities for which keep
// returns true (every entity when keep is nil). Mentions with offsets
// outside the text are left out.
func IndexMentions(doc *sitrep.Document, keep func(*sitrep.Entity) bool) *Mentions {
	x := &Mentions{}
	for ei := range doc.Entities {
		e := &doc.Entities[ei]
		if keep != nil && !keep(e) {
			continue
		}
		for mi, m := range e.Mentions {
			if m.Start < 0 || m.End > len(doc.Text) || m.Start >= m.End {
				continue
			}
			x.refs = append(x.refs, MentionRef{m.Start, m.End, ei, mi})
			x.longest = max(x.longest, m.End-m.Start)
		}
	}
	sort.SliceStable(x.refs, func(i, j int) bool { return x.refs[i].Start < x.refs[j].Start })
	return x
}

// All returns every indexed mention, by start.
func (x *Mentions) All() []MentionRef { return x.refs }

// StartingIn returns the mentions that start in [lo, hi), by start.
func (x *Mentions) StartingIn(lo, hi int) []MentionRef {
	a := sort.Search(len(x.refs), func(i int) bool { return x.refs[i].Start >= lo })
	b := sort.Search(len(x.refs), func(i int) bool { return x.refs[i].Start >= hi })
	if b < a {
		return nil
	}
	return x.refs[a:b]
}

// Overlapping returns the mentions that overlap [lo, hi), in entity order
// (the order of the document's Entities and their Mentions), in a new
// slice.
func (x *Mentions) Overlapping(lo, hi int) []MentionRef {
	var out []MentionRef
	for _, r := range x.StartingIn(lo-x.longest, hi) {
		if r.End > lo {
			out = append(out, r)
		}
	}
	return inEntityOrder(out)
}

// Within returns the mentions inside [lo, hi), in entity order, in a new
// slice.
func (x *Mentions) Within(lo, hi int) []MentionRef {
	var out []MentionRef
	for _, r := range x.StartingIn(lo, hi) {
		if r.End <= hi {
			out = append(out, r)
		}
	}
	return inEntityOrder(out)
}

// inEntityOrder sorts refs by entity, then by mention, and returns them.
func inEntityOrder(refs []MentionRef) []MentionRef {
	slices.SortFunc(refs, func(a, b MentionRef) int {
		if a.Entity != b.Entity {
			return a.Entity - b.Entity
		}
		return a.Mention - b.Mention
	})
	return refs
}
