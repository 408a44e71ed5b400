package event

import (
	"testing"
	"strings"
	"sitrep/dict"
)

func TestZZExplore(t *testing.T) {
	for _, s := range []string{
		"Israeli airstrikes hit Gaza on Monday, killing twelve people and wounding dozens.",
		"Israeli warplanes bombed Hamas positions in Gaza, killing twelve militants.",
		"Twelve people were killed when Israeli warplanes bombed Gaza.",
		"Hamas fired rockets at Israel, wounding three civilians.",
	} {
		a := buildDoc(s, "2024-01-01", pinEnts2, nil)
		for _, ev := range runStage(t, a) {
			t.Logf("%q: %s", s, describe(a.Doc, ev))
		}
	}
	for _, w := range []string{"twelve", "dozens", "a", "one", "hundreds", "peace"} {
		v, ok := countWord(w)
		t.Logf("%s %d %v", w, v, ok)
	}
	ag, err := dict.ReadAgents(strings.NewReader("PRIME_MINISTER [~GOV]\nRIGHTS_GROUP [NGO~]\nPOLICE {} [~COP]\n"))
	if err != nil { t.Fatal(err) }
	as, _ := dict.ReadActors(strings.NewReader(pinActors + "DENETHOR [GONGOV]\n"))
	d := NewActorDict(as, ag, nil)
	for _, s := range []string{"gondor prime minister denethor met arnor police", "an arnor rights group accused gondor police", "the prime minister of gondor", "police arrested rights groups"} {
		for _, a := range d.find(strings.Fields(s), "20240101") {
			t.Logf("%q: %d-%d %s", s, a.start, a.end, a.code)
		}
	}
}

var pinEnts2 = []ent{
	{names: []string{"Israel", "Israeli"}, typ: "GPE", code: "ISR", country: "ISR", feature: "PCLI"},
	{names: []string{"Hamas"}, typ: "ORG", code: "PSEHMS", country: "PSE"},
	{names: []string{"Gaza"}, typ: "GPE", country: "PSE", feature: "PPL"},
}
