package entity

import (
	"strings"
	"testing"

	"sitrep"
	"sitrep/text"
)

// TestSplitOrgAtTitles pins that only an organization's span is cut at a
// leader's title inside it: a person's span keeps its title.
func TestSplitOrgAtTitles(t *testing.T) {
	tests := []struct {
		text string
		ms   []mention // what the tagger found
		want string    // name/label, |-separated
	}{
		// an organization that runs on into its president: the union and a person
		{"UAW President Shawn Fain said the strike would go on",
			[]mention{{i: 0, j: 4, label: "ORG"}},
			"UAW/ORG|Shawn Fain/PER"},
		// a person's span with a leader's title inside stays whole
		{"Prime Minister Mark Rutte said the talks failed",
			[]mention{{i: 0, j: 4, label: "PER"}},
			"Prime Minister Mark Rutte/PER"},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text, 0, len(tt.text))
		var got []string
		for _, m := range splitOrgAtTitles(toks, append([]mention(nil), tt.ms...)) {
			got = append(got, joinTokens(toks[m.i:m.j])+"/"+m.label)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, g, tt.want)
		}
	}
}

// TestPeopleTakenForOrgs pins when an organization found by the tagger is
// retyped as a person: its last word is used alone for a person, and no
// word of it belongs to organizations.
func TestPeopleTakenForOrgs(t *testing.T) {
	org := func(s string) mention {
		return mention{typ: sitrep.Org, label: "ORG", source: "ner", code: "X", text: s}
	}
	per := func(s string) mention { return mention{typ: sitrep.Person, label: "PER", source: "ner", text: s} }
	tests := []struct {
		name string
		ms   []mention
		want string // the first mention's type/label/code after the pass
	}{
		// "Bassirou Diomaye Faye ... congratulated Faye": plain name words,
		// the last one alone a person: a person, without the org's code
		{"a name the tagger took for an organization", []mention{org("Bassirou Diomaye Faye"), per("Faye")}, "PERSON/PER/"},
		// no person goes by the last word alone: it stays an organization
		{"no surname alone", []mention{org("Bassirou Diomaye Faye"), per("Macky Sall")}, "ORG/ORG/X"},
		// a head word of bodies keeps it an organization
		{"an organization's head word", []mention{org("Imam Hussein Brigade"), per("Brigade")}, "ORG/ORG/X"},
		// a sector word (the government's "Cabinet") keeps it an organization
		{"a sector word", []mention{org("Cabinet Kindiki"), per("Kindiki")}, "ORG/ORG/X"},
		// a country's name keeps it an organization
		{"a country word", []mention{org("Senegal Faye"), per("Faye")}, "ORG/ORG/X"},
	}
	for _, tt := range tests {
		ms := append([]mention(nil), tt.ms...)
		peopleTakenForOrgs(ms)
		if got := ms[0].typ + "/" + ms[0].label + "/" + ms[0].code; got != tt.want {
			t.Errorf("%s: %q is %s, want %s", tt.name, ms[0].text, got, tt.want)
		}
	}
}

// TestLexiconLongestOrg: the lexicon scans for organizations as long as
// its longest name, so every name of data/orgs.tsv fits the scan.
func TestLexiconLongestOrg(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	longest := 0
	for _, o := range lx.orgs {
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			if c := len(strings.Fields(strings.ReplaceAll(n, "'s", " 's"))); c > longest {
				longest = c
			}
		}
	}
	if lx.maxOrg != longest || longest < 4 {
		t.Errorf("the scan covers %d words, the longest name has %d", lx.maxOrg, longest)
	}
}
