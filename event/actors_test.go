package event

import (
	"reflect"
	"testing"

	"sitrep"
)

// TestNounActors checks the person nouns and determined role phrases that
// only the participant rankers read: after the rules' actors, never
// inside them, not a title before a name, not the people of a body named
// after "of", not an adjective that may name a person ("general").
func TestNounActors(t *testing.T) {
	st := &Stage{}
	d, roles, err := st.data()
	if err != nil {
		t.Fatal(err)
	}
	ents := []ent{
		{names: []string{"Kenya"}, typ: sitrep.GPE, code: "KEN"},
		{names: []string{"Hamas"}, typ: sitrep.Org, code: "PSENGO"},
		{names: []string{"John Smith"}, typ: sitrep.Person},
	}
	for _, tc := range []struct {
		text         string
		nouns, ruled []string
	}{
		{"Critics in Kenya accused the government of lying.", []string{"Critics"}, []string{"Kenya", "government"}},
		{"The prime minister visited Kenya.", []string{"prime minister"}, []string{"Kenya"}},
		{"A spokesman for the survivors in Kenya spoke.", []string{"spokesman", "survivors"}, []string{"Kenya"}},
		{"Leaders of Hamas condemned the attack.", nil, []string{"Hamas"}},
		{"Spokesman John Smith said so.", nil, []string{"John Smith"}},
		{"The general election in Kenya was held.", nil, []string{"Kenya"}},
		{"Soldiers fired on the protesters.", nil, []string{"Soldiers", "protesters"}},
	} {
		a := buildDoc(tc.text, "2024-03-04", ents, nil)
		s := st.newDocState(a.Doc, d, roles, "").prepare(0, &a.Sentences[0])
		var nouns, ruled []string
		for k, ac := range s.actors {
			if k < s.nRuled {
				ruled = append(ruled, ac.text)
				continue
			}
			nouns = append(nouns, ac.text)
			if !ac.noun || ac.ent >= 0 {
				t.Errorf("%q: %q after the rules' actors is no person noun", tc.text, ac.text)
			}
			for i := ac.start; i < ac.end; i++ {
				if s.actAt[i] >= 0 {
					t.Errorf("%q: %q is inside a rules' actor", tc.text, ac.text)
				}
			}
		}
		if !reflect.DeepEqual(nouns, tc.nouns) || !reflect.DeepEqual(ruled, tc.ruled) {
			t.Errorf("%q: nouns %q ruled %q, want %q and %q", tc.text, nouns, ruled, tc.nouns, tc.ruled)
		}
	}
}
