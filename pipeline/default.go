package pipeline

import (
	"sitrep/entity"
	"sitrep/event"
	"sitrep/place"
	"sitrep/quantity"
	"sitrep/quote"
	"sitrep/when"
)

// Default returns the pipeline with every stage sitrep has, in order.
func Default() *Pipeline { return WithEvents(event.New()) }

// WithEvents returns the pipeline with every stage sitrep has, its event
// stage ev (built with the user's dictionaries, say).
func WithEvents(ev *event.Stage) *Pipeline {
	return New(
		entity.Stage{},
		when.Stage{},
		quantity.Stage{},
		place.Stage{}, // after entity, when, quantity
		quote.Stage{}, // after place, before event
		ev,            // last: reads entities, times, quantities, places, quotes
	)
}
