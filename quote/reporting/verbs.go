// Package reporting holds what the quote stage's two finders share: the
// reporting verbs (verbs.txt, a readable list embedded here, read by the
// hand-written rules of package quote and as features by the learned
// attribution model of quote/learned) and the quoted spans of a text
// (Quoted). One owner for each, so that the rules and the model never
// disagree on what a reporting verb is.
package reporting

import (
	_ "embed"
	"strings"

	"sitrep/lexicon"
)

//go:embed verbs.txt
var verbsText string

// VerbForm is what one inflected form of a reporting verb tells.
type VerbForm struct {
	Lemma string
	Obj   bool // takes a hearer before the content: "told reporters that"
	Weak  bool // belief verb: needs "that" or a quotation
	Ing   bool // the -ing form: "adding that"
	Noun  bool // also a common noun: "report", "states"
	NP    bool // takes a noun phrase as content: "announced the injury"
	S3    bool // the -s or bare form
}

// Verbs maps every lower-case form of every reporting verb of verbs.txt
// to what it tells. It is read once; callers must not change it.
var Verbs = loadVerbs(verbsText)

func loadVerbs(src string) map[string]VerbForm {
	m := map[string]VerbForm{}
	for _, line := range strings.Split(src, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		tags := ""
		if i := strings.IndexByte(line, '|'); i >= 0 {
			tags, line = line[i+1:], line[:i]
		}
		f := strings.Fields(strings.ToLower(line))
		if len(f) == 0 {
			continue
		}
		tagSet := lexicon.Set(tags)
		v := VerbForm{Lemma: f[0], Obj: tagSet["obj"], Weak: tagSet["weak"], Noun: tagSet["noun"], NP: tagSet["np"]}
		var s3, past, pp, ing string
		switch len(f) {
		case 5:
			s3, past, pp, ing = f[1], f[2], f[3], f[4]
		case 3:
			s3, past, pp, ing = thirdPerson(f[0]), f[1], f[2], ingForm(f[0])
		default:
			s3, past, ing = thirdPerson(f[0]), pastForm(f[0]), ingForm(f[0])
			pp = past
		}
		for i, w := range []string{f[0], s3, past, pp} {
			if _, ok := m[w]; !ok {
				vw := v
				vw.S3 = i < 2
				m[w] = vw
			}
		}
		vi := v
		vi.Ing = true
		m[ing] = vi
	}
	return m
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func thirdPerson(w string) string {
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case len(w) > 1 && w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func pastForm(w string) string {
	switch {
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case len(w) > 1 && w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ied"
	}
	return w + "ed"
}

func ingForm(w string) string {
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") && len(w) > 2 {
		return w[:len(w)-1] + "ing"
	}
	return w + "ing"
}
