package quote

import (
	_ "embed"
	"strings"

	"sitrep/lexicon"
)

//go:embed verbs.txt
var verbsText string

// verbForm is what one inflected form of a reporting verb tells.
type verbForm struct {
	lemma string
	obj   bool // takes a hearer before the content: "told reporters that"
	weak  bool // belief verb: needs "that" or a quotation
	ing   bool // the -ing form: "adding that"
	noun  bool // also a common noun: "report", "states"
	np    bool // takes a noun phrase as content: "announced the injury"
	s3    bool // the -s or bare form
}

// verbs maps every lower-case form of every reporting verb to what it tells.
var verbs = loadVerbs(verbsText)

func loadVerbs(src string) map[string]verbForm {
	m := map[string]verbForm{}
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
		v := verbForm{lemma: f[0], obj: tagSet["obj"], weak: tagSet["weak"], noun: tagSet["noun"], np: tagSet["np"]}
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
				vw.s3 = i < 2
				m[w] = vw
			}
		}
		vi := v
		vi.ing = true
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

// auxSkip are words that may stand between a speaker and its verb:
// auxiliaries and common adverbs ("had also said", "has repeatedly denied").
var auxSkip = lexicon.Set("had has have also later again then previously earlier further recently repeatedly separately " +
	"did does do not n't never once already still publicly privately reportedly allegedly himself herself itself " +
	"themselves first last will would may might could should can must often frequently always just")

// timeWords head a time phrase between a speaker and the verb ("Al-Kazemi on
// Sunday said") or right after the verb ("announced today ...").
var timeWords = lexicon.Set("today yesterday tonight monday tuesday wednesday thursday friday saturday sunday " +
	"morning afternoon evening night week month year weekend earlier later now recently " +
	"january february march april june july august september october november december " +
	"jan feb mar apr jun jul aug sep sept oct nov dec")

// prepositions open a phrase that is not the content of a reporting verb.
var prepositions = lexicon.Set("in on at to for with by from during after before about of through via over under as " +
	"while when because but and or into onto upon against among amid between within without since until " +
	"like near across behind beyond toward towards despite following outside inside around throughout beside along " +
	"off up down amongst per unlike")

// subordinators may open content that fronts a clause: "says despite being
// ..., she plans to ...".
var subordinators = lexicon.Set("despite if although because while when after before since unless though once")

// whWords open an embedded question: "explained how he would ...".
var whWords = lexicon.Set("how what why whether where when who which if")

// modalsBefore may stand before a bare reporting verb ("would say", "did
// not say").
var modalsBefore = lexicon.Set("will would can could may might should must do does did not n't to also")

// npPreps may join a noun to its modifier inside a speaker's noun phrase
// ("a spokesman for the ministry", "the official in charge of ...").
var npPreps = lexicon.Set("of for in at from with")

// determiners open a noun phrase.
var determiners = lexicon.Set("the a an this these those that his her its their our my your another some several " +
	"many both each every any all no one two three four five six seven eight nine ten dozens hundreds")

// cardinals are the number words among the determiners.
var cardinals = lexicon.Set("one two three four five six seven eight nine ten")

// npStop are words that cannot be inside a speaker's noun phrase.
var npStop = lexicon.Set("is are was were be been being am has have had will would can could may might should must " +
	"do does did that which who whom whose when while because if but or so as although though where whether " +
	"than then to not n't also said says say there here what why how said it's")

// finite are words that show a clause has a finite verb.
var finite = lexicon.Set("is are was were will would has have had can could may might should must do does did " +
	"'re 've 'll 'd 's 'm ’re ’ve ’ll ’d ’s ’m isn't wasn't won't " +
	// irregular pasts: "said 1.27 million people took part"
	"took gave made went came saw held left fled fought won lost met sent kept began rose fell brought " +
	"bought caught thought found ran stood struck spoke wrote drove broke chose flew grew knew led paid " +
	"sold spent stole threw wore got became")

// pronouns that can name a speaker.
var pronouns = lexicon.Set("he she they it we i you")

// relatives introduce a relative clause whose subject is the noun before it.
var relatives = lexicon.Set("which who that")

// ingCues are reporting verbs in -ing form that continue a sentence's
// attribution: "..., adding that ...".
func isIngCue(w string) bool {
	v, ok := verbs[w]
	return ok && v.ing
}
