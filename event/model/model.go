// Package model holds the trained event coder of sitrep/event, made by
// `sitrep train events`. It is data only.
package model

import _ "embed"

// Events is the coder's model file in the format of package
// sitrep/event/learn.
//
//go:embed events.bin
var Events []byte
