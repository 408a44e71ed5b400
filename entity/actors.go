package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"sitrep"
	"sitrep/country"
)

// actorsTSV is the table of known actors: the Phoenix actor dictionaries
// of PETRARCH2 (people with their offices over time, international bodies,
// armed and other non-state groups), made by `go generate ./entity`.
//
//go:generate go run ./internal/actorgen -shared ../../shared -out data/actors.tsv.gz
//go:embed data/actors.tsv.gz
var actorsTSV []byte

// datedCode is an actor's CAMEO code over a span of days (YYYYMMDD, either
// end open; both open: at any time).
type datedCode struct{ code, from, to string }

// KnownActors maps the names of well-known actors to their CAMEO codes
// over time. The zero value knows nobody.
type KnownActors struct {
	byName map[string]int32 // name in capitals -> index in codes
	codes  [][]datedCode
}

// LoadKnownActors returns the embedded table of known actors, read once.
var LoadKnownActors = sync.OnceValues(func() (*KnownActors, error) {
	return ParseKnownActors(actorsTSV, "entity/data/actors.tsv.gz")
})

// ParseKnownActors reads a gzipped known-actor table (see
// internal/actorgen); name is used in errors.
func ParseKnownActors(gz []byte, name string) (*KnownActors, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	k := &KnownActors{byName: map[string]int32{}}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		names, codes, ok := strings.Cut(l, "\t")
		if !ok || names == "" || codes == "" {
			return nil, fmt.Errorf("%s:%d: want NAME|NAME...<TAB>CODE[:FROM-TO],...", name, line)
		}
		var cs []datedCode
		for _, c := range strings.Split(codes, ",") {
			code, span, dated := strings.Cut(c, ":")
			d := datedCode{code: code}
			if dated {
				if d.from, d.to, ok = strings.Cut(span, "-"); !ok {
					return nil, fmt.Errorf("%s:%d: bad dates %q", name, line, span)
				}
			}
			if len(code) < 3 || strings.ToUpper(code) != code {
				return nil, fmt.Errorf("%s:%d: bad code %q", name, line, code)
			}
			cs = append(cs, d)
		}
		idx := int32(len(k.codes))
		k.codes = append(k.codes, cs)
		for _, n := range strings.Split(names, "|") {
			if _, dup := k.byName[n]; !dup {
				k.byName[n] = idx
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return k, nil
}

// Code returns the CAMEO code of the actor called name on date
// (YYYY-MM-DD or YYYYMMDD; "" for the latest): the code whose dates hold
// the day, else the actor's undated code.
func (k *KnownActors) Code(name, date string) (string, bool) {
	i, ok := k.byName[actorKey(name)]
	if !ok {
		return "", false
	}
	day := strings.ReplaceAll(date, "-", "")
	if len(day) > 8 {
		day = day[:8]
	}
	undated, latest := "", datedCode{}
	for _, c := range k.codes[i] {
		switch {
		case c.from == "" && c.to == "":
			if undated == "" {
				undated = c.code
			}
		case day != "" && (c.from == "" || day >= c.from) && (c.to == "" || day <= c.to):
			return c.code, true
		case c.to == "" || c.to > latest.to && latest.to != "":
			latest = c
		}
	}
	if day == "" && latest.code != "" {
		return latest.code, true
	}
	if undated != "" {
		return undated, true
	}
	// every office ended before the day: a former official is the
	// country's elite (docs/annotation.md §9.30)
	if past := pastCountry(k.codes[i], day); past != "" {
		return past + "ELI", true
	}
	return "", false
}

// InOffice reports whether the table lists name as an actor who holds
// offices over time (a code with dates): a person, as Phoenix's
// CountryInfo leaders are ("OBAMA", "VLADIMIR PUTIN").
func (k *KnownActors) InOffice(name string) bool {
	i, ok := k.byName[actorKey(name)]
	if !ok {
		return false
	}
	for _, c := range k.codes[i] {
		if c.from != "" || c.to != "" {
			return true
		}
	}
	return false
}

// pastCountry returns the country of the last of codes that ended before
// day, "" when one has not ended or none names a country.
func pastCountry(codes []datedCode, day string) string {
	last := datedCode{}
	for _, c := range codes {
		if c.to == "" || day == "" || c.to >= day {
			return ""
		}
		if c.to > last.to {
			last = c
		}
	}
	if len(last.code) < 3 || !isCountryCode(last.code[:3]) {
		return ""
	}
	return last.code[:3]
}

// actorKey writes a name as the table keys it: capitals, single spaces, no
// possessive.
func actorKey(name string) string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	return strings.ToUpper(strings.Join(strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) }), " "))
}

// codeKnownActors gives the people and bodies the table knows their code
// on the article's date, by their name or a mention's text: "Obama" in a
// 2016 story is USAGOV whatever country words stand near. The text
// overrides the table where it says the office is past ("former").
func codeKnownActors(doc *sitrep.Document, k *KnownActors) {
	for ei := range doc.Entities {
		e := &doc.Entities[ei]
		if e.Type != sitrep.Person && e.Type != sitrep.Org {
			continue
		}
		if _, listed := LookupOrg(e.Name); listed {
			continue // sitrep's own list of organizations (data/orgs.tsv) goes first
		}
		code, ok := k.Code(e.Name, doc.Published)
		for _, m := range e.Mentions {
			if ok {
				break
			}
			code, ok = k.Code(doc.Text[m.Start:m.End], doc.Published)
			if ok && e.Type == sitrep.Person && len(code) == 3 {
				ok = false // a country's name: "Monaco" for Lisa O. Monaco
			}
		}
		if !ok || formerly(doc, e) {
			continue
		}
		e.Code = code
	}
}

// peopleInOffice retypes as a person an entity the tagger took for an
// organization, a place or a group whose name the table lists as someone
// in office over time: "Obama" in "the Obama administration", "Putin" read
// as a place. A name that is a well-known place (wellKnownPlace: a country,
// a province, a city of 100,000), holds an organization's head word or a
// country's name stays as it is; a small town's name does not (Obama,
// Fukui).
func peopleInOffice(doc *sitrep.Document, k *KnownActors, wellKnownPlace func(string) bool) {
	for ei := range doc.Entities {
		e := &doc.Entities[ei]
		switch e.Type {
		case sitrep.Org, sitrep.GPE, sitrep.Loc, sitrep.NORP:
		default:
			continue
		}
		if !k.InOffice(e.Name) || wellKnownPlace(e.Name) {
			continue
		}
		if _, listed := LookupOrg(e.Name); listed {
			continue
		}
		orgLike := false
		for _, w := range strings.Fields(e.Name) {
			if orgHeads[strings.ToLower(w)] || countryWord(w) != nil {
				orgLike = true
			}
		}
		if !orgLike {
			e.Type = sitrep.Person
		}
	}
}

// formerly reports whether "former" or "ex-" stands among the three words
// before a mention of e ("former president Jacob Zuma").
func formerly(doc *sitrep.Document, e *sitrep.Entity) bool {
	for _, m := range e.Mentions {
		words := strings.Fields(strings.ToLower(doc.Text[max(0, m.Start-40):m.Start]))
		for k := len(words) - 1; k >= 0 && k >= len(words)-3; k-- {
			if words[k] == "former" || strings.HasPrefix(words[k], "ex-") {
				return true
			}
		}
	}
	return false
}

// isCountryCode reports whether a three-letter code names a country (not
// a body such as IGO or a sector such as GOV).
func isCountryCode(c string) bool {
	_, ok := country.ByISO3(c)
	return ok
}
