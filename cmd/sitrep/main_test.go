package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("BAGHDAD - Officials met on Monday. They talked."))
	latin1 := write("latin1.txt", []byte("Caf\xe9 au lait"))
	binary := write("bin.dat", []byte("PK\x03\x04\x00\x00binary"))
	empty := write("empty.txt", []byte(" \n\n"))
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"ok", []string{"extract", good}, exitOK, ""},
		{"not utf8", []string{"extract", latin1}, exitBadInput, "latin1.txt: byte 3: not UTF-8"},
		{"binary", []string{"extract", binary}, exitBadInput, "bin.dat: byte 4: binary data"},
		{"empty", []string{"extract", empty}, exitBadInput, "empty.txt: empty input"},
		{"missing", []string{"extract", filepath.Join(dir, "nope.txt")}, exitBadInput, "nope.txt"},
		{"bad date", []string{"extract", "--date", "yesterday", good}, exitUsage, "--date"},
		{"bad flag", []string{"extract", "--nope"}, exitUsage, "flag provided but not defined"},
		{"help", []string{"extract", "--help"}, exitOK, "usage: sitrep extract"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "unknown command"},
		{"no command", nil, exitUsage, "usage: sitrep"},
		{"version", []string{"version"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.inStderr)
			}
		})
	}
}

func TestExtractStdin(t *testing.T) {
	code, out, stderr := runCLI(t, "WASHINGTON - The talks ended on Monday.\n\nNo deal\n\nBoth sides left.", "extract", "--date", "2021-07-27")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		ID        string `json:"id"`
		Published string `json:"published"`
		Sentences []struct{ Start, End int }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) != 3 || doc.Published != "2021-07-27" || len(doc.ID) != 16 {
		t.Errorf("got %+v", doc)
	}
}

// TestExtractStructured: extract reads HTML pages and JSON Lines through
// the ingest readers, one document per article, and reports bad records.
func TestExtractStructured(t *testing.T) {
	code, out, stderr := runCLI(t, "", "extract", "../../ingest/testdata/news.html")
	if code != exitOK {
		t.Fatalf("html: exit %d: %s", code, stderr)
	}
	var doc struct{ Title, URL string }
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.Title == "" || doc.URL == "" {
		t.Errorf("html: %v; title %q url %q, want the page's", err, doc.Title, doc.URL)
	}
	code, out, stderr = runCLI(t, "", "extract", "../../ingest/testdata/articles.jsonl")
	if code != exitBadInput || !strings.Contains(stderr, "line 3") {
		t.Errorf("jsonl with bad lines: exit %d, stderr %q; want exit 1 naming line 3", code, stderr)
	}
	if n := strings.Count(out, "\n"); n < 2 {
		t.Errorf("jsonl: %d documents, want the good lines' documents", n)
	}
}
