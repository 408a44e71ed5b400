package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchText returns the example articles of the repository joined (about
// 1-2 KB each), or a generated text when they are absent.
func benchTexts(b *testing.B) []string {
	paths, _ := filepath.Glob(filepath.Join("..", "examples", "*.txt"))
	var out []string
	for _, p := range paths {
		if t, err := os.ReadFile(p); err == nil {
			out = append(out, string(t))
		}
	}
	if len(out) == 0 {
		out = append(out, strings.Repeat(newsLike[0].text+" ", 20))
	}
	return out
}

// benchmark detects each text in turn and reports MB/s of input.
func benchmark(b *testing.B, texts []string) {
	d := detector(b)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.SetBytes(int64(n / len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d.Detect(texts[i%len(texts)])
	}
}

// BenchmarkDetectArticle: the example news articles as they are.
func BenchmarkDetectArticle(b *testing.B) { benchmark(b, benchTexts(b)) }

// BenchmarkDetectLong: 100 KB texts (Detect reads a bounded prefix).
func BenchmarkDetectLong(b *testing.B) {
	texts := benchTexts(b)
	for i, t := range texts {
		texts[i] = strings.Repeat(t+"\n", 100_000/len(t)+1)
	}
	benchmark(b, texts)
}

// BenchmarkDetectSentence: one sentence per language.
func BenchmarkDetectSentence(b *testing.B) {
	var texts []string
	for _, tc := range newsLike {
		texts = append(texts, tc.text)
	}
	benchmark(b, texts)
}

// BenchmarkDetectNews: the PolNeAR test articles (about 6 KB each; skipped
// without ../shared).
func BenchmarkDetectNews(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(sharedDir(b), "eval", "polnear", "test", "text", "*.txt"))
	var texts []string
	for _, p := range paths {
		if t, err := os.ReadFile(p); err == nil {
			texts = append(texts, string(t))
		}
	}
	if len(texts) == 0 {
		b.Skip("no PolNeAR test articles")
	}
	benchmark(b, texts)
}
