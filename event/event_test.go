package event

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"sitrep"
	"sitrep/text"
)

func TestDefaultDictionary(t *testing.T) {
	d := Default()
	if len(d.Patterns) < 300 {
		t.Fatalf("only %d patterns", len(d.Patterns))
	}
	roots := map[string]bool{}
	for _, p := range d.Patterns {
		roots[p.Code[:2]] = true
	}
	for r := 1; r <= 20; r++ {
		if !roots[fmt.Sprintf("%02d", r)] {
			t.Errorf("no pattern for root %02d", r)
		}
	}
}

func TestCodeTables(t *testing.T) {
	for _, c := range []struct {
		code   string
		gold   float64
		quad   int
		plover string
	}{
		{"040", 1, 1, "CONSULT"}, {"195", -10, 4, "ASSAULT"}, {"0874", 10, 2, "RETREAT"}, {"141", -6.5, 4, "PROTEST"},
		{"010", 0, 1, ""}, {"173", -5, 4, "COERCE"},
	} {
		if g := Goldstein(c.code); g != c.gold {
			t.Errorf("Goldstein(%s) = %v, want %v", c.code, g, c.gold)
		}
		if q := QuadClass(c.code); q != c.quad {
			t.Errorf("QuadClass(%s) = %d", c.code, q)
		}
		if p := PLOVER(c.code); p != c.plover {
			t.Errorf("PLOVER(%s) = %s", c.code, p)
		}
	}
}

func TestVerbForms(t *testing.T) {
	for lemma, want := range map[string]string{
		"attack": "attacked", "ban": "banned", "agree": "agreed", "deny": "denied", "commit": "committed", "criticize": "criticizing",
	} {
		if !strings.Contains(" "+strings.Join(VerbForms(lemma, nil), " ")+" ", " "+want+" ") {
			t.Errorf("VerbForms(%s) = %v, lacks %s", lemma, VerbForms(lemma, nil), want)
		}
	}
}

func TestSentences(t *testing.T) {
	ents := []ent{
		{names: []string{"Israel", "Israeli"}, typ: "GPE", code: "ISR", country: "ISR", feature: "PCLI"},
		{names: []string{"Hamas"}, typ: "ORG", code: "PSEHMS", country: "PSE"},
		{names: []string{"Gaza"}, typ: "GPE", country: "PSE", feature: "PPL"},
		{names: []string{"Egypt"}, typ: "GPE", code: "EGY", country: "EGY", feature: "PCLI"},
		{names: []string{"Reuters"}, typ: "ORG", code: "MED"},
	}
	for _, c := range []struct{ text, want string }{
		{"Israeli warplanes bombed Hamas positions in Gaza on Monday.", "195 ISRMIL->PSEHMS asserted"},
		{"Hamas was attacked by Israel.", "190 ISR->PSEHMS asserted"},
		{"Israel will not attack Hamas.", "190 ISR->PSEHMS negated"},
		{"Egypt hosted talks between Israel and Hamas.", "043 EGY->ISR asserted"},
		{"Israel and Hamas agreed to a ceasefire.", "0871 ISR->PSEHMS asserted"},
		{"Egypt condemned Israel.", "111 EGY->ISR asserted"},
		{"Sources told Reuters that Hamas fired rockets at Israel.", "194 PSEHMS->ISR asserted"},
		{"Egypt said it may impose sanctions on Israel.", "163 EGY->ISR possible"},
		{"Egypt said the weather was fine.", "010 EGY-> asserted"},
		{"Gunmen who stormed Gaza on Monday were held.", "190 UAF->PSE asserted"},
		{"Egypt and Israel said they would keep talking.", "010 EGY-> asserted"},
		{"Egypt offered to mediate, Israeli officials told Reuters.", "026 EGY-> asserted"},
	} {
		a := buildDoc(c.text, "2024-01-01", ents, nil)
		evs := runStage(t, a)
		var got []string
		for _, ev := range evs {
			got = append(got, fmt.Sprintf("%s %s->%s %s", ev.CAMEO, ev.SourceCode, ev.TargetCode, ev.Modality))
		}
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("%q: got %v, want %s first", c.text, got, c.want)
		}
	}
}

func TestNeverPanics(t *testing.T) {
	for _, s := range []string{"", ".", "said", "the the the", "\"attack\"", "Police.", "A and B and", "killed 5 ,"} {
		a := buildDoc(s, "", nil, nil)
		runStage(t, a)
	}
}

func FuzzParsePatterns(f *testing.F) {
	f.Add(defaultPatterns[:2000])
	f.Add("190 verb attack|strike .. with drones  target acled=air\nirregular strike struck\n")
	f.Add("0874 noun withdrawal  neg=120\n040 phrase a_b|c .. d sym report casualty\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParsePatterns(strings.NewReader(s))
		if err != nil {
			return
		}
		doc := sitrep.NewDocument("Israel attacked Hamas with drones and agreed to a withdrawal.")
		a := text.Analyze(doc)
		(&Stage{Dict: d, RulesOnly: true}).Run(context.Background(), a)
	})
}

func ExampleStage() {
	doc := sitrep.NewDocument("Kenyan police arrested 45 protesters in Nairobi on Tuesday.")
	doc.Published = "2024-06-25"
	doc.Entities = []sitrep.Entity{{ID: "E1", Name: "Kenya", Type: sitrep.GPE, Code: "KEN", Country: "KEN",
		Mentions: []sitrep.Mention{{Start: 0, End: 6, Text: "Kenyan"}}}}
	a := text.Analyze(doc)
	if err := rulesStage().Run(context.Background(), a); err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range doc.Events {
		fmt.Println(ev.CAMEO, ev.SourceCode, ev.TargetCode, ev.PLOVER, ev.ACLEDSubtype, ev.Date)
	}
	// Output: 173 KENCOP OPP COERCE Arrests 2024-06-25
}

// BenchmarkStage codes the example articles and the reference article,
// with the trained coder (the default) and with the rules alone.
func BenchmarkStage(b *testing.B) {
	txt, err := os.ReadFile("../../shared/articles/iraq-2021-07-27.txt")
	if err != nil {
		b.Skip("reference article not here")
	}
	var all []byte
	for _, f := range []string{"protest.txt", "strike.txt", "agreement.txt", "disaster.txt", "airstrike.txt"} {
		t, _ := os.ReadFile("testdata/" + f)
		all = append(all, t...)
	}
	all = append(all, txt...)
	for _, c := range []struct {
		name string
		st   *Stage
	}{{"coder", New()}, {"rules", rulesStage()}} {
		b.Run(c.name, func(b *testing.B) {
			a := buildDoc(string(all), "2021-07-27", referenceEntities, nil)
			sents := len(a.Sentences)
			b.SetBytes(int64(len(all)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				a.Doc.Events = a.Doc.Events[:0]
				if err := c.st.Run(context.Background(), a); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(sents)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
		})
	}
}
