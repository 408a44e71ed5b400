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
