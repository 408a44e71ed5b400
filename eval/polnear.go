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
		fmt.Fprintf(w, "== %s: %s\n", split, s)
	}
	return nil
}

// AttributionScore counts matches of system quotes against gold
// attributions.
type AttributionScore struct {
	Articles, Gold, System int
	Matched                int // content and speaker
	ContentMatched         int // content alone
	CueMatched             int // content, speaker and cue word
	Took                   time.Duration
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
	return fmt.Sprintf("%d articles, %d gold attributions, %d system quotes, %s\n"+
		"  content+speaker      P %.3f  R %.3f  F1 %.3f\n"+
		"  content+speaker+cue  P %.3f  R %.3f  F1 %.3f\n"+
		"  content only         P %.3f  R %.3f  F1 %.3f",
		s.Articles, s.Gold, s.System, s.Took.Round(time.Millisecond), p, r, f, kp, kr, kf, cp, cr, cf)
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
// unmatched system quote.
func PolNeARSplit(ctx context.Context, p *pipeline.Pipeline, dir string, limit int, verbose io.Writer) (AttributionScore, error) {
	var s AttributionScore
	names, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return s, err
	}
	if len(names) == 0 {
		return s, fmt.Errorf("polnear: no articles in %s", dir)
	}
	sort.Strings(names)
	if limit > 0 && len(names) > limit {
		names = names[:limit]
	}
	start := time.Now()
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		base := strings.TrimSuffix(filepath.Base(name), ".txt")
		anns, _ := filepath.Glob(filepath.Join(dir, "attributions", base+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		raw, err := os.ReadFile(name)
		if err != nil {
			return s, err
		}
		gold, err := readAnn(anns[0])
		if err != nil {
			return s, err
		}
		doc, err := p.Extract(ctx, pipeline.Input{Text: string(raw)})
		if err != nil {
			return s, fmt.Errorf("polnear: %s: %w", base, err)
		}
		s.Articles++
		s.Gold += len(gold)
		s.System += len(doc.Quotes)
		m, mc, mk := scoreAttributions(string(raw), doc, gold, verbose)
		s.Matched += m
		s.ContentMatched += mc
		s.CueMatched += mk
	}
	s.Took = time.Since(start)
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
// largest content overlap first. It returns the matches on content and
// speaker, on content alone, and on content, speaker and cue.
func scoreAttributions(orig string, doc *sitrep.Document, gold []goldAttr, verbose io.Writer) (int, int, int) {
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
	return b, a, c
}
