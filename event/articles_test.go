package event

import (
	"os"
	"strings"
	"testing"

	"sitrep"
)

// want is one event a reader codes: its root, and a word of its source
// and target names ("" for any, "-" for none).
type want struct{ root, src, tgt string }

var articleCases = []struct {
	file   string
	date   string
	ents   []ent
	want   []want
	forbid []string // roots that must not be coded
	places map[string]string
}{
	{
		file: "protest.txt", date: "2022-07-07",
		ents: []ent{
			{names: []string{"Kenya", "Kenyan"}, typ: "GPE", code: "KEN", country: "KEN", feature: "PCLI"},
			{names: []string{"Nairobi"}, typ: "GPE", country: "KEN", feature: "PPLC"},
			{names: []string{"Mombasa"}, typ: "GPE", country: "KEN", feature: "PPL"},
			{names: []string{"Kenya National Commission on Human Rights"}, typ: "ORG", code: "KENNGO", country: "KEN"},
			{names: []string{"Raila Odinga"}, typ: "PERSON", code: "KENOPP", country: "KEN"},
			{names: []string{"Kithure Kindiki"}, typ: "PERSON", code: "KENGOV", country: "KEN"},
		},
		want: []want{{"17", "Kenya", "OPP"}, {"14", "", ""}, {"19", "", "COP"}, {"02", "Odinga", "GOV"}, {"11", "Kindiki", ""}, {"17", "", ""}},
	},
	{
		file: "strike.txt", date: "2023-03-02",
		ents: []ent{
			{names: []string{"England"}, typ: "GPE", code: "GBR", country: "GBR", feature: "ADM1"},
			{names: []string{"London"}, typ: "GPE", country: "GBR", feature: "PPLC"},
			{names: []string{"Royal College of Nursing"}, typ: "ORG", code: "GBRLAB", country: "GBR"},
			{names: []string{"Steve Barclay"}, typ: "PERSON", code: "GBRGOV", country: "GBR"},
		},
		want:   []want{{"14", "HLH", ""}, {"12", "Royal College", ""}, {"02", "Barclay", "Royal College"}},
		forbid: []string{"18", "19", "20"},
	},
	{
		file: "agreement.txt", date: "2022-11-02",
		ents: []ent{
			{names: []string{"Ethiopia"}, typ: "GPE", code: "ETH", country: "ETH", feature: "PCLI"},
			{names: []string{"Tigray People's Liberation Front"}, typ: "ORG", code: "ETHREB", country: "ETH"},
			{names: []string{"Pretoria"}, typ: "GPE", country: "ZAF", feature: "PPLA"},
			{names: []string{"Tigray", "Tigrayan"}, typ: "GPE", country: "ETH", feature: "ADM1"},
			{names: []string{"African Union"}, typ: "ORG", code: "IGOAFRAU"},
			{names: []string{"Olusegun Obasanjo"}, typ: "PERSON", code: "IGOAFRAU"},
			{names: []string{"United Nations"}, typ: "ORG", code: "IGOUNO"},
		},
		want:   []want{{"05", "Ethiopia", "Tigray"}, {"05", "United Nations", ""}},
		forbid: []string{"18", "20"},
	},
	{
		file: "disaster.txt", date: "2022-10-30",
		ents: []ent{
			{names: []string{"Philippines"}, typ: "GPE", code: "PHL", country: "PHL", feature: "PCLI"},
			{names: []string{"Manila"}, typ: "GPE", country: "PHL", feature: "PPLC"},
			{names: []string{"Albay"}, typ: "GPE", country: "PHL", feature: "ADM2"},
			{names: []string{"Japan"}, typ: "GPE", code: "JPN", country: "JPN", feature: "PCLI"},
			{names: []string{"Ferdinand Marcos"}, typ: "PERSON", code: "PHLGOV", country: "PHL"},
		},
		want:   []want{{"03", "Japan", "Philippines"}, {"04", "Marcos", "Albay"}},
		forbid: []string{"17", "18", "19", "20"},
	},
	{
		file: "airstrike.txt", date: "2022-01-21",
		ents: []ent{
			{names: []string{"Sanaa"}, typ: "GPE", country: "YEM", feature: "PPLC"},
			{names: []string{"Saudi", "Saudi Arabia"}, typ: "GPE", code: "SAU", country: "SAU", feature: "PCLI"},
			{names: []string{"Yemeni", "Yemen"}, typ: "GPE", code: "YEM", country: "YEM", feature: "PCLI"},
			{names: []string{"Saada"}, typ: "GPE", country: "YEM", feature: "PPLA"},
			{names: []string{"Houthi"}, typ: "ORG", code: "YEMREB", country: "YEM"},
			{names: []string{"United Nations"}, typ: "ORG", code: "IGOUNO"},
		},
		want: []want{{"19", "IGO", "YEM"}, {"19", "Houthi", ""}, {"19", "Houthi", "Saudi"}, {"02", "United Nations", ""}},
	},
}

func TestArticles(t *testing.T) {
	for _, c := range articleCases {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile("testdata/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			a := buildDoc(string(b), c.date, c.ents, nil)
			evs := runStage(t, a)
			name := func(id *string) string {
				if id == nil {
					return ""
				}
				if e := entityByID(a.Doc, *id); e != nil {
					return e.Name
				}
				return ""
			}
			used := map[int]bool{}
			for _, w := range c.want {
				found := false
				for i, ev := range evs {
					if used[i] || ev.Root != w.root {
						continue
					}
					src := name(ev.Source) + " " + ev.SourceCode + " " + ev.Text
					tgt := name(ev.Target) + " " + ev.TargetCode
					if strings.Contains(strings.ToLower(src), strings.ToLower(w.src)) && strings.Contains(strings.ToLower(tgt), strings.ToLower(w.tgt)) {
						used[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("missing %v", w)
				}
			}
			for _, ev := range evs {
				for _, r := range c.forbid {
					if ev.Root == r {
						t.Errorf("forbidden root %s: %s", r, describe(a.Doc, ev))
					}
				}
				if ev.Date == "" || ev.Goldstein != Goldstein(ev.CAMEO) || ev.QuadClass == 0 {
					t.Errorf("event without date or codes: %s", describe(a.Doc, ev))
				}
			}
			if t.Failed() || testing.Verbose() {
				for _, ev := range evs {
					t.Log(describe(a.Doc, ev))
				}
			}
		})
	}
}

var _ = sitrep.Asserted
