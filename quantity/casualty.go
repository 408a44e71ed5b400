package quantity

import (
	"strings"

	"sitrep/lexicon"
)

// Casualty words, by what they count.
var (
	killedWords  = lexicon.Words("shared.death-words", "quantity.death-words")
	injuredWords = lexicon.Words("shared.injury-words", "quantity.injury-words")
)

// aux words may stand between a count and its casualty word, at most
// casualtyReach words after the count.
var aux = lexicon.Words("quantity.aux")

const casualtyReach = 6

func casualtyOf(w string) string {
	switch {
	case killedWords[w]:
		return "killed"
	case injuredWords[w]:
		return "injured"
	}
	return ""
}

// casualties marks a count of people killed or injured: "3 of its members
// were injured", "killed two commanders", "more than 700 killed", "the
// death toll rose to 12", "left 5 dead".
func (s *scanner) casualties(f *found) {
	if f.money || f.unit == "percent" || f.unit == "percentage point" {
		return
	}
	if f.head >= 0 && !personLike(s.w[f.head].low) {
		return
	}
	// after: "... were killed", "700 killed", "5 dead", "10 were known to
	// have been killed"
	for k := f.j; k < f.j+casualtyReach && k < len(s.w); k++ {
		w := s.w[k].low
		if c := casualtyOf(w); c != "" {
			if w == "lives" || w == "death" || w == "deaths" || w == "kill" || w == "die" {
				if !(w == "died" || w == "die" && k > 0 && (s.w[k-1].low == "to" || s.w[k-1].low == "would" || s.w[k-1].low == "will")) {
					break
				}
			}
			f.casualty = c
			return
		}
		if w == "died" || w == "lost" && s.low(k+1) == "their" && s.low(k+2) == "lives" {
			f.casualty = "killed"
			return
		}
		if c := s.mannerCasualty(k); c != "" {
			f.casualty = c
			return
		}
		// "30 people were taken to hospital", "were treated in hospital"
		if (w == "taken" || w == "treated" || w == "admitted" || w == "rushed") &&
			(s.low(k+1) == "hospital" || s.low(k+2) == "hospital" || s.low(k+3) == "hospital" || s.low(k+2) == "hospitals") {
			f.casualty = "injured"
			return
		}
		if !aux[w] {
			break
		}
	}
	// before: "killed two", "wounding at least six", "the injury of 3", "deaths of 12"
	for k := f.i - 1; k >= 0 && k >= f.i-3; k-- {
		w := s.w[k].low
		if c := casualtyOf(w); c != "" && w != "dead" {
			f.casualty = c
			return
		}
		if w != "of" && w != "the" && w != "including" && w != "another" && w != "a" && w != "total" && w != "least" && w != "at" {
			break
		}
	}
	// "the death toll rose to 12", "the toll stood at 40"
	if p := s.low(f.i - 1); p == "to" || p == "at" || p == "reached" || p == "hit" || p == "of" {
		for k := f.i - 2; k >= 0 && k >= f.i-7; k-- {
			if s.w[k].low == "toll" {
				c := "killed"
				if k > 0 && injuredWords[s.w[k-1].low] {
					c = "injured"
				}
				f.casualty = c
				return
			}
		}
	}
}

// mannerVerbs are participles of how people were harmed ("shot",
// "stabbed"), casualties only with the words after them.
var mannerVerbs = lexicon.Words("quantity.manner-verbs")

// mannerCasualty returns what a manner participle at k makes its count:
// killed for "shot dead", "stabbed to death", "gunned down", "shot and
// killed"; injured for "shot and wounded"; "" otherwise ("5 were shot"
// says neither).
func (s *scanner) mannerCasualty(k int) string {
	if !mannerVerbs[s.low(k)] {
		return ""
	}
	switch next := s.low(k + 1); {
	case next == "dead" || next == "down" && s.low(k) == "gunned":
		return "killed"
	case next == "to" && s.low(k+2) == "death":
		return "killed"
	case next == "and" || next == "or":
		return casualtyOf(s.low(k + 2))
	}
	return ""
}

// personLike tells counted people from counted things: a casualty count
// counts people, soldiers, members, civilians ... not strikes or houses.
func personLike(w string) bool {
	l := lemma(w)
	if personNouns[l] {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "child", "ee"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// personNouns count people, not things.
var personNouns = lexicon.Words("quantity.person-nouns")
