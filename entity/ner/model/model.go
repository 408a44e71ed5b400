// Package model holds the trained named-entity model of sitrep/entity/ner,
// made by `sitrep train ner`. It is data only.
package model

import _ "embed"

// NER is the model file in the format of ner.Model.WriteTo.
//
//go:embed ner.bin
var NER []byte
