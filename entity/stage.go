package entity

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"sitrep"
	"sitrep/country"
	"sitrep/entity/ner"
	"sitrep/lexicon"
	"sitrep/place/gazetteer"
	"sitrep/text"
)

// Tagger tags the words of a document's sentences with IOB2 labels in
// CoNLL's scheme (PER, ORG, LOC, MISC). *ner.Model is one.
type Tagger interface {
	TagDocumentContext(ctx context.Context, sents [][]string) ([][]string, error)
}

// Stage is the entity stage of the pipeline. Tagger nil means the embedded
// NER model.
type Stage struct {
	Tagger Tagger
	// Gazetteer tells which names are places; nil means the embedded one
	// (gazetteer.Default), whose loading error Run returns.
	Gazetteer *gazetteer.Gazetteer
}

// Name returns "entity".
func (Stage) Name() string { return "entity" }

// Run fills a.Doc.Entities: names tagged by the NER model and found in the
// general lists, typed in OntoNotes' scheme, merged into one entity per
// real-world thing, with CAMEO actor codes from their roles.
func (s Stage) Run(ctx context.Context, a *text.Analysis) error {
	if err := lexicon.Check(); err != nil {
		return err
	}
	tagger := s.Tagger
	if tagger == nil {
		m, err := ner.Default()
		if err != nil {
			return fmt.Errorf("loading NER model: %w", err)
		}
		tagger = m
	}
	g := s.Gazetteer
	if g == nil {
		var err error
		if g, err = gazetteer.Default(); err != nil {
			return fmt.Errorf("loading the gazetteer: %w", err)
		}
	}
	words := make([][]string, len(a.Sentences))
	for i, st := range a.Sentences {
		words[i] = text.Words(st.Tokens)
	}
	tags, err := tagger.TagDocumentContext(ctx, words)
	if err != nil {
		return fmt.Errorf("tagging names: %w", err)
	}
	if len(tags) != len(words) {
		return fmt.Errorf("tagger returned %d sentences for %d", len(tags), len(words))
	}
	var all []mention
	for si, st := range a.Sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		toks := st.Tokens
		var ms []mention
		for _, m := range portfolioNames(toks, splitOrgAtTitles(toks, splitPeopleAtWords(toks, joinNameRuns(toks, joinAdjacentPeople(toks, spansFromTags(tags[si])))))) {
			if cleanSpan(toks, &m) {
				ms = append(ms, m)
			}
		}
		ms = lexiconMentions(toks, ms)
		if !st.Heading { // a title-case headline capitalizes every word
			ms = titledNames(toks, ms)
		}
		if st.Heading || titleCase(toks) {
			ms = dropHeadlineClauses(toks, ms)
		}
		ms = nominalMentions(toks, ms)
		ms = listedDivisions(toks, ms)
		for k := range ms {
			m := &ms[k]
			m.sent = si
			if m.end == 0 {
				m.start, m.end = toks[m.i].Start, toks[m.j-1].End
			}
		}
		ms = dropTitleWords(toks, ms)
		ms = dropDayNames(toks, ms)
		ms = joinRegions(toks, ms, g)
		ms = cityStatePairs(toks, ms, g)
		ms = hyphenedPlaces(toks, ms, g)
		ms = joinCountryOrgs(toks, ms)
		ms = splitCompounds(toks, ms)
		for k := range ms {
			m := &ms[k]
			m.sent = si
			m.text = a.Doc.Text[m.start:m.end]
			classify(m, g)
			placeByContext(toks, m, g)
			if m.typ == "" {
				continue
			}
			m.code = actorCode(a, toks, ms, m)
			all = append(all, *m)
		}
	}
	surnamesTakenForPlaces(a, all)
	all = append(all, repeatedSurnames(a, all)...)
	datelinePlaces(a.Doc, all, g)
	namedStorms(all)
	peopleTakenForOrgs(all)
	sort.Slice(all, func(i, j int) bool { return all[i].start < all[j].start })
	if c := datelineCountry(a.Doc, g); c != nil {
		// "ANKARA - ... Interior Minister Suleyman Soylu": an official
		// named without a country is one of the dateline's country
		for k := range all {
			m := &all[k]
			if len(m.code) == 3 && (m.typ == sitrep.Person && officialSectors[m.code] ||
				m.typ == sitrep.Org && m.org == nil && (officialSectors[m.code] || m.code == "REB" || m.code == "OPP")) {
				m.code = WithSector(c.CAMEO, m.code) // and "the interior ministry" in a Paris story, the Rapid Support Forces in a Khartoum one
			}
		}
	}
	if refs := definiteAnaphors(a, all); len(refs) > 0 {
		all = append(all, refs...)
		sort.Slice(all, func(i, j int) bool { return all[i].start < all[j].start })
	}
	if refs := definiteNames(a, all); len(refs) > 0 {
		all = append(all, refs...)
		sort.Slice(all, func(i, j int) bool { return all[i].start < all[j].start })
	}
	markContext(a, all)
	for k := 1; k < len(all); k++ {
		// "National Institute for Space Research (INPE)": the acronym in
		// brackets after a name is that name
		p, m := all[k-1], &all[k]
		if m.end-m.start >= 2 && !strings.Contains(m.text, " ") && strings.TrimSpace(a.Doc.Text[p.end:m.start]) == "(" &&
			strings.Contains(p.text, " ") && (m.text == strings.ToUpper(m.text) || abbreviates(m.text, p.text)) {
			m.defines = p.text
		}
	}
	isPlace := func(name string) bool { return knownPlace(g, name) }
	a.Doc.Entities = merge(all, isPlace)
	known, err := LoadKnownActors()
	if err != nil {
		return err
	}
	peopleInOffice(a.Doc, known, func(name string) bool { return wellKnown(g.Lookup(name)) })
	codeKnownActors(a.Doc, known)
	return nil
}

// abbreviates reports whether a word written in mixed case ("Cosatu",
// "Frelimo") abbreviates name: it starts with the name's first initial and
// holds all its initials in order ("Congress of South African Trade
// Unions": C, S, A, T, U).
func abbreviates(word, name string) bool {
	ini := initials(name)
	up := strings.ToUpper(word)
	if len(ini) < 2 || !unicode.IsUpper(firstRune(word)) || up[0] != ini[0] {
		return false
	}
	k := 0
	for i := 0; i < len(up) && k < len(ini); i++ {
		if up[i] == ini[k] {
			k++
		}
	}
	return k == len(ini)
}

// classify gives a mention its OntoNotes type and, where the lists know it,
// its country.
func classify(m *mention, g *gazetteer.Gazetteer) {
	t := m.text
	last := strings.ToLower(lastWord(t))
	if m.org != nil {
		m.typ = sitrep.Org
		return
	}
	if f := strings.Fields(t); len(f) > 1 && stormWords[f[0]] {
		m.typ = sitrep.EventEnt // "Typhoon Doksuri": a storm, no actor
		return
	}
	switch m.label {
	case lex:
		return // the lists set the type
	case "PER":
		m.typ = sitrep.Person
		if c, ok := country.ByName(t); ok {
			m.typ, m.country = sitrep.GPE, c
		} else if regionNoun(t) {
			m.typ = sitrep.GPE
		} else if typ, label := typeByHead(t, last); typ != "" {
			m.typ, m.label = typ, label
		}
	case "ORG":
		m.typ = sitrep.Org
		if c, ok := country.ByName(t); ok {
			m.typ, m.country = sitrep.GPE, c
		} else if regionNoun(t) || adminHeads[last] && strings.Contains(t, " ") && knownPlace(g, t) {
			// "Lagos State", "Borno state": the division, not its government
			m.typ, m.label = sitrep.GPE, "LOC"
		} else if typ, label := typeByHead(t, last); typ != "" {
			m.typ, m.label = typ, label
		}
	case "LOC":
		if typ := lawOrEventByHead(t, last); typ != "" {
			m.typ, m.label = typ, "MISC"
			return
		}
		switch {
		case groupWords[strings.ToLower(t)]:
			m.typ = sitrep.NORP
		case continents[strings.ToLower(t)]:
			m.typ = sitrep.Loc
		case m.country != nil && m.source == "country":
			m.typ = sitrep.GPE
		case facilityHeads[last]:
			m.typ = sitrep.Fac
		case adminHeads[last]:
			m.typ = sitrep.GPE
		case naturalHeads[last]:
			m.typ = sitrep.Loc
		default:
			m.typ = gazetteerType(g, t)
		}
	case "MISC":
		switch {
		case m.country != nil:
			m.typ = sitrep.NORP
		case eventHeads[last]:
			m.typ = sitrep.EventEnt
		case lawHeads[last]:
			m.typ = sitrep.Law
		case groupWords[strings.ToLower(t)]:
			m.typ = sitrep.NORP
		case isAdjectival(t):
			m.typ = sitrep.NORP
		default:
			m.typ = "" // other MISC names have no OntoNotes type we can trust
		}
	}
}

// typeByHead returns the type and tagger label that the last word of a
// name the tagger took for a person or an organization gives it: a place
// (placeByHead), else a law or an event (lawOrEventByHead); "" for none.
func typeByHead(name, last string) (typ, label string) {
	if typ := placeByHead(name, last); typ != "" {
		return typ, "LOC"
	}
	if typ := lawOrEventByHead(name, last); typ != "" {
		return typ, "MISC"
	}
	return "", ""
}

// placeByHead returns the type of a name of two words or more that ends
// in a word only places' names end in ("Henry County", "Freeman Drive"),
// last its last word in lower case, or "" for any other name.
func placeByHead(name, last string) string {
	if !strings.Contains(strings.TrimSpace(name), " ") {
		return ""
	}
	if first, _, _ := strings.Cut(strings.TrimSpace(name), " "); placeOnlyLeads[strings.ToLower(first)] {
		return sitrep.Loc // "Lake Cunningham", "Mount Kenya"
	}
	if !placeOnlyHeads[last] {
		return ""
	}
	switch {
	case adminHeads[last]:
		return sitrep.GPE
	case facilityHeads[last]:
		return sitrep.Fac
	}
	return sitrep.Loc
}

// lawOrEventByHead returns LAW or EVENT for a name of two words or more
// that ends in a word only the names of laws or of events end in ("Voting
// Rights Act", "Cold War"), not after "of" or "for" ("Ministry of War"),
// last its last word in lower case; "" for any other name.
func lawOrEventByHead(name, last string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return ""
	}
	switch strings.ToLower(f[len(f)-2]) {
	case "of", "for":
		return ""
	}
	switch {
	case lawOnlyHeads[last]:
		return sitrep.Law
	case eventOnlyHeads[last]:
		return sitrep.EventEnt
	}
	return ""
}

// regionNoun reports whether a name ends in a lower-case word for an
// administrative division, as news writes regions: "Borno state",
// "Elgeyo Marakwet county", "Idlib province". Such a name is a place, not the
// organization or person a tagger may take it for.
func regionNoun(name string) bool {
	last := lastWord(name)
	return last != "" && last == strings.ToLower(last) && adminHeads[last] && strings.Contains(strings.TrimSpace(name), " ")
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// isAdjectival reports whether a name reads as a group adjective or
// plural ("Kurdish", "Shiite", "Sunnis", "Democrats").
func isAdjectival(s string) bool {
	if strings.Contains(s, " ") {
		return false
	}
	l := strings.ToLower(s)
	for _, suf := range []string{"ish", "ian", "ians", "an", "ans", "ese", "i", "is", "ite", "ites", "ic", "ist", "ists", "ats", "ch"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// orgHeads end the names of groups and bodies.
var orgHeads = lexicon.Words("entity.org-heads")

// genericBodies are words for any body that say less of its sector than
// the words before them.
var genericBodies = lexicon.Words("entity.generic-bodies")

// bodyWords are lower-case bodies that, before a title, give the sector.
var bodyWords = lexicon.Words("entity.body-words")

// groupWords name religious, ethnic and political groups (NORP).
var groupWords = lexicon.Words("entity.group-words")

// facilityHeads end the names of buildings and other facilities.
var facilityHeads = lexicon.Words("entity.facility-heads")

// dateOnlyHeads end the names of days ("Election Day"), which are times,
// not names of things; placeOnlyHeads end the names of places alone
// ("Henry County"), lawOnlyHeads those of laws ("Voting Rights Act") and
// eventOnlyHeads those of events ("Cold War"); placeOnlyLeads start the
// names of natural features alone ("Lake Cunningham").
var (
	dateOnlyHeads  = lexicon.Words("entity.date-only-heads")
	placeOnlyHeads = lexicon.Words("entity.place-only-heads")
	placeOnlyLeads = lexicon.Words("entity.place-only-leads")
	lawOnlyHeads   = lexicon.Words("entity.law-only-heads")
	eventOnlyHeads = lexicon.Words("entity.event-only-heads")
)

// adminHeads end the names of administrative divisions and states.
var adminHeads = lexicon.Words("entity.admin-heads")

// anyOrgHeads are definite descriptions that may stand for any
// organization named before ("The agency said", "the group claimed");
// ownOrgHeads stand for one whose name has that word ("the union" for the
// Kenya National Union of Teachers).
var (
	anyOrgHeads = lexicon.Words("entity.any-org-heads")
	ownOrgHeads = lexicon.Words("entity.own-org-heads")
)

// coverage tells which offsets the mentions cover. all must be sorted by
// start.
type coverage struct {
	all    []mention
	maxEnd []int // maxEnd[x]: the largest end of all[0..x]
}

func newCoverage(all []mention) coverage {
	maxEnd := make([]int, len(all))
	for x, m := range all {
		maxEnd[x] = m.end
		if x > 0 {
			maxEnd[x] = max(m.end, maxEnd[x-1])
		}
	}
	return coverage{all, maxEnd}
}

// before returns how many mentions start before off.
func (c coverage) before(off int) int {
	return sort.Search(len(c.all), func(x int) bool { return c.all[x].start >= off })
}

// covered reports whether a mention covers offset start.
func (c coverage) covered(start int) bool {
	n := c.before(start + 1)
	return n > 0 && c.maxEnd[n-1] > start
}

// orgsByHead maps each head word of ownOrgHeads to the distinct names of
// the organizations of the document that have it ("army": "pakistan army",
// "indian army").
func orgsByHead(all []mention) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, m := range all {
		if m.typ != sitrep.Org || m.source == "nominal" || m.source == "anaphor" {
			continue
		}
		k := nameKey(m.text)
		for _, w := range strings.Fields(k) {
			if !ownOrgHeads[w] || w == k {
				continue // "Army" alone names no army of its own
			}
			if out[w] == nil {
				out[w] = map[string]bool{}
			}
			out[w][k] = true
		}
	}
	return out
}

// definiteAnaphors links "the agency", "the group", "the union" to the
// organization they stand for: the last one named in the three sentences
// before, whose name has the head word when the head is specific. Each
// becomes a mention of that organization (the head word's span). A
// capitalized head ("the Army") is a name a reader takes for the one body
// of the document that has it: when the document names two ("Pakistan
// Army", "Indian Army") it stands for neither. all must be sorted by start.
func definiteAnaphors(a *text.Analysis, all []mention) []mention {
	cov := newCoverage(all)
	before := cov.before
	var named map[string]map[string]bool // built when a capitalized head needs it
	var out []mention
	for si, st := range a.Sentences {
		toks := st.Tokens
		for k := 1; k < len(toks); k++ {
			head := strings.ToLower(toks[k].Text)
			if strings.ToLower(toks[k-1].Text) != "the" || !anyOrgHeads[head] && !ownOrgHeads[head] || cov.covered(toks[k].Start) {
				continue
			}
			if k+1 < len(toks) && (toks[k+1].Kind == text.Word && unicode.IsUpper(firstRune(toks[k+1].Text)) ||
				toks[k+1].Text == "of" && (unicode.IsUpper(firstRune(toks[k].Text)) || k+2 < len(toks) && unicode.IsUpper(firstRune(toks[k+2].Text)))) {
				continue // "the group Human Rights Watch", "the Ministry of Health", "the union of Kenyan teachers": a name
			}
			if ownOrgHeads[head] && unicode.IsUpper(firstRune(toks[k].Text)) && !st.Heading {
				if named == nil {
					named = orgsByHead(all)
				}
				if len(named[head]) > 1 {
					continue // "the Army" with two armies named
				}
			}
			var ant *mention
			for x := before(toks[k].Start) - 1; x >= 0; x-- {
				m := &all[x]
				if m.sent < si-3 {
					break
				}
				if m.typ != sitrep.Org || m.source == "nominal" || m.source == "anaphor" {
					continue
				}
				if ownOrgHeads[head] && !strings.Contains(strings.ToLower(m.text), head) {
					continue
				}
				ant = m
				break
			}
			if ant == nil {
				continue
			}
			out = append(out, mention{sent: si, i: k, j: k + 1, start: toks[k].Start, end: toks[k].End,
				label: "ORG", typ: sitrep.Org, source: "anaphor", antStart: ant.start, code: ant.code,
				text: a.Doc.Text[toks[k].Start:toks[k].End]})
		}
	}
	return out
}

// definiteNames finds "the Times", "the House", "the Commission": a
// capitalized head word of definiteHeads or ofHeads after "the" that no
// mention covers, outside headings, and is no part of a longer name ("the
// House Intelligence Committee", "the House of Lords"). Each becomes a
// mention that merge joins to the one named body of the document the head
// stands for, or drops.
func definiteNames(a *text.Analysis, all []mention) []mention {
	cov := newCoverage(all)
	var out []mention
	for si, st := range a.Sentences {
		if st.Heading {
			continue
		}
		toks := st.Tokens
		for k := 1; k < len(toks); k++ {
			w := toks[k].Text
			if !definiteHeads[w] && !ofHeads[w] || !strings.EqualFold(toks[k-1].Text, "the") || cov.covered(toks[k].Start) {
				continue
			}
			if k+1 < len(toks) && (toks[k+1].Text == "of" || toks[k+1].Kind == text.Word && unicode.IsUpper(firstRune(toks[k+1].Text))) {
				continue
			}
			out = append(out, mention{sent: si, i: k, j: k + 1, start: toks[k].Start, end: toks[k].End,
				label: "ORG", typ: sitrep.Org, source: "definite", text: w})
		}
	}
	return out
}

// femaleTitles and maleTitles are the courtesy titles that tell a woman
// from a man: "Mrs Clinton" is not Bill Clinton.
var (
	femaleTitles = lexicon.Words("entity.female-honorifics")
	maleTitles   = lexicon.Words("entity.male-honorifics")
)

// markContext notes what merging needs to know of each mention: whether
// it is in a heading; "the" before it ("the Times"); a title before a
// person that gives the gender ("Mrs Clinton").
func markContext(a *text.Analysis, all []mention) {
	headline := make([]int8, len(a.Sentences)) // 0 unknown, 1 yes, -1 no
	for k := range all {
		m := &all[k]
		if m.sent < 0 || m.sent >= len(a.Sentences) {
			continue
		}
		if headline[m.sent] == 0 {
			headline[m.sent] = -1
			if st := a.Sentences[m.sent]; st.Heading || titleCase(st.Tokens) {
				headline[m.sent] = 1
			}
		}
		m.heading = headline[m.sent] > 0
		toks := a.Sentences[m.sent].Tokens
		if m.i <= 0 || m.i > len(toks) {
			continue
		}
		prev := toks[m.i-1].Text
		if m.source == "definite" || m.source == "anaphor" || strings.EqualFold(prev, "the") {
			m.det = true
		}
		if m.typ == sitrep.Person {
			switch {
			case femaleTitles[prev]:
				m.gender = 'f'
			case maleTitles[prev]:
				m.gender = 'm'
			}
		}
	}
}

// dayOpeners open the phrase of a day's name: "on Election Day", "the
// country's Foundation Day", "before Independence Day".
var dayOpeners = lexicon.Words("entity.day-openers")

// dropDayNames drops the tagger's names of days after a word that opens
// a time ("on Election Day", "the country's Foundation Day"): they are
// times, no names of things; a person called Day stays.
func dropDayNames(toks []text.Token, ms []mention) []mention {
	return slices.DeleteFunc(ms, func(m mention) bool {
		return m.label != lex && m.label != "PER" && m.j-m.i >= 2 && m.i > 0 &&
			dateOnlyHeads[strings.ToLower(toks[m.j-1].Text)] && dayOpeners[strings.ToLower(toks[m.i-1].Text)]
	})
}

// headlineClauseWords, capitalized inside a run of a title-case headline,
// show the run to be a clause, not a name.
var headlineClauseWords = lexicon.Words("entity.headline-clause-words")

// dropHeadlineClauses drops the tagged spans of a title-case headline that
// run over a word of a clause ("To", "His", "Will"): in "Trump Adds Former
// Fox News Analyst To His National Security Team" the tagger takes the
// capitalized words for one long name. The lists' names stay.
func dropHeadlineClauses(toks []text.Token, ms []mention) []mention {
	return slices.DeleteFunc(ms, func(m mention) bool {
		return m.label != lex && slices.ContainsFunc(toks[m.i+1:m.j], func(t text.Token) bool {
			return unicode.IsUpper(firstRune(t.Text)) && headlineClauseWords[strings.ToLower(t.Text)]
		})
	})
}

// titleCase reports whether a sentence of four words or more capitalizes
// nearly all of them, as headlines do ("Exit Polls In West Virginia Spell
// Bad News For Hillary Clinton.").
func titleCase(toks []text.Token) bool {
	words, upper := 0, 0
	for _, t := range toks {
		if t.Kind != text.Word || !unicode.IsLetter(firstRune(t.Text)) {
			continue
		}
		words++
		if unicode.IsUpper(firstRune(t.Text)) {
			upper++
		}
	}
	return words >= 4 && upper*5 >= words*4
}

// datelinePlaces types a known place named in the dateline as a place,
// whatever the tagger took it for: "GENEVA (Reuters) -".
func datelinePlaces(doc *sitrep.Document, ms []mention, g *gazetteer.Gazetteer) {
	if doc.Dateline == nil {
		return
	}
	for k := range ms {
		m := &ms[k]
		if m.start >= doc.Dateline.Start && m.end <= doc.Dateline.End && m.org == nil &&
			m.typ != sitrep.GPE && knownPlace(g, m.text) {
			m.typ, m.label, m.code = sitrep.GPE, "LOC", ""
		}
	}
}

// peopleTakenForOrgs retypes as a person an organization the tagger found
// whose last word the article uses alone for a person, when no word of its
// name belongs to organizations: "Opposition candidate Bassirou Diomaye
// Faye won ... congratulated Faye".
func peopleTakenForOrgs(ms []mention) {
	alone := map[string]bool{}
	for _, m := range ms {
		if m.typ == sitrep.Person && !strings.Contains(m.text, " ") {
			alone[m.text] = true
		}
	}
	for k := range ms {
		m := &ms[k]
		f := strings.Fields(m.text)
		if m.typ != sitrep.Org || m.org != nil || m.source != "ner" || len(f) < 2 || len(f) > 4 || !alone[f[len(f)-1]] {
			continue
		}
		orgLike := false
		for _, w := range f {
			lw := strings.ToLower(w)
			if orgHeads[lw] || !unicode.IsUpper(firstRune(w)) || countryWord(w) != nil {
				orgLike = true
			}
			if _, ok := Sector(lw); ok {
				orgLike = true
			}
		}
		if !orgLike {
			m.typ, m.label, m.code = sitrep.Person, "PER", ""
		}
	}
}

// stormWords begin the names of storms.
var stormWords = lexicon.Words("entity.storm-words")

// namedStorms gives a storm's bare name the storm's type: after "Typhoon
// Doksuri", "Doksuri" is the storm, not a person.
func namedStorms(ms []mention) {
	storms := map[string]bool{}
	for _, m := range ms {
		if m.typ == sitrep.EventEnt && stormWords[strings.Fields(m.text)[0]] {
			storms[lastWord(m.text)] = true
		}
	}
	for k := range ms {
		if storms[ms[k].text] {
			ms[k].typ, ms[k].code, ms[k].country = sitrep.EventEnt, "", nil
		}
	}
}

// continents and other regions larger than a country are LOC, not GPE.
var continents = lexicon.Words("entity.continents")

// naturalHeads end the names of natural features.
var naturalHeads = lexicon.Words("entity.natural-heads")

// eventHeads end the names of events.
var eventHeads = lexicon.Words("entity.event-heads")

// lawHeads end the names of laws and treaties.
var lawHeads = lexicon.Words("entity.law-heads")

// actorCode returns a mention's CAMEO actor code: a known organization's
// own; a country's or nationality's country code; for people and groups,
// the country and sector of the role words around them ("US President Joe
// Biden" USAGOV, "the Iraqi army" IRQMIL).
func actorCode(a *text.Analysis, toks []text.Token, ms []mention, m *mention) string {
	if m.org != nil {
		return m.org.Code
	}
	switch m.typ {
	case sitrep.GPE, sitrep.NORP:
		if m.country != nil {
			return m.country.CAMEO
		}
		return ""
	case sitrep.Person, sitrep.Org:
	default:
		return ""
	}
	var ctry *country.Country
	sector := ""
	if m.typ == sitrep.Org {
		// words inside the name: "Iraqi army", "Kenya National Union of Teachers"
		for k := m.i; k < m.j; k++ {
			w := toks[k].Text
			if c := countryWord(w); c != nil && ctry == nil {
				ctry = c
			}
			lw := strings.ToLower(w)
			s, ok := Sector(lw)
			if !ok && len(lw) > 4 && strings.HasSuffix(lw, "s") {
				s, ok = Sector(lw[:len(lw)-1]) // "Trade Unions"
			}
			if ok && !personTitles[w] && !(sector != "" && genericBodies[lw]) {
				// "General Motors", "General Assembly": no generals; the
				// "Milwaukee Police Department" is the police's
				sector = s
			}
		}
		if m.country != nil {
			ctry = m.country
		}
		// "the National Liberation Army rebel group": a role right after
		// the name says what it is, whatever the name's own words say
		if m.j < len(toks) && !unicode.IsUpper(firstRune(toks[m.j].Text)) {
			if s, ok := Sector(strings.ToLower(toks[m.j].Text)); ok && (s == "REB" || s == "OPP" || s == "LAB" || s == "NGO") {
				sector = s
			}
		}
		// "Russia's Defence Ministry", "the Iraqi Ministry of Defense"
		if ctry == nil && m.i >= 2 && (toks[m.i-1].Text == "'s" || toks[m.i-1].Text == "\u2019s") {
			ctry = countryAt(ms, m.i-2, toks[m.i-2].Text)
		}
		if ctry == nil && m.i >= 1 {
			ctry = countryAt(ms, m.i-1, toks[m.i-1].Text)
		}
		// "... Forces in Iraq"
		if ctry == nil && m.j+1 < len(toks) && (toks[m.j].Text == "in" || toks[m.j].Text == "of") {
			if c := countryWord(toks[m.j+1].Text); c != nil {
				ctry = c
			}
		}
	}
	// role words before a person's name, back to the sentence start or
	// another name (an organization's sector comes from its own name)
	lx, _ := loadLexicon()
	for k := m.i - 1; m.typ == sitrep.Person && k >= 0 && k >= m.i-12; k-- {
		w := toks[k].Text
		lw := strings.ToLower(w)
		if lw == "and" && k > 0 && k+1 < m.i && portfolioWords[toks[k-1].Text] && portfolioWords[toks[k+1].Text] {
			continue // "Minister of Industry and Trade Nguyen Hong Dien"
		}
		if lw == "and" || lw == "said" || lw == ";" || lw == "told" || lw == ")" || lw == ":" ||
			text.IsDash(firstRune(w)) && len(w) <= 3 || endsOther(ms, m, k) {
			break // a dateline's "(AP) -" is no title
		}
		if _, role := Sector(lw); unicode.IsLower(firstRune(w)) && !titleJoiners[lw] && !role {
			break // "police in Pamplona after the protest organised by Herri Batasuna": no title
		}
		if o, code := orgAt(ms, k); o && k >= m.i-3 {
			// "U.N. Secretary-General Antonio Guterres": the body's code;
			// "the head of the Sovereignty Council, General ...": the
			// code its name gives; "UAW President Shawn Fain": none
			return code
		}
		if c := countryAt(ms, k, w); c != nil && ctry == nil {
			ctry = c
		}
		if sector == "" && lx != nil {
			if s, ok := lx.roles.Sector(lw); ok {
				sector = s
				// "union secretary-general", "party leader": the body
				// before the title says whom the person leads
				if k > 0 && bodyWords[toks[k-1].Text] {
					sector, _ = lx.roles.Sector(toks[k-1].Text)
				}
			}
		}
	}
	// apposition after a person: "Sefin Dizayi, the official in charge ..."
	if m.typ == sitrep.Person && m.j < len(toks) && toks[m.j].Text == "," {
		for k := m.j + 1; k < len(toks) && k <= m.j+10 && toks[k].Text != "," && toks[k].Text != "."; k++ {
			w := toks[k].Text
			if o, code := orgAt(ms, k); o && sector == "" {
				return code // "Zabihullah Mujahid, the Taliban's spokesman"
			}
			if c := countryAt(ms, k, w); c != nil && ctry == nil {
				ctry = c
			}
			if s, ok := Sector(strings.ToLower(w)); ok && sector == "" {
				sector = s
			}
		}
	}
	if sector == "" && m.typ == sitrep.Org && m.source == "nominal" {
		sector = "GOV"
	}
	if strings.Contains(strings.ToLower(m.text), "coalition") {
		return "IGOCOA"
	}
	switch {
	case ctry != nil && sector != "":
		return ctry.CAMEO + sector
	case ctry != nil:
		return ctry.CAMEO
	default:
		return sector
	}
}

// countryAt returns the country of the country or nationality mention
// that covers token k ("South Korean"), else the country word w names.
func countryAt(ms []mention, k int, w string) *country.Country {
	for _, o := range ms {
		if o.i <= k && k < o.j && o.country != nil && (o.typ == sitrep.GPE || o.typ == sitrep.NORP) {
			return o.country
		}
	}
	return countryWord(w)
}

// countryWord returns the country a single word names or describes.
func countryWord(w string) *country.Country {
	if w == "" || !unicode.IsUpper(firstRune(w)) {
		return nil
	}
	if c, ok := country.ByDemonym(w); ok {
		return c
	}
	if len(w) > 1 {
		if c, ok := country.ByName(w); ok {
			return c
		}
	}
	if i := strings.IndexByte(w, '-'); i > 0 { // "US-led"
		return countryWord(w[:i])
	}
	return nil
}

// endsOther reports whether token k is the last token of a person mention
// other than m: role words before it belong to that person.
func endsOther(ms []mention, m *mention, k int) bool {
	for _, o := range ms {
		if o.j-1 == k && o.i != m.i && o.label == "PER" {
			return true
		}
	}
	return false
}

// orgAt reports whether token k is inside an organization's name, and
// returns its code: the general list's, else the one its own name gave
// (when its code is worked out already), else "".
func orgAt(ms []mention, k int) (bool, string) {
	for _, o := range ms {
		if o.i <= k && k < o.j && (o.org != nil || o.label == "ORG") && o.source != "nominal" {
			if o.org != nil {
				return true, o.org.Code
			}
			return true, o.code
		}
	}
	return false, ""
}

// surnamesTakenForPlaces retypes as a person a place's name that is the
// surname of a person named in full before it: after "Lisa O. Monaco",
// "Monaco said" is her, not the country, unless the words before it put it
// in a place ("in Monaco").
func surnamesTakenForPlaces(a *text.Analysis, ms []mention) {
	named := map[string]int{} // surname -> the start of the first full name
	for _, m := range ms {
		if m.typ == sitrep.Person && m.j-m.i > 1 && strings.Contains(m.text, " ") {
			last := m.text[strings.LastIndexByte(m.text, ' ')+1:]
			if at, ok := named[last]; !ok || m.start < at {
				named[last] = m.start
			}
		}
	}
	for k := range ms {
		m := &ms[k]
		at, ok := named[m.text]
		if !ok || at >= m.start || m.j-m.i != 1 || m.typ != sitrep.GPE && m.typ != sitrep.Loc {
			continue
		}
		if locativeBefore(a.Sentences[m.sent].Tokens, m.i) {
			continue
		}
		m.typ, m.label, m.source, m.country, m.org, m.surePlace, m.code = sitrep.Person, "PER", "ner", nil, nil, false, ""
	}
}

// repeatedSurnames finds the surnames of people named in full elsewhere in
// the document where the tagger missed them ("Macron met ...").
func repeatedSurnames(a *text.Analysis, ms []mention) []mention {
	surname := map[string]bool{}
	for _, m := range ms {
		if m.typ == sitrep.Person && m.j-m.i > 1 && strings.Contains(m.text, " ") {
			surname[m.text[strings.LastIndexByte(m.text, ' ')+1:]] = true
		}
	}
	if len(surname) == 0 {
		return nil
	}
	covered := make([]bool, len(a.Doc.Text)+1)
	for _, m := range ms {
		for b := m.start; b < m.end; b++ {
			covered[b] = true
		}
	}
	var out []mention
	for si, st := range a.Sentences {
		for k, t := range st.Tokens {
			if surname[t.Text] && !covered[t.Start] {
				out = append(out, mention{sent: si, i: k, j: k + 1, start: t.Start, end: t.End, text: t.Text,
					label: "PER", typ: sitrep.Person, source: "ner"})
			}
		}
	}
	return out
}

// naturalFeatures are the GeoNames feature codes of the gazetteer's
// landmarks that are natural features (LOC): continents, oceans, seas,
// gulfs, bays, straits, channels, lakes, rivers, mountains, deserts,
// forests and peninsulas.
var naturalFeatures = map[string]bool{"CONT": true, "OCN": true, "SEA": true, "GULF": true, "BAY": true, "STRT": true, "CNL": true,
	"LK": true, "STM": true, "MT": true, "MTS": true, "DSRT": true, "FRST": true, "PEN": true}

// gazetteerType types a place's name by the gazetteer, with one look-up:
// LOC for a name it lacks or whose first place is a natural feature ("the
// Atlantic": the ocean first, not Atlantic, Iowa), GPE for any other.
func gazetteerType(g *gazetteer.Gazetteer, name string) string {
	es := g.Lookup(name)
	if len(es) == 0 || es[0].Kind == gazetteer.KindLandmark && naturalFeatures[es[0].Feature] {
		return sitrep.Loc
	}
	return sitrep.GPE
}

// knownPlace reports whether the gazetteer knows a place called name.
func knownPlace(g *gazetteer.Gazetteer, name string) bool {
	return len(g.Lookup(name)) > 0
}

// portfolioNames reads "Minister of Industry and Trade Nguyen Hong Dien":
// the capitalized words of a minister's portfolio are no names of their
// own ("Energy" is no place), and the capitalized words after them are the
// minister. Tagged spans inside the title go; the name becomes a person.
func portfolioNames(toks []text.Token, ms []mention) []mention {
	for k := 0; k+3 < len(toks); k++ {
		if !personTitles[toks[k].Text] || toks[k+1].Text != "of" || officeOf(toks, -1, k) {
			continue // "the Office of the Director of National Intelligence": a body's name
		}
		p := k + 2
		for p < len(toks) {
			w := toks[p].Text
			if portfolioWords[w] {
				p++
				continue
			}
			if (w == "and" || w == "&") && p+1 < len(toks) && portfolioWords[toks[p+1].Text] {
				p++
				continue
			}
			break
		}
		if p == k+2 {
			continue
		}
		q := p
		for q < len(toks) && q-p < 4 && toks[q].Kind == text.Word && unicode.IsUpper(firstRune(toks[q].Text)) &&
			!notNames[strings.ToLower(toks[q].Text)] && !personTitles[toks[q].Text] {
			q++
		}
		if q-p < 2 {
			q = p // "the Minister of Health said": a title, no name
		}
		out := ms[:0:0]
		for _, m := range ms {
			if m.j <= k+2 || m.i >= q {
				out = append(out, m)
			} else if m.i >= p && q == p {
				out = append(out, m)
			}
		}
		if q > p {
			out = append(out, mention{i: p, j: q, label: "PER", source: "ner"})
		}
		sort.Slice(out, func(a, b int) bool { return out[a].i < out[b].i })
		ms = out
		k = q - 1
	}
	return ms
}

// portfolioWords are the capitalized words of ministers' portfolios.
var portfolioWords = lexicon.Words("entity.portfolio-words")

// titleJoiners may stand between a title and the name it titles.
var titleJoiners = lexicon.Words("entity.title-joiners")

// joinNameRuns repairs tagged spans around a name's own words:
//   - a span and the capitalized words after it up to a group's head word
//     are one organization: the tagger's "Imam Ali" (PER) "Combat" "Team"
//     (PER) is the Imam Ali Combat Team, and after "the", one "and" may
//     join them ("the Energy and Petroleum Regulatory Authority");
//   - a storm word before a span belongs to it: "Typhoon" + "Doksuri" is
//     the storm Typhoon Doksuri;
//   - a span right after a leader's title that the tagger took for a
//     body or a place is the leader: "Governor Babajide Sanwo-Olu".
func joinNameRuns(toks []text.Token, ms []mention) []mention {
	out := ms[:0]
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		end := -1
		if !orgHeads[strings.ToLower(toks[m.j-1].Text)] {
			// "the Energy and Petroleum Regulatory Authority": after "the",
			// "and" may join the words of one body's name
			and := m.i > 0 && strings.EqualFold(toks[m.i-1].Text, "the")
			if _, isCountry := country.ByName(joinTokens(toks[m.i:m.j])); isCountry {
				and = false
			}
			for j := m.j; j < len(toks) && j-m.i < 8; j++ {
				w := toks[j].Text
				if and && (w == "and" || w == "&") && j+1 < len(toks) && unicode.IsUpper(firstRune(toks[j+1].Text)) {
					and = false
					continue
				}
				if toks[j].Kind != text.Word || !unicode.IsUpper(firstRune(w)) || notNames[strings.ToLower(w)] || personTitles[w] {
					break
				}
				if orgHeads[strings.ToLower(w)] {
					end = j + 1
				}
			}
		}
		// the spans the run covers must end inside it
		for n := k + 1; end > 0 && n < len(ms) && ms[n].i < end; n++ {
			if ms[n].j > end {
				end = -1
			}
		}
		if end > 0 {
			m.j, m.label = end, "ORG"
			for k+1 < len(ms) && ms[k+1].i < end {
				k++
			}
		}
		for m.i > 0 && stormWords[toks[m.i-1].Text] && (len(out) == 0 || out[len(out)-1].j < m.i) {
			m.i--
		}
		if m.label != "PER" && m.i > 0 && leaderTitles[toks[m.i-1].Text] && !orgHeads[strings.ToLower(toks[m.j-1].Text)] {
			if _, isCountry := country.ByName(joinTokens(toks[m.i:m.j])); !isCountry {
				m.label = "PER"
			}
		}
		m, k = joinBodyOn(toks, ms, m, k)
		m = withPluralPossessive(toks, out, m)
		out = append(out, m)
	}
	return out
}

// withPluralPossessive extends an organization's span m over the plural
// possessive right before it and the capitalized words before that, up to
// the spans already kept (before): the tagger's "Party" in "ruling
// Workers' Party" is the Workers' Party, as in "Farmers' Union".
func withPluralPossessive(toks []text.Token, before []mention, m mention) mention {
	i := m.i
	if m.label != "ORG" || i < 2 || !isApostrophe(toks[i-1].Text) || toks[i-2].End != toks[i-1].Start {
		return m
	}
	if w := toks[i-2].Text; toks[i-2].Kind != text.Word || !unicode.IsUpper(firstRune(w)) || !strings.HasSuffix(w, "s") {
		return m
	}
	floor := 0
	if n := len(before); n > 0 {
		floor = before[n-1].j
	}
	i -= 2
	for i-1 >= floor && i-m.i > -6 && toks[i-1].Kind == text.Word && unicode.IsUpper(firstRune(toks[i-1].Text)) && !personTitles[toks[i-1].Text] {
		i--
	}
	if i < floor {
		return m
	}
	m.i = i
	return m
}

// isApostrophe reports whether a token is a lone apostrophe.
func isApostrophe(w string) bool { return w == "'" || w == "\u2019" }

// onBodies are the bodies whose names go on with "on" and their subject:
// the Council on Foreign Relations, the Center on Global Energy Policy.
var onBodies = lexicon.Words("entity.on-bodies")

// joinBodyOn extends span m (the k-th of ms) that ends in a body's word
// taking "on" over "on" and the capitalized words after it ("and" and "of"
// between them; no weekday or month: "the commission on Friday"): the
// Council on Foreign Relations is one organization, not
// a council and a subject; the spans it covers are absorbed (the k
// returned is the last one).
func joinBodyOn(toks []text.Token, ms []mention, m mention, k int) (mention, int) {
	if m.j+1 >= len(toks) || !onBodies[strings.ToLower(toks[m.j-1].Text)] || toks[m.j].Text != "on" {
		return m, k
	}
	end := m.j + 1
	for j := m.j + 1; j < len(toks); j++ {
		w := toks[j].Text
		if toks[j].Kind == text.Word && unicode.IsUpper(firstRune(w)) && !personTitles[w] && !notNames[strings.ToLower(w)] {
			end = j + 1
			continue
		}
		if (w == "and" || w == "of") && j+1 < len(toks) && unicode.IsUpper(firstRune(toks[j+1].Text)) {
			continue
		}
		break
	}
	if end == m.j+1 {
		return m, k
	}
	for n := k + 1; n < len(ms) && ms[n].i < end; n++ {
		if ms[n].j > end {
			return m, k // a span runs on past the name
		}
	}
	m.j, m.label = end, "ORG"
	for k+1 < len(ms) && ms[k+1].i < end {
		k++
	}
	return m, k
}

// joinAdjacentPeople joins person spans that follow each other with
// nothing between: in running text "Luiz Inácio Lula da Silva" tagged as two
// names is one.
func joinAdjacentPeople(toks []text.Token, ms []mention) []mention {
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 && m.label == "PER" && out[n-1].label == "PER" && out[n-1].j == m.i {
			out[n-1].j = m.j
			continue
		}
		out = append(out, m)
	}
	return out
}

// dropTitleWords drops a one-word name that is the first word of a title
// ("Interior" in "Interior Minister Suleyman Soylu").
func dropTitleWords(toks []text.Token, ms []mention) []mention {
	out := ms[:0]
	for _, m := range ms {
		if m.j-m.i == 1 && m.j < len(toks) && m.source == "ner" {
			if _, role := Sector(toks[m.i].Text); role {
				if _, title := Sector(toks[m.j].Text); title {
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// officialSectors are the sectors of state officials.
var officialSectors = map[string]bool{"GOV": true, "MIL": true, "COP": true, "LEG": true, "JUD": true, "SPY": true}

// datelineCountry returns the country of the document's dateline: a
// country it names ("JEDDAH, Saudi Arabia"), or the country of the place it
// names first ("ANKARA").
func datelineCountry(doc *sitrep.Document, g *gazetteer.Gazetteer) *country.Country {
	if doc.Dateline == nil {
		return nil
	}
	d := doc.Text[doc.Dateline.Start:doc.Dateline.End]
	if i := strings.IndexByte(d, '('); i >= 0 {
		d = d[:i]
	}
	parts := strings.Split(d, ",")
	for _, p := range parts[1:] {
		if c, ok := country.ByName(strings.TrimSpace(p)); ok {
			return c
		}
	}
	if c, ok := country.ByName(strings.TrimSpace(parts[0])); ok {
		return c
	}
	if es := g.Lookup(strings.TrimSpace(parts[0])); len(es) > 0 {
		if c, ok := country.ByISO2(es[0].Country); ok {
			return c
		}
	}
	return nil
}

// The words around a name that say it is a place (entity.txt).
var (
	locativePrepositions = lexicon.Words("entity.locative-prepositions")
	compassWords         = lexicon.Words("entity.compass-words")
	territorialTitles    = lexicon.Words("entity.territorial-titles")
)

// placeByContext retypes as a place a name the tagger took for an
// organization or a person where the words around it say it is one: after
// a locative preposition ("flood fighting in Fargo", "in south Fargo",
// "north of Moorhead"), or before the title of the place's office ("Fargo
// Mayor Dennis Walaker", "Minnesota Governor Tim Pawlenty"), when the
// gazetteer knows a place of that name. A tagger trained on sports pages
// takes a city before a capitalized word for its team. A possessive after
// the name ("in Jackson's speech") leaves the tagger's type. The mention is
// a sure place: its entity is the place whatever its other mentions were
// taken for.
func placeByContext(toks []text.Token, m *mention, g *gazetteer.Gazetteer) {
	if m.source != "ner" || m.org != nil || m.country != nil || m.typ != sitrep.Org && m.typ != sitrep.Person {
		return
	}
	titled := m.j < len(toks) && territorialTitles[toks[m.j].Text]
	if !titled && !locativeBefore(toks, m.i) && !residence(toks, m) {
		return
	}
	if m.j < len(toks) && possessive(toks[m.j].Text) || !knownPlace(g, m.text) {
		return
	}
	for k := m.i; k < m.j; k++ {
		if _, role := Sector(toks[k].Text); role {
			return // "in Congress": a body (Congress, Arizona is a town)
		}
	}
	m.label, m.typ = "LOC", ""
	classify(m, g)
	m.surePlace = true
}

// locativeBefore reports whether the words before token i put what starts
// there in a place: a locative preposition, with a compass word between
// or not ("in Fargo", "in south Fargo"), or a compass word and "of" ("north
// of Moorhead").
func locativeBefore(toks []text.Token, i int) bool {
	word := func(k int) string {
		if k < 0 {
			return ""
		}
		return strings.ToLower(toks[k].Text)
	}
	switch {
	case locativePrepositions[word(i-1)]:
		return true
	case compassWords[word(i-1)] && locativePrepositions[word(i-2)]:
		return true
	case word(i-1) == "of" && compassWords[word(i-2)]:
		return true
	}
	return false
}

// residence reports whether mention m is where the person named before
// lives, as news writes it between commas: "Christopher Bowers, 19, of
// Martinez, threatened her", "Mr Wiles, from Cherry Hinton, said".
func residence(toks []text.Token, m *mention) bool {
	i := m.i
	if i < 3 || toks[i-2].Text != "," || m.j < len(toks) && !closesApposition(toks[m.j].Text) {
		return false
	}
	switch strings.ToLower(toks[i-1].Text) {
	case "of", "from":
	default:
		return false
	}
	before := toks[i-3]
	return before.Kind == text.Number || unicode.IsUpper(firstRune(before.Text))
}

// closesApposition reports whether a token may end an apposition.
func closesApposition(w string) bool {
	return w == "," || w == "." || w == ";" || w == ")"
}

// possessive reports whether a token is a possessive ending.
func possessive(w string) bool {
	return w == "'s" || w == "\u2019s" || isApostrophe(w)
}
