package lexicon

import "strings"

// Stem is a crude lemma of a lower-case English word: the word without its
// inflection and a final e, so that "accused", "accuses" and "accusing"
// share "accus", and "denied" and "denies" become "deny". The event coder
// and the learned attribution model read it as a feature.
func Stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && (strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied")):
		w = w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es"):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		w = w[:n-1]
	}
	n = len(w)
	if n > 3 && w[n-1] == w[n-2] && strings.IndexByte("bdgmnprt", w[n-1]) >= 0 {
		w = w[:n-1] // "stopped", "shelling"
	}
	return strings.TrimSuffix(w, "e")
}
