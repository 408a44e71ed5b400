// Package place is sitrep's geocoding stage: it resolves each GPE, LOC and
// FAC entity to a sitrep.Place with coordinates, country, first-level
// division, GeoNames feature code and id, using the offline gazetteer of
// ./gazetteer.
//
// Among places of the same name it chooses from context: how likely the
// name is meant on its own (curated names, capitals, population), the
// countries the article names (by name or demonym, "Iraqi"), its dateline,
// divisions that contain or are contained by other places it names, and the
// distance to places that are not ambiguous. "Washington" standing for the
// US government still geocodes as the city. A name the gazetteer lacks
// leaves its entity without a place.
package place
