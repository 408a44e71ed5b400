package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/budget"
	"sitrep/sqlitestore"
	"sitrep/storetest"
)

// TestMain lets a test run the real command in a child process (for the
// kill -9 test): with SITREP_TEST_MAIN set, the test binary is sitrep.
func TestMain(m *testing.M) {
	if os.Getenv("SITREP_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// writeCorpus writes n generated articles as JSON Lines and returns the
// file and the number of distinct texts among them.
func writeCorpus(t *testing.T, n int) (string, int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	texts := map[string]bool{}
	for _, a := range storetest.Corpus(n, 7) {
		texts[a.Text] = true
		rec := map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "outlet": a.Outlet, "published": a.Published, "text": a.Text}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path, len(texts)
}

// storeSummary opens a store file and returns its stats and every
// happening as "id mentions articles sources", sorted.
func storeSummary(t *testing.T, db string) (sitrep.StoreStats, []string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := st.Events(ctx, sitrep.EventFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, fmt.Sprintf("%s %d %d %d", r.ID, r.Mentions, r.Articles, r.Sources))
	}
	sort.Strings(out)
	return stats, out
}

// TestIngestSurvivesKill9 is the crash test the corpus issue asks for: an
// ingest killed with SIGKILL in the middle, then run again, ends with the
// same store as one uninterrupted run: nothing lost, nothing twice, every
// happening counted once per report.
func TestIngestSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("kill -9 test: skipped with -short")
	}
	corpus, distinct := writeCorpus(t, 500)
	dir := t.TempDir()

	clean := filepath.Join(dir, "clean.db")
	if code, _, stderr := runCLI(t, "", "ingest", "--db", clean, "--quiet", corpus); code != exitOK {
		t.Fatalf("clean ingest: exit %d: %s", code, stderr)
	}
	wantStats, wantHaps := storeSummary(t, clean)
	if wantStats.Documents != distinct {
		t.Fatalf("clean ingest stored %d documents, want %d distinct texts", wantStats.Documents, distinct)
	}

	killed := filepath.Join(dir, "killed.db")
	cmd := exec.Command(os.Args[0], "ingest", "--db", killed, "--quiet", "--workers", "2", corpus)
	cmd.Env = append(os.Environ(), "SITREP_TEST_MAIN=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once some documents are in, well before the end.
	deadline := time.Now().Add(60 * time.Second)
	var atKill int
	for {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no document stored within a minute: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
		if _, err := os.Stat(killed); err != nil {
			continue
		}
		n, err := countDocuments(killed)
		if err == nil && n >= 20 {
			atKill = n
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if atKill >= distinct {
		t.Fatalf("the ingest finished (%d documents) before it could be killed", atKill)
	}
	after, _ := countDocuments(killed)
	t.Logf("killed with at least %d of %d documents stored (%d after the kill)", atKill, distinct, after)

	if code, _, stderr := runCLI(t, "", "ingest", "--db", killed, "--quiet", corpus); code != exitOK {
		t.Fatalf("second ingest: exit %d: %s", code, stderr)
	}
	gotStats, gotHaps := storeSummary(t, killed)
	if gotStats != wantStats {
		t.Errorf("after kill and rerun: %+v, want %+v as one clean run", gotStats, wantStats)
	}
	if strings.Join(gotHaps, "\n") != strings.Join(wantHaps, "\n") {
		t.Errorf("happenings or their counts differ from one clean run")
	}
}

func countDocuments(db string) (int, error) {
	ctx := context.Background()
	st, err := sqlitestore.Open(ctx, db)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	return s.Documents, err
}

// TestCorpusCommands ingests the reference article and the examples, then
// runs the query commands on the store, good and bad invocations alike.
func TestCorpusCommands(t *testing.T) {
	ref := "../../../shared/articles/iraq-2021-07-27.txt"
	if _, err := os.Stat(ref); err != nil {
		t.Skip("reference article not found (../shared is not beside the repository)")
	}
	db := filepath.Join(t.TempDir(), "s.db")
	code, _, stderr := runCLI(t, "", "ingest", "--db", db, "--date", "2021-07-27", ref, "../../examples")
	if code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "7 stored") {
		t.Errorf("ingest summary %q: want 7 stored", stderr)
	}
	code, _, stderr = runCLI(t, "", "ingest", "--db", db, "--date", "2021-07-27", ref)
	if code != exitOK || !strings.Contains(stderr, "0 stored, 1 already stored") {
		t.Errorf("second ingest: exit %d, %q: want nothing stored twice", code, stderr)
	}
	var docID string
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // must contain
		stderr string // must contain
	}{
		{"search", []string{"search", "--db", db, "drone", "Najaf"}, exitOK, "«drone»", ""},
		{"search json", []string{"search", "--db", db, "--json", `"combat role"`}, exitOK, `"snippet"`, ""},
		{"search odd syntax", []string{"search", "--db", db, `drone "Najaf`, "AND", "OR"}, exitOK, "", ""},
		{"search nothing", []string{"search", "--db", db}, exitUsage, "", "no query"},
		{"events actor root", []string{"events", "--db", db, "--actor", "IGO", "--root", "19"}, exitOK, "invaded Iraq", ""},
		{"events place date", []string{"events", "--db", db, "--place", "Najaf", "--from", "2021-07-01", "--to", "2021-07-31"}, exitOK, "195", ""},
		{"events none", []string{"events", "--db", db, "--from", "2030-01-01"}, exitOK, "DATE", "no events match"},
		{"events acled", []string{"events", "--db", db, "--format", "acled", "--place", "Najaf"}, exitOK, "Air/drone strike", ""},
		{"events gdelt", []string{"events", "--db", db, "--format", "gdelt", "--root", "19"}, exitOK, "\t19\t", ""},
		{"events jsonl", []string{"events", "--db", db, "--format", "jsonl", "--limit", "1"}, exitOK, `"articles":1`, ""},
		{"events bad date", []string{"events", "--db", db, "--from", "July"}, exitUsage, "", "--from"},
		{"events bad root", []string{"events", "--db", db, "--root", "195"}, exitUsage, "", "--root"},
		{"events bad format", []string{"events", "--db", db, "--format", "xml"}, exitUsage, "", "unknown export format"},
		{"events stray arg", []string{"events", "--db", db, "Najaf"}, exitUsage, "", "unexpected argument"},
		{"show unknown", []string{"show", "--db", db, "ffffffffffffffff"}, exitBadInput, "", "no document"},
		{"show nothing", []string{"show", "--db", db}, exitUsage, "", "no document id"},
		{"ingest nothing", []string{"ingest", "--db", db}, exitUsage, "", "no input"},
		{"ingest missing", []string{"ingest", "--db", db, "/nonexistent/file.txt"}, exitBadInput, "", "nonexistent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stdout %q / stderr %q: want %q / %q", clip(stdout, 300), stderr, tt.stdout, tt.stderr)
			}
			if tt.name == "search" {
				docID = strings.Fields(stdout)[0]
			}
		})
	}
	code, stdout, stderr := runCLI(t, "", "show", "--db", db, docID)
	if code != exitOK {
		t.Fatalf("show %s: exit %d: %s", docID, code, stderr)
	}
	var doc sitrep.Document
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || doc.ID != docID || len(doc.Events) == 0 {
		t.Errorf("show %s: %v, document %q with %d events", docID, err, doc.ID, len(doc.Events))
	}
}

// TestIngestLimits: ingest skips decompression bombs (from files and
// gzip-encoded HTTP bodies) and articles over the limits within a second
// and 300 MB, naming the input and the limit, stores the rest and exits
// 3 (done, some records skipped) with the count in its summary, 1 when
// nothing was read; the limit flags change the limits.
func TestIngestLimits(t *testing.T) {
	dir := t.TempDir()
	rssHead := `<rss version="2.0"><channel><item><description>`
	rssTail := `</description></item></channel></rss>`
	rss := gzipBomb(t, filepath.Join(dir, "feed.xml.gz"), rssHead, ' ', 1024, rssTail)
	zeros := gzipBomb(t, filepath.Join(dir, "zeros.warc.gz"), "", 0, 2048, "")
	bomb, err := os.ReadFile(rss)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	}))
	defer srv.Close()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("All quiet on the western front. "), 16<<20/32), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.jsonl")
	if err := os.WriteFile(good, []byte(`{"text":"BAGHDAD - Officials met on Monday. They talked."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		inStderr string
		stored   string
	}{
		{"gzipped feed bomb", []string{rss, good}, "feed.xml.gz: feed: compression ratio (decompression bomb)", "1 stored"},
		{"warc.gz of zeros", []string{zeros, good}, "zeros.warc.gz: byte 0: compression ratio (decompression bomb)", "1 stored"},
		{"gzip-encoded HTTP bomb", []string{srv.URL + "/rss", good}, "/rss: feed: compression ratio (decompression bomb)", "1 stored"},
		{"16 MiB text", []string{big, good}, "big.txt: article size in bytes over the limit of 2097152", "1 stored"},
		{"record size flag", []string{"--max-record-bytes", "20", good}, "good.jsonl: byte 0: line 1: record size in bytes over the limit of 20", "0 stored"},
		{"feed items flag", []string{"--max-feed-items", "1", "../../ingest/testdata/feed.atom"}, "feed.atom: feed items over the limit of 1", "1 stored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			var code int
			var stderr string
			u := budget.Measure(func() {
				code, _, stderr = runCLI(t, "", append([]string{"ingest", "--db", db, "--quiet", "--workers", "1"}, tt.args...)...)
			})
			t.Logf("%v, peak heap %d MB", u.Elapsed.Round(time.Millisecond), u.PeakHeap>>20)
			if u.Over(time.Second, 300<<20) {
				t.Errorf("took %v and %d MB of heap, want at most 1s and 300 MB", u.Elapsed, u.PeakHeap>>20)
			}
			want := exitSkipped
			if tt.stored == "0 stored" { // nothing read: a failure
				want = exitBadInput
			}
			if code != want || !strings.Contains(stderr, "skipped: ") || !strings.Contains(stderr, tt.inStderr) ||
				!strings.Contains(stderr, tt.stored) || !strings.Contains(stderr, "1 records skipped") {
				t.Errorf("exit %d, stderr %q; want exit %d, %q skipped, %q and 1 records skipped", code, stderr, want, tt.inStderr, tt.stored)
			}
		})
	}
}

// TestReadOnlyCommandsNeedAStore: the commands that only read refuse a
// store file that does not exist (exit 1, naming it) instead of creating
// an empty one that matches nothing, and refuse a file that is no store;
// ingest, which writes, creates it. The default path is not created
// either.
func TestReadOnlyCommandsNeedAStore(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SITREP_DB", "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	missing := filepath.Join(dir, "mistyped.db")
	notStore := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notStore, []byte("some notes, not a database\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"events", []string{"events", "--db", missing}, "sitrep events: no store at " + missing + " (--db)"},
		{"search", []string{"search", "--db", missing, "talks"}, "sitrep search: no store at " + missing},
		{"show", []string{"show", "--db", missing, "ffffffffffffffff"}, "sitrep show: no store at " + missing},
		{"default path", []string{"events"}, "no store at " + filepath.Join(dir, "xdg", "sitrep", "sitrep.db") + " ($SITREP_DB or the default path)"},
		{"not a store", []string{"events", "--db", notStore}, "notes.db is not an SQLite database"},
		{"a directory", []string{"events", "--db", dir}, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", tt.args...)
			if code != exitBadInput || stdout != "" || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, tt.stderr)
			}
		})
	}
	for _, p := range []string{missing, filepath.Join(dir, "xdg")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was created", p)
		}
	}
	if data, _ := os.ReadFile(notStore); string(data) != "some notes, not a database\n" {
		t.Errorf("the file that is no store was changed: %q", data)
	}
	input := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(input, []byte("BAGHDAD - Officials met on Monday."), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "", "ingest", "--quiet", "--db", missing, input); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "events", "--db", missing); code != exitOK {
		t.Errorf("events on the store ingest created: exit %d: %s", code, stderr)
	}
}
