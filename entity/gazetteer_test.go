package entity

import (
	"context"
	"testing"

	"sitrep"
	"sitrep/place/gazetteer"
	"sitrep/text"
)

// TestStageUsesItsGazetteer: the stage asks the gazetteer it is given,
// not a process-wide one, whether a name is a place.
func TestStageUsesItsGazetteer(t *testing.T) {
	var b gazetteer.Builder
	b.Add(gazetteer.Entry{Name: "Borsetshire State", Kind: gazetteer.KindAdmin1, Feature: "ADM1", Country: "GB", Lat: 52, Lon: -2}, 1, "Borsetshire State")
	data, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	small, err := gazetteer.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	typeOf := func(g *gazetteer.Gazetteer) string {
		a := text.Analyze(sitrep.NewDocument("Officials of Borsetshire State met farmers on Monday."))
		if err := (Stage{Gazetteer: g}).Run(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Doc.Entities {
			if e.Name == "Borsetshire State" {
				return e.Type
			}
		}
		return "none"
	}
	if got := typeOf(small); got != sitrep.GPE {
		t.Errorf("with a gazetteer that knows it, Borsetshire State is %s, want GPE", got)
	}
	if got := typeOf(nil); got == sitrep.GPE {
		t.Errorf("with the embedded gazetteer, which does not know it, Borsetshire State is %s", got)
	}
}
