package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep"
	"sitrep/internal/budget"
)

// The budget every hostile input must be refused or read within.
const (
	hostileTime = time.Second
	hostileHeap = 300 << 20
)

// fillMembers caches fillMember's members, one per fill byte.
var fillMembers sync.Map

// fillMember returns one gzip member holding 16 MiB of the byte b: about
// 16 KB, made once per byte.
func fillMember(t testing.TB, b byte) []byte {
	if m, ok := fillMembers.Load(b); ok {
		return m.([]byte)
	}
	m := gzipOf(t, string(bytes.Repeat([]byte{b}, 16<<20)))
	fillMembers.Store(b, m)
	return m
}

// gzipOf returns s gzipped, as one member.
func gzipOf(t testing.TB, s string) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// gzipBomb returns a gzip file (several members, as gzip allows) that
// decompresses to head, mib MiB of the byte fill (a multiple of 16) and
// tail: about a thousand times smaller than what it holds.
func gzipBomb(t testing.TB, head string, fill byte, mib int, tail string) []byte {
	var out bytes.Buffer
	if head != "" {
		out.Write(gzipOf(t, head))
	}
	m := fillMember(t, fill)
	for range mib / 16 {
		out.Write(m)
	}
	if tail != "" {
		out.Write(gzipOf(t, tail))
	}
	return out.Bytes()
}

// gzipMember returns one gzip member holding head and mib MiB of the byte
// fill.
func gzipMember(t testing.TB, head string, fill byte, mib int) []byte {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	zw.Write([]byte(head))
	chunk := bytes.Repeat([]byte{fill}, 1<<20)
	for range mib {
		zw.Write(chunk)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

const (
	rssHead = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`
	rssTail = `</channel></rss>`
	// hostilePage is an HTML page with an article in it.
	hostilePage = "<html><head><title>T</title></head><body><article><p>Some text here about things that happened today in the capital city.</p></article></body></html>"
)

// items returns n RSS items, each with a short text.
func items(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "<item><title>%d</title><description>x</description></item>", i)
	}
	return b.String()
}

// hostileGood is a good WARC record, its block's length and its length in
// a plain WARC file.
var (
	hostileGood     = warcRec{typ: "response", uri: "https://e.example/c", block: httpResp("200 OK", "text/html", nil, hostilePage)}
	hostileBlockLen = len(hostileGood.block)
	hostileGoodLen  = len(hostileWARC()) / 3
)

// hostileWARC returns a plain WARC file of a good record, the raw records
// bad, then two good records.
func hostileWARC(bad ...string) []byte {
	recs := []warcRec{hostileGood}
	for _, b := range bad {
		recs = append(recs, warcRec{raw: b})
	}
	recs = append(recs, hostileGood, hostileGood)
	data, _ := buildWARC(recs, false)
	return data
}

// hostileCase is one hostile input read through Reader.Read.
type hostileCase struct {
	name   string
	limits sitrep.Limits
	// input writes the input into dir (or serves it) and returns what to
	// pass to Read
	input func(t *testing.T, dir string) string
	arts  int      // articles read
	errs  []string // what the errors yielded say, in order (substrings)
	limit string   // the sitrep.LimitError.Limit one of them wraps; "" none
}

// writeInput writes data as dir/name and returns the path.
func writeInput(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// file returns an input function that writes the data gen makes.
func file(name string, gen func(t *testing.T) []byte) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string { return writeInput(t, dir, name, gen(t)) }
}

// TestHostileInputs reads every hostile input of the input-limits issue
// and checks that each is refused, or read within the limits, in under a
// second and 300 MB of heap, with errors that name the input, the record
// and the limit; the records around a bad one are still read.
func TestHostileInputs(t *testing.T) {
	bigText := strings.Repeat("All quiet on the western front today. ", 5<<20/38+1) // over 2 MiB
	tests := []hostileCase{
		{name: "gzipped RSS feed holding 1 GiB", input: file("feed.xml.gz", func(t *testing.T) []byte {
			return gzipBomb(t, rssHead+"<item><title>t</title><description>", ' ', 1024, "</description></item>"+rssTail)
		}), errs: []string{"feed.xml.gz: feed: compression ratio (decompression bomb) 926 over the limit of 200"}, limit: limitRatio},
		{name: "json.gz holding 1 GiB", input: file("a.json.gz", func(t *testing.T) []byte {
			return gzipBomb(t, `[{"title":"t","text":"`, 'a', 1024, `"}]`)
		}), errs: []string{"a.json.gz: byte 1: item 1: compression ratio (decompression bomb)"}, limit: limitRatio},
		{name: "jsonl.gz holding 1 GiB", input: file("a.jsonl.gz", func(t *testing.T) []byte {
			return gzipBomb(t, `{"text":"first line"}`+"\n"+`{"text":"`, 'a', 1024, `"}`)
		}), arts: 1, errs: []string{"a.jsonl.gz: byte 22: line 2: compression ratio (decompression bomb)"}, limit: limitRatio},
		{name: "gzip-encoded RSS over HTTP holding 1 GiB", input: func(t *testing.T, dir string) string {
			bomb := gzipBomb(t, rssHead+"<item><title>t</title><description>", ' ', 1024, "</description></item>"+rssTail)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml")
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(bomb)
			}))
			t.Cleanup(srv.Close)
			return srv.URL + "/rss"
		}, errs: []string{"/rss: feed: compression ratio (decompression bomb)"}, limit: limitRatio},
		{name: "warc.gz of 2 GiB of zeros", input: file("zeros.warc.gz", func(t *testing.T) []byte {
			return gzipBomb(t, "", 0, 2048, "")
		}), errs: []string{"zeros.warc.gz: byte 0: compression ratio (decompression bomb)"}, limit: limitRatio},
		{name: "gzipped WARC record of 64 MiB of zeros", input: file("rec.warc.gz", func(t *testing.T) []byte {
			head := "WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 67108864\r\n\r\n"
			return gzipMember(t, head, 0, 64)
		}), errs: []string{"rec.warc.gz: byte 0: compression ratio (decompression bomb)"}, limit: limitRatio},
		{name: "WARC of 1,100 gzip members of 900 KiB of zeros each", input: file("members.warc.gz", func(t *testing.T) []byte {
			// each member is under the size at which one stream's ratio is
			// checked; the whole file's ratio catches them
			var zeros bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&zeros, gzip.BestCompression)
			zw.Write([]byte("WARC/1.1\r\nWARC-Type: resource\r\nContent-Type: application/octet-stream\r\nContent-Length: 921600\r\n\r\n"))
			zw.Write(make([]byte, 900<<10))
			zw.Write([]byte("\r\n\r\n"))
			zw.Close()
			good, _ := buildWARC([]warcRec{hostileGood}, true)
			return append(append(good, bytes.Repeat(zeros.Bytes(), 1100)...), good...)
		}), arts: 1, errs: []string{"compression ratio (decompression bomb)"}, limit: limitRatio},
		{name: "gzip member of a page within a WARC record", input: file("page.warc", func(t *testing.T) []byte {
			body := gzipBomb(t, "<html><body><p>", 'a', 64, "</p></body></html>")
			rec := warcRec{typ: "response", uri: "https://e.example/bomb", block: httpResp("200 OK", "text/html", []string{"Content-Encoding: gzip"}, string(body))}
			good := warcRec{typ: "response", uri: "https://e.example/c", block: httpResp("200 OK", "text/html", nil, hostilePage)}
			data, _ := buildWARC([]warcRec{rec, good}, false)
			return data
		}), arts: 1, errs: []string{"page.warc: byte 0: record https://e.example/bomb: compression ratio (decompression bomb)"}, limit: limitRatio},
		{name: "16 MiB JSON Lines article", input: file("big.jsonl", func(t *testing.T) []byte {
			return []byte(`{"text":"` + strings.Repeat("word ", 16<<20/5) + `"}` + "\n" + `{"text":"after"}` + "\n")
		}), arts: 1, errs: []string{"big.jsonl: byte 0: line 1: record size in bytes over the limit of 16777216; skipped"}, limit: limitRecord},
		{name: "5 MiB JSON Lines article", input: file("five.jsonl", func(t *testing.T) []byte {
			return []byte(`{"text":"` + bigText + `"}` + "\n" + `{"text":"after"}` + "\n")
		}), arts: 1, errs: []string{"five.jsonl:1: article size in bytes 5242"}, limit: limitArticle},
		{name: "16 MiB text file", input: file("big.txt", func(t *testing.T) []byte {
			return []byte(strings.Repeat(bigText, 4))
		}), errs: []string{"big.txt: article size in bytes over the limit of 2097152"}, limit: limitArticle},
		{name: "15 MiB HTML page", input: file("big.html", func(t *testing.T) []byte {
			return []byte("<html><body><article>" + strings.Repeat("<p>All quiet on the western front today.</p>\n", 15<<20/46) + "</article></body></html>")
		}), errs: []string{"big.html: page text: article size in bytes over the limit of 2097152"}, limit: limitArticle},
		{name: "17 MiB HTML page", input: file("huge.html", func(t *testing.T) []byte {
			return []byte("<html><body><article><p>" + strings.Repeat("word ", 17<<20/5) + "</p></article></body></html>")
		}), errs: []string{"huge.html: record size in bytes over the limit of 16777216"}, limit: limitRecord},
		{name: "15 MiB HTML article in JSON Lines", input: file("html.jsonl", func(t *testing.T) []byte {
			return []byte(`{"text":"` + strings.Repeat("<p>All quiet on the western front today.</p>", 15<<20/45) + `"}` + "\n" + `{"text":"after"}` + "\n")
		}), arts: 1, errs: []string{"html.jsonl: byte 0: line 1: text: article size in bytes over the limit of 2097152"}, limit: limitArticle},
		{name: "15 MiB HTML article in a feed item", input: file("html.rss", func(t *testing.T) []byte {
			return []byte(rssHead + "<item><description><![CDATA[" + strings.Repeat("<p>All quiet on the western front today.</p>", 15<<20/45) + "]]></description></item>" + items(1) + rssTail)
		}), arts: 1, errs: []string{"html.rss#item 1: text: article size in bytes over the limit of 2097152"}, limit: limitArticle},
		{name: "5 MiB article in a feed item", input: file("big.rss", func(t *testing.T) []byte {
			return []byte(rssHead + "<item><description>" + bigText + "</description></item>" + items(1) + rssTail)
		}), arts: 1, errs: []string{"big.rss#item 1: text: article size in bytes over the limit of 2097152"}, limit: limitArticle},
		{name: "RSS feed of 16 MiB of items", input: file("many.rss", func(t *testing.T) []byte {
			return []byte(rssHead + items(16<<20/60) + rssTail)
		}), arts: 10000, errs: []string{"many.rss: feed items over the limit of 10000; the items after item 10000 skipped"}, limit: limitItems},
		{name: "Atom feed of 16 MiB of entries", input: file("many.atom", func(t *testing.T) []byte {
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>`)
			for b.Len() < 16<<20-100 {
				b.WriteString("<entry><content>x</content></entry>")
			}
			b.WriteString("</feed>")
			return []byte(b.String())
		}), arts: 10000, errs: []string{"many.atom: feed items over the limit of 10000"}, limit: limitItems},
		{name: "JSON feed of 16 MiB of items", input: file("many-feed", func(t *testing.T) []byte {
			var b strings.Builder
			b.WriteString(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"content_text":"x"}`)
			for b.Len() < 16<<20-100 {
				b.WriteString(`,{"content_text":"x"}`)
			}
			b.WriteString("]}")
			return []byte(b.String())
		}), arts: 10000, errs: []string{"many-feed: feed items over the limit of 10000"}, limit: limitItems},
		{name: "feed over the record size", input: file("huge.rss", func(t *testing.T) []byte {
			return []byte(rssHead + "<item><description>" + strings.Repeat(" ", 17<<20) + "x</description></item>" + rssTail)
		}), errs: []string{"huge.rss: feed: record size in bytes over the limit of 16777216"}, limit: limitRecord},
		{name: "JSON array of 16 MiB of elements", input: file("many.json", func(t *testing.T) []byte {
			return []byte("[" + strings.Repeat(`{"text":"x"},`, 16<<20/13) + `{"text":"x"}]`)
		}), arts: 10000, errs: []string{"many.json: byte 130000: JSON array elements over the limit of 10000; the elements after element 10000 skipped"}, limit: limitArray},
		{name: "JSON array element over the record size", input: file("elem.json", func(t *testing.T) []byte {
			return []byte(`[{"text":"a"},{"text":"` + strings.Repeat("b", 17<<20) + `"}]`)
		}), arts: 1, errs: []string{"elem.json: byte 13: item 2: record size in bytes over the limit of 16777216"}, limit: limitRecord},
		{name: "file over the file size", limits: sitrep.Limits{FileBytes: 1 << 20}, input: file("long.jsonl", func(t *testing.T) []byte {
			return bytes.Repeat([]byte(`{"text":"some words"}`+"\n"), 2<<20/22)
		}), arts: 1 << 20 / 22, errs: []string{"long.jsonl: byte 1048564: line 47663: file size in bytes over the limit of 1048576"}, limit: limitFile},
		{name: "WARC record with Content-Length -5", input: file("neg.warc", func(t *testing.T) []byte {
			return hostileWARC("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.example/neg\r\nContent-Length: -5\r\n\r\nhello\r\n\r\n")
		}), arts: 3, errs: []string{fmt.Sprintf(`neg.warc: byte %d: record https://e.example/neg: bad Content-Length "-5": negative; skipped to the next record`, hostileGoodLen)}},
		{name: "WARC record with an impossible Content-Length", input: file("huge.warc", func(t *testing.T) []byte {
			return hostileWARC("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\nhello\r\n\r\n")
		}), arts: 3, errs: []string{fmt.Sprintf(`huge.warc: byte %d: record: bad Content-Length "99999999999999999999": out of range`, hostileGoodLen)}},
		{name: "WARC record over the record size", input: file("big.warc", func(t *testing.T) []byte {
			return hostileWARC(fmt.Sprintf("WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://e.example/big\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", 17<<20, strings.Repeat("z", 17<<20)))
		}), arts: 3, errs: []string{fmt.Sprintf("big.warc: byte %d: record https://e.example/big: record size in bytes 17825792 over the limit of 16777216, skipped", hostileGoodLen)}, limit: limitRecord},
		{name: "WARC file whose last record is cut short", input: file("cut.warc", func(t *testing.T) []byte {
			data := hostileWARC()
			return data[:len(data)-20]
		}), arts: 2, errs: []string{fmt.Sprintf("cut.warc: byte %d: record https://e.example/c: cut short: Content-Length %d, but the input ends after %d bytes of it",
			2*hostileGoodLen, hostileBlockLen, hostileBlockLen-16)}},
		{name: "WARC record over the limit of a smaller record size", limits: sitrep.Limits{RecordBytes: 100}, input: file("small.warc", func(t *testing.T) []byte {
			return hostileWARC()
		}), errs: []string{
			fmt.Sprintf("small.warc: byte 0: record https://e.example/c: record size in bytes %d over the limit of 100, skipped", hostileBlockLen),
			fmt.Sprintf("small.warc: byte %d: record https://e.example/c: record size in bytes %d over the limit of 100, skipped", hostileGoodLen, hostileBlockLen),
			fmt.Sprintf("small.warc: byte %d: record https://e.example/c: record size in bytes %d over the limit of 100, skipped", 2*hostileGoodLen, hostileBlockLen),
		}, limit: limitRecord},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.input(t, t.TempDir())
			rd := &Reader{Limits: tt.limits}
			var arts int
			var errs []error
			var rerr error
			u := budget.Measure(func() {
				rerr = rd.Read(context.Background(), []string{in}, func(a sitrep.Article, err error) bool {
					if err != nil {
						errs = append(errs, err)
					} else {
						arts++
					}
					return true
				})
			})
			t.Logf("%s: %v, peak heap %d MB", tt.name, u.Elapsed.Round(time.Millisecond), u.PeakHeap>>20)
			if u.Over(hostileTime, hostileHeap) {
				t.Errorf("took %v and %d MB of heap, want at most %v and %d MB", u.Elapsed, u.PeakHeap>>20, hostileTime, hostileHeap>>20)
			}
			if rerr != nil {
				t.Fatalf("Read returned %v", rerr)
			}
			checkHostile(t, tt, arts, errs)
		})
	}
}

// checkHostile checks what was read of a hostile input.
func checkHostile(t *testing.T, tt hostileCase, arts int, errs []error) {
	t.Helper()
	if arts != tt.arts {
		t.Errorf("%d articles, want %d", arts, tt.arts)
	}
	var msgs []string
	for _, err := range errs {
		msgs = append(msgs, err.Error())
	}
	var extra []string // errors not about the limit (the items of a feed without text)
	want := tt.errs
	for _, m := range msgs {
		if len(want) > 0 && strings.Contains(m, want[0]) {
			want = want[1:]
			continue
		}
		extra = append(extra, m)
	}
	if len(want) > 0 || len(extra) > 0 {
		t.Errorf("errors %.300q:\nwant (in order) %q, no other", msgs, tt.errs)
	}
	if tt.limit == "" {
		return
	}
	for _, err := range errs {
		var le *sitrep.LimitError
		var ie *InputError
		if errors.As(err, &le) && le.Limit == tt.limit && le.Input != "" && errors.As(err, &ie) {
			return
		}
	}
	t.Errorf("no error is an *InputError wrapping a *sitrep.LimitError of %q", tt.limit)
}

// TestDecompressGzipNamesInput checks that DecompressGzip's errors name
// the stream they come from, a limit gone over as a *sitrep.LimitError.
func TestDecompressGzipNamesInput(t *testing.T) {
	bomb := gzipMember(t, "", 0, 8)
	_, err := DecompressGzip("https://e.example/feed", bytes.NewReader(bomb), sitrep.DefaultLimits)
	var le *sitrep.LimitError
	if !errors.As(err, &le) || le.Input != "https://e.example/feed" || !strings.HasPrefix(err.Error(), "https://e.example/feed: compression ratio") {
		t.Errorf("bomb: got %v, want a LimitError naming https://e.example/feed", err)
	}
	_, err = DecompressGzip("", strings.NewReader("not gzip"), sitrep.DefaultLimits)
	if err == nil || !strings.HasPrefix(err.Error(), "gzip stream: gzip: ") {
		t.Errorf("not gzip: got %v, want an error naming the gzip stream", err)
	}
	data, err := DecompressGzip("x", bytes.NewReader(gzipMember(t, "hello", 'a', 0)), sitrep.DefaultLimits)
	if err != nil || string(data) != "hello" {
		t.Errorf("good stream: got %q, %v", data, err)
	}
}
