package entity

import (
	"strings"
	"testing"

	"sitrep/text"
)

func TestRegionNoun(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Borno state", true},
		{"Elgeyo Marakwet county", true},
		{"Idlib province", true},
		{"Islamic State", false},
		{"county", false},
		{"Orange County", false},
		{"Red Cross", false},
	}
	for _, tt := range tests {
		if got := regionNoun(tt.name); got != tt.want {
			t.Errorf("regionNoun(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSplitPeopleAtWords(t *testing.T) {
	const s = "Yoon Suk Yeol met Kishida and Ursula von der Leyen"
	toks := text.Tokenize(s, 0, len(s))
	ms := []mention{{i: 0, j: 5, label: "PER"}, {i: 6, j: 10, label: "PER"}}
	got := splitPeopleAtWords(toks, ms)
	var names []string
	for _, m := range got {
		names = append(names, joinTokens(toks[m.i:m.j]))
	}
	want := []string{"Yoon Suk Yeol", "Kishida", "Ursula von der Leyen"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("split into %q, want %q", names, want)
	}
}

func TestJoinCountryOrgs(t *testing.T) {
	const s = "the Kenya National Union of Teachers and Kenya , Red Cross"
	toks := text.Tokenize(s, 0, len(s))
	ms := []mention{
		{i: 1, j: 2, label: "LOC"}, {i: 2, j: 6, label: "ORG"}, // adjacent: one organization
		{i: 7, j: 8, label: "LOC"}, {i: 9, j: 11, label: "ORG"}, // a comma between: two names
	}
	got := joinCountryOrgs(toks, ms)
	var names []string
	for _, m := range got {
		names = append(names, joinTokens(toks[m.i:m.j]))
	}
	want := []string{"Kenya National Union of Teachers", "Kenya", "Red Cross"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", names, want)
	}
	if got[0].country == nil || got[0].country.ISO3 != "KEN" {
		t.Errorf("the joined organization lost its country")
	}
}

func TestTitledNames(t *testing.T) {
	tests := []struct {
		text string
		ms   []mention // what the tagger found
		want []string  // people added
	}{
		{"Lagos State Governor Babajide Sanwo-Olu visited the market .", []mention{{i: 0, j: 2, label: "ORG"}}, []string{"Babajide Sanwo-Olu"}},
		{"Governor Smith said", nil, []string{"Smith"}},
		{"President Joe Biden said", []mention{{i: 1, j: 3, label: "PER"}}, nil}, // tagged already
		{"the Governor said", nil, nil},                                          // no name after it
		{"President Visits Flood Zone In North Of Country", nil, nil},            // runs on: a headline
		{"the Ministry of Defence said", nil, nil},                               // not a person's title
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text, 0, len(tt.text))
		got := titledNames(toks, append([]mention(nil), tt.ms...))
		var added []string
		for _, m := range got[len(tt.ms):] {
			added = append(added, joinTokens(toks[m.i:m.j]))
		}
		if strings.Join(added, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: added %q, want %q", tt.text, added, tt.want)
		}
	}
}

func TestJoinNameRuns(t *testing.T) {
	tests := []struct {
		text string
		ms   []mention
		want string // name/label, |-separated
	}{
		{"a warehouse of the Imam Ali Combat Team , one of the factions",
			[]mention{{i: 4, j: 6, label: "PER"}, {i: 7, j: 8, label: "PER"}},
			"Imam Ali Combat Team/ORG"},
		{"after the Energy and Petroleum Regulatory Authority cut subsidies",
			[]mention{{i: 2, j: 3, label: "LOC"}, {i: 4, j: 7, label: "ORG"}},
			"Energy and Petroleum Regulatory Authority/ORG"},
		{"Typhoon Doksuri slammed into the Philippines",
			[]mention{{i: 1, j: 2, label: "PER"}, {i: 5, j: 6, label: "LOC"}},
			"Typhoon Doksuri/PER|Philippines/LOC"},
		{"Lagos State Governor Babajide Sanwo-Olu visited",
			[]mention{{i: 0, j: 2, label: "ORG"}, {i: 3, j: 5, label: "ORG"}},
			"Lagos State/ORG|Babajide Sanwo-Olu/PER"},
		// no head word after the span: nothing changes
		{"Ali Hassan Combat fighters said",
			[]mention{{i: 0, j: 2, label: "PER"}},
			"Ali Hassan/PER"},
		// "and" joins only after "the", and never a country to a body
		{"Iraq and Syria Council met ; Kenya and Uganda Army units",
			[]mention{{i: 0, j: 1, label: "LOC"}, {i: 2, j: 4, label: "ORG"}, {i: 6, j: 7, label: "LOC"}, {i: 8, j: 10, label: "ORG"}},
			"Iraq/LOC|Syria Council/ORG|Kenya/LOC|Uganda Army/ORG"},
		// a span that runs past the head is left alone
		{"the Popular Mobilization Forces Chief Faleh al-Fayyad",
			[]mention{{i: 1, j: 3, label: "ORG"}, {i: 3, j: 7, label: "PER"}},
			"Popular Mobilization/ORG|Forces Chief Faleh al-Fayyad/PER"},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text, 0, len(tt.text))
		var got []string
		for _, m := range joinNameRuns(toks, append([]mention(nil), tt.ms...)) {
			got = append(got, joinTokens(toks[m.i:m.j])+"/"+m.label)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, g, tt.want)
		}
	}
}

func TestPortfolioNames(t *testing.T) {
	tests := []struct {
		text string
		ms   []mention
		want string
	}{
		{"by Vietnam 's Minister of Industry and Trade Nguyen Hong Dien and Laos",
			[]mention{{i: 1, j: 2, label: "LOC"}, {i: 6, j: 12, label: "ORG"}, {i: 13, j: 14, label: "LOC"}},
			"Vietnam/LOC|Nguyen Hong Dien/PER|Laos/LOC"},
		{"Minister of Energy and Mines Phoxay Sayasone said",
			[]mention{{i: 2, j: 3, label: "LOC"}, {i: 4, j: 7, label: "ORG"}},
			"Phoxay Sayasone/PER"},
		// a title without a name: the portfolio is no name either
		{"The Minister of Health said the outbreak was over",
			[]mention{{i: 3, j: 4, label: "ORG"}},
			""},
		// a ministry is a body, not a title
		{"the Ministry of Energy and Mines said",
			[]mention{{i: 1, j: 6, label: "ORG"}},
			"Ministry of Energy and Mines/ORG"},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.text, 0, len(tt.text))
		var got []string
		for _, m := range portfolioNames(toks, append([]mention(nil), tt.ms...)) {
			got = append(got, joinTokens(toks[m.i:m.j])+"/"+m.label)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, g, tt.want)
		}
	}
}

func TestDropHeadlineClauses(t *testing.T) {
	const s = "Trump Adds Former Fox News Analyst To His Team As Bank Of America Falls"
	toks := text.Tokenize(s, 0, len(s))
	ms := []mention{
		{i: 0, j: 9, label: "ORG"},   // "Trump ... His Team": runs over "To" and "His"
		{i: 10, j: 13, label: "ORG"}, // "Bank Of America": "Of" is inside names
		{i: 3, j: 5, label: lex},     // a list's name stays whatever it holds
	}
	var names []string
	for _, m := range dropHeadlineClauses(toks, ms) {
		names = append(names, joinTokens(toks[m.i:m.j]))
	}
	if got, want := strings.Join(names, "|"), "Bank Of America|Fox News"; got != want {
		t.Errorf("kept %q, want %q", got, want)
	}
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Exit Polls In West Virginia Spell Bad News For Hillary Clinton.", true},
		{"Exit polls in West Virginia spell bad news for Hillary Clinton.", false},
		{"Trump Wins", false}, // too short to tell
	} {
		toks := text.Tokenize(tc.s, 0, len(tc.s))
		if got := titleCase(toks); got != tc.want {
			t.Errorf("titleCase(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestTypeByHead(t *testing.T) {
	tests := []struct {
		name, place, lawOrEvent string
	}{
		{"Henry County", "GPE", ""},
		{"Freeman Drive", "FAC", ""},
		{"KCOM Stadium", "FAC", ""},
		{"County", "", ""}, // one word: the head alone names nothing
		{"Voting Rights Act", "", "LAW"},
		{"Cold War", "", "EVENT"},
		{"Ministry of War", "", ""},
		{"Arsenio Hall", "", ""}, // "hall" ends people's names too
		{"Nathan Lane", "", ""},
	}
	for _, tt := range tests {
		last := strings.ToLower(lastWord(tt.name))
		if got := placeByHead(tt.name, last); got != tt.place {
			t.Errorf("placeByHead(%q) = %q, want %q", tt.name, got, tt.place)
		}
		if got := lawOrEventByHead(tt.name, last); got != tt.lawOrEvent {
			t.Errorf("lawOrEventByHead(%q) = %q, want %q", tt.name, got, tt.lawOrEvent)
		}
	}
}
