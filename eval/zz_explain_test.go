package eval

import (
	"context"
	"fmt"
	"os"
	"testing"

	"sitrep/event"
	"sitrep/pipeline"
)

func TestExplainDebug(t *testing.T) {
	txt := os.Getenv("EXPLAIN")
	if txt == "" {
		t.Skip()
	}
	a, err := pipeline.BeforeEvents().Analyze(context.Background(), pipeline.Input{Text: txt})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := (&event.Stage{}).Explain(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		fmt.Printf("%-15s %7.2f %s\n", x.Word, x.Margin, x.Code)
	}
}

func TestEventsDebug(t *testing.T) {
	txt := os.Getenv("EVENTS")
	if txt == "" {
		t.Skip()
	}
	doc, err := pipeline.Default().Extract(context.Background(), pipeline.Input{Text: txt, Published: os.Getenv("DATE")})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Events {
		src, tgt := "", ""
		if e.Source != nil {
			src = *e.Source
		}
		if e.Target != nil {
			tgt = *e.Target
		}
		fmt.Printf("%s %s %s %s(%s) -> %s(%s) %s\n", e.Text, e.CAMEO, e.Modality, src, e.SourceCode, tgt, e.TargetCode, e.Rule)
	}
	for _, e := range doc.Entities {
		fmt.Printf("  %s %s %s %s\n", e.ID, e.Name, e.Type, e.Code)
	}
}
