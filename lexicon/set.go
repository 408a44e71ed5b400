package lexicon

import "strings"

// Set returns the words of a space-separated list as a set, for the short
// closed word lists a stage keeps beside its code.
func Set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
