package event

import (
	"encoding/json"
	"os"
	"sitrep"
	"testing"
)

var referenceEntities = []ent{
	{names: []string{"United States", "US", "America", "American"}, typ: "GPE", code: "USA", country: "USA", feature: "PCLI"},
	{names: []string{"Joe Biden", "Biden"}, typ: "PERSON", code: "USAGOV", country: "USA"},
	{names: []string{"Iraq", "Iraqi"}, typ: "GPE", code: "IRQ", country: "IRQ", feature: "PCLI"},
	{names: []string{"Mustafa Al-Kazemi", "Al-Kazemi"}, typ: "PERSON", code: "IRQGOV", country: "IRQ"},
	{names: []string{"White House"}, typ: "ORG", code: "USAGOV", country: "USA"},
	{names: []string{"international coalition"}, typ: "ORG", code: "IGO"},
	{names: []string{"ISIS", "Islamic State"}, typ: "ORG", code: "IMGSUNISI"},
	{names: []string{"Iraqi Kurdistan"}, typ: "GPE", code: "IRQ", country: "IRQ", feature: "ADM1"},
	{names: []string{"Sefin Dizayi"}, typ: "PERSON", code: "IRQGOV", country: "IRQ"},
	{names: []string{"KRG"}, typ: "ORG", code: "IRQGOV", country: "IRQ"},
	{names: []string{"Saddam Hussein", "Saddam"}, typ: "PERSON", code: "IRQGOV", country: "IRQ"},
	{names: []string{"Popular Mobilization Forces"}, typ: "ORG", code: "IRQMIL", country: "IRQ"},
	{names: []string{"Najaf Governorate", "Najaf"}, typ: "GPE", country: "IRQ", feature: "ADM1"},
	{names: []string{"Baghdad"}, typ: "GPE", country: "IRQ", feature: "PPLC"},
	{names: []string{"Imam Ali Combat Team"}, typ: "ORG", country: "IRQ"},
	{names: []string{"Al Jazeera"}, typ: "ORG", code: "QATMED", country: "QAT"},
	{names: []string{"Syria"}, typ: "GPE", code: "SYR", country: "SYR", feature: "PCLI"},
}

func TestReferenceDebug(t *testing.T) {
	b, err := os.ReadFile("../../shared/articles/iraq-2021-07-27.txt")
	if err != nil {
		t.Skip("reference article not here")
	}
	a := buildDoc(string(b), "2021-07-27", referenceEntities, []tm{
		{"Monday evening", "2021-07-26TEV"}, {"March 2003", "2003-03"}, {"today", "2021-07-27"}, {"on Sunday", "2021-07-25"},
	})
	for _, ev := range runStage(t, a) {
		t.Log(describe(a.Doc, ev))
	}
}

func TestReferenceJSON(t *testing.T) {
	out := os.Getenv("SITREP_EVENT_JSON")
	if out == "" {
		t.Skip("set SITREP_EVENT_JSON to write the reference document")
	}
	b, err := os.ReadFile("../../shared/articles/iraq-2021-07-27.txt")
	if err != nil {
		t.Skip("reference article not here")
	}
	a := buildDoc(string(b), "2021-07-27", referenceEntities, []tm{
		{"Monday evening", "2021-07-26TEV"}, {"March 2003", "2003-03"}, {"today", "2021-07-27"}, {"on Sunday", "2021-07-25"},
	})
	runStage(t, a)
	for _, s := range a.Sentences {
		a.Doc.Sentences = append(a.Doc.Sentences, sitrep.Span{Start: s.Start, End: s.End})
	}
	a.Doc.ToRuneOffsets()
	j, _ := json.Marshal(a.Doc)
	if err := os.WriteFile(out, j, 0o644); err != nil {
		t.Fatal(err)
	}
}
