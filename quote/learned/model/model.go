// Package model holds the trained models of sitrep/quote/learned (cue,
// content and source), made by `sitrep train quotes`. It is data only.
package model

import _ "embed"

// Quotes is the learned quote finder's model file in the format of
// package sitrep/quote/learn.
//
//go:embed quotes.bin
var Quotes []byte
