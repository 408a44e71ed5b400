package place

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

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
	}
	return nil
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
