package pipeline_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"sitrep"
	"sitrep/entity"
	"sitrep/pipeline"
	"sitrep/text"
)

// brokenStage fails one way or another.
type brokenStage struct{ panics bool }

func (b brokenStage) Name() string { return "broken" }

func (b brokenStage) Run(ctx context.Context, a *text.Analysis) error {
	if b.panics {
		var m map[string]int
		m["x"]++ // a nil map: a real bug's panic
	}
	return errors.New("model file unreadable")
}

// countStage counts the documents it sees, to prove later stages do not run.
type countStage struct{ n *int }

func (c countStage) Name() string                                    { return "count" }
func (c countStage) Run(ctx context.Context, a *text.Analysis) error { *c.n++; return nil }

func TestStageFailureLeavesPartialDocument(t *testing.T) {
	for _, panics := range []bool{false, true} {
		after := 0
		p := pipeline.New(entity.Stage{}, brokenStage{panics: panics}, countStage{&after})
		doc, err := p.Extract(context.Background(), sitrep.Article{Text: "Police in Nairobi arrested Raila Odinga on Monday."})
		var se *sitrep.StageError
		if !errors.As(err, &se) || se.Stage != "broken" {
			t.Fatalf("panics=%v: error %v, want a StageError of stage broken", panics, err)
		}
		want := "model file unreadable"
		if panics {
			want = "panic: assignment to entry in nil map"
		}
		if !strings.Contains(err.Error(), "stage broken: "+want) {
			t.Errorf("panics=%v: error %q, want it to say %q", panics, err, want)
		}
		if doc == nil || len(doc.Errors) != 1 || doc.Errors[0].Stage != "broken" || !strings.Contains(doc.Errors[0].Message, want) {
			t.Fatalf("panics=%v: document errors %+v, want the broken stage's", panics, doc)
		}
		if len(doc.Entities) == 0 {
			t.Errorf("panics=%v: the entity stage's findings were dropped", panics)
		}
		if after != 0 {
			t.Errorf("panics=%v: a stage after the failure ran", panics)
		}
		if !doc.RuneOffsets {
			t.Errorf("panics=%v: the partial document's offsets are not converted", panics)
		}
	}
}

func TestCancelledContextGivesNoDocument(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc, err := pipeline.Default().Extract(ctx, sitrep.Article{Text: "Rebels attacked the town."})
	if doc != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("doc %v err %v, want no document and context.Canceled", doc, err)
	}
}

// TestCheckData: every embedded model and data file loads, and Load gives
// a pipeline that reads an article.
func TestCheckData(t *testing.T) {
	if err := pipeline.CheckData(); err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.Load()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.Extract(context.Background(), sitrep.Article{Text: "Police arrested 12 protesters in Nairobi on Monday.", Published: "2024-06-26"})
	if err != nil || len(doc.Events) == 0 {
		t.Fatalf("events %v, err %v", doc, err)
	}
}

// fixedQuotes is a quote stage that finds one quote, the text's first
// word.
type fixedQuotes struct{}

func (fixedQuotes) Name() string { return "quote" }

func (fixedQuotes) Run(ctx context.Context, a *text.Analysis) error {
	end := strings.IndexByte(a.Doc.Text, ' ')
	a.Doc.Quotes = []sitrep.Quote{{ID: "S1", Start: 0, End: end, Text: a.Doc.Text[:end]}}
	return nil
}

// TestReplace: Replace swaps the stage of the same name in a copy and
// leaves the pipeline it copied alone.
func TestReplace(t *testing.T) {
	p := pipeline.Default()
	q := p.Replace(fixedQuotes{})
	if !slices.Equal(p.Stages(), q.Stages()) {
		t.Fatalf("stages %v, want %v", q.Stages(), p.Stages())
	}
	s := "Officials met on Monday. Nobody spoke."
	ctx := context.Background()
	a, err := p.Extract(ctx, pipeline.Input{Text: s})
	if err != nil {
		t.Fatal(err)
	}
	b, err := q.Extract(ctx, pipeline.Input{Text: s})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) != 0 || len(b.Quotes) != 1 || b.Quotes[0].Text != "Officials" {
		t.Errorf("quotes: default %+v, replaced %+v", a.Quotes, b.Quotes)
	}
}
