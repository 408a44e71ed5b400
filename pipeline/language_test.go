package pipeline_test

import (
	"context"
	"errors"
	"testing"

	"sitrep/pipeline"
)

// TestLanguages: every document gets its language; a pipeline restricted
// to English extracts English articles, and returns the others with their
// language, their text layer, nothing extracted and a LanguageError; the
// source's declared language decides when the text is too short to tell.
func TestLanguages(t *testing.T) {
	ctx := context.Background()
	en := "BAGHDAD - Police arrested 14 people on Saturday after clashes in the city, officials said."
	de := "Die Polizei hat am Samstag in Berlin vierzehn Menschen festgenommen, nachdem es zu Zusammenstößen gekommen war, teilten die Behörden mit."
	only := pipeline.Default().OnlyLanguages("en")
	tests := []struct {
		name     string
		p        *pipeline.Pipeline
		in       pipeline.Input
		language string
		skipped  bool
	}{
		{"English", only, pipeline.Input{Text: en}, "en", false},
		{"German, English only", only, pipeline.Input{Text: de}, "de", true},
		{"German, any language", pipeline.Default(), pipeline.Input{Text: de}, "de", false},
		{"German declared English", only, pipeline.Input{Text: de, Language: "en"}, "de", true},
		{"too short to tell, declared Spanish", only, pipeline.Input{Text: "Hola.", Language: "es"}, "es", true},
		{"too short to tell, nothing declared", only, pipeline.Input{Text: "Hello."}, "en", false},
	}
	for _, tt := range tests {
		doc, err := tt.p.Extract(ctx, tt.in)
		var le *pipeline.LanguageError
		if doc == nil || doc.Language != tt.language || errors.As(err, &le) != tt.skipped {
			t.Errorf("%s: document %v, error %v; want language %s, skipped %v", tt.name, doc != nil, err, tt.language, tt.skipped)
			continue
		}
		if tt.skipped && (len(doc.Sentences) == 0 || len(doc.Entities) != 0 || len(doc.Errors) != 1 || le.Language != tt.language) {
			t.Errorf("%s: %d sentences, %d entities, errors %+v; want the text layer only and the language noted", tt.name, len(doc.Sentences), len(doc.Entities), doc.Errors)
		}
		if !tt.skipped && err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
