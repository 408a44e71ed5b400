package pipeline

import (
	"context"
	"fmt"

	"sitrep"
	"sitrep/text"
)

// Pipeline runs a fixed list of stages after the text layer. The zero value
// runs the text layer alone.
type Pipeline struct {
	stages []Stage
}

// New returns a pipeline that runs the text layer and then stages, in order.
func New(stages ...Stage) *Pipeline { return &Pipeline{stages: stages} }

// Stages returns the names of the pipeline's stages, in order.
func (p *Pipeline) Stages() []string {
	names := make([]string, len(p.stages))
	for i, s := range p.stages {
		names[i] = s.Name()
	}
	return names
}

// Input is one article to read: sitrep.Article, whose metadata the
// document carries over.
type Input = sitrep.Article

// Extract reads one article and returns its document, with code-point
// offsets as the contract wants them. It normalizes the text, runs the text
// layer and every stage; a stage's error stops the run and is returned
// wrapped with the stage's name.
//
// A stage that fails (returns an error or panics) stops the run: the
// document is returned with what the earlier stages found and the failure
// recorded in its Errors, together with the error (a *sitrep.StageError).
// A cancelled context returns no document.
func (p *Pipeline) Extract(ctx context.Context, in Input) (*sitrep.Document, error) {
	a, err := p.Analyze(ctx, in)
	if a == nil {
		return nil, err
	}
	a.Doc.ToRuneOffsets()
	return a.Doc, err
}

// Analyze is Extract without the final offset conversion: it returns the
// analysis (sentences and tokens included) with byte offsets, for callers
// that want to look at the tokens. A failed stage is reported as Extract
// reports it: the analysis so far and the error.
func (p *Pipeline) Analyze(ctx context.Context, in Input) (*text.Analysis, error) {
	doc := sitrep.NewDocument(text.Normalize(in.Text))
	if in.ID != "" {
		doc.ID = in.ID
	}
	doc.URL, doc.Title, doc.Outlet, doc.Byline, doc.Published = in.URL, in.Title, in.Outlet, in.Byline, in.Published
	a := text.Analyze(doc)
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := runStage(ctx, s, a); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			se := &sitrep.StageError{Stage: s.Name(), Message: err.Error()}
			a.Doc.Errors = append(a.Doc.Errors, *se)
			return a, se
		}
	}
	return a, nil
}

// runStage runs one stage, turning a panic into an error so that one bad
// article never takes the process down.
func runStage(ctx context.Context, s Stage, a *text.Analysis) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return s.Run(ctx, a)
}
