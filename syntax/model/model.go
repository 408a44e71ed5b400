// Package model holds the trained tagger and parser of sitrep/syntax, made
// by `sitrep train syntax`. It is data only.
package model

import _ "embed"

// Syntax is the model file in the format of package sitrep/event/learn.
//
//go:embed syntax.bin
var Syntax []byte
