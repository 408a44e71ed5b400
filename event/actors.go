package event

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/country"
	"sitrep/entity"
	"sitrep/lexicon"
	"sitrep/text"
)

// actor is one actor phrase of a sentence: an entity (with the title words
// and other entities merged into it, "US President Joe Biden"), a pronoun
// resolved to an entity, or a role noun ("police", "protesters").
type actor struct {
	start, end int // token range [start, end)
	ent        int // index in Doc.Entities, -1 for none
	also       int // second entity of a resolved "they"/"them", else -1
	alsoCode   string
	code       string // CAMEO actor code
	text       string
	role       bool // a bare role noun
	named      bool // a capitalized name without an entity (no entity stage ran)
	pronoun    bool
	// noun: a person noun or a determined role phrase ("critics", "the
	// prime minister"), a candidate for the participant rankers only: the
	// patterns and the rules do not see it
	noun bool
}

// namesSomeone reports whether actor a can be an event's participant: an
// entity, a code, a capitalized name, or a role or person noun
// ("critics"), which has its words if no code.
func (a actor) namesSomeone() bool {
	return a.ent >= 0 || a.code != "" || a.named || a.role
}

func isActorType(e *sitrep.Entity) bool {
	switch e.Type {
	case sitrep.Person, sitrep.Org, sitrep.GPE, sitrep.NORP:
		return true
	case sitrep.Fac, sitrep.Loc:
		return e.Code != ""
	}
	return false
}

func capitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// titleWords are lower-case words of titles that may stand inside an
// actor's phrase ("the foreign minister of").
var titleWords = lexicon.Words("event.title-words")

// sentenceActors finds the actor phrases of sentence s, sorted by start,
// then the person nouns ("critics", "the prime minister") that only the
// participant rankers read; ruled is the number of the first kind, the
// actors the patterns and the rules see.
func sentenceActors(doc *sitrep.Document, refs *text.Mentions, s *sent, roles *lexicon.Roles) (acts []actor, ruled int) {
	toks, low := s.toks, s.low
	if len(toks) == 0 {
		return nil, 0
	}
	sStart, sEnd := toks[0].Start, toks[len(toks)-1].End
	type ment struct{ start, end, ent int }
	var ms []ment
	for _, r := range refs.StartingIn(sStart, sEnd) {
		st, en := -1, -1
		for i, t := range toks {
			if t.End > r.Start && t.Start < r.End {
				if st < 0 {
					st = i
				}
				en = i + 1
			}
		}
		if st >= 0 {
			ms = append(ms, ment{st, en, r.Entity})
		}
	}
	// sort by start, drop mentions inside another
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && (ms[j].start < ms[j-1].start || ms[j].start == ms[j-1].start && ms[j].end > ms[j-1].end); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	var kept []ment
	for _, m := range ms {
		if n := len(kept); n > 0 && m.start < kept[n-1].end {
			continue
		}
		kept = append(kept, m)
	}
	var out []actor
	for i := 0; i < len(kept); {
		// merge mentions joined only by capitalized or title words
		j := i
		for j+1 < len(kept) {
			ok := true
			for k := kept[j].end; k < kept[j+1].start; k++ {
				// a dash between spaces is a break ("WASHINGTON - Jerome
				// Powell said"), not a joint
				dash := text.IsDash(firstRune(toks[k].Text)) && (k == 0 || toks[k].Start == toks[k-1].End)
				if !(toks[k].Kind == text.Word && (capitalized(toks[k].Text) && low[k] != "and") || titleWords[low[k]] || dash) {
					ok = false
					break
				}
			}
			if !ok || kept[j+1].start-kept[j].end > 4 {
				break
			}
			j++
		}
		head := kept[j].ent
		for k := i; k <= j; k++ {
			if doc.Entities[kept[k].ent].Type == sitrep.Person {
				head = kept[k].ent
			}
		}
		a := actor{start: kept[i].start, end: kept[j].end, ent: head, also: -1}
		a.code = entity.ActorCode(&doc.Entities[head])
		// a role noun right after: "Iraqi government", "Kenyan police"
		if r, ok := possessedRole(roles, low, a.end); ok && len(a.code) == 3 {
			a.code = entity.WithSector(a.code, r)
			a.end += 2
		} else if a.end < len(toks) {
			if r, ok := roleAt(roles, low, a.end); ok {
				a.code = entity.WithSector(a.code, r)
				a.end++
			}
		}
		a.text = doc.Text[toks[a.start].Start:toks[a.end-1].End]
		out = append(out, a)
		i = j + 1
	}
	// pronouns and bare role nouns
	var extra []actor
	covered := func(i int) bool {
		for _, a := range out {
			if i >= a.start && i < a.end {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(low); i++ {
		w := low[i]
		if covered(i) {
			continue
		}
		switch w {
		case "he", "him", "his", "she", "her", "it", "its", "they", "them", "their":
			a := actor{start: i, end: i + 1, ent: -1, also: -1, pronoun: true, text: toks[i].Text}
			if i+1 < len(toks) {
				if r, ok := roleAt(roles, low, i+1); ok && (w == "his" || w == "her" || w == "its" || w == "their") {
					a.end = i + 2
					a.code = r
					i++ // "its forces": one actor
				}
			}
			extra = append(extra, a)
		default:
			if n := roles.AloneAt(low, i); n > 1 {
				extra = append(extra, actor{start: i, end: i + n, ent: -1, also: -1, role: true,
					code: roleOf(roles, strings.Join(low[i:i+n], " ")), text: doc.Text[toks[i].Start:toks[i+n-1].End]})
				i += n - 1
			} else if s.fact(i).alone {
				start := i
				// "security forces", "riot police"
				if i > 0 && (low[i-1] == "security" || low[i-1] == "riot" || low[i-1] == "government" || low[i-1] == "rebel" || low[i-1] == "international") {
					start = i - 1
				}
				extra = append(extra, actor{start: start, end: i + 1, ent: -1, also: -1, role: true,
					code: roleOf(roles, w), text: doc.Text[toks[start].Start:toks[i].End]})
			}
		}
	}
	if len(doc.Entities) == 0 {
		// no entity stage ran (or it found nothing): capitalized names
		// stand in, and country names and demonyms get their codes
		extra = append(extra, nameActors(doc, toks, low, roles)...)
	}
	out = append(out, extra...)
	sortActors(out)
	out = titlesJoined(doc, out, toks)
	ruled = len(out)
	return append(out, s.nounActors(doc, out, roles)...), ruled
}

// ofActor reports whether "of" at token k introduces one of acts: the
// people of a body are the body ("leaders of the Chhatra Dal", "members of
// the coalition").
func (s *sent) ofActor(acts []actor, k int) bool {
	if k >= len(s.low) || s.low[k] != "of" {
		return false
	}
	for _, a := range acts {
		if a.start == k+1 || a.start == k+2 && determiners[s.low[k+1]] {
			return true
		}
	}
	return false
}

// nounActors finds the person nouns and determined role phrases of s
// ("critics", "a spokesman", "the prime minister") outside the actors
// acts, for the participant rankers; a title before a name is no actor
// of its own ("spokesman Nicholas Burns"), nor are the people of a body
// (ofActor).
func (s *sent) nounActors(doc *sitrep.Document, acts []actor, roles *lexicon.Roles) []actor {
	in := cleared(s.words.room.covered, len(s.toks)+1)
	s.words.room.covered = in
	for _, a := range acts {
		for k := a.start; k < a.end; k++ {
			in[k] = true
		}
	}
	var out []actor
	for i := 0; i < len(s.toks); i++ {
		if in[i] {
			continue
		}
		n := s.nounActorAt(roles, i)
		if n == 0 || in[i+n-1] || startsPerson(doc, acts, i+n) || s.ofActor(acts, i+n) {
			continue
		}
		out = append(out, actor{start: i, end: i + n, ent: -1, also: -1, role: true, noun: true,
			code: roleOf(roles, strings.Join(s.low[i:i+n], " ")), text: doc.Text[s.toks[i].Start:s.toks[i+n-1].End]})
		i += n - 1
	}
	return out
}

// sortActors sorts actors by start.
func sortActors(acts []actor) {
	for i := 1; i < len(acts); i++ {
		for j := i; j > 0 && acts[j].start < acts[j-1].start; j-- {
			acts[j], acts[j-1] = acts[j-1], acts[j]
		}
	}
}

// startsPerson reports whether one of acts, a person, starts at token k.
func startsPerson(doc *sitrep.Document, acts []actor, k int) bool {
	for _, a := range acts {
		if a.start == k && a.ent >= 0 && doc.Entities[a.ent].Type == sitrep.Person {
			return true
		}
	}
	return false
}

// titlesJoined joins a role phrase right before a person's name, or set
// off from it as an apposition, to the name: "opposition leader Raila
// Odinga" is one actor, Odinga, not a leader and Odinga.
func titlesJoined(doc *sitrep.Document, acts []actor, toks []text.Token) []actor {
	out := acts[:0]
	for i := 0; i < len(acts); i++ {
		a := acts[i]
		if a.role && i+1 < len(acts) {
			n := &acts[i+1]
			// "opposition leader Raila Odinga", and the apposition "the
			// opposition leader, Raila Odinga, called"
			next := n.start == a.end ||
				n.start == a.end+1 && toks[a.end].Text == "," && (n.end == len(toks) || toks[n.end].Text == ",")
			if next && n.ent >= 0 && doc.Entities[n.ent].Type == sitrep.Person {
				n.start = a.start
				n.text = doc.Text[toks[n.start].Start:toks[n.end-1].End]
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// mediaWords in an entity's name make it a news outlet or the media.
var mediaWords = lexicon.Words("event.media-words")

// isMedia reports whether an entity names a news outlet or the media.
func isMedia(e *sitrep.Entity) bool {
	if strings.Contains(e.Code, "MED") {
		return true
	}
	n := " " + strings.ToLower(e.Name) + " "
	for w := range mediaWords {
		if strings.Contains(n, " "+w+" ") {
			return true
		}
	}
	return false
}

// notNames are capitalized words that never start or continue a name.
var notNames = lexicon.Words("event.not-names", "shared.months", "shared.weekdays")

// nameActors finds runs of capitalized words, for documents without
// entities; a run that names a country (or its people) gets its code.
func nameActors(doc *sitrep.Document, toks []text.Token, low []string, roles *lexicon.Roles) []actor {
	var out []actor
	for i := 0; i < len(toks); {
		if toks[i].Kind != text.Word || !capitalized(toks[i].Text) || notNames[low[i]] || titleWords[low[i]] || hazardWords[low[i]] || roleOf(roles, low[i]) != "" {
			i++
			continue
		}
		j := i
		for j < len(toks) && toks[j].Kind == text.Word && (capitalized(toks[j].Text) && !notNames[low[j]] || low[j] == "of" && j+1 < len(toks) && capitalized(toks[j+1].Text)) {
			j++
		}
		a := actor{start: i, end: j, ent: -1, also: -1, named: true, text: doc.Text[toks[i].Start:toks[j-1].End]}
		for k := i; k < j; k++ { // a country or demonym inside: "Hungarian", "Foreign Minister of Iraq"
			if c, ok := country.ByName(toks[k].Text); ok && c.CAMEO != "" {
				a.code = c.CAMEO
			} else if c, ok := country.ByDemonym(toks[k].Text); ok && c.CAMEO != "" {
				a.code = c.CAMEO
			}
		}
		if j < len(toks) {
			if r, ok := roleAt(roles, low, j); ok {
				a.code = entity.WithSector(a.code, r)
				a.end = j + 1
			}
		}
		out = append(out, a)
		i = a.end
	}
	return out
}

// roleOf returns the CAMEO sector of a role word, "" for other words.
func roleOf(roles *lexicon.Roles, w string) string {
	r, _ := roles.Sector(w)
	return r
}

// possessedRole returns the sector of a role word after "'s" at low[i]
// ("Iran's military"), if there is one.
func possessedRole(roles *lexicon.Roles, low []string, i int) (string, bool) {
	if i+1 >= len(low) || low[i] != "'s" {
		return "", false
	}
	return roleAt(roles, low, i+1)
}

// roleAt returns the sector of the role word at low[i], if i is in range
// and the word is one.
func roleAt(roles *lexicon.Roles, low []string, i int) (string, bool) {
	if i < 0 || i >= len(low) {
		return "", false
	}
	return roles.Sector(low[i])
}

// nounActorAt returns the number of words of a noun phrase's head at
// token i that names people (0 for none): a plural person noun
// ("critics", "survivors"), or, after a determiner, a role phrase that
// otherwise only qualifies a name ("the prime minister") or a singular
// person noun that is no adjective ("a spokesman", "the commission").
func (s *sent) nounActorAt(roles *lexicon.Roles, i int) int {
	f := s.fact(i)
	if f.person.Person && f.person.Plural {
		return 1
	}
	if !s.determinedAt(i) {
		return 0
	}
	// one word that is an adjective too ("the general election") is no
	// noun phrase's head for sure
	if n := roles.PhraseAt(s.low, i); n > 1 || n == 1 && !f.person.Adjective {
		return n
	}
	if f.person.Person && !f.person.Adjective {
		return 1
	}
	return 0
}

// determinedAt reports whether a determiner, possessive or number opens
// the noun phrase whose word i is, at most one modifier before it ("the
// former president", "Iraq's prime minister").
func (s *sent) determinedAt(i int) bool {
	opens := func(k int) bool {
		return k >= 0 && (determiners[s.low[k]] || s.low[k] == "'s" || s.toks[k].Kind == text.Number || s.fact(k).countWord)
	}
	if opens(i - 1) {
		return true
	}
	return i >= 2 && s.toks[i-1].Kind == text.Word && !capitalized(s.toks[i-1].Text) && s.fact(i-1).content && opens(i-2)
}
