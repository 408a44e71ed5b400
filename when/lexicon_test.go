package when

import (
	"slices"
	"testing"
)

// TestApproxPrefixesUnambiguous keeps approxPrefix's first match the only
// one: no approximator is the start of another (shared.approximators and
// when.approximators).
func TestApproxPrefixesUnambiguous(t *testing.T) {
	if len(approxPrefixes) == 0 {
		t.Fatal("no approximators")
	}
	for i, p := range approxPrefixes {
		for j, q := range approxPrefixes {
			if i != j && len(p) <= len(q) && slices.Equal(p, q[:len(p)]) {
				t.Errorf("%q starts %q", p, q)
			}
		}
	}
}
