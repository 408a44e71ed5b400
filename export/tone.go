package export

import (
	"strings"
	"unicode"
)

// Tone is GDELT's tone of a text: the percentage of its words that are
// positive minus the percentage that are negative, from -100 to +100
// (news is mostly between -10 and +10). A word's polarity is that of the
// VADER lexicon (data/tone.txt: words whose mean rating is at least 1 away
// from neutral); a word the lexicon lacks is looked up without a plural or
// past-tense ending ("wounded" as "wound"). Words are runs of letters and
// apostrophes, digits count as words too. words is how many words text has.
func Tone(text string) (tone float64, words int, err error) {
	t, err := loadTables()
	if err != nil {
		return 0, 0, err
	}
	tone, words = t.toneOf(text)
	return tone, words, nil
}

// toneOf is Tone with the tables loaded.
func (t *tables) toneOf(text string) (float64, int) {
	pos, neg, words := 0, 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		w = strings.Trim(strings.ReplaceAll(strings.ToLower(w), "’", "'"), "'")
		if w == "" {
			continue
		}
		words++
		if positive, ok := t.polarity(w); ok {
			if positive {
				pos++
			} else {
				neg++
			}
		}
	}
	if words == 0 {
		return 0, 0
	}
	return 100 * float64(pos-neg) / float64(words), words
}

// polarity looks a lower-case word up in the tone lexicon, then without an
// inflectional ending.
func (t *tables) polarity(w string) (positive, ok bool) {
	if p, ok := t.tone[w]; ok {
		return p, true
	}
	for _, suf := range []string{"s", "es", "ed", "d", "ing"} {
		if stem, cut := strings.CutSuffix(w, suf); cut && len(stem) >= 3 {
			if p, ok := t.tone[stem]; ok {
				return p, true
			}
		}
	}
	return false, false
}
