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
