package lexicon

import (
	"strings"
	"testing"
)

func TestRoles(t *testing.T) {
	r, err := LoadRoles()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		phrase, sector string
		alone          bool
	}{
		{"police", "COP", true}, {"gunmen", "UAF", true}, {"militia", "UAF", true}, {"rebels", "REB", true},
		{"prime minister", "GOV", false}, {"villagers", "CVL", true}, {"ministry", "GOV", false},
	} {
		s, ok := r.Sector(tc.phrase)
		if !ok || s != tc.sector || r.Alone(tc.phrase) != tc.alone {
			t.Errorf("%s: sector %q %v alone %v, want %q alone %v", tc.phrase, s, ok, r.Alone(tc.phrase), tc.sector, tc.alone)
		}
	}
	if _, ok := r.Sector("table"); ok {
		t.Error("table is no role")
	}
	for _, tc := range []struct {
		words  string
		phrase int // PhraseAt 0
		alone  int // AloneAt 0
	}{
		{"prime minister said", 2, 0}, {"riot police fired", 2, 2}, {"police fired", 1, 1}, {"table", 0, 0},
	} {
		w := strings.Fields(tc.words)
		if got := r.PhraseAt(w, 0); got != tc.phrase {
			t.Errorf("PhraseAt(%q) = %d, want %d", tc.words, got, tc.phrase)
		}
		if got := r.AloneAt(w, 0); got != tc.alone {
			t.Errorf("AloneAt(%q) = %d, want %d", tc.words, got, tc.alone)
		}
	}
	if r.MaxWords() < 2 {
		t.Errorf("max words %d", r.MaxWords())
	}
}

func TestParseRolesErrors(t *testing.T) {
	for _, bad := range []string{"police\tCOP", "police\tCOPS\tyes", "Police\tCOP\tyes", "police\tCOP\tmaybe", "police\tCOP\tyes\npolice\tMIL\tno"} {
		_, err := ParseRoles(bad, "t.tsv")
		if err == nil || !strings.Contains(err.Error(), "t.tsv:") {
			t.Errorf("%q: error %v, want one naming the line", bad, err)
		}
	}
}

// FuzzParseRoles: any input gives a table or an error, never a panic.
func FuzzParseRoles(f *testing.F) {
	f.Add("police\tCOP\tyes\n# c\n\nprime minister\tGOV\tno\n")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseRoles(s, "fuzz") })
}
