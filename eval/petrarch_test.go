package eval

import (
	"context"
	"os"
	"testing"
)

// TestPetrarchRecords guards the PETRARCH validation score (shared data
// only; skipped without it).
func TestPetrarchRecords(t *testing.T) {
	path := "../../shared/eval/petrarch2/petrarch1-76ccdbf/PETR.UnitTest.records.xml"
	if _, err := os.Stat(path); err != nil {
		t.Skip("PETRARCH records not here")
	}
	res, err := ScorePetrarch(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 276 || res.Exact < 165 {
		t.Errorf("%d of %d records exactly right, want >= 165 of 276", res.Exact, res.Records)
	}
}
