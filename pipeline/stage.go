// Package pipeline runs sitrep's stages in order over one document: the
// text layer first, then each analysis stage (entities, times, quantities,
// places, quotes, events), and finally converts offsets to code points.
// A library user may run all stages (Default) or pick some (New).
package pipeline

import (
	"context"

	"sitrep/text"
)

// Stage is one step of the pipeline. Run reads what earlier stages left in
// the analysis and adds its own findings to a.Doc. Offsets are bytes while
// stages run. A stage returns an error only for a failure that makes its
// output unusable; the pipeline wraps it with the stage's name.
type Stage interface {
	Name() string
	Run(ctx context.Context, a *text.Analysis) error
}
