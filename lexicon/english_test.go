package lexicon

import "testing"

func TestIsParticiple(t *testing.T) {
	for w, want := range map[string]bool{"issued": true, "taken": true, "shown": true, "held": true, "fought": true,
		"said": true, "run": true, "table": false, "fight": false, "holds": false} {
		if got := IsParticiple(w); got != want {
			t.Errorf("%s: %v, want %v", w, got, want)
		}
	}
}

func TestModalWords(t *testing.T) {
	m, err := LoadModalWords()
	if err != nil {
		t.Fatal(err)
	}
	if !m.Negators["never"] || !m.Possible["might"] || !m.Future["will"] || !m.FutureVerbs["plans"] || !m.Directives["urged"] || !m.ClauseStops["because"] {
		t.Error("a modal word is missing from its class")
	}
	if m.Negators["will"] || m.Future["not"] {
		t.Error("a word is in the wrong class")
	}
	for _, bad := range []string{"not", "not\tnegation", "a\tb\tc"} {
		if _, err := ParseModalWords(bad, "m.tsv"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func FuzzParseModalWords(f *testing.F) {
	f.Add("not\tnegator\n# c\nwill\tfuture\n")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseModalWords(s, "fuzz") })
}
