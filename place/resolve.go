package place

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"

	"sitrep"
	"sitrep/country"
	"sitrep/place/gazetteer"
	"sitrep/text"
)

// maxCandidates bounds the places weighed for one name.
const maxCandidates = 40

// maxAnchors bounds the other places a candidate's distance is measured to,
// which keeps a document's resolution linear in its length.
const maxAnchors = 64

// cand is one gazetteer entry a place entity may stand for.
type cand struct {
	e     gazetteer.Entry
	prior float64 // gazetteer.Priors: how likely the entry is meant with no context
	rank  int     // position in the lookup's order, best prior first
	exact bool    // the name looked up is the entry's own preferred name
	appos bool    // named next to a place that contains it or that it contains
	// how many other entities have a likely candidate (among their first
	// supportRank) within 50 and 161 km of it, inside it (a division or
	// country) or in its division
	near50, near161, inside, peers int
	fixed                          float64 // the model's score of its static features
	score                          float64
}

// ent is one GPE, LOC or FAC entity of a document with its candidates.
type ent struct {
	idx      int
	pos      int // position in scene.ents
	typ      string
	mentions int
	cands    []cand
	dateline bool
	caps     bool      // every mention in capitals ("KABUL")
	partial  bool      // the candidates are those of a part of the name
	words    []ctxWord // the words right around its mentions
	tail     string    // the last word of a name of several words ("county" of "Orange County")
	best     int       // index into cands
	// entities written right before ("Savannah, Georgia") or after
	// ("Paris, Texas") one of this entity's mentions, with a comma between
	before, after []*ent
}

// ctxWord is a word next to a mention: at is 'p' for the word before, 'q'
// for the one before that, 'n' for the word after.
type ctxWord struct {
	at byte
	w  string
}

// scene is a document's place entities and what the rest of the document
// says of countries, read once; context adds what depends on the places
// chosen.
type scene struct {
	ents []*ent
	// country weights contributed by the entities that are not places
	// (demonyms, actors with a country)
	fixed map[string]float64
	// divisions and countries some place entity may name, with the entities
	// naming them
	namedAdmin   map[[2]string]map[int]bool
	namedCountry map[string]map[int]bool
}

// docContext is what a scene's current choice of places says about each
// candidate: the article's countries, its divisions, the places to measure
// distances to, the dateline's country.
type docContext struct {
	total     map[string]float64 // country weights
	own       []float64          // by entity position: the weight its choice gave its country
	admins    map[[2]string]int  // entities whose choice lies in each division
	anchors   []anchor
	dateline  string // country of the dateline's place
	anyCtry   bool   // some country has weight
	topCtry   string // the country with the most weight
	topWeight float64
}

// anchor is a chosen place that others are measured to: its owner
// entity, its latitude and longitude in radians and the cosine of its
// latitude.
type anchor struct {
	owner          int
	lat, lon, cosL float64
}

func newAnchor(owner int, lat, lon float64) anchor {
	la := lat * math.Pi / 180
	return anchor{owner, la, lon * math.Pi / 180, math.Cos(la)}
}

// timeSpans returns the spans of the document's time expressions, sorted
// by start (they do not overlap).
func timeSpans(doc *sitrep.Document) []sitrep.Span {
	out := make([]sitrep.Span, len(doc.Times))
	for i, t := range doc.Times {
		out[i] = sitrep.Span{Start: t.Start, End: t.End}
	}
	slices.SortFunc(out, func(a, b sitrep.Span) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// readAsTime reports whether every mention of entity e lies inside one of
// the time spans (timeSpans): the tagger's "Christmas" in "last
// Christmas" is a time (the when stage read it first), not Christmas,
// Florida.
func readAsTime(times []sitrep.Span, e sitrep.Entity) bool {
	if len(times) == 0 || len(e.Mentions) == 0 {
		return false
	}
	for _, m := range e.Mentions {
		// the last time starting at or before the mention
		k := sort.Search(len(times), func(i int) bool { return times[i].Start > m.Start }) - 1
		if k < 0 || times[k].End < m.End {
			return false
		}
	}
	return true
}

// newScene finds the document's place entities and their candidates.
func newScene(g *gazetteer.Gazetteer, doc *sitrep.Document) *scene {
	s := &scene{fixed: map[string]float64{}, namedAdmin: map[[2]string]map[int]bool{}, namedCountry: map[string]map[int]bool{}}
	times := timeSpans(doc)
	for i, e := range doc.Entities {
		if e.Type == "NORP" {
			if c, ok := country.ByDemonym(e.Name); ok {
				s.fixed[c.ISO2] += 0.5 * float64(min(len(e.Mentions), 3))
			} else if c, ok := country.ByISO3(e.Country); ok {
				s.fixed[c.ISO2] += 0.3
			}
			continue
		}
		if !IsPlaceType(e.Type) {
			if c, ok := country.ByISO3(e.Country); ok && e.Country != "" {
				s.fixed[c.ISO2] += 0.3
			}
			continue
		}
		if readAsTime(times, e) {
			continue // "last Christmas": a time, no place
		}
		if x := newEnt(g, doc, i); x != nil {
			s.ents = append(s.ents, x)
		}
	}
	for _, x := range s.ents {
		for _, c := range x.cands {
			switch {
			case c.e.Kind == gazetteer.KindAdmin1:
				addSet(s.namedAdmin, [2]string{c.e.Country, c.e.Admin1}, x.idx)
			case c.e.Kind == gazetteer.KindCountry && c.rank == 0:
				addSet(s.namedCountry, c.e.Country, x.idx)
			}
		}
	}
	for p, x := range s.ents {
		x.pos = p
	}
	s.support()
	if !doc.RuneOffsets {
		linkAppositions(doc.Text, doc, s.ents)
		for _, x := range s.ents {
			for j := range x.cands {
				x.cands[j].appos = apposition(x, x.cands[j].e)
			}
		}
	}
	return s
}

// supportRank is how many of an entity's first candidates count as likely
// when others are measured against them.
const supportRank = 8

// point is a likely candidate of an entity, to measure others to.
type point struct {
	pos int // the entity's position in scene.ents
	a   anchor
}

// support counts, for every candidate, the other entities with a likely
// candidate nearby, inside it or in its division.
func (s *scene) support() {
	var pts []point
	inCountry := map[string][]int{}
	inAdmin := map[[2]string][]int{}
	for _, x := range s.ents {
		for _, c := range x.cands[:min(len(x.cands), supportRank)] {
			if c.e.Country == "" {
				continue
			}
			if c.rank < 3 {
				inCountry[c.e.Country] = appendOnce(inCountry[c.e.Country], x.pos)
				if c.e.Admin1 != "" && c.e.Kind != gazetteer.KindAdmin1 {
					k := [2]string{c.e.Country, c.e.Admin1}
					inAdmin[k] = appendOnce(inAdmin[k], x.pos)
				}
			}
			if pointLike(c.e) && x.pos < maxAnchors { // bounded, as the anchors are
				pts = append(pts, point{x.pos, newAnchor(x.idx, c.e.Lat, c.e.Lon)})
			}
		}
	}
	slices.SortFunc(pts, func(a, b point) int { return cmp.Compare(a.a.lat, b.a.lat) })
	seen50 := make([]int, len(s.ents))
	seen161 := make([]int, len(s.ents))
	stamp := 0
	const window = 161 / earthRadius
	for _, x := range s.ents {
		for j := range x.cands {
			c := &x.cands[j]
			switch {
			case c.e.Kind == gazetteer.KindCountry:
				c.inside = others(inCountry[c.e.Country], x.pos)
			case c.e.Kind == gazetteer.KindAdmin1:
				c.inside = others(inAdmin[[2]string{c.e.Country, c.e.Admin1}], x.pos)
			case c.e.Admin1 != "":
				c.peers = others(inAdmin[[2]string{c.e.Country, c.e.Admin1}], x.pos)
			}
			if !pointLike(c.e) {
				continue
			}
			stamp++
			p := newAnchor(x.idx, c.e.Lat, c.e.Lon)
			lo, _ := slices.BinarySearchFunc(pts, p.lat-window, func(q point, t float64) int { return cmp.Compare(q.a.lat, t) })
			for _, q := range pts[lo:] {
				if q.a.lat > p.lat+window {
					break
				}
				if q.pos == x.pos || seen50[q.pos] == stamp {
					continue
				}
				d := p.distance(q.a)
				if d <= 161 && seen161[q.pos] != stamp {
					seen161[q.pos] = stamp
					c.near161++
				}
				if d <= 50 {
					seen50[q.pos] = stamp
					c.near50++
				}
			}
		}
	}
}

// pointLike reports whether an entry is small enough for distances to it to
// mean something: not a country, first-level division or region.
func pointLike(e gazetteer.Entry) bool {
	return e.Kind != gazetteer.KindCountry && e.Kind != gazetteer.KindAdmin1 && e.Kind != gazetteer.KindLandmark && e.Country != ""
}

func appendOnce(s []int, v int) []int {
	if len(s) > 0 && s[len(s)-1] == v {
		return s
	}
	return append(s, v)
}

// others counts the members of the set s other than v.
func others(s []int, v int) int {
	if slices.Contains(s, v) {
		return len(s) - 1
	}
	return len(s)
}

// newEnt looks entity i up; nil when the gazetteer has no candidate.
func newEnt(g *gazetteer.Gazetteer, doc *sitrep.Document, i int) *ent {
	e := doc.Entities[i]
	x := &ent{idx: i, typ: e.Type, mentions: max(1, len(e.Mentions))}
	names := namesOf(e)
	for _, name := range names {
		if d := demonymPlace(g, name); d != nil {
			// "Iraqi", "European" written where a place is meant
			x.cands = append(x.cands, cand{e: *d, prior: gazetteer.Prior(*d), exact: true})
			break
		}
		if x.lookup(g, name) {
			break
		}
	}
	if len(x.cands) == 0 {
		// a place the name holds: "Dublin Community Recreation Center",
		// "Fargo-Moorhead", "North Texas"
		for _, name := range names {
			if part := placePart(g, name); part != "" && x.lookup(g, part) {
				x.partial = true
				break
			}
		}
	}
	if len(x.cands) == 0 {
		return nil
	}
	x.caps = len(e.Mentions) > 0
	for _, m := range e.Mentions {
		if doc.Dateline != nil && m.Start < doc.Dateline.End && m.End > doc.Dateline.Start {
			x.dateline = true
		}
		x.caps = x.caps && text.IsUpperWord(m.Text)
	}
	if !doc.RuneOffsets {
		x.words = contextWords(doc.Text, e.Mentions)
	}
	if f := strings.Fields(strings.ToLower(e.Name)); len(f) > 1 {
		x.tail = f[len(f)-1]
	}
	return x
}

// lookup adds the candidates of name, at most maxCandidates; it reports
// whether there were any.
func (x *ent) lookup(g *gazetteer.Gazetteer, name string) bool {
	es := g.Lookup(name)
	if len(es) == 0 {
		return false
	}
	if len(es) > maxCandidates {
		es = es[:maxCandidates]
	}
	ps := gazetteer.Priors(es)
	x.cands = slices.Grow(x.cands, len(es))
	for j, c := range es {
		x.cands = append(x.cands, cand{e: c, prior: ps[j], rank: j, exact: strings.EqualFold(c.Name, name)})
	}
	return true
}

// placePart returns the place a name that the gazetteer lacks holds: the
// first of parts joined by a hyphen or slash ("Fargo-Moorhead"), the name
// without a leading direction when the rest is a country, division or town
// of 10,000 people or more ("North Texas"), or the longest leading run of
// its words that names a place when the name ends with a word for a
// building or part of a place ("Paris Public Library", "Dublin Community
// Recreation Center"); "" when there is none. A part that is a word of
// notAlone is not a place, nor one found only by an alternate name.
func placePart(g *gazetteer.Gazetteer, name string) string {
	known := func(s string, big bool) bool {
		s = strings.TrimSpace(s)
		if s == "" || notAlone[gazetteer.Key(s)] {
			return false
		}
		es := g.Lookup(s)
		if len(es) == 0 || es[0].Alt {
			return false
		}
		return !big || es[0].Kind == gazetteer.KindCountry || es[0].Kind == gazetteer.KindAdmin1 || es[0].Population >= 10000
	}
	if i := strings.IndexAny(name, "-/"); i > 0 && !strings.Contains(name[:i], " ") {
		if known(name[:i], false) {
			return name[:i]
		}
	}
	words := strings.Fields(name)
	if len(words) < 2 {
		return ""
	}
	if directions[strings.ToLower(words[0])] {
		if rest := strings.Join(words[1:], " "); known(rest, true) {
			return rest
		}
		return ""
	}
	if !partWords[strings.ToLower(words[len(words)-1])] {
		return ""
	}
	for k := len(words) - 1; k >= 1; k-- {
		if p := strings.Join(words[:k], " "); known(p, false) {
			return p
		}
	}
	return ""
}

// directions are the words before a place that name a part of it.
var directions = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northeast": true, "northwest": true,
	"southeast": true, "southwest": true, "central": true, "northern": true, "southern": true, "eastern": true, "western": true,
	"downtown": true, "greater": true, "upstate": true}

// notAlone are words that name no place on their own, though the
// gazetteer holds a namesake: a leading word of a longer name.
var notAlone = map[string]bool{"north": true, "south": true, "east": true, "west": true, "central": true, "new": true,
	"saint": true, "st": true, "san": true, "santa": true, "mount": true, "lake": true, "fort": true, "port": true, "red": true,
	"county": true, "city": true, "state": true, "national": true, "university": true, "first": true, "union": true}

// partWords end the names of buildings and parts of a place, which lie in
// the place their name starts with.
var partWords = map[string]bool{"center": true, "centre": true, "library": true, "school": true, "park": true, "hospital": true,
	"hall": true, "station": true, "airport": true, "stadium": true, "square": true, "bridge": true, "market": true,
	"police": true, "township": true, "area": true, "downtown": true, "campus": true, "courthouse": true, "jail": true,
	"mall": true, "harbor": true, "harbour": true, "port": true, "zoo": true, "museum": true, "cathedral": true, "church": true}

// maxContextWords bounds the context words kept for one entity.
const maxContextWords = 12

// contextWords returns the distinct words around the mentions: the word
// before, the one before that and the word after, lower-cased.
func contextWords(txt string, ms []sitrep.Mention) []ctxWord {
	var out []ctxWord
	add := func(at byte, w string) {
		if w == "" || len(out) >= maxContextWords {
			return
		}
		cw := ctxWord{at, w}
		for _, o := range out {
			if o == cw {
				return
			}
		}
		out = append(out, cw)
	}
	for _, m := range ms {
		if len(out) >= maxContextWords {
			break
		}
		if m.Start < 0 || m.End > len(txt) || m.Start > m.End {
			continue
		}
		w1, at := wordBefore(txt, m.Start)
		add('p', w1)
		if w1 != "" {
			w2, _ := wordBefore(txt, at)
			add('q', w2)
		}
		add('n', wordAfter(txt, m.End))
	}
	return out
}

// wordBefore returns the word of letters that ends before byte offset i
// (spaces and one punctuation mark between them allowed, as in "city of X"
// or "(AP) X") and where it starts; "" when none is within 30 bytes.
func wordBefore(txt string, i int) (string, int) {
	j := i
	for j > 0 && i-j < 30 && !isLetterByte(txt[j-1]) {
		if txt[j-1] == '\n' || txt[j-1] == '.' {
			return "", j
		}
		j--
	}
	end := j
	for j > 0 && end-j < 24 && isLetterByte(txt[j-1]) {
		j--
	}
	if j == end {
		return "", j
	}
	return lower(txt[j:end]), j
}

// wordAfter returns the word of letters that starts after byte offset i
// (spaces and one punctuation mark between), lower-cased; "" when none.
func wordAfter(txt string, i int) string {
	j := i
	for j < len(txt) && j-i < 30 && !isLetterByte(txt[j]) {
		if txt[j] == '\n' || txt[j] == '.' {
			return ""
		}
		j++
	}
	start := j
	for j < len(txt) && j-start < 24 && isLetterByte(txt[j]) {
		j++
	}
	return lower(txt[start:j])
}

// lower is strings.ToLower, without a copy for a word in lower case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// isLetterByte reports whether b is an ASCII letter or part of a
// multi-byte character (taken for a letter).
func isLetterByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

func addSet[K comparable](m map[K]map[int]bool, k K, i int) {
	if m[k] == nil {
		m[k] = map[int]bool{}
	}
	m[k][i] = true
}

// countOthers counts the members of set other than i.
func countOthers(set map[int]bool, i int) int {
	n := len(set)
	if set[i] {
		n--
	}
	return n
}

// context builds what the entities' current choices (x.best) say.
func (s *scene) context() *docContext {
	c := &docContext{total: make(map[string]float64, len(s.fixed)+4), own: make([]float64, len(s.ents)), admins: map[[2]string]int{}}
	for cc, w := range s.fixed {
		c.total[cc] += w
	}
	for _, x := range s.ents {
		e := x.cands[x.best].e
		w := 1.0
		if x.dateline {
			w = 2
			if c.dateline == "" {
				c.dateline = e.Country
			}
		}
		if e.Country != "" {
			if e.Kind == gazetteer.KindCountry {
				c.own[x.pos] = w*float64(min(x.mentions, 3))*0.5 + 0.5
			} else {
				c.own[x.pos] = 0.5 * w
			}
			c.total[e.Country] += c.own[x.pos]
		}
		if e.Admin1 != "" {
			c.admins[[2]string{e.Country, e.Admin1}]++
		}
		if len(c.anchors) < maxAnchors && e.Kind != gazetteer.KindCountry && e.Kind != gazetteer.KindLandmark && e.Kind != gazetteer.KindAdmin1 {
			c.anchors = append(c.anchors, newAnchor(x.idx, e.Lat, e.Lon))
		}
	}
	for cc, w := range c.total {
		c.anyCtry = true
		if w > c.topWeight || w == c.topWeight && cc < c.topCtry {
			c.topCtry, c.topWeight = cc, w
		}
	}
	return c
}

// countryWeight is the weight the rest of the article gives country cc,
// leaving out what x's own choice gave it, at most 4.
func (c *docContext) countryWeight(x *ent, cc string) float64 {
	if cc == "" {
		return 0
	}
	w := c.total[cc]
	if x.cands[x.best].e.Country == cc {
		w -= c.own[x.pos]
	}
	return min(w, 4)
}

// adminOthers counts the other entities whose choice lies in division k.
func (c *docContext) adminOthers(x *ent, k [2]string) int {
	n := c.admins[k]
	if b := x.cands[x.best].e; b.Admin1 != "" && b.Country == k[0] && b.Admin1 == k[1] {
		n--
	}
	return n
}

// nearest returns the distance in km from (lat, lon) to the nearest anchor
// not owned by i, and how many lie within 161 km; -1 when there is none.
func (c *docContext) nearest(i int, lat, lon float64) (float64, int) {
	best, near := -1.0, 0
	p := newAnchor(i, lat, lon)
	for _, a := range c.anchors {
		if a.owner == i {
			continue
		}
		// the difference in latitude alone is a lower bound
		if lb := math.Abs(a.lat-p.lat) * earthRadius; best >= 0 && lb > best && lb > 161 {
			continue
		}
		d := p.distance(a)
		if best < 0 || d < best {
			best = d
		}
		if d <= 161 {
			near++
		}
	}
	return best, near
}

// earthRadius is the mean radius of the earth in km.
const earthRadius = 6371.0088

// distance returns the great-circle distance in km between a and b.
func (a anchor) distance(b anchor) float64 {
	s1 := math.Sin((b.lat - a.lat) / 2)
	s2 := math.Sin((b.lon - a.lon) / 2)
	h := s1*s1 + a.cosL*b.cosL*s2*s2
	return 2 * earthRadius * math.Asin(math.Sqrt(min(h, 1)))
}

// contains reports whether container (a country or division) holds c.
func contains(container, c gazetteer.Entry) bool {
	if container.Index == c.Index || container.Country == "" || container.Country != c.Country {
		return false
	}
	switch {
	case container.Kind == gazetteer.KindCountry:
		return c.Kind != gazetteer.KindCountry
	case container.Feature == "ADM1":
		return c.Feature != "ADM1" && c.Admin1 == container.Admin1
	}
	return false
}

// linkAppositions finds "A, B" pairs of place mentions.
func linkAppositions(txt string, doc *sitrep.Document, ents []*ent) {
	type start struct {
		at int
		x  *ent
	}
	var starts []start
	for _, x := range ents {
		for _, m := range doc.Entities[x.idx].Mentions {
			starts = append(starts, start{m.Start, x})
		}
	}
	slices.SortStableFunc(starts, func(a, b start) int { return cmp.Compare(a.at, b.at) })
	for _, x := range ents {
		for _, m := range doc.Entities[x.idx].Mentions {
			if m.End+2 > len(txt) || txt[m.End:m.End+2] != ", " {
				continue
			}
			k, ok := slices.BinarySearchFunc(starts, m.End+2, func(s start, t int) int { return cmp.Compare(s.at, t) })
			if !ok {
				continue
			}
			if y := starts[k].x; y != x && !slices.Contains(x.after, y) {
				x.after = append(x.after, y)
				y.before = append(y.before, x)
			}
		}
	}
}

// apposition is 1 when c is named next to a place that contains it or
// that it contains: "Savannah, Georgia", "Paris, Texas".
func apposition(x *ent, c gazetteer.Entry) bool {
	for _, y := range x.after {
		for _, d := range y.cands {
			if contains(d.e, c) {
				return true
			}
		}
	}
	for _, y := range x.before {
		for _, d := range y.cands {
			if contains(c, d.e) {
				return true
			}
		}
	}
	return false
}

// passes is how often the choices are made: first with the context of the
// choices by prior alone, then with that of the previous pass's.
const passes = 2

// rank scores every candidate with m and sets each entity's best, in
// the given number of passes; a nil m ranks by prior alone.
func (s *scene) rank(m *Model, passes int) {
	for _, x := range s.ents {
		x.best = 0 // the lookup's order is by prior
	}
	if m == nil {
		return
	}
	var buf []feat
	for _, x := range s.ents {
		for j := range x.cands {
			buf = s.staticFeatures(x, j, buf[:0])
			x.cands[j].fixed = m.score(buf)
		}
	}
	for range passes {
		s.choose(m, buf)
	}
}

// choose sets each entity's best by m in the context of the current
// choices (one pass), the candidates' fixed scores already set.
func (s *scene) choose(m *Model, buf []feat) {
	ctx := s.context()
	for _, x := range s.ents {
		for j := range x.cands {
			buf = s.contextFeatures(x, j, ctx, buf[:0])
			x.cands[j].score = x.cands[j].fixed + m.score(buf)
		}
	}
	for _, x := range s.ents {
		x.best = argmax(x.cands)
	}
}

// argmax returns the index of the best-scoring candidate, the first of
// equals.
func argmax(cs []cand) int {
	best := 0
	for i, c := range cs {
		if c.score > cs[best].score {
			best = i
		}
	}
	return best
}

// Resolve picks a gazetteer entry for each GPE, LOC and FAC entity of doc
// with the ranker m (nil: by gazetteer.Prior alone). Offsets may be in
// bytes or runes; with runes (doc.RuneOffsets) the words around the
// mentions and "A, B" appositions are not read. The map is keyed by the
// entity's index in doc.Entities; an entity the gazetteer cannot place is
// absent.
func Resolve(g *gazetteer.Gazetteer, m *Model, doc *sitrep.Document) map[int]gazetteer.Entry {
	s := newScene(g, doc)
	s.rank(m, passes)
	out := make(map[int]gazetteer.Entry, len(s.ents))
	for _, x := range s.ents {
		c := x.cands[x.best]
		// an alternate-name match the model does not believe in is more
		// likely a false friend than the place meant
		if c.e.Alt && m != nil && c.score < 0 {
			continue
		}
		out[x.idx] = c.e
	}
	return out
}
