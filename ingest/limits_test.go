package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"sitrep"
)

// TestFeedItemLimit: a feed is cut after its last item within the limit,
// what is open closed so that it parses; items in comments, CDATA and
// attribute values are not counted, and only the items of a JSON Feed.
func TestFeedItemLimit(t *testing.T) {
	item := func(s string) string { return "<item><description>" + s + "</description></item>" }
	rss := func(body string) string {
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>` + body + "</channel></rss>"
	}
	jsonFeed := func(items ...string) string {
		return `{"version":"https://jsonfeed.org/version/1.1","authors":[{"name":"a"},{"name":"b"},{"name":"c"}],"title":"J","items":[` + strings.Join(items, ",") + `]}`
	}
	tests := []struct {
		name string
		feed string
		max  int
		arts int
		over bool
	}{
		{"over", rss(item("a") + item("b") + item("c")), 2, 2, true},
		{"at the limit", rss(item("a") + item("b")), 2, 2, false},
		{"items in comments and CDATA", rss("<!-- <item> -->" + item("a<![CDATA[<item>x</item>]]>") + item("b")), 2, 2, false},
		{"markup in attributes", rss(`<item><description a="x>y" b='/>'>a</description></item>` + item("b") + item("c")), 2, 2, true},
		{"doctype with a subset", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY w "x">]>` + rss(item("a")+item("b")), 1, 1, true},
		{"RDF", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>W</title></channel>` +
			item("a") + item("b") + item("c") + `</rdf:RDF>`, 1, 1, true},
		{"Atom with a prefix", `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>W</a:title><a:entry><a:content>a</a:content></a:entry>` +
			`<a:entry><a:content>b</a:content></a:entry><a:entry><a:content>c</a:content></a:entry></a:feed>`, 2, 2, true},
		{"JSON Feed", jsonFeed(`{"content_text":"a, {b}]\"}"}`, `{"content_text":"b"}`, `{"content_text":"c"}`), 2, 2, true},
		{"JSON Feed at the limit", jsonFeed(`{"content_text":"a"}`, `{"content_text":"b"}`), 2, 2, false},
		// only the commas between the elements of "items" count
		{"JSON Feed, an author object after the items", `{"version":"https://jsonfeed.org/version/1","title":"W","items":[{"id":"1","content_text":"a"},{"id":"2","content_text":"b"}],` +
			`"author":{"name":"A","url":"https://a","avatar":"x"},"_ext":{"a":1,"b":2,"c":3}}`, 3, 2, false},
		{"JSON Feed, authors after the items", `{"version":"https://jsonfeed.org/version/1.1","items":[{"content_text":"a"}],"authors":[{"name":"A","url":"u"},{"name":"B"}],"x":[1,2,3]}`, 1, 1, false},
		{"JSON Feed, a value that reads items", `{"version":"https://jsonfeed.org/version/1.1","title":"items","tags":["a","b","c"],"items":[{"content_text":"a"},{"content_text":"b"}]}`, 2, 2, false},
		{"JSON Feed, items named with an escape", `{"version":"https://jsonfeed.org/version/1.1","it\u0065ms":[{"content_text":"a"},{"content_text":"b"}]}`, 1, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := &Reader{Limits: sitrep.Limits{FeedItems: tt.max}}
			arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
				return rd.ReadFeed(context.Background(), "f", strings.NewReader(tt.feed), y)
			})
			var le *sitrep.LimitError
			over := errors.As(err, &le) && le.Limit == limitItems
			if len(arts) != tt.arts || over != tt.over || len(errs) > 0 || (err != nil && !over) {
				t.Errorf("%d articles, errors %q, returned %v; want %d articles, over the limit %v", len(arts), errs, err, tt.arts, tt.over)
			}
		})
	}
}

// words returns n bytes of text made of words drawn at random: text that
// compresses as real text does, three to four times.
func words(n int) string {
	vocab := strings.Fields("the police said on Monday that at least twelve people were killed and forty hurt when a bus overturned near Nakuru " +
		"minister talks resumed in Geneva ceasefire army rebels flood rain dam village officials reported strike port workers union")
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(vocab[r.IntN(len(vocab))])
		b.WriteByte(' ')
	}
	return b.String()
}

// TestInflateGuard: the guard lets text through, however long, and refuses
// data that decompresses more than CompressionRatio times once more than
// RecordBytes/16 bytes are out, and anything past FileBytes.
func TestInflateGuard(t *testing.T) {
	text := words(2 << 20)
	gzipped := map[string][]byte{} // by data, each made once
	tests := []struct {
		name  string
		data  string
		lim   sitrep.Limits
		limit string // the limit gone over, "" none
	}{
		{"text", text, sitrep.DefaultLimits, ""},
		{"zeros under the threshold", strings.Repeat("\x00", 1<<20), sitrep.DefaultLimits, ""},
		{"zeros over the threshold", strings.Repeat("\x00", 1<<20+1<<10), sitrep.DefaultLimits, limitRatio},
		{"text over a low ratio", text, sitrep.Limits{CompressionRatio: 2, RecordBytes: 16 << 20, FileBytes: 1 << 30}, limitRatio},
		{"text over the file size", text, sitrep.Limits{FileBytes: 1 << 20}.OrDefault(), limitInflate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gz, ok := gzipped[tt.data]
			if !ok {
				gz = gzipOf(t, tt.data)
				gzipped[tt.data] = gz
			}
			br, pos := newPositioned(bytes.NewReader(gz), 64<<10)
			zr, err := openGzip(br, pos, nil, tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			n, err := io.Copy(io.Discard, zr)
			var le *sitrep.LimitError
			switch {
			case tt.limit == "" && (err != nil || n != int64(len(tt.data))):
				t.Errorf("read %d of %d bytes: %v", n, len(tt.data), err)
			case tt.limit != "" && (!errors.As(err, &le) || le.Limit != tt.limit):
				t.Errorf("read %d bytes, error %v; want over the %s", n, err, tt.limit)
			}
		})
	}
}

// TestGzippedTextIsNoBomb: a gzipped JSON Lines file of ordinary text,
// larger than the ratio threshold, is read whole.
func TestGzippedTextIsNoBomb(t *testing.T) {
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, `{"id":"%d","text":%q}`+"\n", i, words(8<<10))
	}
	n := 0
	err := (&Reader{Stdin: bytes.NewReader(gzipOf(t, b.String()))}).Read(context.Background(), []string{"-"}, func(a sitrep.Article, err error) bool {
		if err != nil {
			t.Error(err)
		}
		n++
		return true
	})
	if err != nil || n != 400 {
		t.Errorf("%d articles, %v; want 400", n, err)
	}
}

// TestReadHTTPGzip: a gzip-encoded body, which Read asks for so that the
// bomb guard sees it compressed, is read as the page or feed it holds.
func TestReadHTTPGzip(t *testing.T) {
	rss, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	var asked string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipOf(t, string(rss)))
	}))
	defer srv.Close()
	var got []string
	err = (&Reader{Client: srv.Client()}).Read(context.Background(), []string{srv.URL + "/rss"}, func(a sitrep.Article, err error) bool {
		got = append(got, event(a, err))
		return true
	})
	if err != nil || len(got) != 3 || !strings.HasPrefix(got[0], "A ") || asked != "gzip" {
		t.Errorf("got %q, %v (Accept-Encoding %q); want the feed's 2 articles and 1 error, gzip asked for", got, err, asked)
	}
}
