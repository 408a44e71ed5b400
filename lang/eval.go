package lang

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// TrainingSamples returns the training text: every UDHR article that is not
// held out (IsHeldOut), of every version, and the English news documents
// given (which must come from the news training split only).
func TrainingSamples(arts []Article, news []NewsDoc) []Sample {
	var out []Sample
	for _, a := range arts {
		if !IsHeldOut(a.Number) {
			out = append(out, Sample{Code: a.Code, Text: a.Text})
		}
	}
	for _, d := range news {
		out = append(out, Sample{Code: "en", Text: d.Text})
	}
	return out
}

// Snippets cuts text into consecutive pieces of exactly n runes (spaces at
// their ends trimmed); a shorter remainder is dropped.
func Snippets(text string, n int) []string {
	rs := []rune(text)
	var out []string
	for i := 0; i+n <= len(rs); i += n {
		out = append(out, strings.TrimSpace(string(rs[i:i+n])))
	}
	return out
}

// Score is the outcome of detecting a set of texts of one language.
type Score struct {
	Total   int
	Correct int // Code right
	// Flagged counts answers of another language that are Reliable: the
	// texts a caller would take for that language. For English texts they
	// are the articles a pipeline would skip as non-English.
	Flagged int
	// Confused counts the wrong codes given.
	Confused map[string]int
}

// Accuracy returns Correct/Total (0 when there are no texts).
func (s Score) Accuracy() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Correct) / float64(s.Total)
}

// add tallies one answer r for a text whose language is want.
func (s *Score) add(want string, r Result) {
	s.Total++
	if r.Code == want {
		s.Correct++
		return
	}
	if s.Confused == nil {
		s.Confused = map[string]int{}
	}
	s.Confused[r.Code]++
	if r.Reliable {
		s.Flagged++
	}
}

// EvalHeldOut detects snippets of size runes cut from the held-out
// articles of each language's main version in each of its scripts
// (MainVersions) and returns the scores by language ("sr-Latn" and
// "sr-Cyrl" for a language in two scripts).
func (d *Detector) EvalHeldOut(arts []Article, size int) map[string]*Score {
	main := MainVersions(arts)
	texts := map[string][]string{}
	want := map[string]string{}
	for _, a := range arts {
		if key, ok := main[a.Version]; ok && IsHeldOut(a.Number) {
			texts[key] = append(texts[key], a.Text)
			want[key] = a.Code
		}
	}
	out := map[string]*Score{}
	for key, t := range texts {
		s := &Score{}
		for _, snip := range Snippets(strings.Join(t, " "), size) {
			s.add(want[key], d.Detect(snip))
		}
		out[key] = s
	}
	return out
}

// EvalNews detects each English news document and returns the score and
// the documents not found to be English.
func (d *Detector) EvalNews(docs []NewsDoc) (Score, []NewsDoc) {
	var s Score
	var missed []NewsDoc
	for _, doc := range docs {
		r := d.Detect(doc.Text)
		s.add("en", r)
		if r.Code != "en" {
			missed = append(missed, doc)
		}
	}
	return s, missed
}

// SnippetSizes are the snippet lengths, in runes, the held-out evaluation
// reports.
var SnippetSizes = []int{100, 300, 1000}

// WriteReport writes the held-out accuracy by language for each snippet
// size (and the number of snippets), the macro average over the languages
// with snippets of that size, the micro average, and, when news is not empty, the share of the
// English news documents detected as English and flagged as another
// language. It returns the share detected as English (1 without news).
func (d *Detector) WriteReport(w io.Writer, arts []Article, news []NewsDoc) float64 {
	byLang := map[string][]*Score{}
	for _, size := range SnippetSizes {
		for c, s := range d.EvalHeldOut(arts, size) {
			byLang[c] = append(byLang[c], s)
		}
	}
	codes := make([]string, 0, len(byLang))
	for c := range byLang {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	fmt.Fprintf(w, "held-out UDHR articles (3, 6, ..., 30), accuracy by snippet length in runes\nlang")
	for _, size := range SnippetSizes {
		fmt.Fprintf(w, "  %9d", size)
	}
	fmt.Fprintln(w, "  most confused with")
	sums := make([]float64, len(SnippetSizes))
	langs := make([]int, len(SnippetSizes)) // languages with snippets of each size
	var all []Score
	for _, c := range codes {
		fmt.Fprintf(w, "%-4s", c)
		for i, s := range byLang[c] {
			if s.Total == 0 {
				fmt.Fprintf(w, "  %6s%3d", "-", 0)
			} else {
				fmt.Fprintf(w, "  %5.1f%%%3d", 100*s.Accuracy(), s.Total)
				sums[i] += s.Accuracy()
				langs[i]++
			}
			if i < len(all) {
				all[i].Total += s.Total
				all[i].Correct += s.Correct
				all[i].Flagged += s.Flagged
			} else {
				all = append(all, Score{Total: s.Total, Correct: s.Correct, Flagged: s.Flagged})
			}
		}
		fmt.Fprintf(w, "  %s\n", confusions(byLang[c]))
	}
	fmt.Fprintf(w, "macro")
	for i := range SnippetSizes {
		fmt.Fprintf(w, " %5.1f%%   ", 100*sums[i]/float64(max(langs[i], 1)))
	}
	fmt.Fprintf(w, "\nmicro")
	for _, s := range all {
		fmt.Fprintf(w, " %5.1f%%   ", 100*s.Accuracy())
	}
	fmt.Fprintf(w, "\nwrong and Reliable (per size): ")
	for _, s := range all {
		fmt.Fprintf(w, "%d/%d  ", s.Flagged, s.Total)
	}
	fmt.Fprintln(w)
	if len(news) == 0 {
		return 1
	}
	s, missed := d.EvalNews(news)
	fmt.Fprintf(w, "English news (test splits): %d/%d detected as en (%.2f%%), %d flagged as another language\n",
		s.Correct, s.Total, 100*s.Accuracy(), s.Flagged)
	for _, m := range missed {
		r := d.Detect(m.Text)
		fmt.Fprintf(w, "  not en: %s %s -> %s (%.2f, reliable %v): %.80q\n", m.Source, m.ID, r.Code, r.Confidence, r.Reliable, m.Text)
	}
	return s.Accuracy()
}

// confusions lists the codes a language's snippets were most often given
// wrongly, over all sizes.
func confusions(scores []*Score) string {
	n := map[string]int{}
	for _, s := range scores {
		for c, k := range s.Confused {
			n[c] += k
		}
	}
	codes := make([]string, 0, len(n))
	for c := range n {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		if n[a] != n[b] {
			return n[b] - n[a]
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, c := range codes[:min(3, len(codes))] {
		parts = append(parts, fmt.Sprintf("%s:%d", c, n[c]))
	}
	return strings.Join(parts, " ")
}
