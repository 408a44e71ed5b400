package quote

import (
	"strings"

	"sitrep"
	"sitrep/lexicon"
	"sitrep/text"
)

var (
	negators       = lexicon.Set("not n't never no neither nor without none nothing nobody cannot")
	modalsPossible = lexicon.Set("may might could possibly perhaps maybe probably likely unlikely possible potentially if unless whether suspected")
	modalsFuture   = lexicon.Set("will 'll shall would wo going")
	// future verbs: "plans to", "vowed to", "is due to", "is set to", "is expected to"
	futureBefore = lexicon.Set("plan plans planned planning vow vows vowed pledge pledges pledged promise promises promised " +
		"intend intends intended aim aims aimed expect expected set due seek seeks sought threaten threatens threatened " +
		"prepare prepares prepared prepares scheduled poised want wants wanted hope hopes hoped")
	clauseStop = lexicon.Set("that which who whom because but while although though when where after before since")
)

// Modality returns sitrep.Asserted, Negated, Future or Possible for the
// verb (or predicate noun) at token index i of a sentence's tokens. It reads
// the clause before the word back to a comma, semicolon or conjunction that
// opens a new clause: a negation ("not", "n't", "no", "never", "without")
// makes it negated; else "may", "might", "could", "possibly" make it
// possible; else "will", "would", "plans to", "is due to", "is expected
// to" make it future. "there will be no forces" negates the noun after it,
// and "has no"/"is not" after a verb negates that verb.
func Modality(toks []text.Token, i int) string {
	if i < 0 || i >= len(toks) {
		return sitrep.Asserted
	}
	neg, fut, pos := false, false, false
	for j := i - 1; j >= 0 && i-j <= 12; j-- {
		t := toks[j]
		if t.Kind == text.Punct && (t.Text == "," || t.Text == ";" || t.Text == ":" || t.Text == "(" || t.Text == ")") {
			break
		}
		if t.Kind == text.Quote {
			break
		}
		w := strings.ToLower(t.Text)
		if clauseStop[w] || (w == "and" && j < i-1) || w == "or" {
			break
		}
		switch {
		case negators[w]:
			neg = true
		case w == "longer" && j > 0 && strings.EqualFold(toks[j-1].Text, "no"):
			neg = true
		case w == "suspected" && j+1 < len(toks) && j+1 < i && toks[j+1].Kind == text.Word && !strings.EqualFold(toks[j+1].Text, "of") &&
			!(j > 0 && isBe(toks[j-1].Text)):
			// "Suspected jihadists killed 11": the doubt is about who, not
			// whether; "are suspected of", "was suspected" keep it possible
		case modalsPossible[w]:
			pos = true
		case modalsFuture[w]:
			if w != "going" || (j+1 < len(toks) && strings.EqualFold(toks[j+1].Text, "to")) {
				fut = true
			}
		case w == "to" && j > 0 && futureBefore[strings.ToLower(toks[j-1].Text)]:
			fut = true
		case w == "to" && j > 1 && strings.EqualFold(toks[j-1].Text, "about") && isBe(toks[j-2].Text):
			fut = true
		}
	}
	// "has no", "is not", "will be no": a negation right after the verb
	if i+1 < len(toks) {
		w := strings.ToLower(toks[i].Text)
		n := strings.ToLower(toks[i+1].Text)
		if (isBe(w) || w == "have" || w == "has" || w == "had") && (negators[n] || n == "none") {
			neg = true
		}
	}
	switch {
	case neg:
		return sitrep.Negated
	case fut:
		return sitrep.Future
	case pos:
		return sitrep.Possible
	}
	return sitrep.Asserted
}

func isBe(w string) bool {
	switch strings.ToLower(w) {
	case "be", "is", "are", "was", "were", "been", "being", "am", "'s", "’s":
		return true
	}
	return false
}

// Attribution returns the id of the quote whose content span (byte
// offsets) contains [start,end), or nil. When several do, the narrowest
// wins (the inner of nested attributions).
func Attribution(doc *sitrep.Document, start, end int) *string {
	if doc == nil {
		return nil
	}
	best := -1
	for i, q := range doc.Quotes {
		if q.Start <= start && end <= q.End && start < end {
			if best < 0 || q.End-q.Start < doc.Quotes[best].End-doc.Quotes[best].Start {
				best = i
			}
		}
	}
	if best < 0 {
		return nil
	}
	return sitrep.Ptr(doc.Quotes[best].ID)
}
