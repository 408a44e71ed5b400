package entity

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"sitrep"
	"sitrep/country"
	"sitrep/lexicon"
	"sitrep/place/gazetteer"
	"sitrep/text"
)

// lex labels a mention found in the lists, whose typ is already set.
const lex = "LEX"

// mention is one recognized name in one sentence, before merging.
type mention struct {
	sent       int    // sentence index
	i, j       int    // token range [i, j) in the sentence
	start, end int    // byte span in the document text
	label      string // PER, ORG, LOC, MISC from the tagger; or an OntoNotes type from the lexicons
	typ        string // OntoNotes type after classification
	source     string // "ner", "country", "demonym", "org", "nominal"
	country    *country.Country
	org        *Org
	code       string // CAMEO actor code from context
	indefinite bool   // a nominal introduced with "a"/"an": a new thing
	key        string // nameKey of text, set by merge
	defines    string // for an acronym in brackets: the name it abbreviates
	antStart   int    // for a definite description ("the agency"): its antecedent's start
	det        bool   // after "the": "the Times"
	gender     byte   // 'f' or 'm' when a title before it says so ("Mrs Clinton"), else 0
	heading    bool   // in a heading or a headline's title-case sentence
	// surePlace: a place by how news writes places ("Decatur, Ill.", "a
	// Beijing-based firm"), whatever the tagger took it for; the entity's
	// type follows it over the tagger's other mentions (majorType)
	surePlace bool
	text      string
}

// spansFromTags turns IOB2 tags into token ranges with their labels.
func spansFromTags(tags []string) []mention {
	var out []mention
	for i := 0; i < len(tags); i++ {
		t := tags[i]
		if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') {
			continue
		}
		label := t[2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+label {
			j++
		}
		out = append(out, mention{i: i, j: j, label: label, source: "ner"})
		i = j - 1
	}
	return out
}

// personTitles are the capitalized titles that stand before a person's
// name and never end an organization's, courtesy titles ("Mr", "Dr")
// included.
var personTitles = lexicon.Words("entity.leader-titles", "entity.person-titles", "entity.honorifics")

// leaderTitles split a tagger's organization span that runs on into a
// person: "UAW President Shawn Fain" is the union and its president.
var leaderTitles = lexicon.Words("entity.leader-titles")

// splitOrgAtTitles cuts an organization's span at a leader's title inside
// it: the words before are the body, the capitalized words after a person.
func splitOrgAtTitles(toks []text.Token, ms []mention) []mention {
	var out []mention
	for _, m := range ms {
		cut := -1
		if m.label == "ORG" {
			for k := m.i + 1; k < m.j-1; k++ {
				if leaderTitles[toks[k].Text] && !officeOf(toks, m.i, k) {
					cut = k
					break
				}
			}
		}
		if cut < 0 {
			out = append(out, m)
			continue
		}
		body, person := m, m
		body.j = cut
		person.i, person.label = cut+1, "PER"
		out = append(out, body, person)
	}
	return out
}

// officeOf reports whether the title at token k of a span starting at
// token i (-1: of any span) follows "of the", which makes it part of a
// body's name: the Office of the Director of National Intelligence, the
// Office of the High Commissioner for Human Rights.
func officeOf(toks []text.Token, i, k int) bool {
	return k-2 > i && strings.EqualFold(toks[k-1].Text, "the") && toks[k-2].Text == "of"
}

// titledNames finds people the tagger missed right after a title: the
// capitalized words after "Governor" in "Lagos State Governor Babajide
// Sanwo-Olu visited". A run of one to four capitalized words that no other
// mention covers, after a capitalized title word, is a person's name.
func titledNames(toks []text.Token, ms []mention) []mention {
	for k := 0; k+1 < len(toks); k++ {
		if !personTitles[toks[k].Text] && !text.IsTitleAbbreviation(toks[k].Text) {
			continue
		}
		if overlaps(ms, k+1, k+2) {
			continue
		}
		j := k + 1
		for j < len(toks) && j-k <= 4 && toks[j].Kind == text.Word && unicode.IsUpper(firstRune(toks[j].Text)) &&
			!notNames[strings.ToLower(toks[j].Text)] && !isTitleToken(toks[j].Text) && !overlaps(ms, j, j+1) {
			j++
		}
		if j == k+1 || j-k > 4 {
			continue
		}
		if j < len(toks) && toks[j].Kind == text.Word && unicode.IsUpper(firstRune(toks[j].Text)) {
			continue // the run goes on into something else
		}
		ms = append(ms, mention{i: k + 1, j: j, label: "PER", source: "ner"})
		k = j - 1
	}
	return ms
}

// nameParticles are the lower-case words that belong inside people's
// names: "Luiz Inacio Lula da Silva", "Ursula von der Leyen", "Mohammed bin
// Salman".
var nameParticles = lexicon.Words("entity.name-particles")

// splitPeopleAtWords cuts a person's span at a lower-case word that is no
// name particle: a tagger's "Yoon Suk Yeol met Kishida" is two people and a
// verb.
func splitPeopleAtWords(toks []text.Token, ms []mention) []mention {
	var out []mention
	for _, m := range ms {
		if m.label != "PER" {
			out = append(out, m)
			continue
		}
		start := m.i
		for k := m.i; k < m.j; k++ {
			w := toks[k].Text
			if toks[k].Kind != text.Word || hasUpper(w) || nameParticles[strings.ToLower(w)] {
				continue
			}
			if k > start {
				part := m
				part.i, part.j = start, k
				out = append(out, part)
			}
			start = k + 1
		}
		if start < m.j {
			part := m
			part.i = start
			out = append(out, part)
		}
	}
	return out
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// notNames are capitalized words a tagger may take for names that never are
// entities on their own: weekdays, months, titles.
var notNames = func() map[string]bool {
	m := lexicon.Words("entity.not-names", "shared.weekdays", "shared.months", "shared.month-abbrevs")
	maps.Copy(m, lexicon.Dotted(lexicon.Words("shared.month-abbrevs")))
	return m
}()

// titleWords are role words that a tagger may glue to the front of a
// person's name ("President Joe Biden"); they are cut off the mention.
func isTitleToken(w string) bool {
	if text.IsTitleAbbreviation(w) {
		return true
	}
	_, ok := Sector(strings.ToLower(w))
	return ok && unicode.IsUpper(firstRune(w))
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// surnameTitle reports whether the title word ending m is a person's
// surname ("Larry King", "Stephen King"): the tagger read a person, and
// no word before it heads a division's name ("Harris County Judge" is the
// county's judge).
func surnameTitle(toks []text.Token, m *mention) bool {
	if m.label != "PER" {
		return false
	}
	for k := m.i; k < m.j-1; k++ {
		if adminHeads[strings.ToLower(toks[k].Text)] {
			return false
		}
	}
	return true
}

// cleanSpan trims determiners, titles and punctuation from the ends of a
// tagged span, and reports whether anything worth keeping is left.
func cleanSpan(toks []text.Token, m *mention) bool {
	if m.label == "PER" && orgHeads[strings.ToLower(toks[m.j-1].Text)] {
		m.label = "ORG" // "Imam Ali Combat Team": a group, whatever the tagger says
	}
	for m.i < m.j {
		w := toks[m.i].Text
		lw := strings.ToLower(w)
		if lw == "the" || toks[m.i].Kind == text.Punct || toks[m.i].Kind == text.Quote ||
			(m.label == "PER" && m.j-m.i > 1 && (isTitleToken(w) || personTitles[w])) {
			m.i++
			continue
		}
		break
	}
	for m.j > m.i {
		k := toks[m.j-1]
		if k.Kind == text.Punct || k.Kind == text.Quote || k.Text == "'s" || k.Text == "\u2019s" ||
			m.j-m.i > 1 && personTitles[k.Text] && !surnameTitle(toks, m) {
			// a title at the end is no part of the name: "Lagos State
			// Governor" is the state's governor
			m.j--
			continue
		}
		break
	}
	if m.i >= m.j {
		return false
	}
	// "Neighbouring Burundi": a sentence's first word, capitalized only
	// for being first, before a country's name is no part of it
	if m.i == 0 && m.j-m.i > 1 && toks[0].Kind == text.Word {
		_, whole := country.ByName(joinTokens(toks[:m.j]))
		if _, rest := country.ByName(joinTokens(toks[1:m.j])); rest && !whole {
			m.i++
		}
	}
	if m.j-m.i == 1 {
		w := toks[m.i].Text
		if notNames[strings.ToLower(w)] || !unicode.IsUpper(firstRune(w)) && !unicode.IsDigit(firstRune(w)) {
			return false
		}
	}
	return true
}

// overlaps reports whether token range [i, j) overlaps any mention in ms.
func overlaps(ms []mention, i, j int) bool {
	for _, m := range ms {
		if i < m.j && m.i < j {
			return true
		}
	}
	return false
}

// lexiconMentions finds names from the general lists in a sentence's
// tokens: known organizations, countries and demonyms. A lexicon match
// longer than an overlapping tagged span replaces it; tagged spans win
// otherwise.
func lexiconMentions(toks []text.Token, tagged []mention) []mention {
	lx, err := loadLexicon()
	if err != nil {
		return tagged
	}
	maxN := lx.maxOrg
	if maxN < 6 {
		maxN = 6
	}
	var found []mention
	for i := 0; i < len(toks); i++ {
		particle := (toks[i].Text == "al" || toks[i].Text == "el") && i+1 < len(toks) && unicode.IsUpper(firstRune(toks[i+1].Text))
		if !unicode.IsUpper(firstRune(toks[i].Text)) && !particle || toks[i].Text == "The" {
			continue // "The United Nations": the name starts after the article; "al Qaeda" starts with "al"
		}
		if !lx.mayStartName(toks, i) {
			continue
		}
		// names run over capitalized words and the small words inside
		// names ("Kurdistan Workers' Party", "League of Arab States")
		run := 1
		for i+run < len(toks) && run < maxN && nameWord(toks[i+run].Text) {
			run++
		}
		for n := run; n >= 1; n-- {
			if toks[i+n-1].Kind == text.Punct && n > 1 {
				continue
			}
			phrase := joinTokens(toks[i : i+n])
			if o, ok := LookupOrg(phrase); ok {
				found = append(found, mention{i: i, j: i + n, label: lex, typ: sitrep.Org, source: "org", org: &o})
				i += n - 1
				break
			}
			if c, ok := country.ByName(phrase); ok {
				found = append(found, mention{i: i, j: i + n, label: lex, typ: sitrep.GPE, source: "country", country: c})
				i += n - 1
				break
			}
			if c, ok := country.ByDemonym(phrase); ok && (n == 1 || strings.Contains(phrase, " ")) {
				// "Iraqi", and demonyms of several words: "South Korean"
				found = append(found, mention{i: i, j: i + n, label: lex, typ: sitrep.NORP, source: "demonym", country: c})
				i += n - 1
				break
			}
		}
	}
	out := make([]mention, 0, len(tagged)+len(found))
	for _, t := range tagged {
		replaced := false
		for _, f := range found {
			if f.i < t.j && t.i < f.j && (f.j-f.i) > (t.j-t.i) {
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	for _, f := range found {
		if !overlaps(out, f.i, f.j) {
			out = append(out, f)
		} else {
			// a tagged span with exactly the same tokens: keep the tag's
			// span but learn the lexicon's facts
			for k := range out {
				if out[k].i == f.i && out[k].j == f.j {
					out[k].country, out[k].org = f.country, f.org
					if f.source != "demonym" || out[k].label == "MISC" {
						out[k].source = f.source
					}
				}
			}
		}
	}
	return out
}

// mayStartName reports whether a known organization, country or demonym
// may start at token i: the key of a phrase starting there begins with
// the key of its first token, so its first word is that key's first word,
// unless that key is one word joined to the next token without a space,
// empty, or the "the" that keys drop.
func (lx *lexicons) mayStartName(toks []text.Token, i int) bool {
	joined := i+1 < len(toks) && toks[i+1].Start == toks[i].End
	t := toks[i].Text
	return mayStart(nameKey(t), joined, lx.startsOrg) || mayStart(country.Key(t), joined, country.StartsName)
}

// mayStart reports whether a phrase whose key starts with key, the key
// of its first token, may have a first word that starts knows.
func mayStart(key string, joined bool, starts func(string) bool) bool {
	w, _, spaced := strings.Cut(key, " ")
	if w == "" || w == "the" || !spaced && joined {
		return true
	}
	return starts(w)
}

// startsOrg reports whether w is the first word of a known organization's
// key.
func (lx *lexicons) startsOrg(w string) bool { return lx.orgStart[w] }

// joinTokens rebuilds the written form of adjacent tokens: a space where
// the text had one.
func joinTokens(toks []text.Token) string {
	var b strings.Builder
	for k, t := range toks {
		if k > 0 && t.Start > toks[k-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// splitCompounds turns a hyphenated compound of country names, demonyms,
// known organizations and group words ("US-Iraqi", "Canada-EU",
// "Hindu-Moslem"; "Franco-German" is not split) into mentions of its
// parts.
func splitCompounds(toks []text.Token, ms []mention) []mention {
	for ti, t := range toks {
		if t.Kind != text.Word || !strings.Contains(t.Text, "-") || overlapsOther(ms, ti) {
			continue
		}
		parts := strings.Split(t.Text, "-")
		if len(parts) < 2 {
			continue
		}
		var sub []mention
		off := t.Start
		for _, p := range parts {
			if c, ok := country.ByName(p); ok && len(p) > 1 {
				sub = append(sub, mention{i: ti, j: ti + 1, start: off, end: off + len(p), label: lex, typ: sitrep.GPE, source: "country", country: c})
			} else if c, ok := country.ByDemonym(p); ok {
				sub = append(sub, mention{i: ti, j: ti + 1, start: off, end: off + len(p), label: lex, typ: sitrep.NORP, source: "demonym", country: c})
			} else if o, ok := LookupOrg(p); ok {
				sub = append(sub, mention{i: ti, j: ti + 1, start: off, end: off + len(p), label: lex, typ: sitrep.Org, source: "org", org: &o})
			} else if groupWords[strings.ToLower(p)] && unicode.IsUpper(firstRune(p)) {
				sub = append(sub, mention{i: ti, j: ti + 1, start: off, end: off + len(p), label: lex, typ: sitrep.NORP, source: "group"})
			} else {
				sub = nil
				break
			}
			off += len(p) + 1
		}
		if len(sub) == len(parts) {
			ms = removeToken(ms, ti)
			ms = append(ms, sub...)
		}
	}
	return ms
}

// overlapsOther reports whether token ti is inside a multi-token mention.
func overlapsOther(ms []mention, ti int) bool {
	for _, m := range ms {
		if m.i <= ti && ti < m.j && m.j-m.i > 1 {
			return true
		}
	}
	return false
}

func removeToken(ms []mention, ti int) []mention {
	out := ms[:0]
	for _, m := range ms {
		if !(m.i == ti && m.j == ti+1) {
			out = append(out, m)
		}
	}
	return out
}

// collective heads of nominal actors: "the Iraqi government", "US forces",
// "the international coalition", "the security media".
var collectiveHeads = lexicon.Words("entity.collective-heads")

// nominalModifiers are the non-country words that make a collective noun an
// actor worth naming: "international coalition", "security forces".
var nominalModifiers = lexicon.Words("entity.nominal-modifiers")

// nominalMentions finds collective actors named by a modifier and a head
// noun: "the Iraqi government", "US forces", "an international coalition",
// "US-led coalition forces", "the security media". A bare head ("the
// government") is left alone: it says too little to be one thing.
func nominalMentions(toks []text.Token, ms []mention) []mention {
	for h := 1; h < len(toks); h++ {
		head := strings.ToLower(toks[h].Text)
		if !collectiveHeads[head] || overlaps(ms, h, h+1) {
			continue
		}
		// "coalition forces": take "forces" as the head, "coalition" as modifier
		if h+1 < len(toks) && collectiveHeads[strings.ToLower(toks[h+1].Text)] && head == "coalition" {
			continue
		}
		i := h
		var ctry *country.Country
		for i > 0 {
			w := toks[i-1].Text
			lw := strings.ToLower(w)
			if c, ok := country.ByDemonym(w); ok {
				ctry = c
				i--
				continue
			}
			if c, ok := country.ByName(w); ok && len(w) > 1 && unicode.IsUpper(firstRune(w)) {
				ctry = c
				i--
				continue
			}
			if nominalModifiers[lw] || strings.HasSuffix(lw, "-led") {
				if strings.HasSuffix(lw, "-led") && ctry == nil {
					if c, ok := country.ByName(w[:len(w)-4]); ok {
						ctry = c
					}
				}
				i--
				continue
			}
			break
		}
		if i == h {
			continue
		}
		// a nationality or a tagged "US-led" among the modifiers belongs to
		// the collective: "the Iraqi government" is one actor
		ms = absorb(ms, i, h)
		if overlaps(ms, i, h) {
			continue
		}
		m := mention{i: i, j: h + 1, label: lex, typ: sitrep.Org, source: "nominal", country: ctry}
		if i > 0 {
			switch strings.ToLower(toks[i-1].Text) {
			case "a", "an":
				m.indefinite = true
			}
		}
		ms = append(ms, m)
	}
	return ms
}

// absorb removes single-token nationality and MISC mentions inside [i, j).
func absorb(ms []mention, i, j int) []mention {
	out := ms[:0]
	for _, m := range ms {
		if m.i >= i && m.j <= j && m.j-m.i == 1 && (m.label == "MISC" || m.source == "demonym") {
			continue
		}
		out = append(out, m)
	}
	return out
}

// joinCountryOrgs joins a country's name and the organization's name right
// after it, one space apart, into the organization: a tagger's "Kenya" and
// "National Union of Teachers" are the "Kenya National Union of Teachers",
// as "Kenya Red Cross" or "China Daily" are names of their own. The
// organization keeps the country.
func joinCountryOrgs(toks []text.Token, ms []mention) []mention {
	for k := range ms {
		a := &ms[k]
		if a.i < 0 || a.source != "country" && a.label != "LOC" {
			continue
		}
		for l := range ms {
			b := &ms[l]
			// "Kenya Red Cross": a movement's national body is not the
			// movement's international one the lists know by that alias
			branch := b.org != nil && strings.HasPrefix(b.org.Code, "NGO") && !strings.EqualFold(joinTokens(toks[b.i:b.j]), b.org.Name)
			if l == k || b.i != a.j || b.label != "ORG" || b.org != nil && !branch || toks[b.i].Start != toks[a.j-1].End+1 {
				continue
			}
			c := a.country
			if c == nil {
				cc, ok := country.ByName(joinTokens(toks[a.i:a.j]))
				if !ok {
					continue
				}
				c = cc
			}
			if branch {
				name := joinTokens(toks[a.i:b.j])
				b.org = &Org{Name: name, Code: c.CAMEO + "NGO", Country: c.CAMEO}
			}
			b.i, b.start, b.country = a.i, toks[a.i].Start, c
			a.i, a.j = -1, -1 // dropped below
			break
		}
	}
	out := ms[:0]
	for _, m := range ms {
		if m.i >= 0 {
			out = append(out, m)
		}
	}
	return out
}

// joinRegions joins a nationality word and the place name after it into
// one place when the gazetteer knows the whole ("Iraqi Kurdistan"), and
// likewise a nationality word and a region noun in lower case after it
// ("the Basque country").
func joinRegions(toks []text.Token, ms []mention, g *gazetteer.Gazetteer) []mention {
	for k := range ms {
		a := &ms[k]
		if a.j-a.i != 1 || !(a.label == "MISC" || a.source == "demonym") {
			continue
		}
		for l := range ms {
			b := &ms[l]
			if b.i != a.j || !(b.label == "LOC" || b.label == "ORG" || b.source == "country") {
				continue
			}
			phrase := joinTokens(toks[a.i:b.j])
			if len(g.Lookup(phrase)) == 0 {
				continue
			}
			b.i, b.start, b.label, b.source, b.country, b.org = a.i, toks[a.i].Start, "LOC", "ner", nil, nil
			a.i, a.j = -1, -1 // dropped below
			break
		}
		// "the Basque country": a region noun in lower case after it
		if a.i >= 0 && a.j < len(toks) && regionNouns[toks[a.j].Text] && len(g.Lookup(joinTokens(toks[a.i:a.j+1]))) > 0 &&
			!overlaps(ms, a.j, a.j+1) {
			a.j++
			a.end, a.label, a.source, a.country, a.org = toks[a.j-1].End, "LOC", "ner", nil, nil
		}
	}
	out := ms[:0]
	for _, m := range ms {
		if m.i >= 0 {
			out = append(out, m)
		}
	}
	return out
}

// cityStatePairs reads "Decatur, Ill.", "Shannon, Ireland", "Surprise,
// Ariz.": a name before a comma and the state, province or country after
// it, when the gazetteer holds a place of that name in that division or
// country, is that place, whatever the tagger took it for; the division
// after the comma is a place too. News writes a town so, with its state
// or country, nearly always.
func cityStatePairs(toks []text.Token, ms []mention, g *gazetteer.Gazetteer) []mention {
	for k := 1; k+1 < len(toks); k++ {
		if toks[k].Text != "," {
			continue
		}
		div, dj := divisionAfter(toks, k+1, g)
		if div == nil {
			continue
		}
		// the name before the comma: a mention ending there, or a run
		// of capitalized words (at most three) no mention covers
		pi, pj := -1, k
		at := -1
		for n := range ms {
			if ms[n].j == k {
				at, pi = n, ms[n].i
			}
		}
		if at < 0 {
			for pi = k; pi > 0 && k-pi < 3 && toks[pi-1].Kind == text.Word && unicode.IsUpper(firstRune(toks[pi-1].Text)) && !overlaps(ms, pi-1, pi); pi-- {
			}
			if pi == k || pi == 0 && !unicode.IsUpper(firstRune(toks[0].Text)) {
				continue
			}
		}
		if !placeIn(g, joinTokens(toks[pi:pj]), div) {
			continue
		}
		if at < 0 {
			ms = append(ms, mention{i: pi, j: pj, start: toks[pi].Start, end: toks[pj-1].End, label: "LOC", source: "ner", surePlace: true})
		} else if m := &ms[at]; m.label != lex && m.label != "LOC" {
			m.label, m.source, m.org, m.country, m.surePlace = "LOC", "ner", nil, nil, true
		}
		if !overlaps(ms, k+1, dj) {
			ms = append(ms, mention{i: k + 1, j: dj, start: toks[k+1].Start, end: toks[dj-1].End, label: "LOC", source: "ner", surePlace: true})
		}
	}
	sort.Slice(ms, func(a, b int) bool { return ms[a].i < ms[b].i })
	return ms
}

// divisionAfter returns the state, province or country that the words
// from token i name (one to three of them: "Ill.", "W. Va.", "New
// Mexico"), with the token after them, when the next token ends the
// phrase; nil when they name none.
func divisionAfter(toks []text.Token, i int, g *gazetteer.Gazetteer) (*gazetteer.Entry, int) {
	if !unicode.IsUpper(firstRune(toks[i].Text)) {
		return nil, 0
	}
	for n := min(3, len(toks)-i); n >= 1; n-- {
		j := i + n
		if j < len(toks) && toks[j].Kind == text.Word && unicode.IsUpper(firstRune(toks[j].Text)) {
			continue // the name runs on: "Ill. Gov. Rauner"
		}
		if slices.ContainsFunc(toks[i:j], func(t text.Token) bool { return t.Kind != text.Word }) {
			continue // "Ariz., were": no comma inside
		}
		for _, e := range g.Lookup(joinTokens(toks[i:j])) {
			if e.Kind == gazetteer.KindAdmin1 || e.Kind == gazetteer.KindCountry {
				return &e, j
			}
		}
	}
	return nil, 0
}

// placeIn reports whether the gazetteer holds a place called name inside
// the division or country div.
func placeIn(g *gazetteer.Gazetteer, name string, div *gazetteer.Entry) bool {
	for _, e := range g.Lookup(name) {
		if e.Kind == gazetteer.KindAdmin1 || e.Kind == gazetteer.KindCountry {
			continue
		}
		if e.Country == div.Country && (div.Kind == gazetteer.KindCountry || e.Admin1 == div.Admin1 || e.Admin1 == div.Name) {
			return true
		}
	}
	return false
}

// regionNouns, in lower case after a nationality word, may name a region
// with it ("the Basque country").
var regionNouns = lexicon.Words("entity.region-nouns")

// nameWord reports whether w can be inside a multi-word name.
func nameWord(w string) bool {
	switch w {
	case "of", "the", "and", "for", "in", "de", "al", "'s", "'", "\u2019s", "-", "&", "des", "du", "la", "le":
		return true
	}
	r := firstRune(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// Word lists of hyphenedPlaces.
var (
	placeSuffixes = lexicon.Words("entity.place-suffixes")
	partyLetters  = lexicon.Words("entity.party-letters")
	determiners   = lexicon.Words("shared.determiners")
)

// hyphenedPlaces finds the places news names inside a hyphened word: a
// place before "-based", "-area", "-born" and the like ("the New
// York-based firm", "a Beijing-area plant"), and a lawmaker's state or
// town after a party letter between commas ("Ricky Moye, D-Raleigh,").
// The name must be a place the gazetteer holds. A mention ending with the
// hyphened word ("New York-based" tagged whole) is replaced; one reaching
// beyond it is left as it is.
func hyphenedPlaces(toks []text.Token, ms []mention, g *gazetteer.Gazetteer) []mention {
	added := false
	for k, t := range toks {
		h := strings.LastIndexByte(t.Text, '-')
		if t.Kind != text.Word || h <= 0 || h == len(t.Text)-1 {
			continue
		}
		at, inside := mentionEndingAt(ms, k)
		if inside {
			continue
		}
		m, ok := placeBeforeSuffix(toks, ms, g, k, h, at)
		if !ok {
			m, ok = placeAfterParty(toks, g, k, h)
		}
		switch {
		case !ok:
		case at >= 0:
			ms[at] = m
		default:
			ms = append(ms, m)
			added = true
		}
	}
	if added {
		sort.Slice(ms, func(a, b int) bool { return ms[a].i < ms[b].i })
	}
	return ms
}

// mentionEndingAt returns the mention of ms that ends with token k (-1 for
// none), and whether another one holds k and runs on past it.
func mentionEndingAt(ms []mention, k int) (at int, inside bool) {
	at = -1
	for n, m := range ms {
		if m.i <= k && k < m.j {
			if m.j == k+1 {
				at = n
			} else {
				inside = true
			}
		}
	}
	return at, inside
}

// placeBeforeSuffix reads token k, hyphened at byte h, as a place before
// a suffix of entity.place-suffixes ("Beijing-based"); the name may begin
// with up to two capitalized words before it ("New York-based"), or at
// the start of mention at, the tagger's span ending with the word. At a
// sentence's start, where any word is capitalized ("Home-based"), only a
// well-known place counts.
func placeBeforeSuffix(toks []text.Token, ms []mention, g *gazetteer.Gazetteer, k, h, at int) (mention, bool) {
	t := toks[k]
	before, after := t.Text[:h], t.Text[h+1:]
	if !placeSuffixes[strings.ToLower(after)] || !unicode.IsUpper(firstRune(before)) {
		return mention{}, false
	}
	pi := k
	if at >= 0 {
		pi = max(ms[at].i, k-2)
	}
	for ; at < 0 && pi > 0 && k-pi < 2 && toks[pi-1].Kind == text.Word && unicode.IsUpper(firstRune(toks[pi-1].Text)) &&
		!determiners[strings.ToLower(toks[pi-1].Text)] && !overlaps(ms, pi-1, pi); pi-- {
	}
	for ; pi <= k; pi++ {
		name := strings.TrimSpace(joinTokens(toks[pi:k]) + " " + before)
		if es := g.Lookup(name); len(es) > 0 && (pi > 0 || wellKnown(es)) {
			return mention{i: pi, j: k + 1, start: toks[pi].Start, end: t.Start + h, label: "LOC", source: "ner", surePlace: true}, true
		}
	}
	return mention{}, false
}

// placeAfterParty reads token k, hyphened at byte h, as a party letter and
// a place between commas ("Ricky Moye, D-Raleigh;").
func placeAfterParty(toks []text.Token, g *gazetteer.Gazetteer, k, h int) (mention, bool) {
	t := toks[k]
	before, after := t.Text[:h], t.Text[h+1:]
	if !partyLetters[before] || !unicode.IsUpper(firstRune(after)) || k == 0 || toks[k-1].Text != "," ||
		k+1 >= len(toks) || !strings.Contains(",;)", toks[k+1].Text) || len(g.Lookup(after)) == 0 {
		return mention{}, false
	}
	return mention{i: k, j: k + 1, start: t.Start + h + 1, end: t.End, label: "LOC", source: "ner", surePlace: true}, true
}

// wellKnown reports whether one of the gazetteer's places is a country, a
// first-level division or a place of at least 100,000 people.
func wellKnown(es []gazetteer.Entry) bool {
	return slices.ContainsFunc(es, func(e gazetteer.Entry) bool {
		return e.Kind == gazetteer.KindCountry || e.Kind == gazetteer.KindAdmin1 || e.Population >= 100000
	})
}

// divisionPlurals end a list of divisions' names ("Barrow, Jackson and
// Madison counties").
var divisionPlurals = lexicon.Words("entity.division-plurals")

// listedDivisions reads the names in a list that a division noun's plural
// ends as places: "Barrow, Jackson and Madison counties" names three
// counties, whatever the tagger took "Jackson" for. The list has two names
// or more, each of one to three capitalized words, joined by commas, "and"
// or "or"; a name that is a nationality word leaves the list alone.
func listedDivisions(toks []text.Token, ms []mention) []mention {
	for h := 2; h < len(toks); h++ {
		if !divisionPlurals[toks[h].Text] {
			continue
		}
		names := listBefore(toks, h)
		if len(names) < 2 {
			continue
		}
		for _, n := range names {
			ms = slices.DeleteFunc(ms, func(m mention) bool { return m.i < n[1] && n[0] < m.j })
			ms = append(ms, mention{i: n[0], j: n[1], label: "LOC", source: "ner", surePlace: true})
		}
	}
	return ms
}

// listBefore returns the token ranges of the names of the list that ends
// right before token h, last first; nil when there is no such list. A
// name is the capitalized words before a joiner, three at most.
func listBefore(toks []text.Token, h int) [][2]int {
	var names [][2]int
	k := h - 1
	for k >= 0 {
		j := k + 1
		for k >= 0 && j-k <= 3 && toks[k].Kind == text.Word && unicode.IsUpper(firstRune(toks[k].Text)) {
			k--
		}
		i := k + 1
		if i == j {
			break // no name before the joiner: the list began after it
		}
		if _, demonym := country.ByDemonym(joinTokens(toks[i:j])); demonym {
			return nil
		}
		names = append(names, [2]int{i, j})
		// the joiners before it: ",", "and", "or", ", and"
		joined := false
		for k >= 0 && (toks[k].Text == "," || toks[k].Text == "and" || toks[k].Text == "or") {
			k--
			joined = true
		}
		if !joined {
			break
		}
	}
	return names
}
