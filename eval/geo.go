package eval

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"sitrep"
	"sitrep/country"
	"sitrep/pipeline"
	"sitrep/place"
	"sitrep/place/gazetteer"
	"sitrep/text"
)

// geoArticle is one gold article: its text and toponyms, offsets in code
// points of the original text.
type geoArticle struct {
	text  string
	topos []geoTopo
}

type geoTopo struct {
	start, end int
	phrase     string
	kind       string // GeoWebNews type; "" for LGL
	hasCoord   bool
	lat, lon   float64
}

// gwnToponymTypes are the GeoWebNews types counted as toponyms for
// recognition: named places, literal or metonymic. Common nouns
// (Literal_Expression, Non_Lit_Expression), demonyms, languages, homonyms
// and non-toponyms are left out, as a named-place tagger does not aim at them.
var gwnToponymTypes = map[string]bool{"Literal": true, "Literal_Modifier": true, "Mixed": true, "Coercion": true, "Embedded_Literal": true, "Metonymic": true}

// Geoparsing scores toponym recognition (the full pipeline's GPE/LOC/FAC
// mentions against the gold spans: exact-span and overlap precision, recall
// and F1) and toponym resolution (gold toponyms resolved in their article by
// the place stage: accuracy within 161 km, mean and median error) on LGL
// and GeoWebNews.
func Geoparsing(ctx context.Context, shared string, w io.Writer) error {
	dir := filepath.Join(shared, "eval/geoparsing")
	lgl, err := readLGL(filepath.Join(dir, "lgl.xml"))
	if err != nil {
		return err
	}
	gwn, err := readGWN(filepath.Join(dir, "geowebnews.xml"))
	if err != nil {
		return err
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	p := pipeline.Default()
	fmt.Fprintf(w, "%-11s %6s | %9s %9s %9s | %9s %9s %9s | %6s %8s %8s %8s %9s\n", "corpus", "gold", "P exact", "R exact", "F1 exact",
		"P overlap", "R overlap", "F1 ovl", "geo n", "placed", "acc@161", "mean km", "median km")
	for _, set := range []struct {
		name string
		arts []geoArticle
	}{{"LGL", lgl}, {"GeoWebNews", gwn}} {
		var gold, found, exact, overlapG, overlapP int
		var errs []float64
		var geoN, placed, within, nonCountry, nonCountryWithin int
		for _, art := range set.arts {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, err := p.Analyze(ctx, pipeline.Input{Text: art.text})
			if err != nil {
				return err
			}
			align := alignRunes(art.text, a.Doc.Text)
			// recognition
			var pred [][2]int
			for _, e := range a.Doc.Entities {
				if !place.IsPlaceType(e.Type) {
					continue
				}
				for _, m := range e.Mentions {
					pred = append(pred, [2]int{runeIndex(a.Doc.Text, m.Start), runeIndex(a.Doc.Text, m.End)})
				}
			}
			var gs [][2]int
			for _, t := range art.topos {
				if t.kind != "" && !gwnToponymTypes[t.kind] {
					continue
				}
				gs = append(gs, [2]int{align(t.start), align(t.end)})
			}
			gold += len(gs)
			found += len(pred)
			exact += countMatches(gs, pred, false)
			overlapG += countMatches(gs, pred, true)
			overlapP += countMatches(pred, gs, true)

			// resolution of the gold toponyms in context
			doc := sitrep.NewDocument(a.Doc.Text)
			text.Analyze(doc)
			byName := map[string]int{}
			type ref struct {
				ent int
				t   geoTopo
			}
			var refs []ref
			for _, t := range art.topos {
				if !t.hasCoord {
					continue
				}
				s, e := runeToByte(doc.Text, align(t.start)), runeToByte(doc.Text, align(t.end))
				if s < 0 || e < s {
					continue
				}
				name := doc.Text[s:e]
				i, ok := byName[name]
				if !ok {
					i = len(doc.Entities)
					byName[name] = i
					doc.Entities = append(doc.Entities, sitrep.Entity{ID: "E" + strconv.Itoa(i+1), Name: name, Type: "GPE"})
				}
				doc.Entities[i].Mentions = append(doc.Entities[i].Mentions, sitrep.Mention{Start: s, End: e, Text: name})
				refs = append(refs, ref{i, t})
			}
			res := place.Resolve(g, doc)
			for _, r := range refs {
				geoN++
				_, isCountry := country.ByName(doc.Entities[r.ent].Name)
				if !isCountry {
					nonCountry++
				}
				e, ok := res[r.ent]
				if !ok {
					debugf("UNPLACED\t%s\n", doc.Entities[r.ent].Name)
					continue
				}
				placed++
				d := gazetteer.Distance(e.Lat, e.Lon, r.t.lat, r.t.lon)
				errs = append(errs, d)
				if d <= 161 {
					within++
					if !isCountry {
						nonCountryWithin++
					}
				} else {
					debugf("WRONG\t%s\t%s %s %s %s\t%.0f\n", doc.Entities[r.ent].Name, e.Name, e.Country, e.Admin1, e.Feature, d)
				}
			}
		}
		pe, re := ratio(exact, found), ratio(exact, gold)
		po, ro := ratio(overlapP, found), ratio(overlapG, gold)
		mean, median := meanMedian(errs)
		fmt.Fprintf(w, "%-11s %6d | %9.4f %9.4f %9.4f | %9.4f %9.4f %9.4f | %6d %8d %8.4f %8.1f %9.1f\n", set.name, gold, pe, re, f1(pe, re),
			po, ro, f1(po, ro), geoN, placed, ratio(within, geoN), mean, median)
		fmt.Fprintf(w, "%-11s acc@161 over the placed toponyms only (the basis of the peers' figures, which count the toponyms they matched): %.4f of %d\n", set.name, ratio(within, placed), placed)
		fmt.Fprintf(w, "%-11s acc@161 without country names (GeoNames country points differ from ours by 200-700 km): %.4f of %d\n", set.name, ratio(nonCountryWithin, nonCountry), nonCountry)
	}
	fmt.Fprintln(w, "recognition: the pipeline's GPE/LOC/FAC mentions; resolution: gold toponyms with coordinates, resolved in context;")
	fmt.Fprintln(w, "acc@161 counts an unplaced toponym as wrong; mean/median km are over the placed ones.")
	return peerLGL(filepath.Join(dir, "lgl-systems/results_lgl.txt"), w)
}

// peerLGL prints the published LGL scores of other systems (all matched
// toponyms), from the paper's results file.
func peerLGL(path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("peer results: %w", err)
	}
	defer f.Close()
	fmt.Fprintln(w, "LGL peers (Gritta et al. 2017 results_lgl.txt; CLAVIN is the resolver inside CLIFF):")
	sc := bufio.NewScanner(f)
	var name string
	vals := map[string]string{}
	flush := func() {
		if name != "" {
			fmt.Fprintf(w, "  %-20s P %.4s R %.4s F1 %.4s | acc@161 %.4s mean %s km median %s km\n", name, vals["Precision"], vals["Recall"], vals["F-Score"],
				vals["Accuracy to 161 km"], trimNum(vals["Mean"]), trimNum(vals["Median"]))
		}
		name, vals = "", map[string]string{}
	}
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if n, ok := strings.CutPrefix(line, "Stats for "); ok {
			flush()
			name = n
			continue
		}
		if strings.HasPrefix(line, "-----") && name != "" && vals["Accuracy to 161 km"] != "" {
			flush() // only the first block (all matched toponyms) of each system
			continue
		}
		if k, v, ok := strings.Cut(line, ":"); ok && name != "" {
			if _, seen := vals[k]; !seen {
				vals[k] = strings.TrimSpace(v)
			}
		}
	}
	flush()
	return sc.Err()
}

func trimNum(s string) string {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	return s
}

func meanMedian(xs []float64) (float64, float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	return sum / float64(len(s)), s[len(s)/2]
}

// countMatches counts spans of a that match a span of b: exactly, or by
// overlapping.
func countMatches(a, b [][2]int, overlap bool) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y || overlap && x[0] < y[1] && y[0] < x[1] {
				n++
				break
			}
		}
	}
	return n
}

// alignRunes maps code-point offsets of orig to those of norm, its
// normalized form (which only drops characters or replaces one with one).
func alignRunes(orig, norm string) func(int) int {
	o, n := []rune(orig), []rune(norm)
	m := make([]int, len(o)+1)
	j := 0
	for i := range o {
		m[i] = j
		if j < len(n) && (o[i] == n[j] || isSpaceLike(o[i]) && isSpaceLike(n[j]) || o[i] == '\r' && n[j] == '\n') {
			j++
		} else if j < len(n) && len(o)-i-1 < len(n)-j {
			j++ // a replaced character
		}
	}
	m[len(o)] = j
	return func(i int) int {
		if i < 0 {
			return 0
		}
		if i > len(o) {
			i = len(o)
		}
		return m[i]
	}
}

func isSpaceLike(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r >= '\u2000' && r <= '\u200a' || r == '\u202f' || r == '\u3000'
}

func runeIndex(s string, byteOff int) int {
	if byteOff > len(s) {
		byteOff = len(s)
	}
	return utf8.RuneCountInString(s[:byteOff])
}

func runeToByte(s string, r int) int {
	i := 0
	for b := range s {
		if i == r {
			return b
		}
		i++
	}
	if i == r {
		return len(s)
	}
	return -1
}

func readLGL(path string) ([]geoArticle, error) {
	var x struct {
		Articles []struct {
			Text  string `xml:"text"`
			Topos []struct {
				Start  int    `xml:"start"`
				End    int    `xml:"end"`
				Phrase string `xml:"phrase"`
				Gaztag *struct {
					Lat string `xml:"lat"`
					Lon string `xml:"lon"`
				} `xml:"gaztag"`
			} `xml:"toponyms>toponym"`
		} `xml:"article"`
	}
	if err := readXML(path, &x); err != nil {
		return nil, err
	}
	var out []geoArticle
	for _, a := range x.Articles {
		art := geoArticle{text: a.Text}
		for _, t := range a.Topos {
			gt := geoTopo{start: t.Start, end: t.End, phrase: t.Phrase}
			if t.Gaztag != nil {
				gt.hasCoord, gt.lat, gt.lon = parseCoord(t.Gaztag.Lat, t.Gaztag.Lon)
			}
			art.topos = append(art.topos, gt)
		}
		out = append(out, art)
	}
	return out, nil
}

func readGWN(path string) ([]geoArticle, error) {
	var x struct {
		Articles []struct {
			Text  string `xml:"text"`
			Topos []struct {
				Name  string `xml:"extractedName"`
				Type  string `xml:"type"`
				Start int    `xml:"start"`
				End   int    `xml:"end"`
				Lat   string `xml:"latitude"`
				Lon   string `xml:"longitude"`
			} `xml:"toponyms>toponym"`
		} `xml:"article"`
	}
	if err := readXML(path, &x); err != nil {
		return nil, err
	}
	var out []geoArticle
	for _, a := range x.Articles {
		art := geoArticle{text: a.Text}
		for _, t := range a.Topos {
			gt := geoTopo{start: t.Start, end: t.End, phrase: t.Name, kind: t.Type}
			gt.hasCoord, gt.lat, gt.lon = parseCoord(t.Lat, t.Lon)
			art.topos = append(art.topos, gt)
		}
		out = append(out, art)
	}
	return out, nil
}

func readXML(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := xml.NewDecoder(bufio.NewReader(f)).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

var geoDebug = os.Getenv("SITREP_GEO_DEBUG") != ""

func debugf(format string, args ...any) {
	if geoDebug {
		fmt.Fprintf(os.Stderr, format, args...)
	}
}

// parseCoord parses a gold latitude and longitude; ok is false when either
// is missing or not a number.
func parseCoord(lat, lon string) (ok bool, la, lo float64) {
	la, e1 := strconv.ParseFloat(lat, 64)
	lo, e2 := strconv.ParseFloat(lon, 64)
	return e1 == nil && e2 == nil, la, lo
}
