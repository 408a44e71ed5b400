package entity

import (
	"context"
	"testing"

	"sitrep"
	"sitrep/text"
)

// TestPlaceActors checks what a resolved place gives its entity: a
// dateline's capitals read as the gazetteer writes the name, an acronym
// of three letters keeps its capitals, and a place without a code takes its country's
// (a code of its own stays).
func TestPlaceActors(t *testing.T) {
	doc := sitrep.NewDocument("KABUL - Protesters marched in Najaf and GAZA CITY. The UAE and NATO said nothing.")
	a := text.Analyze(doc)
	doc.Entities = []sitrep.Entity{
		{ID: "E1", Name: "KABUL", Type: sitrep.GPE},
		{ID: "E2", Name: "Najaf", Type: sitrep.GPE},
		{ID: "E3", Name: "GAZA CITY", Type: sitrep.GPE},
		{ID: "E4", Name: "UAE", Type: sitrep.GPE},
		{ID: "E5", Name: "Tunis", Type: sitrep.GPE, Code: "TUNGOV", Country: "TUN"},
	}
	doc.Entities = append(doc.Entities, sitrep.Entity{ID: "E6", Name: "NATO", Type: sitrep.Org, Code: "IGOWSTNAT"})
	doc.Places = []sitrep.Place{
		{ID: "P1", Entity: "E1", Name: "Kabul", Country: "AF"},
		{ID: "P2", Entity: "E2", Name: "Najaf", Country: "IQ"},
		{ID: "P3", Entity: "E3", Name: "Gaza", Country: "PS"},
		{ID: "P4", Entity: "E4", Name: "United Arab Emirates", Country: "AE"},
		{ID: "P5", Entity: "E5", Name: "Tunis", Country: "TN"},
	}
	if err := (Actors{}).Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, country, code string }{
		{"Kabul", "AFG", "AFG"},
		{"Najaf", "IRQ", "IRQ"},
		{"Gaza City", "PSE", "PSE"},
		{"UAE", "ARE", "ARE"},
		{"Tunis", "TUN", "TUNGOV"},
		{"NATO", "", "IGOWSTNAT"}, // no place
	}
	for i, w := range want {
		e := doc.Entities[i]
		if e.Name != w.name || e.Country != w.country || e.Code != w.code {
			t.Errorf("%s: got %q %q %q, want %q %q %q", e.ID, e.Name, e.Country, e.Code, w.name, w.country, w.code)
		}
	}
}

func TestCapitalizeWords(t *testing.T) {
	for in, want := range map[string]string{"GAZA CITY": "Gaza City", "NEW YORK": "New York", "ÉVRY": "Évry"} {
		if got := capitalizeWords(in); got != want {
			t.Errorf("capitalizeWords(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithSector(t *testing.T) {
	for _, tt := range [][3]string{{"IRQ", "GOV", "IRQGOV"}, {"IRQMIL", "GOV", "IRQMIL"}, {"", "GOV", ""}, {"IGOUNO", "GOV", "IGOUNO"}} {
		if got := WithSector(tt[0], tt[1]); got != tt[2] {
			t.Errorf("WithSector(%q, %q) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
}
