package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

// The benchmarks' real news: exported here, in a test file, so that the
// benchmarks of package pipeline_test read the same texts.

// PolNeARTestFiles returns the 84 PolNeAR test articles' files, or skips
// when ../shared is not beside the repository.
func PolNeARTestFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob("../../shared/eval/polnear/test/text/*.txt")
	if len(files) == 0 {
		tb.Skip("../shared is not beside the repository")
	}
	return files
}

// ReadTexts returns the texts of files and their size in bytes.
func ReadTexts(tb testing.TB, files []string) ([]string, int) {
	tb.Helper()
	var texts []string
	size := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(raw))
		size += len(raw)
	}
	return texts, size
}
