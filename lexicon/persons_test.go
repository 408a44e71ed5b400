package lexicon

import (
	"strings"
	"testing"
)

func TestPersons(t *testing.T) {
	p, err := LoadPersons()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		word string
		want PersonNoun
	}{
		{"critic", PersonNoun{Person: true}},
		{"critics", PersonNoun{Person: true, Plural: true}},
		{"witnesses", PersonNoun{Person: true, Plural: true}},
		{"spokesmen", PersonNoun{Person: true, Plural: true}},
		{"survivors", PersonNoun{Person: true, Plural: true}},
		{"official", PersonNoun{Person: true, Adjective: true}},
		{"officials", PersonNoun{Person: true, Plural: true}},
		{"table", PersonNoun{}},
		{"shakespeare", PersonNoun{}}, // a proper name
		{"news", PersonNoun{}},
	} {
		if got := p.Of(tc.word); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.word, got, tc.want)
		}
	}
	var zero Persons
	if zero.Of("critic").Person {
		t.Error("the zero value knows a noun")
	}
}

func TestParsePersonsErrors(t *testing.T) {
	for _, bad := range []string{"Critic", "critic\tverb", "two words", "critic\ncritic"} {
		_, err := ParsePersons(bad, "p.txt")
		if err == nil || !strings.Contains(err.Error(), "p.txt:") {
			t.Errorf("%q: error %v, want one naming the line", bad, err)
		}
	}
}

func FuzzParsePersons(f *testing.F) {
	f.Add("# c\ncritic\nofficial\tadjective\n")
	f.Fuzz(func(t *testing.T, data string) {
		p, err := ParsePersons(data, "fuzz")
		if err != nil {
			return
		}
		for w := range p.adjective {
			if !p.Of(w).Person {
				t.Fatalf("%q listed but not a person", w)
			}
		}
	})
}
