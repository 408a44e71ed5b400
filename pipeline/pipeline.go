package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"sitrep"
	"sitrep/lang"
	"sitrep/text"
)

// Pipeline runs a fixed list of stages after the text layer. The zero value
// runs the text layer alone.
type Pipeline struct {
	stages []Stage
	// languages are the languages whose articles the stages read; nil
	// reads every article (see OnlyLanguages)
	languages []string
}

// OnlyLanguages returns a copy of p that extracts only articles in one of
// the languages (ISO 639-1 codes; none: every language). Another article's
// document gets its language, its text layer and a LanguageError, and no
// stage reads it: sitrep's models read English, and French read as
// English gives junk ("Les" a person).
func (p *Pipeline) OnlyLanguages(codes ...string) *Pipeline {
	q := *p
	q.languages = slices.Clone(codes)
	return &q
}

// LanguageError says that an article was not extracted: it reads as a
// language the pipeline does not extract.
type LanguageError struct {
	Language   string  // ISO 639-1
	Confidence float64 // the identifier's, 0 when the source declared it
	Want       []string
}

func (e *LanguageError) Error() string {
	how := "declared"
	if e.Confidence > 0 {
		how = fmt.Sprintf("identified, confidence %.2f", e.Confidence)
	}
	return fmt.Sprintf("language %s (%s), not %s: not extracted", e.Language, how, strings.Join(e.Want, ","))
}

// language returns the language of an article: the identifier's reading
// when it is reliable, else the language the source declares, else
// English; and the identifier's confidence (0 when it did not decide).
func language(txt, declared string) (string, float64) {
	if r := lang.Detect(txt); r.Reliable && r.Code != "und" {
		return r.Code, r.Confidence
	}
	if declared != "" {
		return declared, 0
	}
	return "en", 0
}

// New returns a pipeline that runs the text layer and then stages, in order.
func New(stages ...Stage) *Pipeline { return &Pipeline{stages: stages} }

// Replace returns a copy of p in which s takes the place of the stage of
// the same name; p is returned unchanged when it has none.
func (p *Pipeline) Replace(s Stage) *Pipeline {
	q := *p
	q.stages = slices.Clone(p.stages)
	for i, t := range q.stages {
		if t.Name() == s.Name() {
			q.stages[i] = s
		}
	}
	return &q
}

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
// A cancelled context returns no document. Every document's language is
// identified (lang.Detect; the source's declared language, then English,
// when the text is too short or mixed to tell); an article in a language
// the pipeline does not extract (OnlyLanguages) gets its document with the
// text layer only and a *LanguageError.
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
	var conf float64
	doc.Language, conf = language(doc.Text, in.Language)
	a := text.Analyze(doc)
	if p.languages != nil && !slices.Contains(p.languages, doc.Language) {
		le := &LanguageError{Language: doc.Language, Confidence: conf, Want: p.languages}
		a.Doc.Errors = append(a.Doc.Errors, sitrep.StageError{Stage: "language", Message: le.Error()})
		return a, le
	}
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
