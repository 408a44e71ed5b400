package eval

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"sitrep"
	"sitrep/country"
	"sitrep/entity"
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
	geonameID  int
}

// gwnToponymTypes are the GeoWebNews types counted as toponyms for
// recognition: named places, literal or metonymic. Common nouns
// (Literal_Expression, Non_Lit_Expression), demonyms, languages, homonyms
// and non-toponyms are left out, as a named-place tagger does not aim at them.
var gwnToponymTypes = map[string]bool{"Literal": true, "Literal_Modifier": true, "Mixed": true, "Coercion": true, "Embedded_Literal": true, "Metonymic": true}

// GeoCorpus is a geoparsing corpus (LGL or GeoWebNews) analysed up to the
// place stage, for training and scoring the place resolver.
type GeoCorpus struct {
	Name string
	Docs []GeoDoc
}

// GeoDoc is one article of a GeoCorpus.
type GeoDoc struct {
	a    *text.Analysis // the entity stage's reading, before the place stage
	gold []goldSpan     // the gold toponyms, byte offsets into a.Doc.Text
}

// goldSpan is a gold toponym in the analysed text.
type goldSpan struct {
	start, end int // bytes
	geo        geoTopo
	named      bool // counted for recognition (GeoWebNews: a named place)
}

// LoadGeoCorpora reads LGL and GeoWebNews from shared/eval/geoparsing and
// runs the stages before the place stage on every article.
func LoadGeoCorpora(ctx context.Context, shared string) (lgl, gwn *GeoCorpus, err error) {
	dir := filepath.Join(shared, "eval/geoparsing")
	la, err := readLGL(filepath.Join(dir, "lgl.xml"))
	if err != nil {
		return nil, nil, fmt.Errorf("LGL: %w", err)
	}
	ga, err := readGWN(filepath.Join(dir, "geowebnews.xml"))
	if err != nil {
		return nil, nil, fmt.Errorf("GeoWebNews: %w", err)
	}
	p := pipeline.New(entity.Stage{}) // the place stage reads only the entities
	if lgl, err = analyseGeo(ctx, p, "LGL", la); err != nil {
		return nil, nil, err
	}
	if gwn, err = analyseGeo(ctx, p, "GeoWebNews", ga); err != nil {
		return nil, nil, err
	}
	return lgl, gwn, nil
}

// analyseGeo analyses each article with p and places its gold toponyms in
// the analysed text.
func analyseGeo(ctx context.Context, p *pipeline.Pipeline, name string, arts []geoArticle) (*GeoCorpus, error) {
	c := &GeoCorpus{Name: name, Docs: make([]GeoDoc, 0, len(arts))}
	for i, art := range arts {
		a, err := p.Analyze(ctx, pipeline.Input{Text: art.text})
		if err != nil {
			return nil, fmt.Errorf("%s article %d: %w", name, i, err)
		}
		align := alignRunes(art.text, a.Doc.Text)
		d := GeoDoc{a: a}
		for _, t := range art.topos {
			s, e := runeToByte(a.Doc.Text, align(t.start)), runeToByte(a.Doc.Text, align(t.end))
			if s < 0 || e < s {
				continue
			}
			d.gold = append(d.gold, goldSpan{start: s, end: e, geo: t, named: t.kind == "" || gwnToponymTypes[t.kind]})
		}
		c.Docs = append(c.Docs, d)
	}
	return c, nil
}

// TrainDocs returns the corpus's documents (all, or those whose index
// keep accepts) for place.Train, each twice: as the entity stage read it,
// each place entity that overlaps a gold toponym with coordinates taking
// the first such toponym's place, and with the gold toponyms alone as its
// entities (as scoreGiven resolves them), which teaches the toponyms the
// entity stage misses too.
func (c *GeoCorpus) TrainDocs(keep func(i int) bool) []place.TrainDoc {
	var out []place.TrainDoc
	for i, d := range c.Docs {
		if keep != nil && !keep(i) {
			continue
		}
		td := place.TrainDoc{Doc: d.a.Doc, Gold: map[int]place.Gold{}}
		for _, gs := range d.gold {
			if !gs.geo.hasCoord {
				continue
			}
			if ei := overlappingPlace(d.a.Doc, gs.start, gs.end); ei >= 0 {
				if _, ok := td.Gold[ei]; !ok {
					td.Gold[ei] = place.Gold{Lat: gs.geo.lat, Lon: gs.geo.lon, GeonameID: gs.geo.geonameID}
				}
			}
		}
		out = append(out, td)
		doc, refs := givenDoc(d)
		gd := place.TrainDoc{Doc: doc, Gold: map[int]place.Gold{}}
		for _, r := range refs {
			if _, ok := gd.Gold[r.ent]; !ok {
				gd.Gold[r.ent] = place.Gold{Lat: r.t.lat, Lon: r.t.lon, GeonameID: r.t.geonameID}
			}
		}
		out = append(out, gd)
	}
	return out
}

// overlappingPlace returns the index of the first GPE, LOC or FAC entity
// with a mention overlapping bytes [s, e), or -1.
func overlappingPlace(doc *sitrep.Document, s, e int) int {
	for i, en := range doc.Entities {
		if !place.IsPlaceType(en.Type) {
			continue
		}
		for _, m := range en.Mentions {
			if m.Start < e && s < m.End {
				return i
			}
		}
	}
	return -1
}

// geoScore accumulates one corpus's figures.
type geoScore struct {
	gold, found, exact, overlapG, overlapP int // recognition
	geoN, recognized, e2eWithin            int // end to end: gold toponyms with coordinates, those recognized, those placed within 161 km
	given, givenPlaced, givenWithin        int // resolution of the gold toponyms given their names
	nonCountry, nonCountryWithin           int
	errs                                   []float64 // km, of the given toponyms placed
}

// scoreDoc scores the place stage with model m on one article: recognition
// (the entity stage's GPE/LOC/FAC mentions), end-to-end resolution (the
// places of the recognized gold toponyms) and resolution of the gold
// toponyms given their names.
func (sc *geoScore) scoreDoc(ctx context.Context, g *gazetteer.Gazetteer, m *place.Model, d GeoDoc) error {
	doc := d.a.Doc
	var pred, gs [][2]int
	for _, e := range doc.Entities {
		if place.IsPlaceType(e.Type) {
			for _, mn := range e.Mentions {
				pred = append(pred, [2]int{mn.Start, mn.End})
			}
		}
	}
	for _, t := range d.gold {
		if t.named {
			gs = append(gs, [2]int{t.start, t.end})
		}
	}
	sc.gold += len(gs)
	sc.found += len(pred)
	sc.exact += countMatches(gs, pred, false)
	sc.overlapG += countMatches(gs, pred, true)
	sc.overlapP += countMatches(pred, gs, true)
	if geoDebug {
		debugRecognition(doc, gs, pred)
	}

	// end to end: the place stage on a copy of the analysis
	cp := *doc
	cp.Entities = slices.Clone(doc.Entities)
	cp.Places = nil
	if err := (place.Stage{Gazetteer: g, Model: m}).Run(ctx, &text.Analysis{Doc: &cp, Sentences: d.a.Sentences}); err != nil {
		return err
	}
	placeOf := map[string]sitrep.Place{}
	for _, p := range cp.Places {
		placeOf[p.Entity] = p
	}
	for _, t := range d.gold {
		if !t.geo.hasCoord {
			continue
		}
		sc.geoN++
		ei := overlappingPlace(&cp, t.start, t.end)
		if ei < 0 {
			continue
		}
		sc.recognized++
		if p, ok := placeOf[cp.Entities[ei].ID]; ok && gazetteer.Distance(p.Lat, p.Lon, t.geo.lat, t.geo.lon) <= 161 {
			sc.e2eWithin++
		} else if ok {
			debugf("E2E WRONG\t%s\t%s %s %s %s\n", cp.Entities[ei].Name, p.Name, p.Country, p.Admin1, p.Feature)
		} else {
			debugf("E2E UNPLACED\t%s\n", cp.Entities[ei].Name)
		}
	}
	sc.scoreGiven(g, m, d)
	return nil
}

// debugRecognition prints, with SITREP_GEO_DEBUG set, the gold toponyms
// no place mention overlaps (with the mention of another type there, if
// any, and the text around) and the place mentions no gold toponym
// overlaps.
func debugRecognition(doc *sitrep.Document, gs, pred [][2]int) {
	for _, g := range gs {
		if countMatches([][2]int{g}, pred, true) > 0 {
			continue
		}
		typ := ""
		for _, e := range doc.Entities {
			for _, mn := range e.Mentions {
				if mn.Start < g[1] && g[0] < mn.End {
					typ = e.Type + ":" + doc.Text[mn.Start:mn.End]
				}
			}
		}
		lo, hi := max(0, g[0]-60), min(len(doc.Text), g[1]+60)
		debugf("REC MISS\t%s\t%s\t%q\n", doc.Text[g[0]:g[1]], typ, doc.Text[lo:hi])
	}
	for _, pr := range pred {
		if countMatches([][2]int{pr}, gs, true) == 0 {
			debugf("REC FALSE\t%s\n", doc.Text[pr[0]:pr[1]])
		}
	}
}

// scoreGiven resolves the gold toponyms of d given their names, as
// resolvers are compared (Mordecai): one GPE entity per distinct name.
func (sc *geoScore) scoreGiven(g *gazetteer.Gazetteer, m *place.Model, d GeoDoc) {
	doc, refs := givenDoc(d)
	res := place.Resolve(g, m, doc)
	for _, r := range refs {
		sc.given++
		_, isCountry := country.ByName(doc.Entities[r.ent].Name)
		if !isCountry {
			sc.nonCountry++
		}
		e, ok := res[r.ent]
		if !ok {
			debugf("UNPLACED\t%s\n", doc.Entities[r.ent].Name)
			continue
		}
		sc.givenPlaced++
		dist := gazetteer.Distance(e.Lat, e.Lon, r.t.lat, r.t.lon)
		sc.errs = append(sc.errs, dist)
		if dist <= 161 {
			sc.givenWithin++
			if !isCountry {
				sc.nonCountryWithin++
			}
		} else {
			debugf("WRONG\t%s\t%s %s %s %s\t%.0f\n", doc.Entities[r.ent].Name, e.Name, e.Country, e.Admin1, e.Feature, dist)
		}
	}
}

// givenRef is a gold toponym with coordinates and the entity of its name.
type givenRef struct {
	ent int
	t   geoTopo
}

// givenDoc returns d's text with its gold toponyms that have coordinates
// as its entities, one GPE entity per distinct name, and the toponyms.
func givenDoc(d GeoDoc) (*sitrep.Document, []givenRef) {
	doc := sitrep.NewDocument(d.a.Doc.Text)
	doc.Dateline = d.a.Doc.Dateline
	byName := map[string]int{}
	var refs []givenRef
	for _, t := range d.gold {
		if !t.geo.hasCoord {
			continue
		}
		name := doc.Text[t.start:t.end]
		i, ok := byName[name]
		if !ok {
			i = len(doc.Entities)
			byName[name] = i
			doc.Entities = append(doc.Entities, sitrep.Entity{ID: "E" + strconv.Itoa(i+1), Name: name, Type: "GPE"})
		}
		doc.Entities[i].Mentions = append(doc.Entities[i].Mentions, sitrep.Mention{Start: t.start, End: t.end, Text: name})
		refs = append(refs, givenRef{i, t.geo})
	}
	return doc, refs
}

// add adds o's counts to sc.
func (sc *geoScore) add(o *geoScore) {
	sc.gold += o.gold
	sc.found += o.found
	sc.exact += o.exact
	sc.overlapG += o.overlapG
	sc.overlapP += o.overlapP
	sc.geoN += o.geoN
	sc.recognized += o.recognized
	sc.e2eWithin += o.e2eWithin
	sc.given += o.given
	sc.givenPlaced += o.givenPlaced
	sc.givenWithin += o.givenWithin
	sc.nonCountry += o.nonCountry
	sc.nonCountryWithin += o.nonCountryWithin
	sc.errs = append(sc.errs, o.errs...)
}

// GeoFigures are a corpus's headline figures.
type GeoFigures struct {
	RecognitionF1 float64 // overlap F1 of the GPE/LOC/FAC mentions against the gold toponyms
	E2EAll        float64 // gold toponyms with coordinates recognized and placed within 161 km, over all of them
	E2ERecognized float64 // the same over the recognized ones
	GivenAcc      float64 // gold toponyms given by name placed within 161 km, over all of them
}

func (sc *geoScore) figures() GeoFigures {
	po, ro := ratio(sc.overlapP, sc.found), ratio(sc.overlapG, sc.gold)
	return GeoFigures{RecognitionF1: f1(po, ro), E2EAll: ratio(sc.e2eWithin, sc.geoN), E2ERecognized: ratio(sc.e2eWithin, sc.recognized), GivenAcc: ratio(sc.givenWithin, sc.given)}
}

// ScoreGeo scores the place stage with model m (nil: the embedded one) on
// the documents of c whose index keep accepts (nil: all).
func ScoreGeo(ctx context.Context, c *GeoCorpus, m *place.Model, keep func(i int) bool) (GeoFigures, error) {
	sc, err := scoreGeo(ctx, c, m, keep)
	if err != nil {
		return GeoFigures{}, err
	}
	return sc.figures(), nil
}

func scoreGeo(ctx context.Context, c *GeoCorpus, m *place.Model, keep func(i int) bool) (*geoScore, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	if m == nil {
		if m, err = place.DefaultModel(); err != nil {
			return nil, err
		}
	}
	sc := &geoScore{}
	for i, d := range c.Docs {
		if keep != nil && !keep(i) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := sc.scoreDoc(ctx, g, m, d); err != nil {
			return nil, fmt.Errorf("%s article %d: %w", c.Name, i, err)
		}
	}
	return sc, nil
}

// GeoFolds is the number of cross-validation folds (by article).
const GeoFolds = 5

// inFold reports whether article i is in fold k of GeoFolds.
func inFold(i, k int) bool { return i%GeoFolds == k }

// CrossValidateGeo scores c by GeoFolds-fold cross-validation by article:
// each fold resolved by a model trained with opts on the other folds and on
// the documents of extra (nil: none). It returns the pooled score and each
// fold's figures.
func CrossValidateGeo(ctx context.Context, c *GeoCorpus, extra []place.TrainDoc, opts place.TrainOptions) (GeoFigures, []GeoFigures, error) {
	sc, folds, err := crossValidateGeo(ctx, c, extra, opts)
	if err != nil {
		return GeoFigures{}, nil, err
	}
	return sc.figures(), folds, nil
}

func crossValidateGeo(ctx context.Context, c *GeoCorpus, extra []place.TrainDoc, opts place.TrainOptions) (*geoScore, []GeoFigures, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, nil, err
	}
	total := &geoScore{}
	var folds []GeoFigures
	for k := range GeoFolds {
		train := append(slices.Clip(extra), c.TrainDocs(func(i int) bool { return !inFold(i, k) })...)
		m, _, err := place.Train(ctx, g, train, opts)
		if err != nil {
			return nil, nil, err
		}
		sc, err := scoreGeo(ctx, c, m, func(i int) bool { return inFold(i, k) })
		if err != nil {
			return nil, nil, err
		}
		folds = append(folds, sc.figures())
		total.add(sc)
	}
	return total, folds, nil
}

// Geoparsing scores toponym recognition (the entity stage's GPE/LOC/FAC
// mentions against the gold spans: exact-span and overlap precision, recall
// and F1) and toponym resolution, end to end (the places of the recognized
// gold toponyms) and given the gold toponyms' names, on LGL with the
// embedded resolver (trained on GeoWebNews only) and on GeoWebNews by
// 5-fold cross-validation by article.
func Geoparsing(ctx context.Context, shared string, w io.Writer) error {
	lgl, gwn, err := LoadGeoCorpora(ctx, shared)
	if err != nil {
		return err
	}
	ls, err := scoreGeo(ctx, lgl, nil, nil)
	if err != nil {
		return err
	}
	gs, folds, err := crossValidateGeo(ctx, gwn, nil, place.DefaultTrainOptions())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%-11s %6s | %9s %9s %9s | %9s %9s %9s | %6s %8s %8s %8s | %8s %8s %8s %9s\n", "corpus", "gold", "P exact", "R exact", "F1 exact",
		"P overlap", "R overlap", "F1 ovl", "geo n", "recogn", "e2e@161", "e2e/rec", "given", "acc@161", "mean km", "median km")
	for _, set := range []struct {
		name string
		sc   *geoScore
	}{{"LGL", ls}, {"GeoWebNews", gs}} {
		sc := set.sc
		pe, re := ratio(sc.exact, sc.found), ratio(sc.exact, sc.gold)
		po, ro := ratio(sc.overlapP, sc.found), ratio(sc.overlapG, sc.gold)
		mean, median := meanMedian(sc.errs)
		fmt.Fprintf(w, "%-11s %6d | %9.4f %9.4f %9.4f | %9.4f %9.4f %9.4f | %6d %8d %8.4f %8.4f | %8d %8.4f %8.1f %9.1f\n", set.name, sc.gold, pe, re, f1(pe, re),
			po, ro, f1(po, ro), sc.geoN, sc.recognized, ratio(sc.e2eWithin, sc.geoN), ratio(sc.e2eWithin, sc.recognized),
			sc.given, ratio(sc.givenWithin, sc.given), mean, median)
		fmt.Fprintf(w, "%-11s given the names: acc@161 over the placed toponyms %.4f of %d; without country names %.4f of %d\n", set.name,
			ratio(sc.givenWithin, sc.givenPlaced), sc.givenPlaced, ratio(sc.nonCountryWithin, sc.nonCountry), sc.nonCountry)
	}
	for k, f := range folds {
		fmt.Fprintf(w, "GeoWebNews fold %d: e2e acc@161 %.4f of all, %.4f of recognized; given names %.4f\n", k+1, f.E2EAll, f.E2ERecognized, f.GivenAcc)
	}
	fmt.Fprintln(w, "LGL: the embedded resolver (trained on GeoWebNews only); GeoWebNews: 5-fold cross-validation by article (i mod 5), each fold resolved by a model trained on the other four.")
	fmt.Fprintln(w, "recognition: the entity stage's GPE/LOC/FAC mentions; e2e: gold toponyms with coordinates that a recognized mention overlaps and whose place lies within 161 km,")
	fmt.Fprintln(w, "over all of them (e2e@161) and over the recognized ones (e2e/rec); given: the gold toponyms resolved in context by name, unplaced counted wrong; mean/median km over the placed ones.")
	return peerLGL(filepath.Join(dir(shared), "lgl-systems/results_lgl.txt"), w)
}

func dir(shared string) string { return filepath.Join(shared, "eval/geoparsing") }

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
					ID  int    `xml:"geonameid,attr"`
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
				gt.geonameID = t.Gaztag.ID
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
				ID    string `xml:"geonamesID"`
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
			gt.geonameID, _ = strconv.Atoi(strings.TrimSpace(t.ID))
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
