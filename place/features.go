package place

import (
	"math"

	"sitrep/place/gazetteer"
)

// feat is one feature of a candidate: a hashed name and its value.
type feat struct {
	h uint32
	v float32
}

// fhash builds a feature's hash (FNV-1a, 32 bits) from a template and
// values without allocating: tmpl(tKind).str("admin1").sum().
type fhash uint32

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// Feature templates. Their numbers are part of the model file's meaning:
// renumbering one needs a retrained model.
const (
	tKind         byte = iota + 1 // the entry's kind
	tFeature                      // its GeoNames feature code
	tLogPop                       // log population, by kind
	tPopBucket                    // population bucket, by kind
	tAlt                          // matched an alternate name
	tRank                         // position in the lookup order
	tPrior                        // gazetteer.Prior
	tCandidates                   // how many candidates, by rank
	tCountry                      // the entry's country
	tCountryW                     // weight of its country in the article, by kind
	tTopCountry                   // its country is the article's first, by kind
	tNoCountry                    // the article gives no country, by rank
	tNamedCountry                 // its country is named as a country, by kind
	tAdminOthers                  // other places chosen in its division, by kind
	tAdminNamed                   // its division is named, by kind
	tNearest                      // distance bucket to the nearest other place
	tNear161                      // other places within 161 km
	tDateline                     // the entity is the dateline, by kind
	tDatelineCtry                 // its country is the dateline's, by kind
	tAppos                        // "A, B": contains or is contained by its neighbour
	tEntType                      // entity type, by kind
	tWord                         // a word around a mention, by kind
	tTail                         // the last word of the name, by kind
	tCaps                         // written in capitals, by kind
	tMentions                     // log mentions, by kind
	tExact                        // the name is the entry's preferred name, by kind
	tBias                         // a constant, by kind and rank 0
	tPartial                      // found by a part of the name ("Dublin" of "Dublin Community Center"), by kind
	tNear50                       // other entities with a likely candidate within 50 km, by kind
	tSupport161                   // the same within 161 km
	tInside                       // other entities with a likely candidate inside it, by kind
	tPeers                        // other entities with a likely candidate in its division, by kind
)

func tmpl(t byte) fhash { return (fnvOffset ^ fhash(t)) * fnvPrime }

// str adds a string value.
func (h fhash) str(s string) fhash {
	for i := 0; i < len(s); i++ {
		h = (h ^ fhash(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

// num adds a small integer value.
func (h fhash) num(v int) fhash {
	u := uint32(v)
	for range 4 {
		h = (h ^ fhash(u&0xff)) * fnvPrime
		u >>= 8
	}
	return h
}

func (h fhash) sum() uint32 { return uint32(h) }

// kindName is the class a candidate's features are crossed with: its kind,
// the feature code for landmarks and second-level divisions ("AIRP",
// "ADM2").
func kindName(e gazetteer.Entry) string {
	switch e.Kind {
	case gazetteer.KindLandmark:
		return "L" + e.Feature
	case gazetteer.KindAdmin2:
		return "ADM2"
	case gazetteer.KindAdmin1:
		return "ADM1"
	case gazetteer.KindCountry:
		return "PCL"
	}
	switch e.Feature {
	case "PPLC", "PPLA", "PPLA2":
		return e.Feature
	}
	return "PPL"
}

// popBucket is the order of magnitude of a population, 0 for none.
func popBucket(p int) int {
	b := 0
	for p >= 1 && b < 8 {
		p /= 10
		b++
	}
	return b
}

// distBucket buckets a distance in km; -1 (no other place) is bucket 0.
func distBucket(d float64) int {
	switch {
	case d < 0:
		return 0
	case d < 25:
		return 1
	case d < 80:
		return 2
	case d < 161:
		return 3
	case d < 400:
		return 4
	case d < 1000:
		return 5
	case d < 3000:
		return 6
	}
	return 7
}

// Context features are given twice, alone and crossed with the kind of
// entry, so that what a context says of one kind teaches the others.

// features appends the features of candidate j of x in context c to buf:
// those that do not depend on the places chosen, then those that do.
func (s *scene) features(x *ent, j int, c *docContext, buf []feat) []feat {
	return s.contextFeatures(x, j, c, s.staticFeatures(x, j, buf))
}

// staticFeatures appends the features of candidate j of x that do not
// depend on the other places chosen: the candidate's own, its mentions'
// and what the other entities' likely candidates say of it.
func (s *scene) staticFeatures(x *ent, j int, buf []feat) []feat {
	cd := &x.cands[j]
	e := cd.e
	k := kindName(e)
	add := func(h fhash, v float64) { buf = append(buf, feat{h.sum(), float32(v)}) }
	one := func(h fhash) { add(h, 1) }
	rank := min(cd.rank, 4)
	one(tmpl(tKind).str(k))
	one(tmpl(tFeature).str(e.Feature))
	add(tmpl(tLogPop).str(k), math.Log10(float64(e.Population)+1)/7)
	one(tmpl(tPopBucket).str(k).num(popBucket(e.Population)))
	if e.Alt {
		one(tmpl(tAlt).str(k))
	}
	one(tmpl(tRank).num(rank))
	add(tmpl(tPrior), cd.prior/10)
	one(tmpl(tCandidates).num(popBucket(len(x.cands))).num(rank))
	one(tmpl(tCountry).str(e.Country))
	if cd.exact {
		one(tmpl(tExact).str(k))
	}
	one(tmpl(tEntType).str(x.typ).str(k))
	if rank == 0 {
		one(tmpl(tBias).str(k))
	}
	if x.partial {
		one(tmpl(tPartial).str(k))
	}
	if x.dateline {
		one(tmpl(tDateline).str(k))
	}
	for _, w := range x.words {
		one(tmpl(tWord).num(int(w.at)).str(w.w).str(k))
	}
	if x.tail != "" {
		one(tmpl(tTail).str(x.tail).str(k))
	}
	if x.caps {
		one(tmpl(tCaps).str(k))
	}
	add(tmpl(tMentions).str(k), math.Log2(float64(x.mentions))/4)
	both := func(t byte, k string, v float64) { add(tmpl(t), v); add(tmpl(t).str(k), v) }
	if cd.near50 > 0 {
		both(tNear50, k, float64(min(cd.near50, 3))/3)
	}
	if cd.near161 > 0 {
		both(tSupport161, k, float64(min(cd.near161, 3))/3)
	}
	if cd.inside > 0 {
		both(tInside, k, float64(min(cd.inside, 3))/3)
	}
	if cd.peers > 0 {
		both(tPeers, k, float64(min(cd.peers, 3))/3)
	}
	if e.Kind != gazetteer.KindCountry && countOthers(s.namedCountry[e.Country], x.idx) > 0 {
		both(tNamedCountry, k, 1)
	}
	if e.Admin1 != "" && e.Kind != gazetteer.KindAdmin1 && countOthers(s.namedAdmin[[2]string{e.Country, e.Admin1}], x.idx) > 0 {
		both(tAdminNamed, k, 1)
	}
	return buf
}

// contextFeatures appends the features of candidate j of x that the other
// places chosen give it in context c.
func (s *scene) contextFeatures(x *ent, j int, c *docContext, buf []feat) []feat {
	cd := &x.cands[j]
	e := cd.e
	k := kindName(e)
	add := func(h fhash, v float64) { buf = append(buf, feat{h.sum(), float32(v)}) }
	one := func(h fhash) { add(h, 1) }
	both := func(t byte, k string, v float64) { add(tmpl(t), v); add(tmpl(t).str(k), v) }
	rank := min(cd.rank, 4)
	// the article's countries
	if w := c.countryWeight(x, e.Country); w > 0 {
		both(tCountryW, k, w/4)
	}
	if !c.anyCtry {
		one(tmpl(tNoCountry).num(rank))
	} else if e.Country != "" && e.Country == c.topCtry && c.countryWeight(x, e.Country) > 0 {
		both(tTopCountry, k, 1)
	}
	// divisions
	if e.Admin1 != "" {
		if n := c.adminOthers(x, [2]string{e.Country, e.Admin1}); n > 0 {
			both(tAdminOthers, k, float64(min(n, 3))/3)
		}
	}
	// other places nearby
	if e.Kind != gazetteer.KindCountry && e.Kind != gazetteer.KindAdmin1 && e.Country != "" {
		d, near := c.nearest(x.idx, e.Lat, e.Lon)
		one(tmpl(tNearest).num(distBucket(d)))
		if near > 0 {
			add(tmpl(tNear161), float64(min(near, 4))/4)
		}
	}
	// the dateline's country
	if !x.dateline && c.dateline != "" && e.Country == c.dateline {
		both(tDatelineCtry, k, 1)
	}
	if cd.appos {
		both(tAppos, k, 1)
	}
	return buf
}

// score is the model's score of one candidate's features.
func (m *Model) score(fs []feat) float64 {
	var s float32
	for _, f := range fs {
		s += m.weight(f.h) * f.v
	}
	return float64(s)
}
