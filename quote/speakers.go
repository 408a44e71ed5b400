package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/text"
)

// pronounFits reports whether an entity of type typ may be what the
// speaker pronoun p names: "he", "she" and "I" a person, "it" an
// organization or a country, "they" a body or a people (not one person),
// "we" any speaker.
func pronounFits(p, typ string) bool {
	switch p {
	case "he", "she", "i":
		return typ == sitrep.Person
	case "it":
		return typ == sitrep.Org || typ == sitrep.GPE
	case "they":
		return typ == sitrep.Org || typ == sitrep.NORP || typ == sitrep.GPE
	}
	return canSpeak(typ)
}

// speakerPronoun returns the lower-case pronoun that q's speaker phrase
// is, or "".
func speakerPronoun(q *sitrep.Quote) string {
	p := strings.ToLower(q.SpeakerText)
	if q.SpeakerSpan == nil || !pronouns[p] || p == "you" {
		return ""
	}
	return p
}

// resolvePronouns sets again the entity of every quote of qs (ordered by
// start, byte offsets into a's text) whose speaker is a pronoun, reading
// the quotes of the rules and of the learned model together:
//
//   - when a quote's speaker phrase stands before this one's within two
//     sentences, the nearest one's entity, if it fits the pronoun ("he"
//     or "she" after an organization is its spokesman: "The army
//     announced ... He stated"), or the fitting entity that opens a
//     sentence in between ("Debra Steger, a former negotiator, sees ...
//     'People are ...,' she told"); a speaker that is no entity ("a police
//     spokesman said ... he said") or does not fit leaves the pronoun
//     unresolved;
//   - else the last speaker of a fitting type within five sentences;
//   - else the nearest fitting person or organization named, not as a
//     possessive, in this sentence or the one before, before the pronoun.
//
// A pronoun left unresolved has no entity: the reader sees the pronoun.
func resolvePronouns(a *text.Analysis, qs []sitrep.Quote) {
	ms := text.IndexMentions(a.Doc, nil)
	order := speakerOrder(qs)
	for k, i := range order {
		q := &qs[i]
		p := speakerPronoun(q)
		if p == "" {
			continue
		}
		q.Speaker = resolvePronoun(a, ms, qs, order[:k], q, p)
	}
}

// speakerOrder returns the indexes of the quotes of qs that have a speaker
// phrase, ordered by its start.
func speakerOrder(qs []sitrep.Quote) []int {
	var out []int
	for i := range qs {
		if qs[i].SpeakerSpan != nil {
			out = append(out, i)
		}
	}
	for i := 1; i < len(out); i++ { // insertion sort: nearly sorted already
		for j := i; j > 0 && qs[out[j]].SpeakerSpan.Start < qs[out[j-1]].SpeakerSpan.Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// resolvePronoun returns the entity the pronoun p, speaker of q, names,
// or nil (resolvePronouns); before are the indexes of the quotes whose
// speaker phrases stand before q's.
func resolvePronoun(a *text.Analysis, ms *text.Mentions, qs []sitrep.Quote, before []int, q *sitrep.Quote, p string) *string {
	at := q.SpeakerSpan.Start
	si := a.SentenceAt(at)
	if si < 0 {
		return nil
	}
	for k := len(before) - 1; k >= 0; k-- {
		o := &qs[before[k]]
		if o.SpeakerSpan.Start == at {
			continue // the same speaker phrase, another cue ("he said, adding")
		}
		if a.SentenceAt(o.SpeakerSpan.Start) < si-2 {
			break
		}
		typ := entityType(a.Doc, o.Speaker)
		if o.Speaker == nil || !pronounFits(p, typ) && !(typ == sitrep.Org && (p == "he" || p == "she")) {
			return nil
		}
		if m := sentenceSubject(a, ms, o.SpeakerSpan.End, at, p); m != nil && m.id != *o.Speaker {
			return sitrep.Ptr(m.id)
		}
		return o.Speaker
	}
	for k := len(before) - 1; k >= 0; k-- {
		o := &qs[before[k]]
		if a.SentenceAt(o.SpeakerSpan.Start) < si-5 {
			break
		}
		if o.Speaker != nil && pronounFits(p, entityType(a.Doc, o.Speaker)) {
			return o.Speaker
		}
	}
	if m := lastNamed(a, ms, si, at, p); m != nil {
		return sitrep.Ptr(m.id)
	}
	return nil
}

// entityType returns the type of the entity with id, or "".
func entityType(doc *sitrep.Document, id *string) string {
	if id == nil {
		return ""
	}
	for i := range doc.Entities {
		if doc.Entities[i].ID == *id {
			return doc.Entities[i].Type
		}
	}
	return ""
}

// sentenceSubject returns the first mention, fitting the pronoun p, of a
// sentence that starts in [lo, hi) with it (its first word), or nil.
func sentenceSubject(a *text.Analysis, ms *text.Mentions, lo, hi int, p string) *mention {
	var best *mention
	for _, r := range ms.StartingIn(lo, hi) {
		e := &a.Doc.Entities[r.Entity]
		if r.End > hi || !pronounFits(p, e.Type) {
			continue
		}
		si := a.SentenceAt(r.Start)
		if si < 0 || len(a.Sentences[si].Tokens) == 0 || a.Sentences[si].Tokens[0].Start != r.Start {
			continue
		}
		if best == nil || r.Start > best.start {
			best = &mention{r.Start, r.End, e.ID, e.Type}
		}
	}
	return best
}

// lastNamed returns the last mention fitting the pronoun p, not a
// possessive, of a person or organization in sentence si or the one
// before, ending before byte offset hi, or nil.
func lastNamed(a *text.Analysis, ms *text.Mentions, si, hi int, p string) *mention {
	lo := a.Sentences[max(si-1, 0)].Start
	var best *mention
	for _, r := range ms.StartingIn(lo, hi) {
		e := &a.Doc.Entities[r.Entity]
		if r.End > hi || e.Type != sitrep.Person && e.Type != sitrep.Org || !pronounFits(p, e.Type) || possessive(a.Doc.Text, r.End) {
			continue
		}
		if best == nil || r.Start > best.start {
			best = &mention{r.Start, r.End, e.ID, e.Type}
		}
	}
	return best
}

// possessive reports whether a possessive 's follows byte offset i of s.
func possessive(s string, i int) bool {
	rest := s[i:min(len(s), i+4)]
	return strings.HasPrefix(strings.ToLower(rest), "'s") || strings.HasPrefix(rest, "\u2019s")
}

// tidySpeaker trims q's speaker phrase (byte offsets into s) to the words
// that name the speaker: from after a line break it crosses (a dateline
// or a byline before it), and without a trailing time word or adverb
// ("The United States Thursday", "Europeans especially") or an
// apposition after a comma ("Priorities USA, the main pro-Clinton super
// PAC"); after its cue, opening with a determiner, to its noun
// (growAfterCue). A phrase left with no letter is dropped.
func tidySpeaker(s string, q *sitrep.Quote) {
	sp := q.SpeakerSpan
	if sp == nil || sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return
	}
	st, en := sp.Start, sp.End
	if i := strings.LastIndexByte(s[st:en], '\n'); i >= 0 {
		st += i + 1
	}
	if i := strings.Index(s[st:en], ", "); i > 0 {
		en = st + i
	}
	for {
		en = st + len(strings.TrimRight(s[st:en], " "))
		i := strings.LastIndexByte(s[st:en], ' ')
		if i < 0 {
			break
		}
		word := s[st+i+1 : en]
		w := strings.ToLower(word)
		lower := word == w
		if !timeWords[w] && !(lower && (auxSkip[w] || adverb(w))) {
			break
		}
		en = st + i
	}
	for st < en && s[st] == ' ' {
		st++
	}
	if c := q.CueSpan; c != nil && c.End <= st && determiners[strings.ToLower(firstWord(s[st:en]))] {
		en = growAfterCue(s, en)
	}
	if !strings.ContainsFunc(s[st:en], unicode.IsLetter) || !startsWord(s[st:en]) {
		q.SpeakerSpan, q.SpeakerText, q.Speaker = nil, "", nil
		return
	}
	if st != sp.Start || en != sp.End {
		q.SpeakerSpan = &sitrep.Span{Start: st, End: en}
		q.SpeakerText = s[st:en]
	}
}

// startsWord reports whether s opens with a letter or digit.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// growAfterCue returns where a speaker phrase that follows its cue and
// ends at byte offset en of s ends once it takes the lower-case word right
// after it, which then is its noun ("said a joint statement from ..."):
// a word of letters that is no preposition, time word, auxiliary, adverb
// or participle ("according to residents joined by AFP"), nor a word that
// cannot be in a speaker's noun phrase.
func growAfterCue(s string, en int) int {
	if en >= len(s) || s[en] != ' ' {
		return en
	}
	i := en + 1
	j := i
	for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
		j++
	}
	w := s[i:j]
	if w == "" || j < len(s) && (s[j] == '\'' || s[j] == '-' || unicode.IsLetter(rune(s[j]))) {
		return en
	}
	if prepositions[w] || timeWords[w] || auxSkip[w] || npStop[w] || relatives[w] || adverb(w) || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
		return en
	}
	return j
}

// firstWord returns the first space-separated word of s.
func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// adverbSuffixes end adverbs that may trail a speaker phrase ("Europeans
// especially") and rarely end its noun (unlike "family", "assembly",
// "tally").
var adverbSuffixes = []string{"ally", "ently", "ously", "ively", "antly", "edly", "ately"}

// adverb reports whether the lower-case word w reads as an adverb in -ly.
func adverb(w string) bool {
	if len(w) < 8 {
		return false
	}
	for _, x := range adverbSuffixes {
		if strings.HasSuffix(w, x) {
			return true
		}
	}
	return false
}
