package ingest

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep"
)

func TestReadHTMLNewsPage(t *testing.T) {
	f, err := os.Open("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	art, err := ReadHTML(f, Page{Name: "news.html", URL: "https://www.dailyledger.example/world/x?utm_source=rss"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Title":     "Floods displace thousands in southern Malawi",
		"Outlet":    "The Daily Ledger",
		"Byline":    "Amina Phiri",
		"Published": "2023-03-14T08:30:00+02:00",
		"URL":       "https://www.dailyledger.example/world/africa/2023/03/14/malawi-floods",
		"Origin":    "news.html",
		"ID":        "",
	}
	got := map[string]string{
		"Title": art.Title, "Outlet": art.Outlet, "Byline": art.Byline, "Published": art.Published,
		"URL": art.URL, "Origin": art.Origin, "ID": art.ID,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	paras := strings.Split(art.Text, "\n\n")
	if len(paras) != 5 {
		t.Errorf("got %d paragraphs, want 5:\n%s", len(paras), art.Text)
	}
	for _, s := range []string{
		"BLANTYRE — Heavy rains brought by Cyclone Freddy",
		"the country’s disaster management agency",
		"rescue work is slow & dangerous.”",
		"Forecasters expect the storm to weaken",
	} {
		if !strings.Contains(art.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for _, s := range []string{
		"cookies", "Subscribe", "Related stories", "Cholera outbreak", "All rights reserved",
		"morning briefing", "Privacy policy", "Residents wade", "dataLayer", "color:", "&amp;", "&#8217;",
	} {
		if strings.Contains(art.Text, s) {
			t.Errorf("text has boilerplate %q", s)
		}
	}
}

func TestReadHTML(t *testing.T) {
	body := "<p>The army said on Sunday that it had retaken the town after two days of fighting with rebels.</p>"
	tests := []struct {
		name string
		page string
		p    Page
		want map[string]string // field -> value; "Text~" for a substring of the text
		err  string
	}{
		{
			name: "bare page: host as outlet, fetch URL, fetch date",
			page: "<html><body>" + body + "</body></html>",
			p:    Page{URL: "https://www.example.org/news/1", Fetched: "2021-05-02T10:00:00Z"},
			want: map[string]string{"Outlet": "example.org", "URL": "https://www.example.org/news/1",
				"Published": "2021-05-02T10:00:00Z", "Text": "The army said on Sunday that it had retaken the town after two days of fighting with rebels."},
		},
		{
			name: "latin-1 declared in meta",
			page: "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 society</title></head><body><p>Police in Z\xfcrich said the caf\xe9 was closed \xab for now \xbb.</p></body></html>",
			want: map[string]string{"Title": "Café society", "Text": "Police in Zürich said the café was closed « for now »."},
		},
		{
			name: "windows-1252 from the Content-Type",
			page: "<html><body><p>He said \x93no\x94 \x96 twice.</p></body></html>",
			p:    Page{ContentType: "text/html; charset=windows-1252"},
			want: map[string]string{"Text": "He said “no” – twice."},
		},
		{
			name: "UTF-8 bytes wrongly labelled latin-1 stay UTF-8",
			page: "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Zürich</p></body></html>",
			want: map[string]string{"Text": "Zürich"},
		},
		{
			name: "no charset, non-UTF-8: windows-1252",
			page: "<html><body><p>S\xe3o Paulo</p></body></html>",
			want: map[string]string{"Text": "São Paulo"},
		},
		{
			name: "date from a time element, site from application-name, og:url relative",
			page: `<html><head><meta name="application-name" content="Kabul Now"><meta property="og:url" content="/2021/08/15/story"></head><body>
<header><time datetime="2021-08-16">Today</time></header><article><time pubdate datetime="2021-08-15T09:00">Aug 15</time>` + body + `</article></body></html>`,
			p:    Page{URL: "https://kabulnow.example/x"},
			want: map[string]string{"Outlet": "Kabul Now", "Published": "2021-08-15T09:00:00", "URL": "https://kabulnow.example/2021/08/15/story"},
		},
		{
			name: "JSON-LD graph",
			page: `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"H","datePublished":"2020-02-03","author":[{"name":"A B"},{"name":"C D"}],"publisher":{"name":"Gazette"}}]}</script></head><body>` + body + `</body></html>`,
			want: map[string]string{"Published": "2020-02-03", "Byline": "A B, C D", "Outlet": "Gazette"},
		},
		{
			name: "entities in the title are unescaped",
			page: `<html><head><meta property="og:title" content="AT&amp;amp;T &amp; Verizon"></head><body>` + body + `</body></html>`,
			want: map[string]string{"Title": "AT&T & Verizon"},
		},
		{
			name: "line breaks and lists",
			page: "<html><body><div><p>First line<br>second line</p><ul><li>one</li><li>two</li></ul></div></body></html>",
			want: map[string]string{"Text": "First line\nsecond line\n\none\n\ntwo"},
		},
		{
			name: "empty page",
			page: "<html><head><title>x</title></head><body><script>var a=1;</script></body></html>",
			p:    Page{Name: "empty.html"},
			err:  "empty.html: no article text found in the page",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := ReadHTML(strings.NewReader(tt.page), tt.p)
			if tt.err != "" {
				var ie *InputError
				if err == nil || err.Error() != tt.err || !errors.As(err, &ie) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"Title": art.Title, "Outlet": art.Outlet, "Byline": art.Byline,
				"Published": art.Published, "URL": art.URL, "Text": art.Text}
			for k, w := range tt.want {
				if got[k] != w {
					t.Errorf("%s = %q, want %q", k, got[k], w)
				}
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>a</p><p>b</p>", "a\n\nb"},
		{"a<br>b", "a\nb"},
		{"a<br><br>b", "a\n\nb"},
		{"a<br/>\n<br/>b", "a\n\nb"},
		{"Q&amp;A &#8211; &quot;x&quot;", "Q&A – \"x\""},
		{"<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"},
		{"<p>x <script>bad()</script>y</p>", "x y"},
		{"  plain\n\ntext  ", "plain\n\ntext"},
		{"plain\nwrapped line", "plain\nwrapped line"},
		{"<div>a<div>b</div>c</div>", "a\n\nb\n\nc"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"<pre>line1\nline2\n\nline3</pre>", "line1\nline2\n\nline3"},
		{"<b>Hel</b>lo <i>world</i>", "Hello world"},
		{"&nbsp;x&nbsp;&nbsp;y&nbsp;", "x y"},
		{"<h2>Head</h2>Body text", "Head\n\nBody text"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"<p hidden>secret</p><p aria-hidden=\"true\">icon</p><p>shown</p>", "shown"},
		{"<figure><img src=x><figcaption>Caption</figcaption></figure><p>Text</p>", "Text"},
		{"", ""},
		{"<", "<"},
		{"a < b & c", "a < b & c"},
	}
	for _, tt := range tests {
		if got := HTMLText(tt.in); got != tt.want {
			t.Errorf("HTMLText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2021-07-27", "2021-07-27"},
		{"2021-07-27T10:04:00Z", "2021-07-27T10:04:00Z"},
		{"2021-07-27T10:04:00.123+03:00", "2021-07-27T10:04:00+03:00"},
		{"2021-07-27T10:04:00+0300", "2021-07-27T10:04:00+03:00"},
		{"2021-07-27T10:04", "2021-07-27T10:04:00"},
		{"2021-07-27 10:04:00", "2021-07-27T10:04:00"},
		{"Tue, 27 Jul 2021 10:04:00 GMT", "2021-07-27T10:04:00Z"},
		{"Tue, 27 Jul 2021 10:04:00 +0000", "2021-07-27T10:04:00Z"},
		{"Tue, 27 Jul 2021 10:04:00 EDT", "2021-07-27T10:04:00-04:00"},
		{"27 Jul 2021 10:04:00 -0500", "2021-07-27T10:04:00-05:00"},
		{"July 27, 2021", "2021-07-27"},
		{"27 July 2021", "2021-07-27"},
		{"20210727", "2021-07-27"},
		{"20210727100400", "2021-07-27T10:04:00"},
		{"  2021-07-27 ", "2021-07-27"},
		{"", ""},
		{"yesterday", ""},
		{"03/04/2021", ""}, // day and month order unknown
		{"0001-01-01T00:00:00Z", ""},
		{"9999-12-31", ""},
	}
	for _, tt := range tests {
		if got := NormalizeDate(tt.in); got != tt.want {
			t.Errorf("NormalizeDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	news, err := os.ReadFile("testdata/news.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(news, "")
	f.Add([]byte("<p>a</p><p>b</p>"), "text/html; charset=iso-8859-1")
	f.Add([]byte("<html><head><meta charset=\"shift_jis\"></head><body><p>\x82\xa0</p>"), "")
	f.Add([]byte("<pre>x\n\ny</pre><br><br><table><tr><td>1"), "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	// text over the article size limit, some of it hidden in scripts
	f.Add([]byte("<script>"+strings.Repeat("s", 100)+"</script><p>"+strings.Repeat("w ", 40)+"</p>"), "")
	small := &Reader{Limits: sitrep.Limits{ArticleBytes: 64, RecordBytes: 4 << 10}}
	f.Fuzz(func(t *testing.T, data []byte, ct string) {
		if art, err := small.ReadHTML(strings.NewReader(string(data)), Page{Name: "fuzz", ContentType: ct}); err == nil && len(art.Text) > 64 {
			t.Fatalf("article of %d bytes over the limit of 64", len(art.Text))
		}
		art, err := ReadHTML(strings.NewReader(string(data)), Page{Name: "fuzz", URL: "https://e.example/a", ContentType: ct})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not *InputError", err)
			}
			return
		}
		if strings.TrimSpace(art.Text) == "" || !utf8.ValidString(art.Text) {
			t.Fatalf("bad text %q", art.Text)
		}
		if s := HTMLText(string(data)); !utf8.ValidString(s) && utf8.Valid(data) {
			t.Fatalf("HTMLText made invalid UTF-8 from valid input")
		}
	})
}

func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/news.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadHTML(strings.NewReader(string(data)), Page{Name: "news.html"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTMLText(b *testing.B) {
	frag := strings.Repeat("<p>Police said on Tuesday that at least 12 people were killed &amp; 40 hurt when a bus overturned near <b>Nakuru</b>.</p>\n", 50)
	b.SetBytes(int64(len(frag)))
	for b.Loop() {
		HTMLText(frag)
	}
}
