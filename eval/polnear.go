package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/pipeline"
	"sitrep/quote/learned"
	"sitrep/text"
)

// PolNeAR scores the quote stage on the PolNeAR attribution corpus (dev and
// test splits): each article goes through the full default pipeline, and a
// system quote matches a gold attribution, one to one, when its content
// overlaps the gold content and its speaker matches the gold source (the
// spans overlap, or the phrases end in the same word; a gold attribution
// without a source needs no speaker). It prints precision, recall and F1,
// and the same with content alone.
func PolNeAR(ctx context.Context, shared string, w io.Writer) error {
	p := pipeline.Default()
	for _, split := range []string{"dev", "test"} {
		s, err := PolNeARSplit(ctx, p, filepath.Join(shared, "eval", "polnear", split), 0, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "== %s, attributions: %s\n", split, s.Attributions)
		fmt.Fprintf(w, "== %s, quotes: %s\n", split, s.Quotes)
	}
	return nil
}

// SplitScore is a split's score of the document's two lists: its
// attributions (PolNeAR's own reading: what PolNeAR annotates) and its
// quotes (the stricter list of what was said).
type SplitScore struct {
	Attributions, Quotes AttributionScore
}

// AttributionScore counts matches of system quotes against gold
// attributions.
type AttributionScore struct {
	Articles, Gold, System int
	Matched                int // content and speaker
	ContentMatched         int // content alone
	CueMatched             int // content, speaker and cue word
	Took                   time.Duration
	// Kinds counts by kind (Direct, Indirect, Mixed): gold attributions
	// by the share of their content inside quotation marks, system quotes
	// by their Direct flag and quotation marks, matches (content and
	// speaker) by the gold's kind for recall and the quote's for precision.
	Kinds [3]KindScore
}

// Kinds of attribution: wholly quoted, not quoted, partly quoted.
const (
	Direct = iota
	Indirect
	Mixed
)

// kindNames are the names of the kinds, in order.
var kindNames = [3]string{"direct", "indirect", "mixed"}

// KindScore counts one kind's gold attributions and system quotes, and
// the matches of each.
type KindScore struct {
	Gold, System, GoldMatched, SystemMatched int
}

// add adds o's counts to s.
func (s *AttributionScore) add(o AttributionScore) {
	s.Articles += o.Articles
	s.Gold += o.Gold
	s.System += o.System
	s.Matched += o.Matched
	s.ContentMatched += o.ContentMatched
	s.CueMatched += o.CueMatched
	for k := range s.Kinds {
		s.Kinds[k].Gold += o.Kinds[k].Gold
		s.Kinds[k].System += o.Kinds[k].System
		s.Kinds[k].GoldMatched += o.Kinds[k].GoldMatched
		s.Kinds[k].SystemMatched += o.Kinds[k].SystemMatched
	}
}

// F1 returns the content+speaker F1.
func (s AttributionScore) F1() float64 {
	_, _, f := s.PRF()
	return f
}

// PRF returns the content+speaker precision, recall and F1.
func (s AttributionScore) PRF() (float64, float64, float64) {
	return polPRF(s.Matched, s.System, s.Gold)
}

func polPRF(m, sys, gold int) (float64, float64, float64) {
	p, r := 0.0, 0.0
	if sys > 0 {
		p = float64(m) / float64(sys)
	}
	if gold > 0 {
		r = float64(m) / float64(gold)
	}
	if p+r == 0 {
		return p, r, 0
	}
	return p, r, 2 * p * r / (p + r)
}

func (s AttributionScore) String() string {
	p, r, f := polPRF(s.Matched, s.System, s.Gold)
	cp, cr, cf := polPRF(s.ContentMatched, s.System, s.Gold)
	kp, kr, kf := polPRF(s.CueMatched, s.System, s.Gold)
	out := fmt.Sprintf("%d articles, %d gold attributions, %d system quotes, %s\n"+
		"  content+speaker      P %.3f  R %.3f  F1 %.3f  (%d matched)\n"+
		"  content+speaker+cue  P %.3f  R %.3f  F1 %.3f\n"+
		"  content only         P %.3f  R %.3f  F1 %.3f",
		s.Articles, s.Gold, s.System, s.Took.Round(time.Millisecond), p, r, f, s.Matched, kp, kr, kf, cp, cr, cf)
	for k, ks := range s.Kinds {
		if ks.Gold == 0 && ks.System == 0 {
			continue
		}
		p, r := 0.0, 0.0
		if ks.System > 0 {
			p = float64(ks.SystemMatched) / float64(ks.System)
		}
		if ks.Gold > 0 {
			r = float64(ks.GoldMatched) / float64(ks.Gold)
		}
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		out += fmt.Sprintf("\n  %-8s (%4d gold, %4d system)  P %.3f  R %.3f  F1 %.3f", kindNames[k], ks.Gold, ks.System, p, r, f)
	}
	return out
}

// polFrag is a span of code points, End exclusive.
type polFrag struct{ start, end int }

type goldAttr struct {
	content, source, cue []polFrag
	sourceText, cueText  string
}

// PolNeARSplit scores pipeline p on one split folder (holding text/ and
// attributions/); limit > 0 reads only the first limit articles.
// When verbose is not nil, it gets every missed gold attribution and every
// unmatched system attribution.
func PolNeARSplit(ctx context.Context, p *pipeline.Pipeline, dir string, limit int, verbose io.Writer) (SplitScore, error) {
	var s SplitScore
	arts, err := polnearArticles(dir, limit)
	if err != nil {
		return s, err
	}
	start := time.Now()
	for _, art := range arts {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		base, raw, gold := art.base, art.raw, art.gold
		doc, err := p.Extract(ctx, pipeline.Input{Text: string(raw)})
		if err != nil {
			return s, fmt.Errorf("polnear: %s: %w", base, err)
		}
		attributed := &sitrep.Document{Text: doc.Text, Quotes: doc.Attributions}
		s.Attributions.add(scoreAttributions(string(raw), attributed, gold, verbose))
		s.Quotes.add(scoreAttributions(string(raw), doc, gold, nil))
	}
	s.Attributions.Took = time.Since(start)
	s.Quotes.Took = s.Attributions.Took
	return s, nil
}

// readAnn reads the attributions of one BRAT standoff file.
func readAnn(path string) ([]goldAttr, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type tb struct {
		frags []polFrag
		text  string
	}
	tbs := map[string]tb{}
	var events [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			continue
		}
		switch {
		case strings.HasPrefix(cols[0], "T"):
			sp := strings.IndexByte(cols[1], ' ')
			if sp < 0 {
				continue
			}
			var fr []polFrag
			for _, part := range strings.Split(cols[1][sp+1:], ";") {
				var a, b int
				ab := strings.Fields(part)
				if len(ab) != 2 {
					continue
				}
				a, err1 := strconv.Atoi(ab[0])
				b, err2 := strconv.Atoi(ab[1])
				if err1 == nil && err2 == nil && a < b {
					fr = append(fr, polFrag{a, b})
				}
			}
			t := ""
			if len(cols) > 2 {
				t = cols[2]
			}
			tbs[cols[0]] = tb{fr, t}
		case strings.HasPrefix(cols[0], "E"):
			events = append(events, strings.Fields(cols[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []goldAttr
	for _, ev := range events {
		var g goldAttr
		for _, arg := range ev {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			t := tbs[id]
			switch {
			case strings.HasPrefix(role, "Content"):
				g.content = append(g.content, t.frags...)
			case strings.HasPrefix(role, "Source"):
				g.source = append(g.source, t.frags...)
				g.sourceText = t.text
			case strings.HasPrefix(role, "Cue"):
				g.cue = append(g.cue, t.frags...)
				g.cueText = t.text
			}
		}
		if len(g.content) > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}

// polAlign maps each code-point offset of norm (the pipeline's
// normalized text) to the code-point offset of the same character in orig.
func polAlign(orig, norm string) []int {
	o := []rune(orig)
	n := []rune(norm)
	out := make([]int, len(n)+1)
	i := 0
	for j := range n {
		for i < len(o) && o[i] != n[j] && !(unicode.IsSpace(o[i]) && unicode.IsSpace(n[j])) {
			i++
		}
		if i > len(o) {
			i = len(o)
		}
		out[j] = i
		if i < len(o) {
			i++
		}
	}
	out[len(n)] = utf8.RuneCountInString(orig)
	return out
}

func polOverlap(a []polFrag, s, e int) int {
	t := 0
	for _, f := range a {
		if lo, hi := max(f.start, s), min(f.end, e); hi > lo {
			t += hi - lo
		}
	}
	return t
}

func polLastWord(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// scoreAttributions matches doc's quotes (code-point offsets into the
// normalized text) against gold (code-point offsets into orig) one to one,
// largest content overlap first: the score of one article.
func scoreAttributions(orig string, doc *sitrep.Document, gold []goldAttr, verbose io.Writer) AttributionScore {
	m := polAlign(orig, doc.Text)
	at := func(i int) int {
		if i < 0 {
			return 0
		}
		if i >= len(m) {
			return m[len(m)-1]
		}
		return m[i]
	}
	type edge struct{ g, q, w int }
	var strict, loose, withCue []edge
	for qi, q := range doc.Quotes {
		qs, qe := at(q.Start), at(q.End)
		for gi, g := range gold {
			ov := polOverlap(g.content, qs, qe)
			if ov < 3 {
				continue
			}
			loose = append(loose, edge{gi, qi, ov})
			ok := len(g.source) == 0
			if !ok && q.SpeakerSpan != nil {
				ok = polOverlap(g.source, at(q.SpeakerSpan.Start), at(q.SpeakerSpan.End)) > 0
			}
			if !ok && q.SpeakerText != "" {
				ok = polLastWord(q.SpeakerText) == polLastWord(g.sourceText)
			}
			if ok {
				strict = append(strict, edge{gi, qi, ov})
				cueOK := q.CueSpan != nil && polOverlap(g.cue, at(q.CueSpan.Start), at(q.CueSpan.End)) > 0
				if cueOK || (g.cueText != "" && strings.Contains(strings.ToLower(g.cueText), strings.ToLower(q.Cue))) {
					withCue = append(withCue, edge{gi, qi, ov})
				}
			}
		}
	}
	var ug, uq map[int]bool
	greedy := func(es []edge) int {
		sort.SliceStable(es, func(i, j int) bool { return es[i].w > es[j].w })
		ug, uq = map[int]bool{}, map[int]bool{}
		n := 0
		for _, e := range es {
			if !ug[e.g] && !uq[e.q] {
				ug[e.g], uq[e.q] = true, true
				n++
			}
		}
		return n
	}
	a, c, b := greedy(loose), greedy(withCue), greedy(strict)
	sc := AttributionScore{Articles: 1, Gold: len(gold), System: len(doc.Quotes), Matched: b, ContentMatched: a, CueMatched: c}
	o := []rune(orig)
	for gi, g := range gold {
		k := goldKind(o, g.content)
		sc.Kinds[k].Gold++
		if ug[gi] {
			sc.Kinds[k].GoldMatched++
		}
	}
	for qi, q := range doc.Quotes {
		k := quoteKind(q)
		sc.Kinds[k].System++
		if uq[qi] {
			sc.Kinds[k].SystemMatched++
		}
	}
	if verbose != nil {
		o := []rune(orig)
		span := func(fs []polFrag) string {
			var parts []string
			for _, f := range fs {
				if f.start >= 0 && f.end <= len(o) {
					parts = append(parts, string(o[f.start:f.end]))
				}
			}
			return strings.Join(parts, " … ")
		}
		for gi, g := range gold {
			if !ug[gi] {
				fmt.Fprintf(verbose, "MISS [%s] %q: %.150q\n", span(g.cue), span(g.source), span(g.content))
			}
		}
		for qi, q := range doc.Quotes {
			if !uq[qi] {
				fmt.Fprintf(verbose, "FP   [%s] %q: %.150q\n", q.Cue, q.SpeakerText, q.Text)
			}
		}
	}
	return sc
}

// quotedShare returns the share of the letters and digits of o[fs...]
// that stand inside quotation marks, pairing the marks within each
// fragment.
func quotedShare(o []rune, fs []polFrag) float64 {
	in, all := 0, 0
	for _, f := range fs {
		if f.start < 0 || f.end > len(o) {
			continue
		}
		inside := false
		for i := f.start; i < f.end; i++ {
			r := o[i]
			if text.IsDoubleQuote(r) || r == '\'' && i+1 < f.end && o[i+1] == '\'' {
				inside = !inside
				if r == '\'' {
					i++
				}
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				all++
				if inside {
					in++
				}
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}

// goldKind sorts a gold content: Direct when at least four fifths of it
// is quoted, Mixed when some is, else Indirect.
func goldKind(o []rune, content []polFrag) int {
	switch sh := quotedShare(o, content); {
	case sh >= 0.8:
		return Direct
	case sh > 0:
		return Mixed
	}
	return Indirect
}

// quoteKind sorts a system quote: Direct when the quote says so, Mixed
// when its text holds a quotation mark, else Indirect.
func quoteKind(q sitrep.Quote) int {
	switch {
	case q.Direct:
		return Direct
	case strings.ContainsFunc(q.Text, text.IsDoubleQuote) || strings.Contains(q.Text, "''"):
		return Mixed
	}
	return Indirect
}

// PolNeARDoc is one PolNeAR article read for training or scoring the quote
// stage: its analysis as the quote stage sees it and its attributions.
type PolNeARDoc struct {
	Name string
	Orig string         // the article as the corpus holds it
	A    *text.Analysis // byte offsets into A.Doc.Text, the normalized text
	Gold []learned.Gold // byte offsets into A.Doc.Text
	gold []goldAttr     // code points into Orig
}

// polArticle is one PolNeAR article with the first annotator's
// attributions.
type polArticle struct {
	base string // the file name without .txt
	raw  []byte
	gold []goldAttr
}

// polnearArticles reads the articles of one split folder (text/ and
// attributions/, the first annotator's file of each; articles without one
// are left out) in name order; limit > 0 reads only the first limit.
func polnearArticles(dir string, limit int) ([]polArticle, error) {
	names, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("polnear: no articles in %s", dir)
	}
	sort.Strings(names)
	if limit > 0 && len(names) > limit {
		names = names[:limit]
	}
	var out []polArticle
	for _, name := range names {
		base := strings.TrimSuffix(filepath.Base(name), ".txt")
		anns, _ := filepath.Glob(filepath.Join(dir, "attributions", base+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		raw, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		gold, err := readAnn(anns[0])
		if err != nil {
			return nil, err
		}
		out = append(out, polArticle{base: base, raw: raw, gold: gold})
	}
	return out, nil
}

// LoadPolNeAR reads the articles of one split folder (holding text/ and
// attributions/, the first annotator's file of each) and analyses each
// with p, which should run the stages before quote; limit > 0 reads only
// the first limit articles.
func LoadPolNeAR(ctx context.Context, p *pipeline.Pipeline, dir string, limit int) ([]PolNeARDoc, error) {
	arts, err := polnearArticles(dir, limit)
	if err != nil {
		return nil, err
	}
	var out []PolNeARDoc
	for _, art := range arts {
		base, raw, gold := art.base, art.raw, art.gold
		a, err := p.Analyze(ctx, pipeline.Input{Text: string(raw)})
		if err != nil {
			return nil, fmt.Errorf("polnear: %s: %w", base, err)
		}
		out = append(out, PolNeARDoc{Name: base, Orig: string(raw), A: a, Gold: goldBytes(string(raw), a.Doc.Text, gold), gold: gold})
	}
	return out, nil
}

// goldBytes converts gold attributions from code points into orig to
// byte offsets into norm, its normalized text.
func goldBytes(orig, norm string, gold []goldAttr) []learned.Gold {
	m := polAlign(orig, norm)
	bytesAt := make([]int, 0, len(m))
	for i := range norm {
		bytesAt = append(bytesAt, i)
	}
	bytesAt = append(bytesAt, len(norm))
	// at maps a code point of orig to the byte offset of the first
	// character of norm at or after it
	at := func(x int) int {
		j := sort.Search(len(m)-1, func(j int) bool { return m[j] >= x })
		return bytesAt[min(j, len(bytesAt)-1)]
	}
	conv := func(fs []polFrag) []sitrep.Span {
		var out []sitrep.Span
		for _, f := range fs {
			if s, e := at(f.start), at(f.end); e > s {
				out = append(out, sitrep.Span{Start: s, End: e})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
		return out
	}
	out := make([]learned.Gold, 0, len(gold))
	for _, g := range gold {
		out = append(out, learned.Gold{Cue: conv(g.cue), Source: conv(g.source), Content: conv(g.content)})
	}
	return out
}

// ScorePolNeAR scores the quotes find returns (byte offsets, as the quote
// stage gives them) on docs.
func ScorePolNeAR(ctx context.Context, docs []PolNeARDoc, find func(context.Context, *text.Analysis) ([]sitrep.Quote, error)) (AttributionScore, error) {
	var s AttributionScore
	start := time.Now()
	for _, d := range docs {
		qs, err := find(ctx, d.A)
		if err != nil {
			return s, fmt.Errorf("polnear: %s: %w", d.Name, err)
		}
		doc := &sitrep.Document{Text: d.A.Doc.Text, Quotes: qs}
		doc.ToRuneOffsets()
		s.add(scoreAttributions(d.Orig, doc, d.gold, nil))
	}
	s.Took = time.Since(start)
	return s, nil
}
