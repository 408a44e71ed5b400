package ingest

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"sitrep"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		hint Format
		want Format
	}{
		// the bytes decide whatever the name says
		{"<!DOCTYPE html><html><body><p>x</p>", FormatUnknown, FormatHTML},
		{"<!DOCTYPE html><html><body><p>x</p>", FormatText, FormatHTML},
		{"<rss version=\"2.0\"><channel>", FormatHTML, FormatFeed},
		{"<html><body>", FormatFeed, FormatHTML},
		{`{"version":"https://jsonfeed.org/version/1.1","items":[]}`, FormatJSON, FormatFeed},
		{`{"text":"a"}` + "\n" + `{"text":"b"}`, FormatUnknown, FormatJSONL},
		{`{"text":"a"}` + "\n" + `{"text":"b"}`, FormatText, FormatJSONL},
		{`[{"text":"a"}]`, FormatJSONL, FormatJSON},
		// JSON Lines named .json: read line by line, a bad line skipped
		{`{"text":"a"}` + "\n" + `{"text":"b"}` + "\n", FormatJSON, FormatJSONL},
		{`{"text":"a"}` + "\n" + `{"text": "b` + "\n" + `{"text":"c"}`, FormatJSON, FormatJSONL},
		{`{"text":"a"}` + "\n" + `{` + "\n" + `  "text": "b"` + "\n}", FormatJSON, FormatJSON},
		{`{"text":"a"` + "\n" + `{"text":"b"}`, FormatJSON, FormatJSON},
		{"WARC/1.0\r\nWARC-Type: warcinfo", FormatText, FormatWARC},
		// the name decides what the bytes leave open
		{`{"text":"a"}`, FormatJSON, FormatJSON},
		{"Officials said <b>ten</b> died.", FormatHTML, FormatHTML},
		{"junk before the first record\r\n", FormatWARC, FormatWARC},
		{"\x00\x01binary", FormatText, FormatText},
		{"Plain words.", FormatUnknown, FormatText},
		{"\x00\x01binary", FormatUnknown, FormatUnknown},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.head), tt.hint); got != tt.want {
			t.Errorf("Detect(%q, %v) = %v, want %v", tt.head, tt.hint, got, tt.want)
		}
	}
}

func TestSniffText(t *testing.T) {
	tests := []struct {
		head string
		want Format
	}{
		{"[Reuters] BAGHDAD - Officials said", FormatText},
		{"{{Infobox}} text", FormatText},
		{"<Reuters> - Officials said on Monday", FormatText},
		{"<Reuters> said <b>ten</b>", FormatHTML},
		{"<atom:feed xmlns:atom=", FormatFeed},
		{"{\n  \"title\": \"a\",\n  \"text\": \"b\"\n}", FormatJSON},
		{"{\"title\": \"a\",\n \"text\": \"b\"}", FormatJSON},
		{"Caf\xe9 society in Z\xfcrich, \x93quoted\x94.", FormatText},
		{"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", FormatUnknown},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// TestPeekHead: the head to sniff goes past white space, comments and
// declarations however long, up to MaxSniffSize, and past a JSON object's
// first line to its second; open says when what comes before the first
// element goes on past MaxSniffSize.
func TestPeekHead(t *testing.T) {
	page := "<html><body><p>x</p></body></html>"
	tests := []struct {
		name   string
		in     string
		size   int // the head's length at least
		open   bool
		format Format // Detect with no hint
	}{
		{"short", page, len(page), false, FormatHTML},
		{"blank lines", strings.Repeat("\n", 5000) + page, 5000 + len(page), false, FormatHTML},
		{"long comment", "<?xml version=\"1.0\"?><!-- " + strings.Repeat("x", 20000) + " -->\n<rss version=\"2.0\"><channel>", 20000, false, FormatFeed},
		{"comments past the limit", strings.Repeat("<!-- c -->", 10000) + "<rss>", MaxSniffSize, true, FormatHTML},
		{"blank past the limit", strings.Repeat("\n", 100000) + page, MaxSniffSize, true, FormatUnknown},
		{"only blank", strings.Repeat("\n", 100), 100, false, FormatUnknown},
		{"long JSON line", `{"text":"` + strings.Repeat("x", 10000) + "\"}\n{\"text\":\"b\"}\n", 10000, false, FormatJSONL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tt.in), 64<<10)
			head, open, err := PeekHead(br)
			if err != nil && err != io.EOF {
				t.Fatal(err)
			}
			if len(head) < tt.size || len(head) > MaxSniffSize || open != tt.open || Detect(head, FormatUnknown) != tt.format {
				t.Errorf("head of %d bytes, open %v, %v; want %d bytes or more, open %v, %v", len(head), open, Detect(head, FormatUnknown), tt.size, tt.open, tt.format)
			}
			if n := br.Buffered(); n < len(head) {
				t.Errorf("head consumed: %d bytes buffered, head %d", n, len(head))
			}
		})
	}
}

// TestReadLongLead: white space or comments longer than MaxSniffSize before
// the first element leave the format to the name; with no name to go by,
// the input is skipped as of an unknown format, not as empty.
func TestReadLongLead(t *testing.T) {
	page := `<html><head><title>T</title></head><body><article><p>BAGHDAD - Iraqi officials met Iranian envoys on Monday.</p></article></body></html>`
	data := strings.Repeat("\n", 100000) + page
	dir := t.TempDir()
	named := filepath.Join(dir, "page.html")
	writeFile(t, named, []byte(data))
	arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
		return Read(context.Background(), []string{named, "-"}, strings.NewReader(data), y)
	})
	want := "stdin: unknown format: nothing but white space, comments or declarations in the first 65536 bytes, skipped"
	if err != nil || len(arts) != 1 || len(errs) != 1 || errs[0] != want {
		t.Errorf("%d articles, errors %q, %v; want 1 article and %q", len(arts), errs, err, want)
	}
}

// readCase is one input for TestReadByContent: a file (or stdin when name
// is "-") and what reading it must give.
type readCase struct {
	name     string // file name in a temporary directory; "-": stdin
	data     string
	articles int
	inText   string // in the first article's text
	title    string // the first article's title, when not ""
	warning  string // in the warnings; "" for none
}

// TestReadByContent: every input is read by what it holds, whatever its
// name says or when it comes on stdin, in whatever charset it declares or,
// failing that, the bytes show.
func TestReadByContent(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Talks end</title></head><body><article>` +
		`<p>BAGHDAD - Iraqi officials met Iranian envoys on Monday.</p><p>The talks ended without a deal.</p></article></body></html>`
	latinRSS := "<rss version=\"2.0\"><channel><title>Zeitung</title><item><title>Z\xfcrich</title>" +
		"<description>Police in Z\xfcrich said the caf\xe9 was closed.</description></item></channel></rss>"
	cp1252 := "<html><head><meta charset=\"windows-1252\"><title>Prices</title></head><body><article><p>Bread costs \x805, " +
		"traders said: \x93too much\x94.</p></article></body></html>"
	warc, _ := buildWARC([]warcRec{{typ: "response", uri: "https://news.example/talks", block: httpResp("200 OK", "text/html", nil, page)}}, false)
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(
		`<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><item><description>Kyiv said ten died in Kharkiv.</description></item></channel></rss>`)
	longComment := "<!-- " + strings.Repeat("license text ", 500) + "-->\n"
	tests := []readCase{
		{name: "page", data: page, articles: 1, inText: "The talks ended without a deal.", title: "Talks end"},
		{name: "-", data: page, articles: 1, inText: "Iranian envoys", title: "Talks end"},
		{name: "notes.txt", data: page, articles: 1, title: "Talks end"},
		{name: "-", data: "{\"text\":\"BAGHDAD - Officials met.\"}\n{\"text\":\"KYIV - Troops left.\"}\n", articles: 2, inText: "Officials met"},
		{name: "-", data: "{\n  \"title\": \"Pretty\",\n  \"text\": \"KYIV - Troops left.\"\n}\n", articles: 1, title: "Pretty"},
		{name: "feed.json", data: `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_text":"BAGHDAD - Officials met."}]}`, articles: 1, inText: "Officials met"},
		{name: "latin.rss", data: latinRSS, articles: 1, inText: "Police in Zürich said the café", title: "Zürich",
			warning: "latin.rss: byte 64: not UTF-8 (byte 0xfc) and no charset declared: read as Windows-1252"},
		{name: "declared", data: `<?xml version="1.0" encoding="ISO-8859-1"?>` + latinRSS, articles: 1, inText: "Zürich said the café"},
		{name: "lying.xml", data: `<?xml version="1.0" encoding="UTF-8"?>` + latinRSS, articles: 1, inText: "Zürich said the café",
			warning: "declared UTF-8 in the XML declaration but is not"},
		{name: "cp1252", data: cp1252, articles: 1, inText: "Bread costs €5, traders said: “too much”."},
		{name: "cp1252-undeclared.html", data: strings.Replace(cp1252, `<meta charset="windows-1252">`, "", 1), articles: 1,
			inText: "“too much”", warning: "no charset declared: read as Windows-1252"},
		{name: "archive", data: string(warc), articles: 1, inText: "The talks ended"},
		{name: "utf16", data: utf16, articles: 1, inText: "Kyiv said ten died in Kharkiv."},
		{name: "latin1.txt", data: "Caf\xe9 owners in Z\xfcrich protested.", articles: 1, inText: "Café owners in Zürich",
			warning: "latin1.txt: byte 3: not UTF-8 (byte 0xe9)"},
		{name: "bracket", data: "[Reuters] BAGHDAD - Officials met on Monday.", articles: 1, inText: "[Reuters]"},
		// a JSON Feed as PHP writes it, its slashes escaped
		{name: "escaped.json", data: `{"version":"https:\/\/jsonfeed.org\/version\/1.1","title":"J","items":[{"id":"1","url":"https:\/\/j.example\/1","content_text":"BAGHDAD - Officials met."}]}`,
			articles: 1, inText: "Officials met"},
		// more than SniffSize bytes of comment or white space before the first element
		{name: "longcomment.rss", data: longComment + latinRSS, articles: 1, inText: "Police in Zürich said the café", title: "Zürich",
			warning: "not UTF-8 (byte 0xfc) and no charset declared"},
		{name: "-", data: `<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" + longComment + latinRSS, articles: 1, inText: "Zürich said the café"},
		{name: "blank-lines.html", data: strings.Repeat("\n", 5000) + page, articles: 1, inText: "The talks ended", title: "Talks end"},
		{name: "-", data: strings.Repeat(" \r\n", 3000) + page, articles: 1, inText: "The talks ended", title: "Talks end"},
		{name: "blank-lines.json", data: strings.Repeat("\n", 5000) + `[{"text":"KYIV - Troops left."}]`, articles: 1, inText: "Troops left"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input, stdin := "-", io.Reader(strings.NewReader(tt.data))
			if tt.name != "-" {
				input, stdin = filepath.Join(dir, tt.name), nil
				writeFile(t, input, []byte(tt.data))
			}
			checkRead(t, &Reader{Stdin: stdin}, input, tt)
		})
	}
}

// checkRead reads input with rd and checks what it gives against tt.
func checkRead(t *testing.T, rd *Reader, input string, tt readCase) {
	t.Helper()
	var warns []string
	rd.Warn = func(ie *InputError) { warns = append(warns, ie.Error()) }
	arts, errs, err := collect(t, func(y func(sitrep.Article, error) bool) error {
		return rd.Read(context.Background(), []string{input}, y)
	})
	if err != nil || len(errs) > 0 || len(arts) != tt.articles {
		t.Fatalf("%d articles, errors %q, %v; want %d articles", len(arts), errs, err, tt.articles)
	}
	a := arts[0]
	if !strings.Contains(a.Text, tt.inText) || strings.Contains(a.Text, "<") != strings.Contains(tt.inText, "<") || !utf8.ValidString(a.Text) {
		t.Errorf("text %q, want it to hold %q and no markup", a.Text, tt.inText)
	}
	if tt.title != "" && a.Title != tt.title {
		t.Errorf("title %q, want %q", a.Title, tt.title)
	}
	w := strings.Join(warns, "\n")
	if (tt.warning == "") != (w == "") || !strings.Contains(w, tt.warning) {
		t.Errorf("warnings %q, want %q", w, tt.warning)
	}
}

// TestReadCharsetHeader: a fetched feed's or text's Content-Type charset
// decides over the bytes and the XML declaration.
func TestReadCharsetHeader(t *testing.T) {
	latinRSS := "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><description>Police in Z\xfcrich said the caf\xe9 was closed.</description></item></channel></rss>"
	koi8 := "\xf0\xcf\xcc\xc9\xc3\xc9\xd1 \xcd\xc5\xd3\xd4\xc1" // "Полиция места" in KOI8-R
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml; charset=iso-8859-1")
			io.WriteString(w, latinRSS)
		case "/koi8":
			w.Header().Set("Content-Type", "text/plain; charset=koi8-r")
			io.WriteString(w, koi8+" said.")
		}
	}))
	defer srv.Close()
	for _, tt := range []readCase{
		{name: "/rss", articles: 1, inText: "Police in Zürich said the café"},
		{name: "/koi8", articles: 1, inText: "Полиция места said."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			checkRead(t, &Reader{Client: srv.Client()}, srv.URL+tt.name, tt)
		})
	}
}

func TestLatinFallback(t *testing.T) {
	tests := []struct {
		in, want string
		first    int64 // -1: no byte read as Windows-1252
	}{
		{"plain ASCII", "plain ASCII", -1},
		{"Zürich “quoted” €", "Zürich “quoted” €", -1},
		{"Z\xfcrich caf\xe9", "Zürich café", 1},
		{"Zürich and Z\xfcrich", "Zürich and Zürich", 13},
		{"\x93quoted\x94 \x80 \x81", "“quoted” € \uFFFD", 0}, // 0x81: no character in Windows-1252
		{"caf\xc3", "cafÃ", 3},                               // a cut rune at the end
		{"\xc3\xa9\xe9", "éé", 2},                            // UTF-8, then Latin-1
		{"\xed\xa0\x80", "í\u00a0\u20ac", 0},                 // a surrogate: not UTF-8
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			first := int64(-1)
			lf := &latinFallback{onFirst: func(off int64, _ byte) { first = off }}
			var r io.Reader = strings.NewReader(tt.in)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			out, err := io.ReadAll(transform.NewReader(r, lf))
			if err != nil || string(out) != tt.want || first != tt.first {
				t.Errorf("%q (one byte at a time %v): got %q, first %d, %v; want %q, first %d", tt.in, oneByte, out, first, err, tt.want, tt.first)
			}
		}
	}
}

func TestXMLEncoding(t *testing.T) {
	tests := []struct{ head, want string }{
		{`<?xml version="1.0" encoding="ISO-8859-1"?><rss>`, "ISO-8859-1"},
		{"\xEF\xBB\xBF\n <?xml version='1.0' encoding = 'windows-1252' ?>", "windows-1252"},
		{`<?xml version="1.0"?><rss>`, ""},
		{`<?xml-stylesheet href="a.xsl" encoding="x"?><rss>`, ""},
		{`<rss encoding="x">`, ""},
		{`<?xml version="1.0" encoding="UTF-8`, ""},
	}
	for _, tt := range tests {
		if got := xmlEncoding([]byte(tt.head)); got != tt.want {
			t.Errorf("xmlEncoding(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func FuzzLatinFallback(f *testing.F) {
	for _, s := range []string{"", "abc", "Z\xfcrich", "Zürich", "caf\xc3", "\xc3\xa9\xe9", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x81\x8d\x8f\x90\x9d"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		whole, _, err := transform.Bytes(&latinFallback{}, data)
		if err != nil || !utf8.Valid(whole) {
			t.Fatalf("%q: got %q, %v; want valid UTF-8", data, whole, err)
		}
		if utf8.Valid(data) && !bytes.Equal(whole, data) {
			t.Fatalf("valid UTF-8 %q changed to %q", data, whole)
		}
		bytewise, err := io.ReadAll(transform.NewReader(iotest.OneByteReader(bytes.NewReader(data)), &latinFallback{}))
		if err != nil || !bytes.Equal(bytewise, whole) {
			t.Fatalf("%q: one byte at a time %q, %v; at once %q", data, bytewise, err, whole)
		}
	})
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{"<html>", "<rss>", "{\"a\":1}\n", "{\n", "[1]", "[{", "WARC/1.1", "<?xml", "<!-- x", "\xff\xfe<\x00", "caf\xe9", "<a:b"} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, head []byte, hint uint8) {
		h := Format(hint % uint8(len(formatNames)))
		got := Detect(head, h)
		if got < FormatUnknown || got > FormatText {
			t.Fatalf("Detect(%q, %v) = %d", head, h, got)
		}
		if s := Sniff(head); s != FormatUnknown && s != FormatText && got != s && !(s == FormatJSONL && got == FormatJSON) {
			t.Fatalf("Detect(%q, %v) = %v overrides the bytes' %v", head, h, got, s)
		}
	})
}
