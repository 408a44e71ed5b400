package quote

import (
	"strings"

	"sitrep"
	"sitrep/lexicon"
	"sitrep/text"
)

// Modality returns sitrep.Asserted, Negated, Future or Possible for the
// verb (or predicate noun) at token index i of a sentence's tokens. It reads
// the clause before the word back to a comma, semicolon or conjunction that
// opens a new clause: a negation ("not", "n't", "no", "never", "without")
// makes it negated; else "may", "might", "could", "possibly" make it
// possible; else "will", "would", "plans to", "is due to", "is expected
// to" make it future; a directive verb before the clause ("demanded that",
// "urged them to") makes it possible, for what is asked for has not
// happened. "there will be no forces" negates the noun after it, and "has
// no"/"is not" after a verb negates that verb. The words are the shared
// table lexicon/data/modality.tsv.
func Modality(toks []text.Token, i int) string {
	if i < 0 || i >= len(toks) {
		return sitrep.Asserted
	}
	mw, err := lexicon.LoadModalWords()
	if err != nil {
		return sitrep.Asserted // the stages return the loading error before reading
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
		if w == "though" && j > 0 && strings.EqualFold(toks[j-1].Text, "as") {
			// "as though" is "as if", no concession: "it's not as though
			// we accuse" reads on to its "not"
			w = "if"
		}
		if mw.ClauseStops[w] || (w == "and" && j < i-1) || w == "or" {
			break
		}
		switch {
		case mw.Negators[w]:
			neg = true
		case w == "longer" && j > 0 && strings.EqualFold(toks[j-1].Text, "no"):
			neg = true
		case w == "suspected" && j+1 < len(toks) && j+1 < i && toks[j+1].Kind == text.Word && !strings.EqualFold(toks[j+1].Text, "of") &&
			!(j > 0 && isBe(toks[j-1].Text)):
			// "Suspected jihadists killed 11": the doubt is about who, not
			// whether; "are suspected of", "was suspected" keep it possible
		case mw.Possible[w]:
			pos = true
		case mw.Future[w]:
			if w != "going" || (j+1 < len(toks) && strings.EqualFold(toks[j+1].Text, "to")) {
				fut = true
			}
		case w == "to" && j > 0 && mw.FutureVerbs[strings.ToLower(toks[j-1].Text)]:
			fut = true
		case w == "to" && j > 1 && strings.EqualFold(toks[j-1].Text, "about") && isBe(toks[j-2].Text):
			fut = true
		}
	}
	// "has no", "is not", "will be no": a negation right after the verb
	if i+1 < len(toks) {
		w := strings.ToLower(toks[i].Text)
		n := strings.ToLower(toks[i+1].Text)
		if (isBe(w) || w == "have" || w == "has" || w == "had") && (mw.Negators[n] || n == "none") {
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
	case directed(toks, i, mw):
		return sitrep.Possible
	}
	return sitrep.Asserted
}

// directed reports whether the word at i stands in the "that" or "to"
// clause of a directive verb ("demanded that the rebels free the
// hostages", "urged them to release"): what is asked for has not happened.
func directed(toks []text.Token, i int, mw *lexicon.ModalWords) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		w := strings.ToLower(toks[k].Text)
		if w == "that" || w == "to" {
			for d := 1; d <= 3 && k-d >= 0; d++ {
				if mw.Directives[strings.ToLower(toks[k-d].Text)] {
					return true
				}
			}
			return false
		}
		if toks[k].Kind == text.Punct && (toks[k].Text == "," || toks[k].Text == ";" || toks[k].Text == ":") {
			return false
		}
	}
	return false
}

// isBe reports whether w is a form of "be" (shared.be-forms).
func isBe(w string) bool { return beForms[strings.ToLower(w)] }

// Attribution returns the id of the quote whose content span (byte
// offsets) contains [start,end), or nil. When several do, the narrowest
// wins (the inner of nested attributions).
func Attribution(doc *sitrep.Document, start, end int) *string {
	if doc == nil {
		return nil
	}
	return NewIndex(doc.Quotes).Attribution(start, end)
}
