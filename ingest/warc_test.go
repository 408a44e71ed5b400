package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"sitrep"
)

var update = flag.Bool("update", false, "rewrite testdata/cc-news.warc.gz")

const latinPage = `<html><head><title>Demonstration in Zürich</title></head><body>
<div class="content"><p>ZÜRICH - Rund 2000 Menschen haben am Samstag in Zürich gegen höhere Mieten demonstriert, teilte die Stadtpolizei mit.</p>
<p>Die Kundgebung verlief friedlich; die Polizei sprach von einer «grossen, aber ruhigen» Menge.</p></div></body></html>`

const chunkedPage = `<html><head><title>Dam breach</title><meta property="og:site_name" content="Valley Times"></head><body>
<article><p>Officials in the valley ordered 3,000 residents to leave their homes on Sunday after a dam wall cracked following days of rain.</p>
<p>No injuries were reported.</p></article></body></html>`

// fixtureRecords are the records of testdata/cc-news.warc.gz, a small
// CC-NEWS-like WARC file; record 6 is a damaged gzip member.
func fixtureRecords(t testing.TB) []warcRec {
	news, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	latin, err := charmap.ISO8859_1.NewEncoder().String(latinPage)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(chunkedPage))
	zw.Close()
	var chunked strings.Builder
	for b := gz.Bytes(); len(b) > 0; {
		n := min(len(b), 100)
		fmt.Fprintf(&chunked, "%x\r\n%s\r\n", n, b[:n])
		b = b[n:]
	}
	chunked.WriteString("0\r\n\r\n")
	const url = "https://www.dailyledger.example/world/africa/2023/03/14/malawi-floods"
	return []warcRec{
		{typ: "warcinfo", block: "software: sitrep test generator\r\nformat: WARC File Format 1.1\r\n"},
		{typ: "request", uri: "<" + url + ">", block: "GET /world/africa/2023/03/14/malawi-floods HTTP/1.1\r\nHost: www.dailyledger.example\r\n\r\n"},
		{typ: "response", uri: "<" + url + ">", block: httpResp("200 OK", "text/html; charset=UTF-8", []string{"Server: nginx"}, string(news))},
		{typ: "metadata", uri: url, block: "fetchTimeMs: 112\r\n"},
		{typ: "response", uri: "https://www.dailyledger.example/gone", block: httpResp("404 Not Found", "text/html", nil, "<html><body><p>Page not found</p></body></html>")},
		{typ: "response", uri: "https://www.dailyledger.example/logo.jpg", block: httpResp("200 OK", "image/jpeg", nil, "\xff\xd8\xff\xe0 not really a jpeg")},
		{typ: "response", uri: "https://www.dailyledger.example/damaged", block: httpResp("200 OK", "text/html", nil, string(news)), corrupt: true},
		{typ: "response", uri: "https://zeitung.example/zuerich-demo", date: "2023-03-15T06:01:02Z", block: httpResp("200 OK", "text/html; charset=ISO-8859-1", nil, latin)},
		{typ: "response", uri: "http://valleytimes.example/dam", block: httpResp("200 OK", "text/html", []string{"Transfer-Encoding: chunked", "Content-Encoding: gzip"}, chunked.String())},
		{typ: "revisit", uri: url, extra: []string{"WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"}, block: "HTTP/1.1 200 OK\r\n\r\n"},
	}
}

// checkFixture checks what ReadWARC made of the fixture records.
func checkFixture(t *testing.T, name string, arts []sitrep.Article, errs []string, offs []int64, gz bool) {
	t.Helper()
	wantURLs := []string{
		"https://www.dailyledger.example/world/africa/2023/03/14/malawi-floods",
		"https://zeitung.example/zuerich-demo",
		"http://valleytimes.example/dam",
	}
	wantRecs := []int{2, 7, 8}
	var wantErrs []string
	if gz {
		wantErrs = []string{fmt.Sprintf("%s: byte %d: broken WARC record: ", name, offs[6])}
	} else {
		// not compressed, record 6 is not damaged
		wantURLs = append(wantURLs[:1], append([]string{"https://www.dailyledger.example/world/africa/2023/03/14/malawi-floods"}, wantURLs[1:]...)...)
		wantRecs = []int{2, 6, 7, 8}
	}
	if len(arts) != len(wantURLs) {
		t.Fatalf("got %d articles, want %d: %+v", len(arts), len(wantURLs), arts)
	}
	for i, a := range arts {
		if a.URL != wantURLs[i] {
			t.Errorf("article %d: URL %q, want %q", i, a.URL, wantURLs[i])
		}
		if o := fmt.Sprintf("%s@%d", name, offs[wantRecs[i]]); a.Origin != o {
			t.Errorf("article %d: Origin %q, want %q", i, a.Origin, o)
		}
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors %q, want %q", errs, wantErrs)
	}
	for i := range errs {
		if !strings.HasPrefix(errs[i], wantErrs[i]) {
			t.Errorf("error %q, want prefix %q", errs[i], wantErrs[i])
		}
	}
	first, latin, dam := arts[0], arts[len(arts)-2], arts[len(arts)-1]
	if first.Published != "2023-03-14T08:30:00+02:00" || first.Outlet != "The Daily Ledger" || strings.Contains(first.Text, "Related stories") ||
		!strings.Contains(first.Text, "Cyclone Freddy") {
		t.Errorf("news page read wrong: %+v", first)
	}
	if !strings.Contains(latin.Text, "Rund 2000 Menschen haben am Samstag in Zürich") || !strings.Contains(latin.Text, "«grossen, aber ruhigen»") ||
		latin.Published != "2023-03-15T06:01:02Z" || latin.Outlet != "zeitung.example" || latin.Title != "Demonstration in Zürich" {
		t.Errorf("latin-1 page read wrong: %+v", latin)
	}
	if dam.Text != "Officials in the valley ordered 3,000 residents to leave their homes on Sunday after a dam wall cracked following days of rain.\n\nNo injuries were reported." ||
		dam.Outlet != "Valley Times" {
		t.Errorf("chunked gzip page read wrong: %+v", dam)
	}
}

func TestReadWARC(t *testing.T) {
	recs := fixtureRecords(t)
	for _, gz := range []bool{true, false} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			data, offs := buildWARC(recs, gz)
			arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return ReadWARC(context.Background(), "cc.warc", bytes.NewReader(data), y)
			})
			if err != nil {
				t.Fatal(err)
			}
			checkFixture(t, "cc.warc", arts, errs, offs, gz)
		})
	}
}

// TestWARCFixture reads the committed fixture; with -update it writes it
// first.
func TestWARCFixture(t *testing.T) {
	recs := fixtureRecords(t)
	data, offs := buildWARC(recs, true)
	if *update {
		if err := os.WriteFile("testdata/cc-news.warc.gz", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open("testdata/cc-news.warc.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// offsets of the committed file: the gzip output of another Go
	// version may differ in size, so find them by reading
	raw, err := os.ReadFile("testdata/cc-news.warc.gz")
	if err != nil {
		t.Fatal(err)
	}
	offs = offs[:0]
	for off := int64(0); ; {
		offs = append(offs, off)
		if off >= int64(len(raw)) {
			break
		}
		n := gzipMemberLen(raw[off:])
		if n <= 0 {
			break
		}
		off += n
	}
	arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
		return ReadWARC(context.Background(), "cc-news.warc.gz", f, y)
	})
	if err != nil {
		t.Fatal(err)
	}
	checkFixture(t, "cc-news.warc.gz", arts, errs, offs, true)
}

// gzipMemberLen returns the length of the gzip member at the start of b
// (for a damaged one: up to the next gzip magic), 0 when none is there.
func gzipMemberLen(b []byte) int64 {
	br := bytes.NewReader(b)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return 0
	}
	zr.Multistream(false)
	if _, err := bytes.NewBuffer(nil).ReadFrom(zr); err != nil {
		if i := bytes.Index(b[2:], []byte{0x1f, 0x8b, 8}); i >= 0 {
			return int64(i + 2)
		}
		return 0
	}
	return int64(len(b) - br.Len())
}

func TestReadWARCDamage(t *testing.T) {
	page := "<html><head><title>T</title></head><body><article><p>Some text here about things that happened today in the capital city.</p></article></body></html>"
	good := warcRec{typ: "response", uri: "https://e.example/c", block: httpResp("200 OK", "text/html", nil, page)}
	plain := func(recs ...warcRec) []byte { d, _ := buildWARC(recs, false); return d }
	gzipped := func(recs ...warcRec) []byte { d, _ := buildWARC(recs, true); return d }
	whole := func(recs ...warcRec) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(plain(recs...))
		zw.Close()
		return b.Bytes()
	}
	goodLen := int64(len(plain(good)))
	goodGzLen := int64(len(gzipped(good)))
	// a first record whose compressed bytes are more than the reader's
	// buffer (a PDF of 300 KiB that does not compress)
	noise := make([]byte, 300<<10)
	rand.NewChaCha8([32]byte{1}).Read(noise)
	big := warcRec{typ: "response", uri: "https://e.example/big.pdf", block: httpResp("200 OK", "application/pdf", nil, string(noise))}
	// a Content-Length that runs past the end, over the next record
	overlong := warcRec{raw: strings.Replace(string(plain(good)), "Content-Length: ", "Content-Length: 9", 1)}
	junkMember := func() []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte("junk before the record\r\n"))
		zw.Write(plain(good))
		zw.Close()
		return b.Bytes()
	}
	tests := []struct {
		name string
		data []byte
		arts int
		errs []string // prefixes of the yielded errors
		err  string   // prefix of the returned error
	}{
		{"clean", plain(good, good), 2, nil, ""},
		{"whole file gzipped", whole(warcRec{typ: "warcinfo", block: "a: b\r\n"}, good, good), 2, nil, ""},
		{"bad HTTP header", plain(good, warcRec{typ: "response", uri: "https://e.example/bad", block: "garbage not http\r\n\r\n"}, good), 2,
			[]string{fmt.Sprintf("w: byte %d: record https://e.example/bad: HTTP response: malformed", goodLen)}, ""},
		{"bad Content-Length", gzipped(good, warcRec{raw: "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nhello\r\n\r\n"}, good), 2,
			[]string{fmt.Sprintf("w: byte %d: record: bad Content-Length", goodGzLen)}, ""},
		{"no version line, gzipped", gzipped(good, warcRec{raw: "WARX/1.1\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"}, good), 2,
			[]string{fmt.Sprintf("w: byte %d: broken WARC record: no WARC version line", goodGzLen)}, ""},
		{"garbage between records", append(append(plain(good), "some junk\r\n"...), plain(good)...), 2,
			[]string{fmt.Sprintf("w: byte %d: 11 bytes that are no WARC record skipped", goodLen)}, ""},
		{"trailing garbage", append(plain(good), "trailing junk"...), 1, nil,
			fmt.Sprintf("w: byte %d: data after the last record holds no WARC record", goodLen)},
		{"truncated", plain(good, good)[:goodLen+goodLen/2], 1,
			[]string{fmt.Sprintf("w: byte %d: record https://e.example/c: ", goodLen)}, ""},
		{"truncated gzip", gzipped(good, good)[:goodGzLen+goodGzLen/2], 1, nil,
			fmt.Sprintf("w: byte %d: broken WARC record: ", goodGzLen)},
		{"whole file gzipped, first record over 256 KiB", whole(big, good, good), 2, nil, ""},
		{"Content-Length over the next record", plain(good, overlong, good), 2,
			[]string{fmt.Sprintf("w: byte %d: record https://e.example/c: cut short: Content-Length 9", goodLen)}, ""},
		{"junk at the start of a gzip member", append(gzipped(good), junkMember()...), 2,
			[]string{fmt.Sprintf("w: byte %d: the first 24 bytes of its gzip member are no WARC record, skipped", goodGzLen)}, ""},
		{"not a WARC file", []byte("hello world, this is no WARC file"), 0, nil, "w: byte 0: data after the last record holds no WARC record"},
		{"empty", nil, 0, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return ReadWARC(context.Background(), "w", bytes.NewReader(tt.data), y)
			})
			if len(arts) != tt.arts {
				t.Errorf("got %d articles, want %d", len(arts), tt.arts)
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors %q, want %q", errs, tt.errs)
			}
			for i := range errs {
				if !strings.HasPrefix(errs[i], tt.errs[i]) {
					t.Errorf("error %q, want prefix %q", errs[i], tt.errs[i])
				}
			}
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("returned %v", err)
			case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
				t.Errorf("returned %v, want prefix %q", err, tt.err)
			}
			var ie *InputError
			if err != nil && !errors.As(err, &ie) {
				t.Errorf("returned error %T is not *InputError", err)
			}
		})
	}
}

func TestReadWARCCancel(t *testing.T) {
	data, _ := buildWARC(fixtureRecords(t), true)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := ReadWARC(ctx, "w", bytes.NewReader(data), func(a sitrep.Article, err error) bool {
		n++
		cancel()
		return true
	})
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("got %v after %d yields, want context.Canceled after 1", err, n)
	}
	n = 0
	err = ReadWARC(context.Background(), "w", bytes.NewReader(data), func(a sitrep.Article, err error) bool { n++; return false })
	if err != nil || n != 1 {
		t.Errorf("stop: got %v after %d yields", err, n)
	}
}

func FuzzWARC(f *testing.F) {
	fixture, err := os.ReadFile("testdata/cc-news.warc.gz")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fixture)
	recs := fixtureRecords(f)
	plain, _ := buildWARC(recs[:5], false)
	f.Add(plain)
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 19\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\nContent-Length: -1\r\n\r\n"))
	// the hostile cases: a negative, impossible or too large
	// Content-Length between good records, a record cut short, a gzip
	// member of zeros
	f.Add(hostileWARC("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\nhello\r\n\r\n"))
	f.Add(hostileWARC("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\nhello\r\n\r\n"))
	f.Add(hostileWARC("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 300\r\n\r\n" + strings.Repeat("z", 300) + "\r\n\r\n"))
	f.Add(hostileWARC()[:2*hostileGoodLen+100])
	f.Add(gzipMember(f, "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 4194304\r\n\r\n", 0, 4))
	small := &Reader{Limits: sitrep.Limits{RecordBytes: 256, FileBytes: 8 << 10, CompressionRatio: 10, ArticleBytes: 64}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, rd := range []*Reader{nil, small} {
			_, _, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return rd.ReadWARC(context.Background(), "fuzz", bytes.NewReader(data), func(a sitrep.Article, err error) bool {
					if err == nil && rd != nil && len(a.Text) > 64 {
						t.Fatalf("article of %d bytes over the limit of 64", len(a.Text))
					}
					return y(a, err)
				})
			})
			var ie *InputError
			if err != nil && !errors.As(err, &ie) {
				t.Fatalf("returned error %T is not *InputError: %v", err, err)
			}
		}
	})
}

// benchWARC is a WARC file of n copies of the fixture's records.
func benchWARC(b *testing.B, gz bool) []byte {
	recs := fixtureRecords(b)
	var all []warcRec
	for range 20 {
		for _, r := range recs {
			r.corrupt = false
			all = append(all, r)
		}
	}
	data, _ := buildWARC(all, gz)
	return data
}

func BenchmarkReadWARC(b *testing.B) {
	for _, gz := range []bool{true, false} {
		data := benchWARC(b, gz)
		b.Run(fmt.Sprintf("gzip=%v", gz), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				err := ReadWARC(context.Background(), "bench.warc", bytes.NewReader(data), func(a sitrep.Article, err error) bool {
					if err != nil {
						b.Fatal(err)
					}
					n++
					return true
				})
				if err != nil || n != 80 {
					b.Fatalf("%d articles, %v", n, err)
				}
			}
		})
	}
}
