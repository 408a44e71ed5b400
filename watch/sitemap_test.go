package watch

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseSitemap(t *testing.T) {
	tests := []struct {
		name, in string
		want     *Sitemap
		err      string
	}{
		{
			name: "news sitemap",
			in: `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url>
  <loc> https://news.example/2024/05/01/talks </loc>
  <lastmod>2024-05-01T09:00:00Z</lastmod>
  <news:news>
   <news:publication><news:name>News</news:name><news:language>en</news:language></news:publication>
   <news:publication_date>2024-05-01T08:30:00+02:00</news:publication_date>
   <news:title>Talks &amp; more talks</news:title>
  </news:news>
 </url>
 <url><loc>javascript:alert(1)</loc></url>
 <url><loc>/relative</loc></url>
 <url><loc>https://news.example/b</loc></url>
</urlset>`,
			want: &Sitemap{URLs: []SitemapURL{
				{Loc: "https://news.example/2024/05/01/talks", Lastmod: "2024-05-01T09:00:00Z", Published: "2024-05-01T08:30:00+02:00", Title: "Talks & more talks"},
				{Loc: "https://news.example/b"},
			}},
		},
		{
			name: "index",
			in: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/s1.xml</loc><lastmod>2024-05-01</lastmod></sitemap>
<sitemap><loc>https://news.example/s2.xml.gz</loc></sitemap></sitemapindex>`,
			want: &Sitemap{Index: true, Sitemaps: []SitemapURL{
				{Loc: "https://news.example/s1.xml", Lastmod: "2024-05-01"},
				{Loc: "https://news.example/s2.xml.gz"},
			}},
		},
		{
			name: "cut short after an entry",
			in:   `<urlset><url><loc>https://a.example/1</loc></url><url><loc>https://a.exa`,
			want: &Sitemap{URLs: []SitemapURL{{Loc: "https://a.example/1"}}},
		},
		{name: "rss", in: `<rss><channel></channel></rss>`, err: "not a sitemap"},
		{name: "empty", in: ``, err: "not a sitemap"},
		{name: "garbage", in: `<<<>>>`, err: "sitemap"},
		{name: "deep", in: "<urlset>" + strings.Repeat("<a>", 40), err: "nested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSitemap([]byte(tt.in), 100)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseSitemapMax(t *testing.T) {
	in := "<urlset>" + strings.Repeat("<url><loc>https://a.example/x</loc></url>", 50) + "</urlset>"
	sm, err := ParseSitemap([]byte(in), 7)
	if err != nil || len(sm.URLs) != 7 {
		t.Fatalf("%v, %d URLs", err, len(sm.URLs))
	}
}

func TestIsSitemap(t *testing.T) {
	for in, want := range map[string]bool{
		`<?xml version="1.0"?><!-- c --><urlset>`:         true,
		`<sm:sitemapindex xmlns:sm="x">`:                  true,
		`<rss version="2.0">`:                             false,
		`{"version": "https://jsonfeed.org/version/1.1"}`: false,
		``: false,
	} {
		if got := isSitemap([]byte(in)); got != want {
			t.Errorf("isSitemap(%q) = %v", in, got)
		}
	}
}

// FuzzParseSitemap checks that no input makes the parser panic or keep
// more entries than asked, or an entry that is not a web address.
func FuzzParseSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>https://a.example/1</loc><news:news><news:title>t</news:title></news:news></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://a.example/s.xml</loc><lastmod>2024</lastmod></sitemap></sitemapindex>`))
	f.Add([]byte(`<urlset><url><loc>https://a.example/&amp;</loc></url><url><url><loc>x</loc></url></url>`))
	f.Add([]byte("<urlset>\x00<url>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sm, err := ParseSitemap(data, 5)
		isSitemap(data)
		if err != nil {
			return
		}
		if n := len(sm.URLs) + len(sm.Sitemaps); n > 5 {
			t.Fatalf("%d entries kept, max 5", n)
		}
		for _, u := range append(sm.URLs, sm.Sitemaps...) {
			if !webURL(u.Loc) {
				t.Fatalf("kept %q", u.Loc)
			}
		}
	})
}

func TestReadFeedList(t *testing.T) {
	in := "# wires\nhttps://a.example/rss.xml\n\n  https://b.example/sitemap.xml 5m  \n"
	got, err := ReadFeedList(strings.NewReader(in), "feeds.txt")
	want := []Feed{{URL: "https://a.example/rss.xml"}, {URL: "https://b.example/sitemap.xml", Interval: 5 * time.Minute}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, %v", got, err)
	}
	for _, bad := range []string{"ftp://x\n", "https://a.example/ soon\n", "https://a.example/ 1m extra\n", "https://a.example/ 10ms\n"} {
		if _, err := ReadFeedList(strings.NewReader(bad), "feeds.txt"); err == nil || !strings.Contains(err.Error(), "feeds.txt:1:") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
