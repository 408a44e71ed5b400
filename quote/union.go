package quote

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"sitrep"
	"sitrep/quote/learned"
	"sitrep/text"
)

// Find returns the quotes of an analysed document, ordered by start, with
// ids S1, S2, ... and byte offsets: every quote the hand-written rules find
// (Rules) and the attributions of the learned finder (package
// sitrep/quote/learned) that Union adds to them. Speakers are resolved
// against a.Doc.Entities, whose mentions must hold byte offsets too. None
// are found when the learned model cannot be loaded: FindContext returns
// that error.
func Find(a *text.Analysis) []sitrep.Quote {
	qs, err := FindContext(context.Background(), a)
	if err != nil {
		return []sitrep.Quote{}
	}
	return qs
}

// FindContext is Find that returns the learned model's loading error, and
// stops when ctx is done, every few sentences, returning ctx's error.
func FindContext(ctx context.Context, a *text.Analysis) ([]sitrep.Quote, error) {
	m, err := learned.DefaultModel()
	if err != nil {
		return nil, err
	}
	rules, err := RulesContext(ctx, a)
	if err != nil {
		return nil, err
	}
	if a == nil || a.Doc == nil {
		return rules, nil
	}
	as, err := m.Attributions(ctx, a)
	if err != nil {
		return nil, err
	}
	return Union(a, rules, as), nil
}

// What a learned attribution must be for Union to add it, chosen on
// PolNeAR dev and the dev articles of testdata/articles (docs/quotes.md).
const (
	// unionMargin is the cue score (the model's cue bias included; a cue
	// scores above 0) at which a cue that is no reporting verb may add
	// an attribution: "described the incident as ...", "shows that ...".
	unionMargin = 10
	// unionMinWords is the fewest words of an added content.
	unionMinWords = 3
)

// Union returns the quotes of rules (the rules' quotes of a) with those
// of the learned attributions as added that overlap none of them, in
// content or cue, and read as what the contract calls a quote, what
// someone said with who said it (PolNeAR also attributes beliefs,
// stances, demands and acts: "called it a disgrace", "pledged to ...",
// "claimed responsibility", "said more about it"):
//
//   - it names its speaker, its content has unionMinWords words or more
//     and opens with neither "to" (an intention or a demand) nor an act
//     object (quote.act-objects);
//   - its cue is "according to" or a reporting verb of verbs.txt other
//     than a belief verb ("weak"), and its content is a quotation, a
//     clause (clause, loosely) or the noun phrase a verb tagged np takes;
//   - or the cue model scores its cue at least unionMargin, and its
//     content is a quotation or a clause (clause, strictly).
//
// The quotes are ordered by start and numbered S1, S2, ... again.
func Union(a *text.Analysis, rules []sitrep.Quote, as []learned.Attribution) []sitrep.Quote {
	out := rules
	n := len(rules)
	for _, l := range as {
		if !readsAsQuote(a, l) || overlapsAny(rules[:n], l.Quote) {
			continue
		}
		out = append(out, l.Quote)
	}
	if len(out) == n {
		return out
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range out {
		out[i].ID = fmt.Sprintf("S%d", i+1)
	}
	return out
}

// readsAsQuote reports whether the learned attribution l of a is a quote
// in the contract's sense (Union).
func readsAsQuote(a *text.Analysis, l learned.Attribution) bool {
	if l.SpeakerSpan == nil {
		return false
	}
	w := strings.Fields(l.Text)
	if len(w) < unionMinWords {
		return false
	}
	if first := strings.ToLower(w[0]); first == "to" || actObjects[first] {
		return false
	}
	if v, ok := reportingCue(l.Cue); ok && (l.Direct || v.np || clause(a, l.Start, l.End, false)) {
		return true
	}
	return l.CueScore >= unionMargin && (l.Direct || clause(a, l.Start, l.End, true))
}

// reportingCue returns what verbs.txt tells of cue and whether cue is
// "according to" (taken as a verb tagged np) or a form of a reporting
// verb that is no belief verb.
func reportingCue(cue string) (verbForm, bool) {
	c := strings.ToLower(cue)
	if c == "according to" {
		return verbForm{lemma: c, np: true}, true
	}
	v, ok := verbs[c]
	return v, ok && !v.weak
}

// clause reports whether text [start, end) of a holds a finite verb.
// Loosely: a word of quote.finite ("is", "will", "had", "took"), or after
// the first word a lower-case form in -ed, or one in -s after a pronoun or
// an auxiliary ("she wants"). Strictly: a word of quote.finite that does
// not follow "and", "or" or "but" (a verb joined to the cue's: "called it
// a disgrace and left"), or a form in -ed or -s right after a pronoun.
func clause(a *text.Analysis, start, end int, strict bool) bool {
	i := sort.Search(len(a.Sentences), func(i int) bool { return a.Sentences[i].End > start })
	for ; i < len(a.Sentences) && a.Sentences[i].Start < end; i++ {
		prev, first := "", true
		for _, t := range a.Sentences[i].Tokens {
			if t.End <= start || t.Start >= end {
				continue
			}
			w := strings.ToLower(t.Text)
			word := t.Kind == text.Word && len(w) >= 3
			if strict {
				if finite[w] && prev != "and" && prev != "or" && prev != "but" {
					return true
				}
				if pronouns[prev] && word && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")) {
					return true
				}
			} else {
				if finite[w] {
					return true
				}
				if !first && word && !isUpper(t.Text) {
					if strings.HasSuffix(w, "ed") {
						return true
					}
					if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && (pronouns[prev] || auxSkip[prev]) {
						return true
					}
				}
			}
			prev, first = w, false
		}
	}
	return false
}

// overlapsAny reports whether q's content or cue overlaps the content or
// the cue of one of qs.
func overlapsAny(qs []sitrep.Quote, q sitrep.Quote) bool {
	for _, r := range qs {
		if q.Start < r.End && r.Start < q.End {
			return true
		}
		if q.CueSpan != nil && r.CueSpan != nil && q.CueSpan.Start < r.CueSpan.End && r.CueSpan.Start < q.CueSpan.End {
			return true
		}
	}
	return false
}
