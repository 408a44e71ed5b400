package lexicon

import "testing"

func TestNumbers(t *testing.T) {
	n, err := LoadNumbers()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		word  string
		kinds NumberKind
		want  float64
		ok    bool
	}{
		{"twelve", Cardinal, 12, true}, {"ninety", Cardinal, 90, true}, {"dozen", Cardinal, 0, false},
		{"dozen", Cardinal | Dozen, 12, true}, {"million", Scale, 1e6, true}, {"mln", Scale, 0, false},
		{"mln", Scale | Abbrev, 1e6, true}, {"thousands", Vague, 2000, true}, {"a", Cardinal, 0, false},
		{"half", Informal, 0.5, true}, {"table", Cardinal | Scale | Vague, 0, false},
	} {
		v, ok := n.Value(tc.word, tc.kinds)
		if v != tc.want || ok != tc.ok {
			t.Errorf("%s: %v %v, want %v %v", tc.word, v, ok, tc.want, tc.ok)
		}
	}
}

func TestParseNumbersErrors(t *testing.T) {
	for _, bad := range []string{"one\t1", "one\tx\tcardinal", "one\t1\tordinal", "One\t1\tcardinal", "one\t1\tcardinal\none\t2\tcardinal", "one\t-1\tcardinal"} {
		if _, err := ParseNumbers(bad, "n.tsv"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func FuzzParseNumbers(f *testing.F) {
	f.Add("one\t1\tcardinal\n# x\nmillion\t1e6\tscale\n")
	f.Fuzz(func(t *testing.T, s string) { _, _ = ParseNumbers(s, "fuzz") })
}
