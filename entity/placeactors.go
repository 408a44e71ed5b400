package entity

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/country"
	"sitrep/text"
)

// Actors is the pipeline step, run after the place stage, that gives the
// entities the place stage resolved what their places say: a name seen
// only in capitals (a dateline's "KABUL") as the gazetteer writes it, and
// the CAMEO actor code of the place's country, since a place stands for
// its country as an actor ("Najaf" is IRQ). With the entity stage's own
// codes (names, known actors) it makes this package the one owner of actor
// codes: the place stage writes only places.
type Actors struct{}

// Name returns "actors".
func (Actors) Name() string { return "actors" }

// Run gives a.Doc's resolved places' entities their names and codes.
func (Actors) Run(ctx context.Context, a *text.Analysis) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	PlaceActors(a.Doc)
	return nil
}

// PlaceActors gives each entity that one of doc's places resolves its
// place's name when the text writes it only in capitals, and its country
// and code from the place's country when the entity has none.
func PlaceActors(doc *sitrep.Document) {
	byID := make(map[string]int, len(doc.Entities))
	for i, e := range doc.Entities {
		byID[e.ID] = i
	}
	for _, p := range doc.Places {
		i, ok := byID[p.Entity]
		if !ok {
			continue
		}
		e := &doc.Entities[i]
		if text.IsUpperWord(e.Name) {
			switch {
			case strings.EqualFold(e.Name, p.Name):
				e.Name = p.Name
			case (strings.Contains(e.Name, " ") || utf8.RuneCountInString(e.Name) > 3) && !strings.Contains(e.Name, "."): // "GAZA CITY", "GENEVA"; not "UAE", "S.D."
				e.Name = capitalizeWords(e.Name)
			}
		}
		if c, ok := country.ByISO2(p.Country); ok {
			if e.Country == "" {
				e.Country = c.ISO3
			}
			if e.Code == "" {
				e.Code = c.CAMEO
			}
		}
	}
}

// ActorCode is an entity's CAMEO actor code: its own, else its country's.
func ActorCode(e *sitrep.Entity) string {
	if e.Code != "" {
		return e.Code
	}
	return e.Country
}

// WithSector returns the code of an actor of code's country in sector:
// "IRQ" with "GOV" is "IRQGOV". A code that is more than a country's
// three letters ("IRQMIL", "IGOUNO") already has its sector and stays as
// it is, as does an empty one.
func WithSector(code, sector string) string {
	if len(code) != 3 {
		return code
	}
	return code + sector
}

// capitalizeWords writes each word of a name in capitals with a capital first
// letter and the rest in lower case.
func capitalizeWords(s string) string {
	words := strings.Fields(s)
	for k, w := range words {
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		words[k] = string(r)
	}
	return strings.Join(words, " ")
}
