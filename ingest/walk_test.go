package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep"
)

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name string
		f    Format
		gz   bool
	}{
		{"a/b.html", FormatHTML, false},
		{"B.HTM", FormatHTML, false},
		{"x.html.gz", FormatHTML, true},
		{"feed.xml", FormatFeed, false},
		{"f.rss", FormatFeed, false},
		{"f.atom", FormatFeed, false},
		{"CC-NEWS-20230101.warc.gz", FormatWARC, false},
		{"x.warc", FormatWARC, false},
		{"a.jsonl", FormatJSONL, false},
		{"a.ndjson", FormatJSONL, false},
		{"a.jsonl.gz", FormatJSONL, true},
		{"a.json", FormatJSON, false},
		{"a.txt", FormatText, false},
		{"README", FormatUnknown, false},
		{"x.gz", FormatUnknown, true},
		{"x.pdf", FormatUnknown, false},
	}
	for _, tt := range tests {
		if f, gz := FormatOf(tt.name); f != tt.f || gz != tt.gz {
			t.Errorf("FormatOf(%q) = %v, %v; want %v, %v", tt.name, f, gz, tt.f, tt.gz)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want Format
	}{
		{"WARC/1.1\r\nWARC-Type: warcinfo", FormatWARC},
		{"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", FormatFeed},
		{"\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\">", FormatFeed},
		{"<rdf:RDF xmlns:rdf=", FormatFeed},
		{"<!DOCTYPE html><html>", FormatHTML},
		{"<!doctype HTML>", FormatHTML},
		{"<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"><html xmlns=", FormatHTML},
		{"  <html><head>", FormatHTML},
		{"<!-- generated --><div>", FormatHTML},
		{"<p>Hello", FormatHTML},
		{`{"id":"a","text":"b"}`, FormatJSONL},
		{`{"version": "https://jsonfeed.org/version/1.1", "title": "x"}`, FormatFeed},
		{`{"version":"https:\/\/jsonfeed.org\/version\/1.1","title":"x"}`, FormatFeed},
		{"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY w \"x\">]><rss version=\"2.0\">", FormatFeed},
		{"<!-- " + strings.Repeat("x", 5000) + " --><rss version=\"2.0\">", FormatFeed},
		{`[{"text":"a"}]`, FormatJSON},
		{"KYIV, March 3 - Ukraine's air force said", FormatText},
		{"caf\xc3", FormatText}, // a rune cut by the end of the head
		{"\x00\x01\x02\x03binary", FormatUnknown},
		{"\x89PNG\r\n\x1a\n", FormatUnknown},
		{"", FormatUnknown},
		{"   \n", FormatUnknown},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// event renders a yielded article or error for comparison.
func event(a sitrep.Article, err error) string {
	if err != nil {
		return "E " + err.Error()
	}
	return "A " + a.Origin
}

func gzipFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	writeFile(t, dst, b.Bytes())
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dst, data)
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/news.html", filepath.Join(dir, "a-news.html"))
	copyFile(t, "testdata/feed.rss", filepath.Join(dir, "b-feed.rss"))
	gzipFile(t, "testdata/articles.jsonl", filepath.Join(dir, "c", "articles.jsonl.gz"))
	copyFile(t, "testdata/feed.atom", filepath.Join(dir, "c", "d.atom"))
	copyFile(t, "testdata/cc-news.warc.gz", filepath.Join(dir, "cc.warc.gz"))
	writeFile(t, filepath.Join(dir, "e.bin"), []byte("\x00\x01\x02\x03\x04binary"))
	writeFile(t, filepath.Join(dir, "f"), []byte("Plain words in a file without an extension."))
	copyFile(t, "testdata/feed.rss", filepath.Join(dir, "g.dat"))
	copyFile(t, "testdata/note.txt", filepath.Join(dir, "note.txt"))
	writeFile(t, filepath.Join(dir, ".hidden.txt"), []byte("secret"))
	writeFile(t, filepath.Join(dir, ".git", "config"), []byte("[core]"))

	var got []string
	err := Read(context.Background(), []string{dir}, nil, func(a sitrep.Article, err error) bool {
		if err == nil && a.Text == "" {
			t.Errorf("%s: empty text", a.Origin)
		}
		got = append(got, event(a, err))
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	d := dir + string(filepath.Separator)
	want := []string{
		"E " + d + ".git: hidden directory, skipped",
		"E " + d + ".hidden.txt: hidden file, skipped",
		"A " + d + "a-news.html",
		"A " + d + "b-feed.rss#item 1",
		"A " + d + "b-feed.rss#item 2",
		"E " + d + "b-feed.rss#item 3: item has no text",
		"A " + d + "c/articles.jsonl.gz:1",
		"A " + d + "c/articles.jsonl.gz:2",
		"E " + d + "c/articles.jsonl.gz: byte 563: line 3: invalid JSON",
		"E " + d + "c/articles.jsonl.gz: byte 623: line 5: not a JSON object",
		"E " + d + "c/articles.jsonl.gz: byte 647: line 6: no text",
		"A " + d + "c/articles.jsonl.gz:7",
		"A " + d + "c/d.atom#item 1",
		"A " + d + "c/d.atom#item 2",
		"A " + d + "cc.warc.gz@",
		"E " + d + "cc.warc.gz: byte ",
		"A " + d + "cc.warc.gz@",
		"A " + d + "cc.warc.gz@",
		"E " + d + "e.bin: unknown format (not HTML, a feed, WARC, JSON or text), skipped",
		"A " + d + "f",
		"A " + d + "g.dat#item 1",
		"A " + d + "g.dat#item 2",
		"E " + d + "g.dat#item 3: item has no text",
		"A " + d + "note.txt",
	}
	for i := range max(len(got), len(want)) {
		g, w := "", ""
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = filepath.FromSlash(want[i])
		}
		if !strings.HasPrefix(g, w) || (g == "") != (w == "") {
			t.Errorf("event %d: got %q, want prefix %q", i, g, w)
		}
	}
}

func TestReadInputs(t *testing.T) {
	atom, err := os.ReadFile("testdata/feed.atom")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("stdin sniffed, file named", func(t *testing.T) {
		var got []string
		err := Read(context.Background(), []string{"-", "testdata/note.txt"}, bytes.NewReader(atom), func(a sitrep.Article, err error) bool {
			got = append(got, event(a, err))
			return true
		})
		want := []string{"A stdin#item 1", "A stdin#item 2", "A testdata/note.txt"}
		if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	})
	t.Run("gzipped stdin", func(t *testing.T) {
		data, _ := buildWARC(fixtureRecords(t), true)
		n := 0
		err := Read(context.Background(), []string{"-"}, bytes.NewReader(data), func(a sitrep.Article, err error) bool {
			if err == nil {
				n++
			}
			return true
		})
		if err != nil || n != 3 {
			t.Errorf("got %d articles, %v; want 3 from a gzipped WARC on stdin", n, err)
		}
	})
	t.Run("missing input fails before reading", func(t *testing.T) {
		calls := 0
		err := Read(context.Background(), []string{"testdata/note.txt", "testdata/no-such-file"}, nil, func(sitrep.Article, error) bool {
			calls++
			return true
		})
		if err == nil || err.Error() != "input testdata/no-such-file: no such file or directory" || !errors.Is(err, fs.ErrNotExist) || calls != 0 {
			t.Errorf("got %v after %d calls", err, calls)
		}
	})
	t.Run("stop", func(t *testing.T) {
		calls := 0
		err := Read(context.Background(), []string{"testdata"}, nil, func(sitrep.Article, error) bool {
			calls++
			return calls < 3
		})
		if err != nil || calls != 3 {
			t.Errorf("got %v after %d calls", err, calls)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		calls := 0
		err := Read(ctx, []string{"testdata/articles.jsonl", "testdata/feed.rss"}, nil, func(sitrep.Article, error) bool {
			calls++
			cancel()
			return true
		})
		if !errors.Is(err, context.Canceled) || calls != 1 {
			t.Errorf("got %v after %d calls", err, calls)
		}
	})
	t.Run("no stdin", func(t *testing.T) {
		var got []string
		err := Read(context.Background(), []string{"-"}, nil, func(a sitrep.Article, err error) bool {
			got = append(got, event(a, err))
			return true
		})
		if err != nil || len(got) != 1 || got[0] != "E stdin: no standard input" {
			t.Errorf("got %q, %v", got, err)
		}
	})
}

func TestReadHTTP(t *testing.T) {
	rss, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	news, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/world/rss":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			w.Write(rss)
		case "/story":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(news)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	var got []string
	var story sitrep.Article
	err = (&Reader{Client: srv.Client()}).Read(context.Background(), []string{srv.URL + "/world/rss", srv.URL + "/story", srv.URL + "/gone"},
		func(a sitrep.Article, err error) bool {
			got = append(got, event(a, err))
			if a.Origin == srv.URL+"/story" {
				story = a
			}
			return true
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"A " + srv.URL + "/world/rss#item 1",
		"A " + srv.URL + "/world/rss#item 2",
		"E " + srv.URL + "/world/rss#item 3: item has no text",
		"A " + srv.URL + "/story",
		"E " + srv.URL + "/gone: fetch: HTTP 404 Not Found",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if story.URL != "https://www.dailyledger.example/world/africa/2023/03/14/malawi-floods" {
		t.Errorf("story URL %q", story.URL)
	}
}
