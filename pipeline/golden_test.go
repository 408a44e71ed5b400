package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden documents in ../testdata/golden")

// goldenArticles are the real articles whose documents are kept as golden
// files: the shipped examples and, when the shared folder is there, the
// reference article.
func goldenArticles(t *testing.T) map[string]struct{ path, date string } {
	out := map[string]struct{ path, date string }{}
	files, err := filepath.Glob("../examples/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]string{"protest-capital": "2023-03-14", "ceasefire-talks": "2022-10-03", "flood-relief": "2024-08-03",
		"diplomatic-deal": "2023-03-10", "mosque-bombing": "2021-10-08",
		"earthquake": "2020-01-25"}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		out[name] = struct{ path, date string }{f, dates[name]}
	}
	ref := "../../shared/articles/iraq-2021-07-27.txt"
	if _, err := os.Stat(ref); err == nil {
		out["iraq-2021-07-27"] = struct{ path, date string }{ref, "2021-07-27"}
	}
	return out
}

// TestGolden runs the whole pipeline over real articles and compares each
// document with its golden file. Run with -update to rewrite them, then
// review the diff.
func TestGolden(t *testing.T) {
	p := pipeline.Default()
	for name, art := range goldenArticles(t) {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(art.path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := p.Extract(context.Background(), pipeline.Input{Text: string(raw), Published: art.date})
			if err != nil {
				t.Fatal(err)
			}
			if err := doc.Validate(); err != nil {
				t.Fatalf("invalid document: %v", err)
			}
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("..", "testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./pipeline -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("document differs from %s; run with -update and review the diff", golden)
			}
			checkDocument(t, golden)
		})
	}
}

// checkDocument runs the shared contract checker on a document file when
// the shared tools and python3 are there.
func checkDocument(t *testing.T, path string) {
	t.Helper()
	checker := "../../shared/tools/check-document"
	if _, err := os.Stat(checker); err != nil {
		return
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		return
	}
	out, err := exec.Command(py, checker, path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ok:") {
		t.Errorf("check-document %s: %v\n%s", path, err, out)
	}
}
