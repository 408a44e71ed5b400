// Package model holds the trained place resolver of sitrep/place, made by
// `sitrep train places` from GeoWebNews. It is data only.
package model

import _ "embed"

// Places is the resolver's weights in the format of place.ReadModel.
//
//go:embed places.bin
var Places []byte
