package pipeline

import (
	"fmt"

	"sitrep/entity"
	"sitrep/entity/ner"
	"sitrep/event"
	"sitrep/lang"
	"sitrep/lexicon"
	"sitrep/place"
	"sitrep/place/gazetteer"
	"sitrep/quantity"
	"sitrep/quote"
	"sitrep/quote/learned"
	"sitrep/when"
)

// Default returns the pipeline with every stage sitrep has, in order.
func Default() *Pipeline { return WithEvents(event.New()) }

// WithEvents returns the pipeline with every stage sitrep has, its event
// stage ev (built with the user's dictionaries, say).
func WithEvents(ev *event.Stage) *Pipeline {
	return New(append(stagesBeforeEvents(), ev)...) // last: reads entities, times, quantities, places, quotes
}

// BeforeEvents returns the pipeline without its event stage: what the
// event coder's training and evaluation analyse sentences with.
func BeforeEvents() *Pipeline { return New(stagesBeforeEvents()...) }

// stagesBeforeEvents lists the stages that run before the event stage, in
// order.
func stagesBeforeEvents() []Stage {
	return []Stage{
		entity.Stage{},
		when.Stage{},
		quantity.Stage{},
		place.Stage{},   // after entity, when, quantity
		entity.Actors{}, // after place: places' entities take their country's code
		quote.Stage{},   // after place, before event
	}
}

// CheckData loads every embedded model and data file the stages read (the
// NER model, the gazetteer, the word lists and tables of package lexicon,
// the event patterns) and returns the first error, naming what failed.
// Each loads once per process, so a later run pays nothing; the command
// line calls it before reading any article, so that a broken build fails
// at once and clearly rather than article by article.
func CheckData() error {
	if _, err := ner.Default(); err != nil {
		return fmt.Errorf("NER model: %w", err)
	}
	if _, err := gazetteer.Default(); err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	if _, err := place.DefaultModel(); err != nil {
		return fmt.Errorf("place resolver: %w", err)
	}
	if err := lexicon.Check(); err != nil {
		return err
	}
	if _, err := entity.LoadKnownActors(); err != nil {
		return fmt.Errorf("known actors: %w", err)
	}
	if _, err := event.LoadDefault(); err != nil {
		return err
	}
	if _, err := event.DefaultCoder(); err != nil {
		return fmt.Errorf("event coder: %w", err)
	}
	if _, err := learned.DefaultModel(); err != nil {
		return err
	}
	if _, err := lang.Default(); err != nil {
		return fmt.Errorf("language identifier: %w", err)
	}
	return nil
}

// Load returns the default pipeline once CheckData has loaded its data, or
// the loading error.
func Load() (*Pipeline, error) {
	if err := CheckData(); err != nil {
		return nil, err
	}
	return Default(), nil
}
