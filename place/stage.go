package place

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
	"sitrep/country"
	"sitrep/lexicon"
	"sitrep/place/gazetteer"
	"sitrep/text"
)

// Stage is the place stage. A nil Gazetteer means gazetteer.Default().
type Stage struct {
	Gazetteer *gazetteer.Gazetteer
}

// Name implements pipeline.Stage.
func (Stage) Name() string { return "place" }

// maxCandidates bounds the places weighed for one name.
const maxCandidates = 40

// Run resolves the document's GPE, LOC and FAC entities and appends one
// Place per resolved entity to a.Doc.Places.
func (s Stage) Run(ctx context.Context, a *text.Analysis) error {
	if err := lexicon.Check(); err != nil {
		return err
	}
	g := s.Gazetteer
	if g == nil {
		var err error
		if g, err = gazetteer.Default(); err != nil {
			return fmt.Errorf("place: %w", err)
		}
	}
	doc := a.Doc
	res := Resolve(g, doc)
	n := len(doc.Places)
	for i, e := range doc.Entities {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, ok := res[i]
		if !ok {
			continue
		}
		n++
		doc.Places = append(doc.Places, sitrep.Place{
			ID: "P" + strconv.Itoa(n), Entity: e.ID, Name: r.Name, Country: r.Country, Admin1: r.Admin1,
			Feature: r.Feature, Lat: round(r.Lat), Lon: round(r.Lon), GeonameID: r.GeonameID,
		})
		// a name seen only in capitals (a dateline: "KABUL -") reads as the
		// gazetteer writes it
		if isUpperWord(e.Name) {
			switch {
			case strings.EqualFold(e.Name, r.Name):
				doc.Entities[i].Name = r.Name
			case strings.Contains(e.Name, " ") || utf8.RuneCountInString(e.Name) > 3: // "GAZA CITY", "GENEVA"; not "UAE"
				doc.Entities[i].Name = titleCase(e.Name)
			}
		}
		// a place stands for its country as an actor: "Najaf" is IRQ
		if c, ok := country.ByISO2(r.Country); ok {
			if doc.Entities[i].Country == "" {
				doc.Entities[i].Country = c.ISO3
			}
			if doc.Entities[i].Code == "" {
				doc.Entities[i].Code = c.CAMEO
			}
		}
	}
	return nil
}

// titleCase writes each word of a name in capitals with a capital first
// letter and the rest in lower case.
func titleCase(s string) string {
	words := strings.Fields(s)
	for k, w := range words {
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		words[k] = string(r)
	}
	return strings.Join(words, " ")
}

// isUpperWord reports whether s has letters and none of them is lower case.
func isUpperWord(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

func round(x float64) float64 {
	return float64(int64(x*1e5+sign(x)*0.5)) / 1e5
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// IsPlaceType reports whether an entity type is geocoded: GPE, LOC or FAC.
func IsPlaceType(t string) bool { return t == "GPE" || t == "LOC" || t == "FAC" }

type cand struct {
	e     gazetteer.Entry
	prior float64
	score float64
}

type ent struct {
	idx      int
	mentions int
	cands    []cand
	dateline bool
	best     int // index into cands, -1 for none
	// entities written right before ("Savannah, Georgia") or after
	// ("Paris, Texas") one of this entity's mentions, with a comma between
	before, after map[*ent]bool
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
	byStart := map[int]*ent{}
	for _, x := range ents {
		for _, m := range doc.Entities[x.idx].Mentions {
			byStart[m.Start] = x
		}
	}
	for _, x := range ents {
		for _, m := range doc.Entities[x.idx].Mentions {
			if m.End+2 <= len(txt) && txt[m.End:m.End+2] == ", " {
				if y := byStart[m.End+2]; y != nil && y != x {
					x.after[y], y.before[x] = true, true
				}
			}
		}
	}
}

// Resolve picks a gazetteer entry for each GPE, LOC and FAC entity of doc
// (offsets in bytes or runes alike: only the dateline overlap uses them, and
// it compares doc's own spans). The map is keyed by the entity's index in
// doc.Entities; an entity the gazetteer cannot place is absent.
func Resolve(g *gazetteer.Gazetteer, doc *sitrep.Document) map[int]gazetteer.Entry {
	var ents []*ent
	// country weights contributed by each entity (to leave out its own)
	contrib := map[int]map[string]float64{}
	addC := func(i int, cc string, w float64) {
		if cc == "" {
			return
		}
		if contrib[i] == nil {
			contrib[i] = map[string]float64{}
		}
		contrib[i][cc] += w
	}
	for i, e := range doc.Entities {
		if e.Type == "NORP" {
			if c, ok := country.ByDemonym(e.Name); ok {
				addC(i, c.ISO2, 0.5*float64(min(len(e.Mentions), 3)))
			} else if c, ok := country.ByISO3(e.Country); ok {
				addC(i, c.ISO2, 0.3)
			}
			continue
		}
		if !IsPlaceType(e.Type) {
			if c, ok := country.ByISO3(e.Country); ok && e.Country != "" {
				addC(i, c.ISO2, 0.3)
			}
			continue
		}
		x := &ent{idx: i, mentions: max(1, len(e.Mentions)), best: -1, before: map[*ent]bool{}, after: map[*ent]bool{}}
		for _, name := range namesOf(e) {
			if d := demonymPlace(g, name); d != nil {
				// "Iraqi", "European" written where a place is meant
				x.cands = append(x.cands, cand{e: *d, prior: gazetteer.Prior(*d)})
				break
			}
			es := g.Lookup(name)
			if len(es) == 0 {
				continue
			}
			if len(es) > maxCandidates {
				es = es[:maxCandidates]
			}
			ps := gazetteer.Priors(es)
			for j, c := range es {
				x.cands = append(x.cands, cand{e: c, prior: ps[j]})
			}
			break
		}
		if doc.Dateline != nil {
			for _, m := range e.Mentions {
				if m.Start < doc.Dateline.End && m.End > doc.Dateline.Start {
					x.dateline = true
				}
			}
		}
		if len(x.cands) > 0 {
			ents = append(ents, x)
		}
	}

	if !doc.RuneOffsets {
		linkAppositions(doc.Text, doc, ents)
	}

	// pass 0: priors alone; passes 1 and 2: with the context the previous pass chose.
	for _, x := range ents {
		x.best = argmax(x.cands, func(c cand) float64 { return c.prior })
	}
	for pass := 0; pass < 2; pass++ {
		type anchor struct {
			owner    int
			lat, lon float64
			w        float64
		}
		var anchors []anchor
		admins := map[[2]string]map[int]bool{} // (country, admin1) -> entities placed in it or naming it
		for _, x := range ents {
			c := x.cands[x.best].e
			w := 1.0
			if x.dateline {
				w = 2
			}
			switch {
			case c.Kind == gazetteer.KindCountry:
				addC(x.idx, c.Country, w*float64(min(x.mentions, 3))*0.5+0.5)
			default:
				addC(x.idx, c.Country, 0.5*w)
			}
			if c.Admin1 != "" {
				k := [2]string{c.Country, c.Admin1}
				if admins[k] == nil {
					admins[k] = map[int]bool{}
				}
				admins[k][x.idx] = true
			}
			if c.Kind != gazetteer.KindCountry && c.Kind != gazetteer.KindLandmark && c.Feature != "ADM1" && margin(x) >= 1.5 || x.dateline {
				anchors = append(anchors, anchor{x.idx, c.Lat, c.Lon, w})
			}
		}
		total := map[string]float64{}
		for _, m := range contrib {
			for cc, w := range m {
				total[cc] += w
			}
		}
		for _, x := range ents {
			for j := range x.cands {
				c := &x.cands[j]
				s := c.prior
				if cc := c.e.Country; cc != "" {
					w := min(total[cc]-contrib[x.idx][cc], 4)
					if x.dateline {
						// a bureau's city: "GENEVA (AFP)" heads stories about
						// elsewhere, so the story's countries say nothing of
						// it; its own words do ("JEDDAH, Saudi Arabia")
						w = 0
					}
					switch c.e.Kind {
					case gazetteer.KindAdmin1, gazetteer.KindAdmin2:
						s += 2 * w // a state of the country the article is about, not a namesake country
					default:
						s += 1.5 * w
					}
				}
				if c.e.Admin1 != "" {
					others := 0
					for o := range admins[[2]string{c.e.Country, c.e.Admin1}] {
						if o != x.idx {
							others++
						}
					}
					if others > 0 {
						s += 2.5
					}
				}
				best := 0.0
				for _, a := range anchors {
					if a.owner == x.idx {
						continue
					}
					d := gazetteer.Distance(c.e.Lat, c.e.Lon, a.lat, a.lon)
					b := 0.0
					switch {
					case d < 50:
						b = 1.5
					case d < 200:
						b = 1
					case d < 500:
						b = 0.5
					}
					best = max(best, b*a.w)
				}
				s += min(best, 2.5)
				s += 3 * apposition(x, c.e)
				c.score = s
			}
			cityOverDivision(x.cands)
			x.best = argmax(x.cands, func(c cand) float64 { return c.score })
		}
		// undo this pass's context before the next one recomputes it
		for _, x := range ents {
			delete(contrib, x.idx)
		}
	}

	out := map[int]gazetteer.Entry{}
	for _, x := range ents {
		c := x.cands[x.best]
		// an alternate-name match with no support from context is more
		// likely a false friend than the place meant
		if c.e.Alt && c.score-c.prior < 0.5 && c.prior < 2 {
			continue
		}
		out[x.idx] = c.e
	}
	return out
}

// apposition is 1 when c is named next to a place that contains it or
// that it contains: "Savannah, Georgia", "Paris, Texas".
func apposition(x *ent, c gazetteer.Entry) float64 {
	for y := range x.after {
		for _, d := range y.cands {
			if contains(d.e, c) {
				return 1
			}
		}
	}
	for y := range x.before {
		for _, d := range y.cands {
			if contains(c, d.e) {
				return 1
			}
		}
	}
	return 0
}

func margin(x *ent) float64 {
	if len(x.cands) < 2 {
		return 10
	}
	b := x.cands[x.best].prior
	second := -1e9
	for j, c := range x.cands {
		if j != x.best && c.prior > second {
			second = c.prior
		}
	}
	return b - second
}

func argmax(cs []cand, f func(cand) float64) int {
	best, bv := -1, 0.0
	for i, c := range cs {
		if v := f(c); best < 0 || v > bv {
			best, bv = i, v
		}
	}
	return best
}

// namesOf lists the names to look an entity up by: its name, then its
// mentions' texts.
func namesOf(e sitrep.Entity) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range append([]string{e.Name}, mentionTexts(e)...) {
		k := gazetteer.Key(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

func mentionTexts(e sitrep.Entity) []string {
	out := make([]string, len(e.Mentions))
	for i, m := range e.Mentions {
		out[i] = m.Text
	}
	return out
}

// continentDemonyms maps the adjectives of continents and larger regions to
// the region they name ("latin american": "Latin America").
var continentDemonyms = lexicon.Values("place.continent-demonyms")

// demonymPlace returns the country or continent a demonym names.
func demonymPlace(g *gazetteer.Gazetteer, name string) *gazetteer.Entry {
	target, kind := "", gazetteer.KindCountry
	if c, ok := country.ByDemonym(name); ok {
		target = c.Name
	} else if n, ok := continentDemonyms[strings.TrimSuffix(gazetteer.Key(name), "s")]; ok {
		target, kind = n, gazetteer.KindLandmark
	}
	if target == "" {
		return nil
	}
	for _, e := range g.Lookup(target) {
		if e.Kind == kind {
			return &e
		}
	}
	return nil
}

// cityOverDivision lets a city of 100,000+ people named like the division it
// lies in ("Basra", "New York") win over the division, as gazetteer.Priors
// does without context.
func cityOverDivision(cs []cand) {
	for i := range cs {
		a := cs[i].e
		if a.Kind != gazetteer.KindAdmin1 {
			continue
		}
		for j := range cs {
			p := cs[j].e
			if p.Kind == gazetteer.KindPlace && p.Population >= 100000 && p.Country == a.Country && p.Admin1 == a.Admin1 && cs[j].score <= cs[i].score {
				cs[j].score = cs[i].score + 0.01
			}
		}
	}
}
