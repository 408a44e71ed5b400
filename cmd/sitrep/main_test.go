package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep/internal/budget"
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
	binaryTxt := write("bin.txt", []byte("PK\x03\x04\x00\x00binary"))
	empty := write("empty.txt", []byte(" \n\n"))
	noIDs := write("noids.jsonl", []byte("{\"id\":\"gmb-ner/train.txt#1\"}\n{\"text\":\"no id\"}\n"))
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"ok", []string{"extract", good}, exitOK, ""},
		{"latin-1 read with a warning", []string{"extract", latin1}, exitOK, "latin1.txt: byte 3: not UTF-8 (byte 0xe9) and no charset declared: read as Windows-1252"},
		{"binary", []string{"extract", binary}, exitBadInput, "bin.dat: unknown format"},
		{"binary as text", []string{"extract", binaryTxt}, exitBadInput, "bin.txt: byte 4: binary data"},
		{"some skipped", []string{"extract", good, binary}, exitSkipped, "1 documents, 1 records skipped, 0 failed; exit 3"},
		{"missing among good", []string{"extract", good, filepath.Join(dir, "nope.txt")}, exitBadInput, "1 documents, 0 records skipped, 1 failed; exit 1"},
		{"empty", []string{"extract", empty}, exitBadInput, "empty.txt: empty input"},
		{"missing", []string{"extract", filepath.Join(dir, "nope.txt")}, exitBadInput, "nope.txt"},
		{"bad date", []string{"extract", "--date", "yesterday", good}, exitUsage, "--date"},
		{"bad flag", []string{"extract", "--nope"}, exitUsage, "flag provided but not defined"},
		{"quotes by the rules", []string{"extract", "--quotes", "rules", good}, exitOK, ""},
		{"bad quote mode", []string{"extract", "--quotes", "both", good}, exitUsage, "unknown quote mode"},
		{"help", []string{"extract", "--help"}, exitOK, "usage: sitrep extract"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "unknown command"},
		{"no command", nil, exitUsage, "usage: sitrep"},
		{"version", []string{"version"}, exitOK, ""},
		{"eval only not events", []string{"eval", "--only", noIDs, "conll"}, exitUsage, "-only and the bias lists are for events"},
		{"eval biases not events", []string{"eval", "--biases", "8,10", "conll"}, exitUsage, "-only and the bias lists are for events"},
		{"eval bad biases", []string{"eval", "--biases", "8,x", "events"}, exitUsage, "bad number"},
		{"eval only missing file", []string{"eval", "--only", filepath.Join(dir, "nope.jsonl"), "events"}, exitBadInput, "nope.jsonl"},
		{"eval only line without id", []string{"eval", "--only", noIDs, "events"}, exitBadInput, "noids.jsonl:2"},
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
	if code != exitSkipped || !strings.Contains(stderr, "line 3") || !strings.Contains(stderr, "3 records skipped") {
		t.Errorf("jsonl with bad lines: exit %d, stderr %q; want exit 3 naming line 3 and counting 3 skipped", code, stderr)
	}
	if n := strings.Count(out, "\n"); n < 2 {
		t.Errorf("jsonl: %d documents, want the good lines' documents", n)
	}
}

// gzipBomb writes a gzip file of mib MiB of the byte fill (a multiple of
// 16), after head and before tail: members of 16 MiB, about a thousand
// times smaller than what they hold.
func gzipBomb(t *testing.T, path, head string, fill byte, mib int, tail string) string {
	t.Helper()
	member := func(data []byte) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(data)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	var out bytes.Buffer
	if head != "" {
		out.Write(member([]byte(head)))
	}
	m := member(bytes.Repeat([]byte{fill}, 16<<20))
	for range mib / 16 {
		out.Write(m)
	}
	if tail != "" {
		out.Write(member([]byte(tail)))
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExtractLimits: extract refuses decompression bombs and articles over
// the limits within a second and 300 MB, with a message naming the input
// and the limit and exit code 1 (3 when other articles were read); the
// limit flags change the limits.
func TestExtractLimits(t *testing.T) {
	dir := t.TempDir()
	bomb := gzipBomb(t, filepath.Join(dir, "a.json.gz"), `[{"text":"`, 'a', 1024, `"}]`)
	zeros := gzipBomb(t, filepath.Join(dir, "zeros.warc.gz"), "", 0, 2048, "")
	rss := gzipBomb(t, filepath.Join(dir, "feed.xml.gz"), `<rss version="2.0"><channel><item><description>`, ' ', 1024, `</description></item></channel></rss>`)
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("All quiet on the western front. "), 16<<20/32), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte("BAGHDAD - Officials met on Monday. They talked."), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
		docs     int
	}{
		{"json.gz bomb", []string{bomb}, exitBadInput, "a.json.gz: byte 1: item 1: compression ratio (decompression bomb)", 0},
		{"warc.gz of zeros", []string{zeros}, exitBadInput, "zeros.warc.gz: byte 0: compression ratio (decompression bomb)", 0},
		{"gzipped feed bomb", []string{rss}, exitBadInput, "feed.xml.gz: feed: compression ratio (decompression bomb)", 0},
		{"gzipped feed bomb on stdin", []string{"-"}, exitBadInput, "stdin: feed: compression ratio (decompression bomb)", 0},
		{"16 MiB text", []string{big}, exitBadInput, "big.txt: article size in bytes over the limit of 2097152", 0},
		{"article limit flag", []string{"--max-article-bytes", "10", good}, exitBadInput, "good.txt: article size in bytes over the limit of 10", 0},
		{"feed items flag", []string{"--max-feed-items", "1", "../../ingest/testdata/feed.atom"}, exitSkipped, "feed.atom: feed items over the limit of 1", 1},
		{"ratio and file flags", []string{"--max-compression-ratio", "2000", "--max-file-bytes", "4MiB", rss}, exitBadInput,
			"feed.xml.gz: feed: decompressed file size in bytes 4194", 0},
		{"bad size", []string{"--max-record-bytes", "0", good}, exitUsage, "want a positive number of bytes", 0},
		{"bad count", []string{"--max-feed-items", "many", good}, exitUsage, "want a positive whole number", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin, err := os.ReadFile(rss)
			if err != nil {
				t.Fatal(err)
			}
			var code int
			var stdout, stderr string
			u := budget.Measure(func() { code, stdout, stderr = runCLI(t, string(stdin), append([]string{"extract"}, tt.args...)...) })
			t.Logf("%v, peak heap %d MB", u.Elapsed.Round(time.Millisecond), u.PeakHeap>>20)
			if u.Over(time.Second, 300<<20) {
				t.Errorf("took %v and %d MB of heap, want at most 1s and 300 MB", u.Elapsed, u.PeakHeap>>20)
			}
			if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.inStderr)
			}
			if n := strings.Count(stdout, "\n"); n != tt.docs {
				t.Errorf("%d documents, want %d", n, tt.docs)
			}
		})
	}
}

// TestLimitFlagValues: the size and count flags read what they document.
func TestLimitFlagValues(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: an error
	}{
		{"4194304", 4 << 20}, {"4MiB", 4 << 20}, {"4M", 4 << 20}, {"4mib", 4 << 20}, {"512KiB", 512 << 10},
		{"1GiB", 1 << 30}, {"2G", 2 << 30}, {" 7 ", 7},
		{"0", 0}, {"-1", 0}, {"MiB", 0}, {"1.5MiB", 0}, {"abc", 0}, {"9999999999999GiB", 0},
	}
	for _, tt := range tests {
		var b byteSize
		err := b.Set(tt.in)
		if (err != nil) != (tt.want == 0) || (err == nil && int64(b) != tt.want) {
			t.Errorf("byteSize.Set(%q) = %d, %v; want %d", tt.in, b, err, tt.want)
		}
	}
	for _, tt := range []struct {
		n    byteSize
		want string
	}{{4 << 20, "4MiB"}, {1 << 30, "1GiB"}, {3 << 10, "3KiB"}, {1000, "1000"}} {
		if got := tt.n.String(); got != tt.want {
			t.Errorf("byteSize(%d).String() = %q, want %q", int64(tt.n), got, tt.want)
		}
	}
	var c count
	if c.Set("0") == nil || c.Set("x") == nil || c.Set("12") != nil || c != 12 {
		t.Errorf("count.Set: zero and words must fail, 12 must give 12 (got %d)", c)
	}
}

// TestExtractDetects: extract reads every input by what it holds, as
// ingest does, whatever its name or on stdin: a page without an extension
// or piped in is a page (no markup in the text), JSON Lines piped in are
// articles, a JSON Feed saved as .json is a feed, a Latin-1 feed without
// a declaration is read (with a warning), a WARC file is known by its
// version line.
func TestExtractDetects(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	page := `<!DOCTYPE html><html><head><title>Talks end</title><script>var junk = 1;</script></head><body><nav><a href="/">Home</a></nav>` +
		`<article><p>BAGHDAD - Iraqi officials met Iranian envoys on Monday.</p><p>The talks ended without a deal.</p></article></body></html>`
	body := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + fmt.Sprint(len(page)) + "\r\n\r\n" + page
	warc := "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n" +
		"WARC-Date: 2023-03-15T06:00:00Z\r\nWARC-Target-URI: https://news.example/talks\r\n" +
		"Content-Type: application/http; msgtype=response\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body + "\r\n\r\n"
	tests := []struct {
		name    string
		stdin   string
		args    []string
		docs    int
		title   string // of the first document
		warning string // in stderr
	}{
		{"html without extension", "", []string{write("page", page)}, 1, "Talks end", ""},
		{"html piped", page, nil, 1, "Talks end", ""},
		{"jsonl piped", "{\"title\":\"One\",\"text\":\"BAGHDAD - Officials met on Monday.\"}\n{\"text\":\"KYIV - Troops left on Tuesday.\"}\n", []string{"-"}, 2, "One", ""},
		{"json feed as .json", "", []string{write("feed.json", `{"version":"https://jsonfeed.org/version/1.1","title":"Wire","items":[{"id":"1","title":"Met","content_text":"BAGHDAD - Officials met on Monday."}]}`)}, 1, "Met", ""},
		{"latin-1 rss without declaration", "", []string{write("latin.rss", "<rss version=\"2.0\"><channel><item><title>Z\xfcrich</title><description>Police in Z\xfcrich said the caf\xe9 closed on Monday.</description></item></channel></rss>")},
			1, "Zürich", "latin.rss: byte 42: not UTF-8 (byte 0xfc) and no charset declared: read as Windows-1252"},
		{"windows-1252 html with meta charset", "", []string{write("cp1252", "<html><head><meta charset=\"windows-1252\"><title>\x93Prices\x94</title></head><body><p>Bread costs \x805 in Kabul, traders said on Monday.</p></body></html>")},
			1, "“Prices”", ""},
		{"warc by its version line", "", []string{write("archive", warc)}, 1, "Talks end", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.stdin, append([]string{"extract"}, tt.args...)...)
			if code != exitOK || !strings.Contains(stderr, tt.warning) || (tt.warning == "") != (stderr == "") {
				t.Fatalf("exit %d, stderr %q; want exit 0 and warning %q", code, stderr, tt.warning)
			}
			dec := json.NewDecoder(strings.NewReader(stdout))
			var docs []struct{ Title, Text string }
			for dec.More() {
				var d struct{ Title, Text string }
				if err := dec.Decode(&d); err != nil {
					t.Fatal(err)
				}
				docs = append(docs, d)
			}
			if len(docs) != tt.docs || docs[0].Title != tt.title {
				t.Fatalf("%d documents %+v; want %d, the first titled %q", len(docs), docs, tt.docs, tt.title)
			}
			for _, d := range docs {
				if strings.ContainsAny(d.Text, "<>") || strings.Contains(d.Text, "junk") || strings.Contains(d.Text, "Home") {
					t.Errorf("text %q holds markup or boilerplate", d.Text)
				}
			}
		})
	}
}

// TestTallyExitCode: 0 when all was read, 3 when some records were skipped
// and others read, 1 on any failure or when nothing could be read.
func TestTallyExitCode(t *testing.T) {
	tests := []struct {
		t    tally
		want int
	}{
		{tally{}, exitOK},
		{tally{done: 5}, exitOK},
		{tally{done: 199, skipped: 1}, exitSkipped},
		{tally{done: 0, skipped: 1}, exitBadInput},
		{tally{done: 5, failed: 1}, exitBadInput},
		{tally{done: 5, skipped: 2, failed: 1}, exitBadInput},
	}
	for _, tt := range tests {
		if got := tt.t.exitCode(); got != tt.want {
			t.Errorf("%+v: exit %d, want %d", tt.t, got, tt.want)
		}
	}
}

// TestExtractLanguages: extract reads English articles and skips the
// others by default, saying which language it found; --lang any extracts
// them with their language; --lang takes ISO codes only.
func TestExtractLanguages(t *testing.T) {
	dir := t.TempDir()
	fr := filepath.Join(dir, "fr.txt")
	en := filepath.Join(dir, "en.txt")
	if err := os.WriteFile(fr, []byte("Les manifestants ont défilé samedi à Paris contre la réforme des retraites, a annoncé le ministère de l'Intérieur. Selon la police, plus de cent mille personnes ont participé."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(en, []byte("BAGHDAD - Police arrested 14 people on Saturday after clashes in the city, officials said."), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		docs     int
		inStdout string
		inStderr string
	}{
		{"French alone", []string{fr}, exitBadInput, 0, "", "fr.txt: skipped: language fr"},
		{"French and English", []string{fr, en}, exitSkipped, 1, `"language":"en"`, "1 records skipped"},
		{"any language", []string{"--lang", "any", fr}, exitOK, 1, `"language":"fr"`, ""},
		{"French allowed", []string{"--lang", "en,fr", fr}, exitOK, 1, `"language":"fr"`, ""},
		{"bad code", []string{"--lang", "French", fr}, exitUsage, 0, "", "want ISO 639-1 codes"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, "", append([]string{"extract"}, tt.args...)...)
		if code != tt.code || strings.Count(stdout, "\n") != tt.docs || !strings.Contains(stdout, tt.inStdout) || !strings.Contains(stderr, tt.inStderr) {
			t.Errorf("%s: exit %d, %d documents, stderr %q; want exit %d, %d documents, %q in stdout and %q in stderr",
				tt.name, code, strings.Count(stdout, "\n"), stderr, tt.code, tt.docs, tt.inStdout, tt.inStderr)
		}
	}
}
