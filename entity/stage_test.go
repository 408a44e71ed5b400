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
