package lexicon

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed data/participles.txt
var participlesTXT string

// irregularParticiples is data/participles.txt as a set.
var irregularParticiples = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, l := range strings.Split(participlesTXT, "\n") {
		if l = strings.TrimSpace(l); l != "" && l[0] != '#' {
			out[l] = true
		}
	}
	return out
})

// IsParticiple reports whether a lower-case word looks like an English
// past participle: a regular one ("issued", "taken", "shown") or an
// irregular one of data/participles.txt ("held", "fought").
func IsParticiple(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || strings.HasSuffix(w, "wn") {
		return true
	}
	return irregularParticiples()[w]
}
