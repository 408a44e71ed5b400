package place

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"sitrep"
	"sitrep/text"
)

// docWith builds a document whose entities are the given names, typed, with
// one mention at each place the name occurs in txt.
func docWith(txt string, ents ...[2]string) *text.Analysis {
	doc := sitrep.NewDocument(txt)
	a := text.Analyze(doc)
	for i, e := range ents {
		en := sitrep.Entity{ID: fmt.Sprintf("E%d", i+1), Name: e[0], Type: e[1]}
		for off := 0; ; {
			j := strings.Index(txt[off:], e[0])
			if j < 0 {
				break
			}
			en.Mentions = append(en.Mentions, sitrep.Mention{Start: off + j, End: off + j + len(e[0]), Text: e[0]})
			off += j + len(e[0])
		}
		doc.Entities = append(doc.Entities, en)
	}
	return a
}

func placeOf(t *testing.T, a *text.Analysis, name string) *sitrep.Place {
	t.Helper()
	var id string
	for _, e := range a.Doc.Entities {
		if e.Name == name {
			id = e.ID
		}
	}
	for i, p := range a.Doc.Places {
		if p.Entity == id {
			return &a.Doc.Places[i]
		}
	}
	return nil
}

func TestDisambiguation(t *testing.T) {
	cases := []struct {
		name, text string
		ents       [][2]string
		target     string
		country    string
		admin1     string
		feature    string
	}{
		{"Paris alone", "Protesters marched in Paris on Saturday.", [][2]string{{"Paris", "GPE"}}, "Paris", "FR", "", "PPLC"},
		{"Paris with France", "Paris and Lyon saw protests across France.", [][2]string{{"Paris", "GPE"}, {"Lyon", "GPE"}, {"France", "GPE"}}, "Paris", "FR", "", "PPLC"},
		{"Paris Texas", "A tornado hit Paris, Texas, near Dallas.", [][2]string{{"Paris", "GPE"}, {"Texas", "GPE"}, {"Dallas", "GPE"}}, "Paris", "US", "Texas", ""},
		{"Washington the government", "Washington imposed sanctions on Iran.", [][2]string{{"Washington", "GPE"}, {"Iran", "GPE"}}, "Washington", "US", "District of Columbia", "PPLC"},
		{"Washington state", "Wildfires spread in Washington state near Spokane and Seattle.", [][2]string{{"Washington state", "GPE"}, {"Spokane", "GPE"}, {"Seattle", "GPE"}}, "Washington state", "US", "Washington", "ADM1"},
		{"Georgia country", "Russian troops entered Georgia, and Tbilisi protested.", [][2]string{{"Georgia", "GPE"}, {"Tbilisi", "GPE"}, {"Russian", "NORP"}}, "Georgia", "GE", "", "PCLI"},
		{"Georgia state", "Voters in Atlanta and Savannah, Georgia, went to the polls.", [][2]string{{"Atlanta", "GPE"}, {"Savannah", "GPE"}, {"Georgia", "GPE"}}, "Georgia", "US", "Georgia", "ADM1"},
		{"Najaf Governorate", "A fire broke out in Najaf Governorate, south of the capital, Baghdad.", [][2]string{{"Najaf Governorate", "GPE"}, {"Baghdad", "GPE"}}, "Najaf Governorate", "IQ", "Najaf", "ADM1"},
		{"Iraqi context", "Iraqi forces entered Tikrit.", [][2]string{{"Iraqi", "NORP"}, {"Tikrit", "GPE"}}, "Tikrit", "IQ", "", ""},
		{"White House", "The White House said on Monday.", [][2]string{{"White House", "FAC"}}, "White House", "US", "", "BLDG"},
		{"Kurdistan", "Oil exports from Kurdistan resumed.", [][2]string{{"Kurdistan", "GPE"}}, "Kurdistan", "IQ", "", ""},
		{"America", "America will respond.", [][2]string{{"America", "GPE"}}, "America", "US", "", "PCLI"},
		{"Alexandria Louisiana", "Police in Alexandria, Louisiana, arrested a man in Pineville.", [][2]string{{"Alexandria", "GPE"}, {"Louisiana", "GPE"}, {"Pineville", "GPE"}}, "Alexandria", "US", "Louisiana", ""},
		{"Alexandria Egypt", "Clashes in Alexandria and Cairo left Egypt tense.", [][2]string{{"Alexandria", "GPE"}, {"Cairo", "GPE"}, {"Egypt", "GPE"}}, "Alexandria", "EG", "", ""},
		{"Middle East", "Tensions in the Middle East rose.", [][2]string{{"Middle East", "LOC"}}, "Middle East", "", "", "RGN"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := docWith(c.text, c.ents...)
			if err := (Stage{}).Run(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			p := placeOf(t, a, c.target)
			if p == nil {
				t.Fatalf("%s: no place", c.target)
			}
			if p.Country != c.country || c.admin1 != "" && p.Admin1 != c.admin1 || c.feature != "" && p.Feature != c.feature {
				t.Errorf("%s -> %+v", c.target, *p)
			}
		})
	}
}

func TestUnresolved(t *testing.T) {
	a := docWith("Zzyzxville Qqq met Joe Biden.", [2]string{"Zzyzxville Qqq", "GPE"}, [2]string{"Joe Biden", "PERSON"})
	if err := (Stage{}).Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Doc.Places) != 0 {
		t.Errorf("places: %+v", a.Doc.Places)
	}
}

func TestIDs(t *testing.T) {
	a := docWith("From Baghdad to Basra and Mosul.", [2]string{"Baghdad", "GPE"}, [2]string{"Basra", "GPE"}, [2]string{"Mosul", "GPE"})
	if err := (Stage{}).Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for i, p := range a.Doc.Places {
		if p.ID != fmt.Sprintf("P%d", i+1) || p.Entity != fmt.Sprintf("E%d", i+1) || p.GeonameID == 0 || p.Country != "IQ" {
			t.Errorf("%+v", p)
		}
	}
}

func BenchmarkStage(b *testing.B) {
	txt := strings.Repeat("Officials in Baghdad and Washington met in Paris, France, while protests spread from Najaf Governorate to Basra and the Gulf. ", 20)
	ents := [][2]string{{"Baghdad", "GPE"}, {"Washington", "GPE"}, {"Paris", "GPE"}, {"France", "GPE"}, {"Najaf Governorate", "GPE"}, {"Basra", "GPE"}, {"Gulf", "LOC"}}
	a := docWith(txt, ents...)
	b.SetBytes(int64(len(txt)))
	b.ResetTimer()
	for b.Loop() {
		a.Doc.Places = nil
		if err := (Stage{}).Run(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleStage() {
	a := docWith("Voters in Atlanta and Savannah, Georgia, went to the polls.",
		[2]string{"Atlanta", "GPE"}, [2]string{"Savannah", "GPE"}, [2]string{"Georgia", "GPE"})
	_ = Stage{}.Run(context.Background(), a)
	for _, p := range a.Doc.Places {
		fmt.Println(p.ID, p.Entity, p.Name, p.Country, p.Feature)
	}
	// Output:
	// P1 E1 Atlanta US PPLA
	// P2 E2 Savannah US PPLA2
	// P3 E3 Georgia US ADM1
}

// TestStageWritesOnlyPlaces checks that the place stage leaves the
// entities as it found them: names and actor codes are the entity
// package's (entity.Actors).
func TestStageWritesOnlyPlaces(t *testing.T) {
	a := docWith("KABUL - Protesters marched in Najaf.", [2]string{"KABUL", "GPE"}, [2]string{"Najaf", "GPE"})
	before := slices.Clone(a.Doc.Entities)
	if err := (Stage{}).Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Doc.Places) != 2 {
		t.Fatalf("got %d places, want 2", len(a.Doc.Places))
	}
	for i, e := range a.Doc.Entities {
		if e.Name != before[i].Name || e.Country != before[i].Country || e.Code != before[i].Code {
			t.Errorf("entity %s changed: %+v, was %+v", e.ID, e, before[i])
		}
	}
}

// TestTimeIsNoPlace checks that a name read as a time ("last Christmas")
// is not geocoded (Christmas, Florida), while the same name outside a time
// expression still is.
func TestTimeIsNoPlace(t *testing.T) {
	txt := "Gunmen killed 18 people there last Christmas."
	a := docWith(txt, [2]string{"Christmas", sitrep.GPE})
	st := strings.Index(txt, "last Christmas")
	a.Doc.Times = []sitrep.Time{{ID: "T1", Start: st, End: st + len("last Christmas"), Text: "last Christmas", Type: sitrep.TimeDate, Value: "1995-12-25"}}
	if err := (Stage{}).Run(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if p := placeOf(t, a, "Christmas"); p != nil {
		t.Errorf("a holiday read as a time was geocoded: %+v", p)
	}
	b := docWith("Flooding hit Christmas, Florida, on Monday.", [2]string{"Christmas", sitrep.GPE}, [2]string{"Florida", sitrep.GPE})
	if err := (Stage{}).Run(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	if p := placeOf(t, b, "Christmas"); p == nil {
		t.Error("the town of Christmas outside a time is no place")
	}
}
