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

// What a learned attribution must be for Union to add it, and what a
// headline is, set by hand and checked on PolNeAR dev and the
// odd-numbered real articles of testdata/real (docs/quotes.md).
const (
	// unionMinWords is the fewest words of an added content.
	unionMinWords = 3
	// headlineWords is the most words of a headline (headlineEnd).
	headlineWords = 15
)

// Union returns the quotes of rules (the rules' quotes of a) with those
// of the learned attributions as added that overlap none of them, in
// content or cue, and read as what the contract calls a quote, what
// someone said with who said it (PolNeAR also attributes beliefs,
// stances, demands and acts: "called it a disgrace", "pledged to ...",
// "claimed responsibility", "worried that ..."; readsAsQuote). An added
// content is cut at the end of its sentence (capContent). None is kept
// in the headline (headlineEnd), which sums up the story. Every speaker
// phrase is tidied (tidySpeaker) and every speaker pronoun resolved
// again over all the quotes (resolvePronouns).
//
// The quotes are ordered by start and numbered S1, S2, ... again.
func Union(a *text.Analysis, rules []sitrep.Quote, as []learned.Attribution) []sitrep.Quote {
	head := headlineEnd(a)
	out := make([]sitrep.Quote, 0, len(rules)+len(as))
	out = append(out, rules...)
	for _, l := range as {
		if l.Start < head || overlapsAny(out, l.Quote) || !readsAsQuote(a, l) {
			continue
		}
		q := l.Quote
		capContent(a, &q)
		out = append(out, q)
	}
	for i := range out {
		tidySpeaker(a.Doc.Text, &out[i])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	resolvePronouns(a, out) // the headline's speakers too: "Sen. Warren asks ..." ... "She said"
	kept := out[:0]
	for _, q := range out {
		if q.Start >= head {
			q.ID = fmt.Sprintf("S%d", len(kept)+1)
			kept = append(kept, q)
		}
	}
	return kept
}

// headlineEnd returns the byte offset where a's headline ends: its first
// sentence when that is a paragraph of its own, of at most headlineWords
// words, and more follows; 0 when there is none.
func headlineEnd(a *text.Analysis) int {
	if len(a.Sentences) < 2 || a.Sentences[1].Paragraph == a.Sentences[0].Paragraph {
		return 0
	}
	n := 0
	for _, t := range a.Sentences[0].Tokens {
		if t.Kind == text.Word {
			n++
		}
	}
	if n > headlineWords {
		return 0
	}
	return a.Sentences[0].End
}

// readsAsQuote reports whether the learned attribution l of a is a quote
// in the contract's sense (Union):
//
//   - it names its speaker: not by a relative pronoun, a time word or a
//     lone determiner, and by a pronoun only next to its cue ("It is worth
//     mentioning that" names none);
//   - its content has unionMinWords words or more and opens with neither
//     "to" (an intention or a demand), another phrase preposition
//     ("demands for his departure"), a finite verb (no subject: "what he
//     said was ...") nor an act object (quote.act-objects);
//   - its cue is "according to" or a reporting verb of verbs.txt other
//     than a belief verb ("weak"), not a noun ("the current pledges" with
//     no named speaker), and its content is a quotation or a clause
//     (clause).
//
// However surely the cue model takes a word for a cue, a word that is no
// reporting verb makes no quote: a stance with a scare quote ("praised
// the "courage" of") is none.
func readsAsQuote(a *text.Analysis, l learned.Attribution) bool {
	if l.SpeakerSpan == nil {
		return false
	}
	sp := strings.ToLower(l.SpeakerText)
	if relatives[sp] || timeWords[sp] || determiners[sp] || pronouns[sp] && !nextToCue(a.Doc.Text, l.Quote) {
		return false
	}
	w := strings.Fields(l.Text)
	if len(w) < unionMinWords {
		return false
	}
	first := strings.ToLower(strings.TrimLeftFunc(w[0], text.IsDoubleQuote))
	if phrasePrepositions[first] || finite[first] || actObjects[first] {
		return false
	}
	v, ok := reportingCue(l.Cue)
	if !ok || v.Noun && v.S3 && l.Speaker == nil && !pronouns[strings.ToLower(l.SpeakerText)] {
		return false
	}
	return l.Direct || clause(a, l.Start, l.End)
}

// nextToCue reports whether q's speaker phrase (byte offsets into s)
// stands right after its cue, or before it with nothing but auxiliaries
// and adverbs between ("he had also said").
func nextToCue(s string, q sitrep.Quote) bool {
	sp, c := q.SpeakerSpan, q.CueSpan
	if sp == nil || c == nil {
		return false
	}
	if c.End <= sp.Start {
		return strings.TrimSpace(s[c.End:sp.Start]) == ""
	}
	if sp.End > c.Start {
		return false
	}
	for _, w := range strings.Fields(s[sp.End:c.Start]) {
		if !auxSkip[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// reportingCue returns what verbs.txt tells of cue and whether cue is
// "according to" (taken as a verb tagged np) or a form of a reporting
// verb that is no belief verb.
func reportingCue(cue string) (verbForm, bool) {
	c := strings.ToLower(cue)
	if c == "according to" {
		return verbForm{Lemma: c, NP: true}, true
	}
	v, ok := verbs[c]
	return v, ok && !v.Weak
}

// capContent cuts q's content where the sentence ends that holds its cue,
// when the content starts before the cue, else its start: the content of
// a quotation split by its cue ("A," said X. "B.") ends before its
// speaker, a report runs to the end of its sentence, and one quotation
// of several sentences keeps its first. Marks and commas left at the
// ends are trimmed.
func capContent(a *text.Analysis, q *sitrep.Quote) {
	ref := q.Start
	if q.CueSpan != nil && q.CueSpan.Start > q.Start {
		ref = q.CueSpan.Start
	}
	si := a.SentenceAt(ref)
	if si < 0 || q.End <= a.Sentences[si].End {
		return
	}
	end := a.Sentences[si].End
	if c := q.CueSpan; c != nil && c.Start > q.Start && c.Start < end {
		end = c.Start
		if sp := q.SpeakerSpan; sp != nil && sp.Start > q.Start && sp.Start < end {
			end = sp.Start
		}
	}
	s := a.Doc.Text
	end = q.Start + len(strings.TrimRightFunc(s[q.Start:end], func(r rune) bool {
		return r == ' ' || r == ',' || r == '\n' || text.IsDoubleQuote(r)
	}))
	start := q.Start
	if t := strings.TrimLeftFunc(s[start:end], text.IsDoubleQuote); !strings.ContainsFunc(t, text.IsDoubleQuote) {
		start = end - len(t) // an opening mark whose quotation was cut
	}
	if end-start < 2 {
		return
	}
	q.Start, q.End, q.Text = start, end, s[start:end]
}

// clause reports whether text [start, end) of a holds a finite verb: a
// word of quote.finite ("is", "will", "had", "took"), or after the first
// word a lower-case form in -ed, or one in -s after a pronoun or an
// auxiliary ("she wants").
func clause(a *text.Analysis, start, end int) bool {
	i := sort.Search(len(a.Sentences), func(i int) bool { return a.Sentences[i].End > start })
	for ; i < len(a.Sentences) && a.Sentences[i].Start < end; i++ {
		prev, first := "", true
		for _, t := range a.Sentences[i].Tokens {
			if t.End <= start || t.Start >= end {
				continue
			}
			w := strings.ToLower(t.Text)
			if finite[w] {
				return true
			}
			if !first && t.Kind == text.Word && len(w) >= 3 && !isUpper(t.Text) {
				if strings.HasSuffix(w, "ed") {
					return true
				}
				if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && (pronouns[prev] || auxSkip[prev]) {
					return true
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
