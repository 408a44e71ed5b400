package quantity

import "strings"

// Casualty words, by what they count.
var killedWords = map[string]bool{
	"killed": true, "kill": true, "kills": true, "killing": true, "dead": true, "died": true,
	"die": true, "dies": true, "death": true, "deaths": true, "fatalities": true, "slain": true,
	"massacred": true, "executed": true, "perished": true, "drowned": true, "lives": true,
	"murdered": true, "murdering": true, "beheaded": true, "fatally": true,
}

var injuredWords = map[string]bool{
	"injured": true, "injuring": true, "injures": true, "injure": true, "injury": true, "injuries": true,
	"wounded": true, "wounding": true, "wounds": true, "wound": true, "hurt": true, "hurting": true,
	"hospitalized": true, "hospitalised": true,
}

// aux words may stand between a count and its casualty word.
var aux = map[string]bool{
	"were": true, "was": true, "have": true, "has": true, "had": true, "been": true, "are": true,
	"is": true, "be": true, "being": true, "reportedly": true, "also": true, "later": true,
	"all": true, "were,": true, "confirmed": true, "reported": true, "left": false, "got": true,
	"seriously": true, "critically": true, "slightly": true, "lightly": true, "badly": true,
	"severely": true, "mortally": true, "shot": false, "allegedly": true, "believed": true,
	"now": true, "already": true, "so": true, "far": true, "both": true,
}

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
	// after: "... were killed", "700 killed", "5 dead"
	for k := f.j; k < f.j+4 && k < len(s.w); k++ {
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

var personNouns = map[string]bool{
	"person": true, "people": true, "child": true, "man": true, "woman": true, "troop": true,
	"police": true, "personnel": true, "staff": true, "crew": true, "guard": true, "boy": true,
	"girl": true, "baby": true, "infant": true, "adult": true, "youth": true, "militia": true,
	"militant": true, "rebel": true, "insurgent": true, "jihadist": true, "fighter": true,
	"soldier": true, "marine": true, "pilgrim": true, "student": true, "tourist": true,
	"migrant": true, "refugee": true, "hostage": true, "captive": true, "prisoner": true,
	"inmate": true, "detainee": true, "journalist": true, "reporter": true, "worker": true,
	"medic": true, "nurse": true, "doctor": true, "officer": true, "agent": true, "member": true,
	"commander": true, "leader": true, "official": true, "civilian": true, "victim": true,
	"casualty": true, "passenger": true, "resident": true, "villager": true, "protester": true,
	"demonstrator": true, "gunman": true, "bomber": true, "attacker": true, "suspect": true,
	"family": true, "relative": true, "teenager": true, "toddler": true, "miner": true,
	"firefighter": true, "colleague": true, "citizen": true, "national": true, "peacekeeper": true,
}
