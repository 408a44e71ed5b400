package entity

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"sitrep"
	"sitrep/country"
	"sitrep/lexicon"
)

// group is an entity being built from mentions. A group joined into another
// points to it (into) and holds no mentions of its own any more.
type group struct {
	ms     []mention
	into   *group
	gender byte // 'f' or 'm' when a title on one of its mentions says so; '?' when titles disagree
}

// root returns the group g was joined into, or g.
func (g *group) root() *group {
	for g.into != nil {
		g = g.into
	}
	return g
}

// note records what mention m says of its group: its gender.
func (g *group) note(m mention) {
	switch {
	case m.gender == 0 || g.gender == m.gender:
	case g.gender == 0:
		g.gender = m.gender
	default:
		g.gender = '?'
	}
}

// fits reports whether a mention with gender x may be of the group: the
// titles on the group's mentions do not say otherwise.
func (g *group) fits(x byte) bool {
	return x == 0 || g.gender == 0 || g.gender == x
}

// merger joins mentions into groups. Its zero value is not usable: use
// newMerger.
type merger struct {
	isPlace func(string) bool   // whether the gazetteer knows a place of that name; nil: none
	people  map[string][]*group // personWords of the full names, once they are joined
	groups  []*group
	byKey   map[string]*group // merge key -> group
	byStart map[int]*group    // a mention's start -> its group
}

func newMerger(isPlace func(string) bool) *merger {
	return &merger{isPlace: isPlace, byKey: map[string]*group{}, byStart: map[int]*group{}}
}

// add puts m in the group of key, or a new group (a new one also for a
// collective introduced with "a"/"an"; key "" never shares).
func (mg *merger) add(key string, m mention) *group {
	g := mg.get(key)
	if g == nil || (m.indefinite && m.source == "nominal") {
		g = &group{}
		mg.groups = append(mg.groups, g)
		if key != "" {
			mg.byKey[key] = g
		}
	}
	mg.put(g, m)
	return g
}

// get returns the group of key, or nil.
func (mg *merger) get(key string) *group {
	if g := mg.byKey[key]; g != nil {
		return g.root()
	}
	return nil
}

// put adds m to group g.
func (mg *merger) put(g *group, m mention) {
	g = g.root()
	g.ms = append(g.ms, m)
	g.note(m)
	mg.byStart[m.start] = g
}

// join moves src's mentions into dst.
func (mg *merger) join(dst, src *group) {
	dst, src = dst.root(), src.root()
	if dst == src {
		return
	}
	for _, m := range src.ms {
		dst.ms = append(dst.ms, m)
		dst.note(m)
	}
	src.ms, src.into = nil, dst
}

// live returns the groups that hold mentions, in creation order.
func (mg *merger) live() []*group {
	out := mg.groups[:0:0]
	for _, g := range mg.groups {
		if g.into == nil && len(g.ms) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// merge joins mentions of one real-world thing into entities, in order of
// first mention, as a reader would: a country's names ("US", "America",
// "United States"); a person's full name, the name without its middle
// initials, its last words and its surname or given name ("Joe Biden",
// "Biden", "Mr Biden"; a surname two people share stays apart unless a
// title tells them apart); an organization's name and its acronym, defined
// in the text, in the general list or its initials ("ISIS", "Islamic
// State"); a name repeated; "the Times" and "the House" for the one named
// newspaper or chamber of the document; "security forces" for the
// "Jordanian security forces" named before; a group's singular and plural
// ("Democrat", "Democrats"). A collective introduced with "a"/"an" starts a
// new thing. isPlace tells whether the gazetteer knows a place of a name
// (nil: no name is a place).
func merge(ms []mention, isPlace func(string) bool) []sitrep.Entity {
	for k := range ms {
		ms[k].key = nameKey(ms[k].text)
	}
	mg := newMerger(isPlace)
	later := mg.groupByKeys(ms)
	mg.joinPeople()
	mg.joinShortOrgNames()
	mg.resolve(later)
	mg.joinDefiniteHeads()
	mg.joinBareCollectives()
	mg.joinNameStems()
	mg.joinGroupForms()
	groups := mg.live()
	sortGroups(groups)
	out := make([]sitrep.Entity, 0, len(groups))
	for _, g := range groups {
		if g.onlyDefinite() {
			continue // "the House" with no named chamber to stand for
		}
		e := g.entity()
		e.ID = fmt.Sprintf("E%d", len(out)+1)
		out = append(out, e)
	}
	return out
}

// groupByKeys puts each mention that its own words identify in the group
// of its key (a known organization, a country, a collective, a name of
// several words) and returns the others, in order: single words and
// definite descriptions, resolved once every full name is known.
func (mg *merger) groupByKeys(ms []mention) []mention {
	var later []mention
	for _, m := range ms {
		switch {
		case m.org != nil:
			mg.add("org:"+m.org.Name, m)
		case constituentParts[m.key] != "" && m.typ != sitrep.NORP:
			// "Northern Ireland" is a place of its own, though the
			// country table gives it the United Kingdom's code
			mg.add("part:"+constituentParts[m.key], m)
		case m.country != nil && m.typ == sitrep.GPE:
			mg.add("gpe:"+m.country.ISO3, m)
		case m.country != nil && m.typ == sitrep.NORP:
			mg.add("norp:"+m.country.ISO3, m)
		case m.source == "anaphor" || m.source == "definite":
			later = append(later, m)
		case m.source == "nominal":
			mg.add("nom:"+nominalKey(m.text), m)
		case m.typ == sitrep.NORP:
			mg.add("group:"+groupKey(m.text), m)
		case !strings.Contains(strings.TrimSpace(m.text), " "):
			later = append(later, m)
		default:
			mg.add("name:"+m.key, m)
		}
	}
	return later
}

// constituentParts are the parts of a state that the country table names
// as the state ("Scotland" is the United Kingdom there), keyed by nameKey:
// each is a place of its own, its forms one entity.
var constituentParts = lexicon.Values("entity.constituent-parts")

// groupKey keys a group of people named by one word: singular and plural
// are one ("Democrat", "Democrats").
func groupKey(s string) string {
	k := nameKey(s)
	if len(k) > 3 && strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") && !strings.Contains(k, " ") {
		return k[:len(k)-1]
	}
	return k
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

// isPerson reports whether g is a person the tagger named.
func (g *group) isPerson() bool {
	return g.majorType() == sitrep.Person && g.ms[0].source == "ner"
}

// joinPeople joins the names of one person written in several words: a
// name without its middle initials ("Donald Trump", "Donald J. Trump") and
// a name's last words ("Suu Kyi", "Aung San Suu Kyi"), when they fit one
// person of the document only.
func (mg *merger) joinPeople() {
	people := mg.live()
	bare := map[string][]*group{} // a name without middle initials -> people
	for _, g := range people {
		if !g.isPerson() {
			continue
		}
		for _, m := range g.ms {
			if k := withoutInitials(m.key); strings.Contains(k, " ") {
				bare[k] = addGroup(bare[k], g)
			}
		}
	}
	words := personWords(people)
	mg.people = words
	for _, g := range people {
		if g.into != nil || !g.isPerson() {
			continue
		}
		k := g.ms[0].key
		if !strings.Contains(k, " ") {
			continue
		}
		if o := only(bare[k], g); o != nil && withoutInitials(k) == k {
			mg.join(o, g) // "Donald Trump" is "Donald J. Trump"
			continue
		}
		if o := only(words[k], g); o != nil && endsName(o, k, g.first()) {
			mg.join(o, g) // "Suu Kyi" is "Aung San Suu Kyi"
		}
	}
}

// endsName reports whether person g was named in full, before offset
// before and outside a heading, by a name that ends with key and starts
// with one or two given names: "Aung San Suu Kyi" before "Suu Kyi". A
// tagger's run of headline words ("Donald Trump Ties Hillary Clinton") or a
// name after a nickname or a description ("Crooked Hillary Clinton",
// "Floridians Jeb Bush") is no full name to shorten.
func endsName(g *group, key string, before int) bool {
	for _, m := range g.ms {
		if m.heading || m.start >= before {
			continue
		}
		if !strings.HasSuffix(m.key, " "+key) {
			continue
		}
		given := strings.Fields(m.text)
		given = given[:len(given)-len(strings.Fields(key))]
		if givenNames(given) {
			return true
		}
	}
	return false
}

// givenNames reports whether words are one or two given names: capitalized,
// not in capitals, no title, role, nationality or group word, name
// particles aside.
func givenNames(words []string) bool {
	n := 0
	for _, w := range words {
		if nameParticles[strings.ToLower(w)] {
			continue
		}
		n++
		lw := strings.ToLower(w)
		_, role := Sector(lw)
		if !unicode.IsUpper(firstRune(w)) || role || personTitles[w] || innerTitles[w] || countryWord(w) != nil ||
			groupWords[lw] || strings.HasSuffix(lw, "ns") || len(w) > 1 && strings.ToUpper(w) == w {
			return false // "Floridians Jeb Bush", "AKA Danger Mouse"
		}
	}
	return n >= 1 && n <= 2
}

// only returns the one group of gs other than g, when there is exactly one.
func only(gs []*group, g *group) *group {
	if len(gs) > maxCandidates {
		return nil
	}
	var o *group
	for _, x := range gs {
		x = x.root()
		if x == g.root() {
			continue
		}
		if o != nil && o != x {
			return nil
		}
		o = x
	}
	return o
}

// maxCandidates bounds the lists of candidate groups: a list holding more
// is ambiguous whatever else is known, and is not searched (which keeps
// merging linear in a long text that names hundreds of Johns).
const maxCandidates = 8

// addGroup adds g to gs unless it is the last one there, or gs holds more
// than maxCandidates already.
func addGroup(gs []*group, g *group) []*group {
	if n := len(gs); n > 0 && gs[n-1] == g || n > maxCandidates {
		return gs
	}
	return append(gs, g)
}

// withoutInitials drops the one-letter words inside a name key: "lisa o
// monaco" is "lisa monaco"; a first or last initial stays.
func withoutInitials(k string) string {
	f := strings.Fields(k)
	if len(f) < 3 {
		return k
	}
	out := f[:1:1]
	for _, w := range f[1 : len(f)-1] {
		if len(w) > 1 {
			out = append(out, w)
		}
	}
	return strings.Join(append(out, f[len(f)-1]), " ")
}

// personWords maps each word (of three letters or more) of the people's
// multi-word names, and each run of their last words, to the people whose
// names have it: "biden" and "joe" to Joe Biden, "suu kyi" to Aung San Suu
// Kyi. Words before a title inside a name ("Zulu Chief Mangosuthu
// Buthelezi") describe the person and do not count.
func personWords(groups []*group) map[string][]*group {
	words := map[string][]*group{}
	for _, g := range groups {
		if g.into != nil || !g.isPerson() {
			continue
		}
		seen := map[string]bool{}
		for _, m := range g.ms {
			full := m.key
			if !strings.Contains(full, " ") || seen[full] {
				continue
			}
			seen[full] = true
			fields := nameFields(m.text, full)
			for i, w := range fields {
				// short surnames count too ("Amadou Ba" / "Ba"), name
				// particles do not
				if len(w) < 3 && (i < len(fields)-1 || len(w) < 2 || nameParticles[w]) {
					continue
				}
				words[w] = addGroup(words[w], g)
			}
			// multi-word parts too: "al kazemi" of "mustafa al kazemi"
			for i := 1; i < len(fields)-1; i++ {
				tail := strings.Join(fields[i:], " ")
				words[tail] = addGroup(words[tail], g)
			}
		}
	}
	return words
}

// nameFields returns the words of a person's name key, without the words up
// to a title inside it ("Zulu Chief Mangosuthu Buthelezi": mangosuthu,
// buthelezi).
func nameFields(text, key string) []string {
	fields := strings.Fields(key)
	raw := strings.Fields(text)
	if len(raw) != len(fields) {
		return fields
	}
	for i := len(raw) - 2; i >= 0; i-- {
		if personTitles[raw[i]] || innerTitles[raw[i]] {
			return fields[i+1:]
		}
	}
	return fields
}

// innerTitles are titles that a tagger leaves inside a person's name
// ("Zulu Chief Mangosuthu Buthelezi").
var innerTitles = lexicon.Words("entity.inner-titles")

// joinShortOrgNames joins an organization's name and the same name without
// its last, generic word: "Milwaukee Police" and "Milwaukee Police
// Department".
func (mg *merger) joinShortOrgNames() {
	for _, g := range mg.live() {
		if g.into != nil {
			continue // joined into another already
		}
		if g.majorType() != sitrep.Org {
			continue
		}
		f := strings.Fields(g.ms[0].key)
		if len(f) < 3 || !genericBodies[f[len(f)-1]] {
			continue
		}
		if o := mg.get("name:" + strings.Join(f[:len(f)-1], " ")); o != nil && o.majorType() == sitrep.Org {
			mg.join(g, o)
		}
	}
}

// resolve puts the single words and definite descriptions in their groups,
// in text order: an acronym defined in brackets anywhere in the text with
// its name; "the agency" with its antecedent; a repeated word with its
// group; a person's surname or given name, with or without a title ("Mr
// Obama", "Mrs Clinton"), with the one person of the document whose name
// has it and whose titles fit; an acronym with the organization whose
// initials it is. Anything else starts a group of its own.
func (mg *merger) resolve(later []mention) {
	defined := mg.definedAcronyms(later)
	people := mg.people
	acronyms := mg.initialisms()
	for _, m := range later {
		k := m.key
		if m.source == "anaphor" {
			// "the agency": a mention of the organization before it
			if g := mg.byStart[m.antStart]; g != nil {
				mg.put(g, m)
			}
			continue
		}
		if m.source == "definite" {
			mg.add("", m) // "the House": joined to its chamber, or dropped
			continue
		}
		if g := defined[k]; g != nil {
			mg.put(g, m)
			continue
		}
		if g := fitting(people[k], m.gender); g != nil {
			mg.put(g, m)
			continue
		}
		if g := mg.repeated(k, m.gender); g != nil {
			mg.put(g, m)
			continue
		}
		if g := acronyms[strings.ReplaceAll(m.text, ".", "")]; g != nil && isAcronym(m.text) {
			mg.put(g, m)
			continue
		}
		key := "name:" + k
		if mg.get(key) != nil {
			key = "" // several people of that name: this one stands alone
			if m.gender != 0 {
				key = "name:" + k + "/" + string(m.gender) // "Mrs Clinton" after a "Mr Clinton"
			}
		}
		mg.add(key, m)
	}
}

// repeated returns the group of a single word k said before, alone or
// with a title, whose titles fit gender; nil when none or several do.
func (mg *merger) repeated(k string, gender byte) *group {
	return fitting([]*group{mg.get("name:" + k), mg.get("name:" + k + "/f"), mg.get("name:" + k + "/m")}, gender)
}

// fitting returns the one group of gs whose titles fit gender, or nil when
// none or several do. A gender that the titles of exactly one group give
// picks it ("Mrs Clinton" is Mrs Hillary Clinton, not Bill Clinton).
func fitting(gs []*group, gender byte) *group {
	if gender != 0 {
		if g, n := pick(gs, func(g *group) bool { return g.gender == gender }); n == 1 {
			return g
		} else if n > 1 {
			return nil
		}
	}
	if g, n := pick(gs, func(g *group) bool { return g.fits(gender) }); n == 1 {
		return g
	}
	return nil
}

// pick returns a group of gs (at their roots) that ok accepts and how many
// distinct ones it accepts.
func pick(gs []*group, ok func(*group) bool) (*group, int) {
	if len(gs) > maxCandidates {
		return nil, len(gs)
	}
	var seen []*group
	for _, g := range gs {
		if g == nil {
			continue
		}
		g = g.root()
		if ok(g) && !slices.Contains(seen, g) {
			seen = append(seen, g)
		}
	}
	if len(seen) == 0 {
		return nil, 0
	}
	return seen[0], len(seen)
}

// definedAcronyms maps each acronym defined in brackets after a name
// ("Line of Control (LoC)") to the group of that name, wherever in the text
// the acronym stands. An acronym defined for two names maps to nil.
func (mg *merger) definedAcronyms(later []mention) map[string]*group {
	var byName map[string]*group // built when an acronym needs it
	out := map[string]*group{}
	for _, m := range later {
		if m.defines == "" {
			continue
		}
		if byName == nil {
			byName = map[string]*group{}
			for _, g := range mg.groups {
				for _, o := range g.ms {
					byName[o.key] = g
				}
			}
		}
		g := byName[nameKey(m.defines)]
		if g == nil {
			continue
		}
		k := m.key
		if o, seen := out[k]; seen && (o == nil || o.root() != g.root()) {
			out[k] = nil
			continue
		}
		out[k] = g
	}
	return out
}

// initialisms maps the capital initials of the multi-word names of things
// other than people ("Kurdistan Regional Government" KRG, and for a
// hyphenated word each part's: "Inter-Services Public Relations" ISPR) to
// their group, the first that has them.
func (mg *merger) initialisms() map[string]*group {
	out := map[string]*group{}
	for _, g := range mg.groups {
		if len(g.ms) == 0 || g.majorType() == sitrep.Person {
			continue
		}
		for _, m := range g.ms {
			ins := []string{initials(m.text)}
			if strings.Contains(m.text, " ") && strings.Contains(m.text, "-") {
				ins = append(ins, initials(strings.ReplaceAll(m.text, "-", " "))) // not "African-Americans" AA
			}
			for _, in := range ins {
				if len(in) >= 2 && out[in] == nil {
					out[in] = g
				}
			}
		}
	}
	return out
}

// definiteHeads stand, after "the", for the one body of the document whose
// name ends with them or starts with them before "of" ("the Times" for the
// New York Times, "the Commission" for the European Commission, "the
// Council" for the Council of Europe); ofHeads only in the second way ("the
// House" for the House of Commons, not the White House).
var (
	definiteHeads = lexicon.Words("entity.definite-heads")
	ofHeads       = lexicon.Words("entity.definite-of-heads")
)

// joinDefiniteHeads joins "the Times", "the House" to the one named body
// of the document that they stand for (see definiteHeads); when there is
// none, or several, they stay apart.
func (mg *merger) joinDefiniteHeads() {
	byHead := map[string][]*group{}
	for _, g := range mg.live() {
		var seen map[string]bool // the names of g looked at, made when g has one
		for _, m := range g.ms {
			if !strings.Contains(m.text, " ") || seen[m.text] || m.typ == sitrep.Person {
				continue
			}
			f := strings.Fields(strings.TrimPrefix(m.text, "the "))
			if len(f) < 2 {
				continue
			}
			if seen == nil {
				seen = map[string]bool{}
			}
			seen[m.text] = true
			if last := f[len(f)-1]; definiteHeads[last] {
				byHead[last] = addGroup(byHead[last], g)
			}
			if f[1] == "of" && (definiteHeads[f[0]] || ofHeads[f[0]]) {
				byHead[f[0]] = addGroup(byHead[f[0]], g)
			}
		}
	}
	for _, g := range mg.live() {
		if g.into != nil {
			continue // joined into another already
		}
		if !g.bareHead() {
			continue
		}
		if o := only(byHead[g.ms[0].text], g); o != nil {
			mg.join(o, g)
		}
	}
}

// bareHead reports whether every mention of g is one capitalized head word,
// at least one after "the" ("the League", "League supporters").
func (g *group) bareHead() bool {
	det := false
	for _, m := range g.ms {
		if !(definiteHeads[m.text] || ofHeads[m.text]) || m.typ == sitrep.Person || m.text != g.ms[0].text {
			return false
		}
		det = det || m.det
	}
	return det
}

// onlyDefinite reports whether g holds only descriptions found for their
// head word ("the House"), none that a tagger or a list found.
func (g *group) onlyDefinite() bool {
	for _, m := range g.ms {
		if m.source != "definite" {
			return false
		}
	}
	return true
}

// joinBareCollectives joins a collective named without its country or
// qualifier ("security forces") to the one collective named before that
// ends with it ("Jordanian security forces"). When two came before ("Iraqi
// security forces", "Syrian security forces") it stays apart.
func (mg *merger) joinBareCollectives() {
	bySuffix := map[string][]*group{}
	var noms []*group
	for _, g := range mg.live() {
		if g.ms[0].source != "nominal" {
			continue
		}
		noms = append(noms, g)
		seen := map[string]bool{}
		for _, m := range g.ms {
			k := nominalKey(m.text)
			if seen[k] {
				continue
			}
			seen[k] = true
			for i := strings.IndexByte(k, ' '); i >= 0; {
				suf := k[i+1:]
				bySuffix[suf] = addGroup(bySuffix[suf], g)
				j := strings.IndexByte(suf, ' ')
				if j < 0 {
					break
				}
				i += j + 1
			}
		}
	}
	for _, g := range noms {
		if g.into != nil {
			continue // joined into another already
		}
		k := nominalKey(g.ms[0].text)
		if k == "coalition" || !strings.Contains(k, " ") {
			continue
		}
		if o := only(bySuffix[k], g); o != nil && o.first() < g.first() {
			mg.join(o, g)
		}
	}
}

// stemHeads are the head words after a one-word name that make one thing
// of the name and its first word: "Millikin University" and "Millikin",
// "CETA Treaty" and "CETA".
var stemHeads = lexicon.Words("entity.stem-heads")

// joinNameStems joins a one-word name of an organization, a law or a
// facility to the one such two-word name of the document that it begins
// ("Millikin" and "Millikin University", "CETA" and the "CETA Treaty").
// Places, and words the gazetteer knows as places, are left alone:
// "Oxford" is not "Oxford University"; so are the words of people's names
// ("Trump" is not Trump University). A word the tagger took for a person
// that is no word of a person's name, nor titled, is the body's
// ("Millikin").
func (mg *merger) joinNameStems() {
	people := mg.people
	byStem := map[string][]*group{}
	for _, g := range mg.live() {
		if !stemType(g.majorType()) {
			continue
		}
		for _, m := range g.ms {
			if strings.Count(m.text, " ") != 1 {
				continue
			}
			if f := strings.Fields(m.text); len(f) == 2 && stemHeads[f[1]] {
				byStem[f[0]] = addGroup(byStem[f[0]], g)
			}
		}
	}
	for _, g := range mg.live() {
		if g.into != nil {
			continue // joined into another already
		}
		m := g.ms[0]
		if strings.Contains(m.text, " ") || m.org != nil || m.country != nil || len(byStem[m.text]) == 0 {
			continue
		}
		if len(people[m.key]) > 0 {
			continue // "Trump" is not Trump University where Donald Trump is named
		}
		if t := g.majorType(); !stemType(t) && !(t == sitrep.Person && g.gender == 0) {
			continue
		}
		if mg.isPlace != nil && mg.isPlace(m.text) {
			continue // "Cleveland" is not the Cleveland Police
		}
		if o := only(byStem[m.text], g); o != nil {
			mg.join(o, g)
		}
	}
}

// stemType reports whether names of type t may be shortened to their first
// word.
func stemType(t string) bool {
	switch t {
	case sitrep.Org, sitrep.Law, sitrep.Fac, sitrep.EventEnt, sitrep.Product:
		return true
	}
	return false
}

// joinGroupForms joins a group's adjective in -ic to its noun when the
// document has both ("Democratic", "Democrat").
func (mg *merger) joinGroupForms() {
	for _, g := range mg.live() {
		if g.into != nil {
			continue // joined into another already
		}
		k := groupKey(g.ms[0].text)
		if g.ms[0].typ != sitrep.NORP || g.ms[0].country != nil || !strings.HasSuffix(k, "ic") {
			continue
		}
		if o := mg.get("group:" + strings.TrimSuffix(k, "ic")); o != nil {
			mg.join(o, g)
		}
	}
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

// sortGroups orders groups by first mention: they are created in mention
// order except single names resolved later. O(n log n).
func sortGroups(groups []*group) {
	firsts := make(map[*group]int, len(groups))
	for _, g := range groups {
		firsts[g] = g.first()
	}
	sort.SliceStable(groups, func(i, j int) bool { return firsts[groups[i]] < firsts[groups[j]] })
}

// first returns the start of g's first mention.
func (g *group) first() int {
	f := g.ms[0].start
	for _, m := range g.ms {
		if m.start < f {
			f = m.start
		}
	}
	return f
}

// fullest returns g's longest mention: the one that names it best.
func (g *group) fullest() mention {
	best := g.ms[0]
	for _, m := range g.ms[1:] {
		if len(m.text) > len(best.text) {
			best = m
		}
	}
	return best
}

// majorType is the type most of the group's longest mentions have, the
// first one's on a tie: a name the tagger typed one way in a headline
// ("Connecticut lawmakers") and another in most of the text ("in
// Connecticut") takes the text's type. A sure place among them ("Decatur,
// Ill.") makes the group the place whatever the others were taken for.
func (g *group) majorType() string {
	n := len(g.fullest().text)
	typ, top := "", 0
	for _, m := range g.ms {
		if len(m.text) != n {
			continue
		}
		if m.surePlace {
			return m.typ
		}
		if c := g.longestOfType(n, m.typ); c > top {
			typ, top = m.typ, c
		}
	}
	return typ
}

// longestOfType counts the group's mentions n bytes long of type typ.
func (g *group) longestOfType(n int, typ string) int {
	c := 0
	for _, m := range g.ms {
		if len(m.text) == n && m.typ == typ {
			c++
		}
	}
	return c
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
	sort.SliceStable(e.Mentions, func(i, j int) bool { return e.Mentions[i].Start < e.Mentions[j].Start })
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
		case m.country != nil && m.typ == sitrep.GPE && m.source != "nominal" && isASCII(m.country.Name) && constituentParts[m.key] == "":
			// the table's name, unless it is a form news in English
			// rarely writes ("Türkiye"): then the fullest mention stays
			e.Name = m.country.Name
		}
	}
	e.Code = g.code()
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

// code returns the group's CAMEO actor code: the one its fullest name
// took, or a longer one that extends it ("USA", "USAGOV"); when the fullest
// name took none, the longest code of its mentions. A short form's code
// that contradicts the full name's ("Mr Obama" taking RUSGOV from a
// Russian title before it) is not the entity's.
func (g *group) code() string {
	full := g.fullest().code
	best := full
	for _, m := range g.ms {
		if len(m.code) > len(best) && strings.HasPrefix(m.code, full) {
			best = m.code
		}
	}
	return best
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
