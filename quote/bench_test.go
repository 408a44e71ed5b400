package quote

import (
	"context"
	"os"
	"strings"
	"testing"

	"sitrep"
	"sitrep/text"
)

func benchText(b *testing.B) string {
	if raw, err := os.ReadFile("../../shared/articles/iraq-2021-07-27.txt"); err == nil {
		return text.Normalize(string(raw))
	}
	return strings.Repeat(`"We will win," the minister said on Monday. Officials told reporters that the talks failed, adding that more would follow. `, 20)
}

// BenchmarkStage runs the stage in each mode on the reference article.
func BenchmarkStage(b *testing.B) {
	s := benchText(b)
	a := text.Analyze(sitrep.NewDocument(s))
	for _, m := range []Mode{Combined, RulesOnly, LearnedOnly} {
		b.Run(m.String(), func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			for b.Loop() {
				if err := (Stage{Mode: m}).Run(context.Background(), a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
