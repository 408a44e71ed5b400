package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/annot"
)

// TestSentenceScore pins how sitrep's events are scored against annotated
// ones: triggers match when they overlap, one to one; codes are compared on
// the matched pairs; actor codes count on both sides.
func TestSentenceScore(t *testing.T) {
	gold := []annot.Event{
		{Trigger: annot.Span{10, 16}, CAMEO: "193", PLOVER: "ASSAULT", SourceCode: "UAF", TargetCode: "NGACVL"},
		{Trigger: annot.Span{30, 35}, CAMEO: "111", PLOVER: "ACCUSE", SourceCode: "NGAGOV"},
	}
	sys := []annot.Event{
		{Trigger: annot.Span{10, 16}, CAMEO: "190", PLOVER: "ASSAULT", SourceCode: "UAF", TargetCode: "NGA"},
		{Trigger: annot.Span{50, 55}, CAMEO: "040", PLOVER: "CONSULT"},
	}
	var sc SentenceScore
	sc.add(gold, sys)
	if sc.Gold != 2 || sc.System != 2 || sc.Matched != 1 {
		t.Fatalf("gold %d system %d matched %d, want 2 2 1", sc.Gold, sc.System, sc.Matched)
	}
	if sc.Root != 1 || sc.Code != 0 || sc.PLOVER != 1 {
		t.Errorf("root %d code %d PLOVER %d, want 1 0 1", sc.Root, sc.Code, sc.PLOVER)
	}
	if sc.Source != (codeCount{Gold: 2, System: 1, Right: 1, SameCountry: 1}) || sc.Target != (codeCount{Gold: 1, System: 1, Right: 0, SameCountry: 1}) {
		t.Errorf("source %+v target %+v", sc.Source, sc.Target)
	}
	if got := sc.String(); !strings.Contains(got, "trigger P 0.500 R 0.500 F1 0.500") || !strings.Contains(got, "source code F1 0.667 (same country 0.667), target code F1 0.000 (same country 1.000)") {
		t.Errorf("summary %q", got)
	}
}

// sharedForLongTest returns the shared folder beside the repository for a
// test that reads the benchmark data under its eval/sub folder ("" for
// eval/ itself), skipping the test with -short or when the folder is not
// there.
func sharedForLongTest(t *testing.T, sub string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("short")
	}
	shared := "../../shared"
	if _, err := os.Stat(filepath.Join(shared, "eval", sub)); err != nil {
		t.Skip("../shared is not beside the repository")
	}
	return shared
}
