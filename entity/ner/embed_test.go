package ner

import "testing"

func TestEmbedClusters(t *testing.T) {
	if embedPath("zzqxqzzq") != 0 {
		t.Error("an unknown word has an embedding cluster")
	}
	for _, w := range []string{"the", "baghdad", "kabul", "smith", "jones", "militia", "reuters"} {
		if embedPath(w) == 0 {
			t.Errorf("%q has no embedding cluster", w)
		}
	}
	// Words used alike share clusters; words used differently do not.
	same := [][2]string{{"baghdad", "basra"}, {"smith", "jones"}, {"monday", "tuesday"}}
	for _, p := range same {
		if a, b := embedAt(embedPath(p[0]), 1), embedAt(embedPath(p[1]), 1); a != b {
			t.Errorf("%q and %q: level-1 clusters %d and %d, want the same", p[0], p[1], a, b)
		}
	}
	differ := [][2]string{{"smith", "baghdad"}, {"monday", "smith"}, {"the", "baghdad"}}
	for _, p := range differ {
		if a, b := embedAt(embedPath(p[0]), 1), embedAt(embedPath(p[1]), 1); a == b {
			t.Errorf("%q and %q share level-1 cluster %d", p[0], p[1], a)
		}
	}
	// Levels nest: the finer cluster determines the coarser ones.
	p := embedPath("kabul")
	f := embedTable.fan
	if got, want := embedAt(p, 0)-1, (embedAt(p, 2)-1)/(f[1]*f[2]); got != want {
		t.Errorf("level 0 %d, want %d from level 2", got, want)
	}
	if got, want := embedAt(p, 1)-1, (embedAt(p, 2)-1)/f[2]; got != want {
		t.Errorf("level 1 %d, want %d from level 2", got, want)
	}
	if embedAt(0, 1) != 0 {
		t.Error("no path has a cluster")
	}
}

func BenchmarkEmbedPath(b *testing.B) {
	words := []string{"the", "baghdad", "kazemi", "zzqxqzzq", "said", "militia", "1996-08-22"}
	n := 0
	for _, w := range words {
		n += len(w)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, w := range words {
			embedPath(w)
		}
	}
}
