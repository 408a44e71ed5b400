// Package model holds the trained language-identification model of
// sitrep/lang, made by `sitrep train lang`. It is data only.
package model

import _ "embed"

// Lang is the model file in the format lang.Load reads.
//
//go:embed lang.bin
var Lang []byte
