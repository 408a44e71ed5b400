package entity

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"sitrep"
	"sitrep/country"
)

// group is an entity being built from mentions.
type group struct {
	ms       []mention
	typ      string
	name     string
	code     string
	countryC *country.Country
}

// merge joins mentions of one real-world thing into entities, in order of
// first mention: a country's names ("US", "America", "United States"); a
// person's full name and surname or given name ("Joe Biden", "Biden"); an
// organization's name and its acronym, defined in the text or in the
// general list ("ISIS", "Islamic State"); a name repeated. A collective
// introduced with "a"/"an" starts a new thing.
func merge(ms []mention) []sitrep.Entity {
	var groups []*group
	byKey := map[string]*group{}
	add := func(key string, m mention) {
		g := byKey[key]
		if g == nil || (m.indefinite && m.source == "nominal") {
			g = &group{}
			groups = append(groups, g)
			if key != "" {
				byKey[key] = g
			}
		}
		g.ms = append(g.ms, m)
	}
	var later []mention // single-word names resolved after the full names
	for _, m := range ms {
		switch {
		case m.org != nil:
			add("org:"+m.org.Name, m)
		case m.country != nil && m.typ == sitrep.GPE:
			add("gpe:"+m.country.ISO3, m)
		case m.country != nil && m.typ == sitrep.NORP:
			add("norp:"+m.country.ISO3, m)
		case m.source == "anaphor":
			later = append(later, m)
		case m.source == "nominal":
			add("nom:"+nominalKey(m.text), m)
		case !strings.Contains(strings.TrimSpace(m.text), " "):
			later = append(later, m)
		default:
			add("name:"+nameKey(m.text), m)
		}
	}
	people := personWords(groups)
	acronyms := map[string]*group{}
	for _, g := range groups {
		for _, m := range g.ms {
			if in := initials(m.text); len(in) >= 2 && acronyms[in] == nil {
				acronyms[in] = g
			}
		}
	}
	for _, m := range later {
		if m.source == "anaphor" {
			// "the agency": a mention of the organization before it
			for _, g := range groups {
				for _, o := range g.ms {
					if o.start == m.antStart {
						g.ms = append(g.ms, m)
					}
				}
			}
			continue
		}
		k := nameKey(m.text)
		if g := byKey["name:"+nameKey(m.defines)]; m.defines != "" && g != nil {
			g.ms = append(g.ms, m)
			byKey["name:"+k] = g
			continue
		}
		if g := byKey["name:"+k]; g != nil {
			g.ms = append(g.ms, m)
			continue
		}
		if g := people[k]; g != nil {
			g.ms = append(g.ms, m)
			continue
		}
		if g := acronyms[strings.ReplaceAll(m.text, ".", "")]; g != nil && isAcronym(m.text) {
			g.ms = append(g.ms, m)
			continue
		}
		add("name:"+k, m)
	}
	out := make([]sitrep.Entity, 0, len(groups))
	sortGroups(groups)
	for _, g := range groups {
		e := g.entity()
		e.ID = fmt.Sprintf("E%d", len(out)+1)
		out = append(out, e)
	}
	return out
}

// nominalKey keys a collective: "the international coalition forces" and
// "international coalition" are one.
func nominalKey(s string) string {
	k := nameKey(s)
	if strings.Contains(k, "coalition") {
		return "coalition" // the coalition, however qualified, until "a coalition" starts another
	}
	return k
}

// personWords maps each word (of three letters or more) of the people's
// multi-word names to its person: "biden" and "joe" to Joe Biden. A word two
// people share maps to nil: it is ambiguous.
func personWords(groups []*group) map[string]*group {
	words := map[string]*group{}
	for _, g := range groups {
		if g.majorType() != sitrep.Person || g.ms[0].source != "ner" {
			continue
		}
		for _, m := range g.ms {
			full := nameKey(m.text)
			if !strings.Contains(full, " ") {
				continue
			}
			fields := strings.Fields(full)
			for i, w := range fields {
				// short surnames count too ("Amadou Ba" / "Ba"), name
				// particles do not
				if len(w) < 3 && (i < len(fields)-1 || len(w) < 2 || nameParticles[w]) {
					continue
				}
				if o, seen := words[w]; seen && o != g {
					words[w] = nil
					continue
				}
				words[w] = g
			}
			// multi-word parts too: "al kazemi" of "mustafa al kazemi"
			f := strings.Fields(full)
			for i := 1; i < len(f)-1; i++ {
				tail := strings.Join(f[i:], " ")
				if o, seen := words[tail]; seen && o != g {
					words[tail] = nil
					continue
				}
				words[tail] = g
			}
		}
	}
	return words
}

// isAcronym reports whether s looks like an acronym: 2 to 7 capitals.
func isAcronym(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	return len(s) >= 2 && len(s) <= 7 && strings.ToUpper(s) == s
}

// initials returns the capital initials of a multi-word name, skipping
// function words: "Kurdistan Regional Government" KRG.
func initials(s string) string {
	words := strings.Fields(s)
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		switch strings.ToLower(w) {
		case "of", "the", "and", "for", "in", "on", "de", "al":
			continue
		}
		r := firstRune(w)
		if !unicode.IsUpper(r) {
			continue // a common noun after the name: "United Auto Workers union"
		}
		b.WriteRune(r)
	}
	return b.String()
}

func sortGroups(groups []*group) {
	// groups are created in mention order except single names resolved
	// later; order by first mention.
	firsts := make(map[*group]int, len(groups))
	for _, g := range groups {
		firsts[g] = g.first()
	}
	sort.SliceStable(groups, func(i, j int) bool { return firsts[groups[i]] < firsts[groups[j]] })
}

func (g *group) first() int {
	f := g.ms[0].start
	for _, m := range g.ms {
		if m.start < f {
			f = m.start
		}
	}
	return f
}

// majorType is the type of the group's longest mention; a country is GPE.
func (g *group) majorType() string {
	best := g.ms[0]
	for _, m := range g.ms[1:] {
		if len(m.text) > len(best.text) {
			best = m
		}
	}
	return best.typ
}

func (g *group) entity() sitrep.Entity {
	e := sitrep.Entity{Type: g.majorType()}
	// mentions in text order, one per span
	seen := map[[2]int]bool{}
	for _, m := range g.ms {
		k := [2]int{m.start, m.end}
		if seen[k] {
			continue
		}
		seen[k] = true
		e.Mentions = append(e.Mentions, sitrep.Mention{Start: m.start, End: m.end, Text: m.text})
	}
	for i := 1; i < len(e.Mentions); i++ {
		for j := i; j > 0 && e.Mentions[j].Start < e.Mentions[j-1].Start; j-- {
			e.Mentions[j], e.Mentions[j-1] = e.Mentions[j-1], e.Mentions[j]
		}
	}
	// the fullest form names it; a country its table name; a known
	// organization its list name
	for _, m := range g.ms {
		n := strings.TrimPrefix(strings.TrimPrefix(m.text, "the "), "The ")
		if len(n) > len(e.Name) {
			e.Name = n
		}
	}
	for _, m := range g.ms {
		switch {
		case m.org != nil:
			e.Name = m.org.Name
		case m.country != nil && m.typ == sitrep.GPE && m.source != "nominal" && isASCII(m.country.Name):
			// the table's name, unless it is a form news in English
			// rarely writes ("Türkiye"): then the fullest mention stays
			e.Name = m.country.Name
		}
	}
	// the code of the mention that says most (longest code), and the
	// country it names
	for _, m := range g.ms {
		if len(m.code) > len(e.Code) {
			e.Code = m.code
		}
	}
	for _, m := range g.ms {
		if m.country != nil && m.source != "nominal" {
			e.Country = m.country.ISO3
			break
		}
	}
	if e.Country == "" && len(e.Code) >= 3 {
		if c, ok := country.ByISO3(e.Code[:3]); ok {
			e.Country = c.ISO3
		}
	}
	return e
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
