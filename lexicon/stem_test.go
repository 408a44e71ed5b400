package lexicon

import "testing"

func TestStem(t *testing.T) {
	for w, want := range map[string]string{"accused": "accus", "accuses": "accus", "accusing": "accus", "denied": "deny", "denies": "deny",
		"stopped": "stop", "shelling": "shell", "planned": "plan", "said": "said", "press": "press", "claiming": "claim"} {
		if got := Stem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	}
}
