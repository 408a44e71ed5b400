// Package place is sitrep's geocoding stage: it resolves each GPE, LOC and
// FAC entity to a sitrep.Place with coordinates, country, first-level
// division, GeoNames feature code and id, using the offline gazetteer of
// ./gazetteer.
//
// Among places of the same name (at most 40 candidates, best prior first) a
// learned ranker chooses (Model, trained by Train: `sitrep train places` on
// GeoWebNews; the embedded weights are in ./model). Its features: the
// entry's kind, feature code, population and prior; the countries the
// article names (by name, demonym, actor or the places chosen); divisions
// that contain or are contained by other places it names; the distance to
// the other places chosen and the other entities' likely candidates nearby;
// the dateline; "A, B" appositions ("Paris, Texas"); the words around the
// mentions ("airport", "county"); the entity type. It chooses twice: first
// in the context of the places each name means on its own, then in the
// context of the first choices. "Washington" standing for the US government
// still geocodes as the city. A name the gazetteer lacks is looked up by the
// place it holds ("Dublin Community Center": Dublin, "North Texas": Texas);
// otherwise its entity has no place.
package place
