package place

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/country"
	"sitrep/lexicon"
	"sitrep/place/gazetteer"
	"sitrep/text"
)

// Stage is the place stage. A nil Gazetteer means gazetteer.Default(), a
// nil Model the embedded resolver (DefaultModel).
type Stage struct {
	Gazetteer *gazetteer.Gazetteer
	Model     *Model
}

// Name implements pipeline.Stage.
func (Stage) Name() string { return "place" }

// Run resolves the document's GPE, LOC and FAC entities and appends one
// Place per resolved entity to a.Doc.Places.
func (s Stage) Run(ctx context.Context, a *text.Analysis) error {
	if err := lexicon.Check(); err != nil {
		return err
	}
	g := s.Gazetteer
	if g == nil {
		var err error
		if g, err = gazetteer.Default(); err != nil {
			return fmt.Errorf("place: %w", err)
		}
	}
	m := s.Model
	if m == nil {
		var err error
		if m, err = DefaultModel(); err != nil {
			return fmt.Errorf("place: %w", err)
		}
	}
	doc := a.Doc
	res := Resolve(g, m, doc)
	n := len(doc.Places)
	for i, e := range doc.Entities {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, ok := res[i]
		if !ok {
			continue
		}
		n++
		doc.Places = append(doc.Places, sitrep.Place{
			ID: "P" + strconv.Itoa(n), Entity: e.ID, Name: r.Name, Country: r.Country, Admin1: r.Admin1,
			Feature: r.Feature, Lat: round(r.Lat), Lon: round(r.Lon), GeonameID: r.GeonameID,
		})
		// a name seen only in capitals (a dateline: "KABUL -") reads as the
		// gazetteer writes it
		if isUpperWord(e.Name) {
			switch {
			case strings.EqualFold(e.Name, r.Name):
				doc.Entities[i].Name = r.Name
			case strings.Contains(e.Name, " ") || utf8.RuneCountInString(e.Name) > 3: // "GAZA CITY", "GENEVA"; not "UAE"
				doc.Entities[i].Name = titleCase(e.Name)
			}
		}
		// a place stands for its country as an actor: "Najaf" is IRQ
		if c, ok := country.ByISO2(r.Country); ok {
			if doc.Entities[i].Country == "" {
				doc.Entities[i].Country = c.ISO3
			}
			if doc.Entities[i].Code == "" {
				doc.Entities[i].Code = c.CAMEO
			}
		}
	}
	return nil
}

// titleCase writes each word of a name in capitals with a capital first
// letter and the rest in lower case.
func titleCase(s string) string {
	words := strings.Fields(s)
	for k, w := range words {
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		words[k] = string(r)
	}
	return strings.Join(words, " ")
}

// isUpperWord reports whether s has letters and none of them is lower case.
func isUpperWord(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

func round(x float64) float64 {
	return float64(int64(x*1e5+sign(x)*0.5)) / 1e5
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// IsPlaceType reports whether an entity type is geocoded: GPE, LOC or FAC.
func IsPlaceType(t string) bool { return t == "GPE" || t == "LOC" || t == "FAC" }

// namesOf lists the names to look an entity up by: its name, then its
// mentions' texts, each name once (as gazetteer.Key folds it).
func namesOf(e sitrep.Entity) []string {
	var out, keys, seen []string
	for i := -1; i < len(e.Mentions); i++ {
		n := e.Name
		if i >= 0 {
			n = e.Mentions[i].Text
		}
		if slices.Contains(seen, n) {
			continue
		}
		seen = append(seen, n)
		k := gazetteer.Key(n)
		if k == "" || slices.Contains(keys, k) {
			continue
		}
		keys = append(keys, k)
		out = append(out, n)
	}
	return out
}

// continentDemonyms maps the adjectives of continents and larger regions to
// the region they name ("latin american": "Latin America").
var continentDemonyms = lexicon.Values("place.continent-demonyms")

// demonymPlace returns the country or continent a demonym names.
func demonymPlace(g *gazetteer.Gazetteer, name string) *gazetteer.Entry {
	target, kind := "", gazetteer.KindCountry
	if c, ok := country.ByDemonym(name); ok {
		target = c.Name
	} else if n, ok := continentDemonyms[strings.TrimSuffix(gazetteer.Key(name), "s")]; ok {
		target, kind = n, gazetteer.KindLandmark
	}
	if target == "" {
		return nil
	}
	for _, e := range g.Lookup(target) {
		if e.Kind == kind {
			return &e
		}
	}
	return nil
}
