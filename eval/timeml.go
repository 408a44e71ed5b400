package eval

import (
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"sitrep/pipeline"
)

// TimeML scores the time expressions of the full pipeline with the
// TempEval-3 task A measures: extent F1 (strict: same span; relaxed: any
// overlap), type accuracy and value F1 (relaxed F1 times value accuracy), on
// the TempEval-3 platinum test set and, as the development figure, on
// TimeBank + AQUAINT. Each file's <TEXT>, tags removed, is run through
// pipeline.Default().Extract with Published set to the file's DCT; the
// output's offsets (into the normalized text) are aligned back to the raw
// text. Setting SITREP_TIMEML_ERRORS=FILE writes every miss and mismatch
// there.
func TimeML(ctx context.Context, shared string, w io.Writer) error {
	var errw io.Writer
	if path := os.Getenv("SITREP_TIMEML_ERRORS"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("timeml: %w", err)
		}
		defer f.Close()
		errw = f
	}
	sets := []struct{ name, dir string }{
		{"TempEval-3 platinum (test)", filepath.Join(shared, "eval", "tempeval3-platinum", "gold")},
		{"TimeBank+AQUAINT (dev)", filepath.Join(shared, "eval", "timebank")},
	}
	p := pipeline.Default()
	fmt.Fprintf(w, "%-28s %5s %5s  %6s %6s %6s  %6s %6s %6s  %6s %6s\n", "TIMEX3", "gold", "sys", "strP", "strR", "strF1", "relP", "relR", "relF1", "typeA", "valF1")
	for _, set := range sets {
		files, err := timemlFiles(set.dir)
		if err != nil {
			return fmt.Errorf("timeml: %w", err)
		}
		if len(files) == 0 {
			return fmt.Errorf("timeml: no .tml files under %s", set.dir)
		}
		var sc timexScore
		if errw != nil {
			fmt.Fprintf(errw, "### %s\n", set.name)
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			data, err := os.ReadFile(f)
			if err != nil {
				return fmt.Errorf("timeml: %w", err)
			}
			doc, err := parseTimeML(string(data))
			if err != nil {
				return fmt.Errorf("timeml: %s: %w", f, err)
			}
			out, err := p.Extract(ctx, pipeline.Input{Text: doc.text, Published: doc.dct})
			if err != nil {
				return fmt.Errorf("timeml: %s: %w", f, err)
			}
			idx := timemlAlign([]rune(out.Text), []rune(doc.text))
			var sys []timex
			for _, t := range out.Times {
				if t.End <= t.Start || t.End > len(idx) {
					continue
				}
				sys = append(sys, timex{start: idx[t.Start], end: idx[t.End-1] + 1, typ: t.Type, value: t.Value, text: t.Text})
			}
			sc.add(doc.timexes, sys, errw, filepath.Base(f))
		}
		sc.write(w, set.name)
	}
	fmt.Fprintln(w, "TE3 published (platinum): HeidelTime strict F1 81.34, relaxed F1 90.30, value F1 77.61; SUTime relaxed 90.32, value 67.38")
	return nil
}

func timemlFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".tml") {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// timex is one TIMEX3, with code-point offsets into the raw text.
type timex struct {
	start, end  int
	typ, value  string
	text        string
	matchedWith int
}

type timemlDoc struct {
	dct     string
	text    string
	timexes []timex
}

var (
	dctRe   = regexp.MustCompile(`(?s)<DCT>.*?value="([^"]*)".*?</DCT>`)
	textRe  = regexp.MustCompile(`(?s)<TEXT>(.*?)</TEXT>`)
	attrRe  = regexp.MustCompile(`(\w+)="([^"]*)"`)
	tagName = regexp.MustCompile(`^</?\s*([A-Za-z0-9_]+)`)
)

// parseTimeML returns a TimeML file's DCT, its <TEXT> with tags removed
// and entities decoded, and the TIMEX3 spans in that text (code points).
func parseTimeML(s string) (timemlDoc, error) {
	var d timemlDoc
	if m := dctRe.FindStringSubmatch(s); m != nil {
		d.dct = m[1]
	}
	m := textRe.FindStringSubmatch(s)
	if m == nil {
		return d, fmt.Errorf("no <TEXT> element")
	}
	body := m[1]
	var b strings.Builder
	n := 0 // code points written
	open := -1
	var cur timex
	for i := 0; i < len(body); {
		if body[i] == '<' {
			j := strings.IndexByte(body[i:], '>')
			if j < 0 {
				return d, fmt.Errorf("unclosed tag at byte %d", i)
			}
			tag := body[i : i+j+1]
			name := ""
			if nm := tagName.FindStringSubmatch(tag); nm != nil {
				name = nm[1]
			}
			if name == "TIMEX3" {
				if strings.HasPrefix(tag, "</") {
					if open >= 0 {
						cur.end = n
						d.timexes = append(d.timexes, cur)
						open = -1
					}
				} else {
					cur = timex{start: n}
					for _, a := range attrRe.FindAllStringSubmatch(tag, -1) {
						switch a[1] {
						case "type":
							cur.typ = a[2]
						case "value":
							cur.value = a[2]
						}
					}
					open = n
				}
			}
			i += j + 1
			continue
		}
		j := strings.IndexByte(body[i:], '<')
		if j < 0 {
			j = len(body) - i
		}
		chunk := html.UnescapeString(body[i : i+j])
		b.WriteString(chunk)
		n += len([]rune(chunk))
		i += j
	}
	d.text = b.String()
	rs := []rune(d.text)
	for k := range d.timexes {
		d.timexes[k].text = string(rs[d.timexes[k].start:d.timexes[k].end])
	}
	return d, nil
}

// timemlAlign maps each code point of norm (the normalized text) to the
// code point of raw it came from. Normalization only drops characters or
// replaces them one for one (spaces, line ends), so a greedy walk suffices.
func timemlAlign(norm, raw []rune) []int {
	idx := make([]int, len(norm))
	i := 0
	for j := range norm {
		for i < len(raw) && raw[i] != norm[j] && !(timemlSpace(raw[i]) && timemlSpace(norm[j])) {
			i++
		}
		if i >= len(raw) {
			i = len(raw) - 1
		}
		if i < 0 {
			i = 0
		}
		idx[j] = i
		i++
	}
	return idx
}

func timemlSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00A0' || r == '\u2007' || r == '\u202F' || r >= '\u2000' && r <= '\u200A'
}

// timexScore accumulates TE3 task A counts.
type timexScore struct {
	gold, sys, strict, relaxed, typeOK, valueOK int
}

func (sc *timexScore) add(gold, sys []timex, errw io.Writer, name string) {
	sc.gold += len(gold)
	sc.sys += len(sys)
	used := make([]bool, len(sys))
	for _, g := range gold {
		best, bestOv := -1, 0
		for k, s := range sys {
			if used[k] {
				continue
			}
			ov := min(g.end, s.end) - max(g.start, s.start)
			if ov > bestOv {
				best, bestOv = k, ov
			}
		}
		if best < 0 {
			if errw != nil {
				fmt.Fprintf(errw, "%s\tMISS\t%q\t%s\t%s\n", name, g.text, g.typ, g.value)
			}
			continue
		}
		used[best] = true
		s := sys[best]
		sc.relaxed++
		if s.start == g.start && s.end == g.end {
			sc.strict++
		}
		if s.typ == g.typ {
			sc.typeOK++
		}
		if s.value == g.value {
			sc.valueOK++
		}
		if errw != nil && (s.value != g.value || s.typ != g.typ || s.start != g.start || s.end != g.end) {
			fmt.Fprintf(errw, "%s\tDIFF\t%q\t%s\t%s\tsys %q\t%s\t%s\n", name, g.text, g.typ, g.value, s.text, s.typ, s.value)
		}
	}
	if errw != nil {
		for k, s := range sys {
			if !used[k] {
				fmt.Fprintf(errw, "%s\tFP\t%q\t%s\t%s\n", name, s.text, s.typ, s.value)
			}
		}
	}
}

func prf(tp, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = float64(tp) / float64(sys)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func (sc *timexScore) write(w io.Writer, name string) {
	sp, sr, sf := prf(sc.strict, sc.sys, sc.gold)
	rp, rr, rf := prf(sc.relaxed, sc.sys, sc.gold)
	typeAcc, valF := 0.0, 0.0
	if sc.relaxed > 0 {
		typeAcc = float64(sc.typeOK) / float64(sc.relaxed)
		valF = rf * float64(sc.valueOK) / float64(sc.relaxed)
	}
	fmt.Fprintf(w, "%-28s %5d %5d  %6.2f %6.2f %6.2f  %6.2f %6.2f %6.2f  %6.2f %6.2f\n", name, sc.gold, sc.sys,
		100*sp, 100*sr, 100*sf, 100*rp, 100*rr, 100*rf, 100*typeAcc, 100*valF)
}
